"""Links as a keyboard user and a screen-reader user meet them in a PDF reader, read back from
the file (pypdf): ``pdf/link-tab-stops`` and ``pdf/link-names``.

A PDF reader's Tab key goes from link annotation to link annotation (in structure order, as the
pages say ``/Tabs /S``). A link whose words run over two lines needs an annotation a line; one
that lies inside another annotation of the same link is a second stop on the same words.
WeasyPrint 70 gives every box inside a link an annotation of its own (a contents entry's block,
its title's span, the leader dots, the page number after it): a keyboard user pressed Tab five
times for each entry of the printed contents. The rule: on each page, no link annotation lies
inside another annotation of the same link (the same ``Link`` structure element, found through
the ``ParentTree``; in a PDF without a structure tree, the same target), and every page with
annotations says ``/Tabs /S`` (PDF/UA-1 7.18.3: the Tab key follows the structure tree, the
reading order, not the order the annotations were drawn in).

``pdf/link-names``: no two links described alike (the list of links a reader shows) go to
different places: "appendix 4" went to the appendix and to three quizzes' answers.

Messages name the page and the link: "page 3: link '1. Introduction 5' is 5 tab stops where 1
would do (4 of its link annotations lie inside another)".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from formats.core.contract import Verdict, failed, passed
from formats.core.names import shortened
from formats.outputs.pdf.tag_rules import link_element, parent_tree, text_of, words

if TYPE_CHECKING:
    from formats.outputs.pdf.rules import OpenPdf

SLACK = 1.0  # points: an inline box may stand a little above or below the block of its line


def _corners(annotation: Any) -> tuple[float, float, float, float]:
    """Return an annotation's ``/Rect`` as (left, bottom, right, top)."""
    x1, y1, x2, y2 = (float(value) for value in annotation.get("/Rect", (0, 0, 0, 0)))
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def lies_inside(inner: Any, outer: Any) -> bool:
    """Return True when the area of annotation ``inner`` is within that of ``outer`` (to within
    ``SLACK`` points on each side)."""
    left, bottom, right, top = _corners(outer)
    x1, y1, x2, y2 = _corners(inner)
    return (x1 >= left - SLACK and y1 >= bottom - SLACK and x2 <= right + SLACK
            and y2 <= top + SLACK)


def _target(annotation: Any) -> str:
    """Return where a link annotation goes: its destination or its action, as text."""
    action = annotation.get("/A")
    return str(annotation.get("/Dest") if action is None else action.get_object().get("/URI"))


def extra_stops(annotations: list[Any]) -> int:
    """Return how many of one link's annotations on a page lie inside another of them (of two
    with the same area, the second)."""
    return sum(1 for index, inner in enumerate(annotations)
               if any(lies_inside(inner, outer) and (place < index or not lies_inside(outer, inner))
                      for place, outer in enumerate(annotations) if place != index))


def link_tab_stops(pdf: OpenPdf) -> Verdict:
    """Return whether each link of each page is one tab stop a line (no link annotation lies
    inside another annotation of the same link on its page), in the order of the structure
    tree (``/Tabs /S`` on every page with annotations)."""
    tree = parent_tree(pdf)
    problems, count, links = [], 0, 0
    for index, page in enumerate(pdf.reader.pages):
        held: dict[Any, tuple[Any, list[Any]]] = {}
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            count += 1
            element = tree.get(int(annotation.get("/StructParent", -1)))
            link = link_element(element) if element is not None else None
            key = id(link) if link is not None else _target(annotation)
            held.setdefault(key, (link, []))[1].append(annotation)
        links += len(held)
        if page.get("/Annots") and page.get("/Tabs") != "/S":
            problems.append(f"page {index + 1}: the Tab key does not follow the structure tree "
                            f"(/Tabs is {page.get('/Tabs', 'missing')}, not /S)")
        for link, found in held.values():
            extra = extra_stops(found)
            if extra:
                said = (text_of(pdf, link, index) if link is not None
                        else words(str(found[0].get("/Contents", ""))))
                said = shortened(said)
                problems.append(f"page {index + 1}: link '{said}' is {len(found)} tab "
                                f"stops where {len(found) - extra} would do ({extra} of "
                                "its link annotations lie inside another)")
    if problems:
        return failed(problems)
    return passed(f"{count} link annotations for {links} links (a link counted on each of its "
                  "pages), none inside another of its link: one tab stop a link a line, in the "
                  "structure's order")


def link_names(pdf: OpenPdf) -> Verdict:
    """Return whether no two links described alike (``/Contents``: what a reader's list of
    links shows) go to different places, as ``web/link-names`` asks of a web page."""
    places: dict[str, dict[str, str]] = {}  # description in lower case -> target -> as shown
    for page in pdf.reader.pages:
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            said = words(str(annotation.get("/Contents", "")))
            if annotation.get("/Subtype") == "/Link" and said:
                places.setdefault(said.lower(), {}).setdefault(_target(annotation), said)
    shared = [found for found in places.values() if len(found) > 1]
    if shared:
        return failed([f"links described as '{next(iter(found.values()))}' go to {len(found)} "
                       f"places ({', '.join(found)}): a list of the links cannot tell them apart"
                       for found in shared])
    return passed(f"each of the {len(places)} descriptions of links leads to one place")


LINK_RULES = (("pdf/link-tab-stops", link_tab_stops), ("pdf/link-names", link_names))
