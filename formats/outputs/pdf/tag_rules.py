"""What a screen reader reads of a tagged PDF, read back from the file (pypdf, and PDFium for the
words of each marked-content sequence); the faults a screen-reader reviewer found in what
WeasyPrint 70 wrote, each a rule:

- ``pdf/link-descriptions``: every link annotation is described (``/Contents``, PDF/UA-1
  7.18.5) by the words of its link (the text under its ``Link`` structure element), or by a
  name that begins with them (a link whose words are shared by a link to another place is named
  by where it goes: "appendix 4 (Quiz 2: What should you do?)"), not by its target
  (``#quiz-2``); a link whose words are an address is described by the address;
- ``pdf/artifacts``: every marked-content sequence of every page's content stream is either an
  ``/Artifact`` or has an MCID that the structure tree reaches from its root, and the
  ``ParentTree`` maps that MCID to the element holding it (Matterhorn 01-005): running headers
  and page numbers are artifacts, not text hung on elements outside the tree;
- ``pdf/structure-whole``: an element cut by a page break is one structure element, not one a
  page: every ``Sect`` begins with its heading (when the document is known, there is one
  ``Sect`` a section), and no table is followed by a table that starts on the page after it
  ends (a table cut at a page break, its header row repeated, made two). Lists are judged by
  the source's points (``pdf/lists-whole``, :mod:`formats.outputs.pdf.list_rules`): two lists
  may follow each other over a page break (large print sets each row of a table as a list); a
  paragraph cut in two cannot be told from two paragraphs;
- ``pdf/contents-order``: a link to a page of the PDF that shows that page's number (an entry
  of the printed contents) reads its title before its page number, and no link reads leader
  dots ("........");
- ``pdf/contents-one-link``: every link is one ``Link`` structure element, as a screen reader
  tabs through links: no ``Link`` element holds another, and none reads only the page number
  of the place the ``Link`` before it goes to (WeasyPrint made a contents entry's page number,
  the box after its title, a second link); and every link annotation's object reference
  (``/OBJR``) is a kid of the ``Link`` element itself, not of a span or leader inside it, and
  the ``ParentTree`` maps the annotation to that element (PDF/UA-1 7.18.5, Matterhorn 28-011).

Messages name the page and the thing: "page 3: link 'Quiz 2' is described as '#quiz-2'".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from pypdf.generic import DictionaryObject

from formats.core.contract import Verdict, failed, passed
from formats.core.names import shortened
from formats.outputs.pdf import structure

if TYPE_CHECKING:
    from formats.outputs.pdf.rules import OpenPdf

_MARKED = re.compile(rb"/([A-Za-z0-9_.]+)\s*(<<.*?>>|/[A-Za-z0-9_.]+)?\s*(BDC|BMC)\b", re.S)
_MCID = re.compile(rb"/MCID\s+(\d+)")
_LEADER = re.compile(r"(?:\.\s*){4,}")
_INVISIBLE = str.maketrans("", "", "\u2060\u00ad")
_HEADINGS = ("/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


def words(text: str) -> str:
    """Return ``text`` as read aloud: invisible characters left out, spaces made single."""
    return " ".join(text.translate(_INVISIBLE).split())


def _label(page: int) -> str:
    return f"page {page + 1}" if page >= 0 else "an unknown page"


def text_of(pdf: OpenPdf, element: Any, page: int) -> str:
    """Return the words of the marked content under a structure element, in reading order."""
    texts = pdf.marked_texts()
    found = []
    for node, here in structure.walk(element, pdf.page_index, page=page):
        mcid = node if isinstance(node, int) else node.get("/MCID")
        if mcid is not None and here >= 0:
            found.append(texts.get((here, int(mcid)), ""))
    return words(" ".join(found))


def parent_tree(pdf: OpenPdf) -> dict[int, Any]:
    """Return the structure tree's ``ParentTree`` as a dictionary: key -> value (an element
    for an annotation's ``/StructParent``, an array of elements by MCID for a page's)."""
    root = structure.tree_root(pdf.reader)
    found: dict[int, Any] = {}
    stack = [root.get("/ParentTree")] if root is not None else []
    while stack:
        node = stack.pop()
        node = node.get_object() if node is not None else None
        if not isinstance(node, dict):
            continue
        nums = list(node.get("/Nums", []))
        pairs = zip(nums[::2], nums[1::2], strict=False)
        found.update((int(key), value.get_object()) for key, value in pairs)
        stack.extend(node.get("/Kids", []))
    return found


def _reached(pdf: OpenPdf) -> tuple[set[tuple[int, int]], set[int]]:
    """Return the (page index, MCID) pairs the tree reaches from its root, and the ids of the
    Python objects of the elements it reaches (pypdf gives one object to one PDF object)."""
    marks: set[tuple[int, int]] = set()
    elements: set[int] = set()
    root = structure.tree_root(pdf.reader)
    for node, page in structure.walk(root, pdf.page_index) if root is not None else ():
        if isinstance(node, int):
            marks.add((page, node))
        elif "/MCID" in node:
            marks.add((page, int(node["/MCID"])))
        elif "/S" in node:
            elements.add(id(node))
    return marks, elements


def link_element(element: Any) -> Any:
    """Return the nearest ``Link`` element at or above ``element`` (a span inside a link has
    an annotation too), or ``element`` when there is none."""
    node = element
    while isinstance(node, dict) and node.get("/S") != "/Link" and "/P" in node:
        node = node["/P"].get_object()
    return node if isinstance(node, dict) and node.get("/S") == "/Link" else element


def _link_references(pdf: OpenPdf) -> Iterator[tuple[int, Any]]:
    """Yield the reference to every link annotation with its page index."""
    for index, page in enumerate(pdf.reader.pages):
        for reference in page.get("/Annots") or []:
            if reference.get_object().get("/Subtype") == "/Link":
                yield index, reference


def _link_annotations(pdf: OpenPdf) -> Iterator[tuple[int, Any]]:
    """Yield every link annotation with its page index."""
    for index, reference in _link_references(pdf):
        yield index, reference.get_object()


def link_descriptions(pdf: OpenPdf) -> Verdict:
    """Return whether every link annotation is described by the words of its link."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    tree = parent_tree(pdf)
    problems, count, named = [], 0, 0
    for page, annotation in _link_annotations(pdf):
        count += 1
        description = words(str(annotation.get("/Contents", "")))
        element = tree.get(int(annotation.get("/StructParent", -1)))
        if element is None:
            problems.append(f"{_label(page)}: link described as '{shortened(description)}' is not "
                            "in the structure tree")
            continue
        said = text_of(pdf, link_element(element), page)
        if not description:
            problems.append(f"{_label(page)}: link '{shortened(said)}' has no description")
        elif said and not _begins_with(description, said):
            problems.append(f"{_label(page)}: link '{shortened(said)}' is described as "
                            f"'{shortened(description)}'")
        elif said and description.replace(" ", "") != said.replace(" ", ""):
            named += 1
    if problems:
        return failed(problems)
    return passed(f"each of the {count} link annotations is described by its link's words"
                  + (f" ({named} by a name that begins with them and says where the link goes)"
                     if named else ""))


def _begins_with(description: str, said: str) -> bool:
    """Return True when ``description`` is the words ``said``, or a name beginning with them
    (in any case; spaces aside): a link named by where it goes keeps its words first."""
    return description.replace(" ", "").lower().startswith(said.replace(" ", "").lower())


def _sequences(page: Any) -> Iterator[tuple[str, int | None]]:
    """Yield the tag and MCID (None when it has none) of every marked-content sequence begun in
    a page's content stream."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, list) else [contents] if contents else []
    data = b"\n".join(stream.get_object().get_data() for stream in streams)
    for match in _MARKED.finditer(data):
        mcid = _MCID.search(match.group(2) or b"")
        yield match.group(1).decode("latin-1"), int(mcid.group(1)) if mcid else None


def artifacts(pdf: OpenPdf) -> Verdict:
    """Return whether every marked-content sequence is an artifact or reached by the tree (its
    MCID mapped by the ``ParentTree`` to the element holding it)."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    reached, elements = _reached(pdf)
    tree = parent_tree(pdf)
    texts = pdf.marked_texts()
    problems, counts = [], {"artifact": 0, "tagged": 0}
    for index, page in enumerate(pdf.reader.pages):
        by_mcid = tree.get(int(page.get("/StructParents", -1)))
        by_mcid = list(by_mcid) if isinstance(by_mcid, list) else []
        for tag, mcid in _sequences(page):
            if tag == "Artifact":
                counts["artifact"] += 1
                continue
            counts["tagged"] += 1
            what = f"{_label(index)}: marked content /{tag}"
            if mcid is None:
                problems.append(f"{what} has no MCID and is not an artifact")
            elif (index, mcid) not in reached:
                said = shortened(words(texts.get((index, mcid), "")))
                problems.append(f"{what} MCID {mcid} '{said}' is neither in the structure "
                                "tree nor an artifact")
            elif mcid >= len(by_mcid) or id(_object(by_mcid[mcid])) not in elements:
                problems.append(f"{what} MCID {mcid} is not mapped by the ParentTree to an "
                                "element of the tree")
    if problems:
        return failed(problems)
    return passed(f"{counts['tagged']} marked-content sequences are in the structure tree, "
                  f"{counts['artifact']} are artifacts")


def _object(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def element_kids(element: Any) -> list[Any]:
    """Return the kids of a structure element that are elements, in order."""
    kids = [_object(kid) for kid in structure.kids(element)]
    return [kid for kid in kids if isinstance(kid, dict) and "/S" in kid]


def pages_of(pdf: OpenPdf, element: Any, page: int) -> list[int]:
    """Return the pages of the marked content under ``element``, in reading order."""
    return [here for node, here in structure.walk(element, pdf.page_index, page=page)
            if isinstance(node, int) or (isinstance(node, dict) and "/MCID" in node)]


def structure_whole(pdf: OpenPdf) -> Verdict:
    """Return whether no section or table is cut into two structure elements."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    problems, sects = [], 0
    for element, page in pdf.elements():
        kind = element["/S"]
        if kind == "/Sect":
            sects += 1
            kids = element_kids(element)
            if not kids or kids[0].get("/S") not in _HEADINGS:
                problems.append(f"{_label(page)}: Sect '{shortened(text_of(pdf, element, page))}' "
                                "does not begin with a heading (a section cut at a page break)")
        for one, other in pairwise(element_kids(element)):
            if one["/S"] != "/Table" or other["/S"] != "/Table":
                continue
            ends, starts = pages_of(pdf, one, page), pages_of(pdf, other, page)
            if ends and starts and starts[0] == ends[-1] + 1:
                problems.append(f"{_label(starts[0])}: {str(other['/S'])[1:]} "
                                f"'{shortened(text_of(pdf, other, page))}' goes on from the one "
                                f"on {_label(ends[-1])} (cut at a page break)")
    document = pdf.document
    sections = len(list(document.sections())) if document is not None else None
    if sections is not None and sects != sections:
        problems.insert(0, f"{sects} Sect elements for the document's {sections} sections")
    if problems:
        return failed(problems)
    return passed(f"{sects} Sect elements" + (", one a section" if sections else "")
                  + "; no table goes on in another")


def _destination_page(pdf: OpenPdf, annotation: Any) -> int | None:
    """Return the page index an internal link goes to, or None."""
    name = annotation.get("/Dest")
    if name is None:
        return None
    destination = pdf.reader.named_destinations.get(str(name)) if not isinstance(
        name, list) else None
    page = getattr(destination, "page", None) if destination is not None else (
        _object(name)[0] if isinstance(name, list) else None)
    number = getattr(page, "idnum", None)
    return pdf.page_index.get(number) if number is not None else None


def contents_order(pdf: OpenPdf) -> Verdict:
    """Return whether every link showing the number of the page it goes to reads its title
    first, and no link reads leader dots."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    tree = parent_tree(pdf)
    labels = list(pdf.reader.page_labels)
    problems, entries, seen = [], 0, set()
    for page, annotation in _link_annotations(pdf):
        element = tree.get(int(annotation.get("/StructParent", -1)))
        link = link_element(element) if element is not None else None
        if link is None or id(link) in seen:
            continue
        seen.add(id(link))
        said = text_of(pdf, link, page)
        if _LEADER.search(said):
            problems.append(f"{_label(page)}: link '{shortened(said)}' reads leader dots")
        target = _destination_page(pdf, annotation)
        number = labels[target] if target is not None and target < len(labels) else None
        read = said.split()
        if number is None or number not in read or len(read) < 2:
            continue
        entries += 1
        if read[0] == number and read[-1] != number:
            problems.append(f"{_label(page)}: contents entry '{shortened(' '.join(read[1:]))}' "
                            f"reads its page number {number} before its title")
    if problems:
        return failed(problems)
    return passed(f"{entries} links showing their page number read it after their title; no "
                  "link reads leader dots")


def _page_words(said: str, number: str) -> bool:
    """Return True when ``said`` is only the page number ``number`` ("5", "page 5")."""
    return re.fullmatch(rf"(?:page\s+)?{re.escape(number)}", said, re.IGNORECASE) is not None


def _undotted(said: str) -> str:
    """Return words without leader dots."""
    return words(_LEADER.sub(" ", said))


def _title(said: str, number: str) -> str:
    """Return the words of a contents entry without its leader dots and its page number (last,
    "5" or "page 5", or first, as the contents once read)."""
    read = _undotted(said).split()
    if len(read) > 1 and read[-1] == number:
        read = read[:-2] if len(read) > 2 and read[-2].lower() == "page" else read[:-1]
    elif len(read) > 1 and read[0] == number:
        read = read[1:]
    return " ".join(read)


def _objr_annotation(node: Any) -> int | None:
    """Return the object number of the annotation an object reference (``/OBJR``) refers to, or
    None when ``node`` is not one."""
    found = _object(node)
    if not isinstance(found, DictionaryObject) or found.get("/Type") != "/OBJR":
        return None
    return getattr(found.raw_get("/Obj"), "idnum", None)  # the reference, not the annotation


def _first_annotation(pdf: OpenPdf, element: Any) -> Any | None:
    """Return the first link annotation under ``element``, or None."""
    for node, _ in structure.walk(element, pdf.page_index):
        if isinstance(node, dict) and node.get("/Type") == "/OBJR":
            return node["/Obj"].get_object()
    return None


def _links_whole(pdf: OpenPdf, labels: list[str]) -> tuple[list[str], int]:
    """Return the problems of the ``Link`` elements (a page number made a link of its own, one
    held in another) and the number of links whose words end with their page's number."""
    problems, entries = [], 0
    previous: tuple[int | None, str] = (None, "")  # the last Link's target page, its words
    for element, page in pdf.elements():
        if element["/S"] != "/Link":
            continue
        said = _undotted(text_of(pdf, element, page)) or text_of(pdf, element, page)
        annotation = _first_annotation(pdf, element)
        target = _destination_page(pdf, annotation) if annotation is not None else None
        number = labels[target] if target is not None and target < len(labels) else None
        outer = link_element(element["/P"].get_object()) if "/P" in element else None
        if number is not None and target == previous[0] and _page_words(said, number):
            problems.append(f"{_label(page)}: contents entry "
                            f"'{shortened(_title(previous[1], number))}' has its page number "
                            f"{number} as a link of its own")
        elif outer is not None and outer.get("/S") == "/Link":
            problems.append(f"{_label(page)}: link '{shortened(said)}' is a Link element inside "
                            f"link '{shortened(_undotted(text_of(pdf, outer, page)))}'")
        elif number is not None and said.split()[-1:] == [number] and len(said.split()) > 1:
            entries += 1  # its words end with the number of the page it goes to
        previous = (target, said)
    return problems, entries


def _annotations_held(pdf: OpenPdf) -> tuple[list[str], int]:
    """Return the problems of the link annotations (an object reference under another element
    than a ``Link``, or not where the ``ParentTree`` says) and how many there are."""
    holders: dict[int, Any] = {}  # annotation object number -> the element holding its OBJR
    for element, _ in pdf.elements():
        for kid in structure.kids(element):
            number = _objr_annotation(kid)
            if number is not None:
                holders.setdefault(number, element)
    tree = parent_tree(pdf)
    problems, count = [], 0
    for page, reference in _link_references(pdf):
        count += 1
        annotation = reference.get_object()
        holder = holders.get(getattr(reference, "idnum", -1))
        if holder is None:
            problems.append(f"{_label(page)}: link annotation described as "
                            f"'{shortened(words(str(annotation.get('/Contents', ''))))}' is not "
                            "in the structure tree")
            continue
        said = shortened(_undotted(text_of(pdf, link_element(holder), page)))
        if holder.get("/S") != "/Link":
            problems.append(f"{_label(page)}: a link annotation of '{said}' is under a "
                            f"{str(holder.get('/S'))[1:]} element, not directly under its "
                            "Link element")
        elif tree.get(int(annotation.get("/StructParent", -1))) is not holder:
            problems.append(f"{_label(page)}: a link annotation of '{said}' is not mapped by "
                            "the ParentTree to the Link element holding it")
    return problems, count


def contents_one_link(pdf: OpenPdf) -> Verdict:
    """Return whether every link is one ``Link`` element (a contents entry's page number is
    not a link of its own) holding its link annotations' object references as its own kids,
    the ``ParentTree`` mapping each annotation to it."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    problems, entries = _links_whole(pdf, list(pdf.reader.page_labels))
    held, count = _annotations_held(pdf)
    problems = list(dict.fromkeys(problems + held))  # a link's annotations under one span: once
    if problems:
        return failed(problems)
    return passed(f"{entries} links ending with their page number (contents entries) are one "
                  f"Link element each; each of the {count} link annotations is a kid of its Link "
                  "element")


TAG_RULES: tuple[tuple[str, Callable[[OpenPdf], Verdict]], ...] = (
    ("pdf/link-descriptions", link_descriptions), ("pdf/artifacts", artifacts),
    ("pdf/structure-whole", structure_whole), ("pdf/contents-order", contents_order),
    ("pdf/contents-one-link", contents_one_link))
