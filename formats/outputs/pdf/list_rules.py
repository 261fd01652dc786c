"""Lists as a screen reader meets them in a tagged PDF, read back from the file (pypdf):
``pdf/lists-whole`` and ``pdf/lists-in-points``.

A screen reader says how many points a list has as it enters it ("list with 8 items") and lets
its reader skip to the end of it. WeasyPrint 70 makes an element that runs over a page break
one structure element a page, so a list cut by a page break became two lists (the tagging
merges the pieces again: :mod:`formats.outputs.pdf.tagging`); ``pdf/structure-whole`` judges
sections and tables so, but two lists may rightly follow each other over a page break (large
print sets each row of a table as a list), so the PDF alone cannot tell a cut list. The source
can: ``pdf/lists-whole`` fails a list element (``L``) whose first point (the ``LBody`` of its
first ``LI``) begins with the words of a point of the document's lists that is not the first of
its list, and no list's first point begins so: the list was cut before it. A list element whose
first point is no point of the document's lists (the printed contents, large print's table
rows, a checklist) is not judged; without the document, no list is.

Messages name the page and the list: "page 5: list 'the people who use the service' begins with
point 4 of its list (cut at a page break)".

``pdf/lists-in-points``: a list point (``LI``) holds its label (``Lbl``) and its body
(``LBody``) only, and a list inside a point is in that point's body, not a kid of the outer
list after the point (WeasyPrint 70 tags both so; the tagging mends them:
:mod:`formats.outputs.pdf.list_tagging`): "page 9: list 'Who will be involved?' is a kid of
the list around it, not of the point it belongs to".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from formats.core.addresses import nodes_in
from formats.core.contract import Verdict, failed, passed
from formats.core.model import BulletList, Document, Paragraph
from formats.core.names import shortened
from formats.core.text import inline_text
from formats.outputs.pdf import structure
from formats.outputs.pdf.tag_rules import element_kids, pages_of, text_of

if TYPE_CHECKING:
    from formats.outputs.pdf.rules import OpenPdf

KEY_LENGTH = 40  # letters and digits of a point's first words compared
_NOT_WORDS = re.compile(r"[^0-9a-z]+")


def key(text: str) -> str:
    """Return the first ``KEY_LENGTH`` letters and digits of ``text``, in lower case: a point's
    words as a PDF's text and the source's are compared (spaces, punctuation and typographic
    quotes may differ)."""
    return _NOT_WORDS.sub("", text.lower())[:KEY_LENGTH]


def point_places(document: Document) -> dict[str, set[int]]:
    """Return, by :func:`key` of its first paragraph's words, the places (0 for the first) that
    each point of the document's lists has in its list; a point beginning with no paragraph, or
    with too few words to tell it (under 12 letters and digits), is left out."""
    places: dict[str, set[int]] = {}
    for section in document.sections():
        for found in nodes_in(section.blocks, BulletList):
            for place, item in enumerate(found.items):
                first = item.blocks[0] if item.blocks else None
                said = key(inline_text(first.content)) if isinstance(first, Paragraph) else ""
                if len(said) >= 12:
                    places.setdefault(said, set()).add(place)
    return places


def _first_point(element: Any) -> Any | None:
    """Return the ``LBody`` of a list element's first ``LI`` (the ``LI`` when it has none), or
    None for a list without points."""
    item = next((kid for kid in element_kids(element) if kid["/S"] == "/LI"), None)
    if item is None:
        return None
    return next((kid for kid in element_kids(item) if kid["/S"] == "/LBody"), item)


def _page_number(pdf: OpenPdf, element: Any, page: int) -> int:
    """Return the 1-based page where an element's marked content begins (else ``page``'s)."""
    return next(iter(pages_of(pdf, element, page)), page) + 1


def lists_whole(pdf: OpenPdf) -> Verdict:
    """Return whether every list element of the PDF whose first point is a point of the
    document's lists begins with the first point of a list (no list cut at a page break)."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    if pdf.document is None:
        return Verdict(False, "the lists cannot be judged without the document")
    places = point_places(pdf.document)
    problems, judged = [], 0
    for element, page in pdf.elements():
        first = _first_point(element) if element["/S"] == "/L" else None
        said = text_of(pdf, first, page) if first is not None else ""
        found = places.get(key(said)) if said else None
        if found is None:
            continue
        judged += 1
        if 0 not in found:
            shown = shortened(said)
            where = _page_number(pdf, first, page)
            problems.append(f"page {where}: list '{shown}' begins with point "
                            f"{min(found) + 1} of its list (cut at a page break)")
    if problems:
        return failed(problems)
    return passed(f"lists of the document's points: {judged}, each beginning with the first "
                  "point of a list")


def lists_in_points(pdf: OpenPdf) -> Verdict:
    """Return whether every list point holds only its label and its body, and no list is a kid
    of a list (a list inside a point is in the point's body)."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    problems, points, inner = [], 0, 0
    for element, page in pdf.elements():
        kind = element["/S"]
        if kind not in ("/L", "/LI"):
            continue
        kids = element_kids(element)
        for kid in kids if kind == "/L" else []:
            if kid["/S"] == "/L":
                where = _page_number(pdf, kid, page)
                problems.append(f"page {where}: list '{shortened(text_of(pdf, kid, page))}' is "
                                "a kid of the list around it, not of the point it belongs to")
        beside = [kid["/S"][1:] for kid in kids if kid["/S"] not in ("/Lbl", "/LBody")]
        if kind == "/LI" and beside:
            where = _page_number(pdf, element, page)
            problems.append(f"page {where}: list point '{shortened(text_of(pdf, element, page))}'"
                            f" has {', '.join(beside)} beside its label, not in its body")
        points += kind == "/LI"
        inner += kind == "/L" and element.get("/P", {}).get("/S") == "/LBody"
    if problems:
        return failed(problems)
    return passed(f"{points} list points, each holding its label and body only; {inner} lists "
                  "inside a point, each in its body")


LIST_RULES = (("pdf/lists-whole", lists_whole), ("pdf/lists-in-points", lists_in_points))
