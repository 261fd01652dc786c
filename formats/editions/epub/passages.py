"""Ids for every element of a content document that shows a passage, for media overlays.

The chapter template gives the block macros each block's passage ref
(:mod:`formats.core.passages`: "what-is-it/b3/i2", the second point of the list that is the
section's third block), and they mark each element that shows a passage with ``data-ref``.
Here the marks become ids: an element that has an id keeps it (a quiz's heading, a form's
question), any other gets its ref with dots for slashes ("what-is-it.b3.i2"; section ids are
slugs, so a dot never clashes with one).
"""

from __future__ import annotations

from lxml import etree

MARK = "data-ref"  # the attribute the block macros put on an element that shows a passage


def passage_id(ref: str) -> str:
    """Return the element id of a passage ref ("a/b3/i2" -> "a.b3.i2")."""
    return ref.replace("/", ".")


def mark_passages(root: etree._Element) -> dict[str, str]:
    """Give every element of a content document that shows a passage an id, take the marks
    away, and return the passages found: {ref: element id}, in document order."""
    found: dict[str, str] = {}
    for node in root.iter():
        if not isinstance(node.tag, str) or MARK not in node.attrib:
            continue
        ref = str(node.attrib.pop(MARK))
        if not node.get("id"):
            node.set("id", passage_id(ref))
        found[ref] = str(node.get("id"))
    return found
