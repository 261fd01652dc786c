"""Ids for every passage-sized element of a content document, so that media overlays can point
at them later without the documents being laid out again.

A stand-in until :mod:`formats.core.passages` lands: a passage's ref is its section id, then
the path to it through the section's blocks ("what-is-it/b3/i2": the third point of the list
that is the section's fourth block), and an element's id is its ref with dots for slashes
("what-is-it.b3.i2"; section ids are slugs, so a dot never clashes with one). The heading of a
section is ``<id>/h``. Inside a block, its passage-sized elements are numbered in document
order by kind: ``i`` list items, ``r`` table rows (``r0`` the header row), ``p`` paragraphs,
``e`` any other (captions, terms, definitions, legends, labels, box headings). When the core
module lands, :func:`passage_id` maps its refs to these ids, or this module goes and the
template writes its ids directly.
"""

from __future__ import annotations

from lxml import etree

from formats.outputs.epub.xhtml import x

MARK = "data-passage"  # the attribute the template puts on each block's wrapper: "b3"
_KINDS = {x("li"): "i", x("tr"): "r", x("p"): "p"}
_OTHERS = {x(tag) for tag in ("caption", "figcaption", "dt", "dd", "legend", "label", "h2",
                              "h3", "h4", "h5", "h6", "blockquote")}
_HEADINGS = {x(f"h{level}") for level in range(1, 7)}
_SECTION = x("section")


def passage_id(ref: str) -> str:
    """Return the element id of a passage ref ("a/b3/i2" -> "a.b3.i2")."""
    return ref.replace("/", ".")


def _section_of(node: etree._Element) -> etree._Element | None:
    return next(node.iterancestors(_SECTION), None)


def mark_passages(root: etree._Element) -> None:
    """Give every passage-sized element of a content document its id (see the module), and
    take the template's wrappers away where they wrap a single element."""
    for section in root.iter(_SECTION):
        heading = next((child for child in section if child.tag in _HEADINGS), None)
        if heading is not None and not heading.get("id"):
            heading.set("id", passage_id(f"{section.get('id')}/h"))
    for wrapper in list(root.iter(x("div"))):
        mark = wrapper.get(MARK)
        if mark is None:
            continue
        del wrapper.attrib[MARK]
        owner = _section_of(wrapper)
        ref = f"{owner.get('id') if owner is not None else ''}/{mark}"
        block = _unwrapped(wrapper, passage_id(ref))
        _number_inside(block, ref)


def _unwrapped(wrapper: etree._Element, element_id: str) -> etree._Element:
    """Return the element that holds a block, named ``element_id``: the wrapper's only
    element, put in the wrapper's place, or the wrapper itself when it holds more than one
    element or loose text, or when its element has an id of its own (a quiz)."""
    children = [child for child in wrapper if isinstance(child.tag, str)]
    loose = (wrapper.text or "").strip() or any((child.tail or "").strip()
                                                for child in children)
    parent = wrapper.getparent()
    if len(children) != 1 or loose or children[0].get("id") or parent is None:
        wrapper.set("id", element_id)
        return wrapper
    only = children[0]
    only.set("id", element_id)
    only.tail = wrapper.tail
    parent.replace(wrapper, only)
    return only


def _number_inside(block: etree._Element, ref: str) -> None:
    """Give the passage-sized elements inside ``block`` (not itself) that have no id yet
    their ids, numbered in document order by kind."""
    counts: dict[str, int] = {}
    for node in block.iterdescendants():
        if not isinstance(node.tag, str) or node.get("id"):
            continue
        kind = _KINDS.get(node.tag) or ("e" if node.tag in _OTHERS else "")
        if not kind:
            continue
        number = counts.get(kind, 0)
        counts[kind] = number + 1
        node.set("id", passage_id(f"{ref}/{kind}{number}"))
