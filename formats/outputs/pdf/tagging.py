"""WeasyPrint 70's structure tree, mended while it is built: what a screen reader reads of a PDF,
and where a keyboard user's Tab key stops.

WeasyPrint tags a PDF page by page (``weasyprint.pdf.tags``); a screen-reader reviewer of our
PDFs found the first five faults in what it makes, and trying its contents with the Tab key the
sixth:

- a link annotation's description (``/Contents``, PDF/UA-1 7.18.5) is its target
  (``#quiz-2``, a web address), not its words: here it is the words of the link, as printed;
- the running headers and footers (CSS margin boxes) are marked content with MCIDs whose
  structure elements are never linked into the tree: here they are artifacts
  (``/Artifact <</Type /Pagination>> BDC``) with no element and no ``ParentTree`` entry;
- an element that runs over a page break becomes one structure element a page (156 ``Sect``
  for 68 sections): here the piece on the next page is merged into the element of the page
  before, as is the next piece of a link or a span broken over lines; a table's header row
  repeated on the next page is an artifact, its cells still the headers of that page's cells;
- leader dots (``leader(".")`` in the printed contents) are read as text: here they are
  artifacts (``/Layout``);
- a link is several ``Link`` elements and its annotations hang under its spans: the page
  number of a contents entry (``a::after``, a box of its own) is a second link, so a reader
  tabbing through the contents hears each entry twice, and the object references (``/OBJR``)
  of the annotations of the title's span and leader dots are under those, not under the
  ``Link`` (PDF/UA-1, Matterhorn 28-011): here a ``Link`` element inside a link is dissolved
  into it and every link annotation's reference is a kid of its ``Link`` element (the
  annotations themselves stay: clicking the page number still goes to the page);
- every box inside a link has a link annotation of its own, each inside the first (a contents
  entry's block, its title's span, the leader dots, the page number): a keyboard user tabbed
  five times through each contents entry (a PDF reader's Tab key goes from annotation to
  annotation): here an annotation that lies inside another of the same link on its page is
  dropped, and the one left covers its area (a link over two lines keeps one a line).

:func:`install_tagger` wraps WeasyPrint's ``add_tags`` and its recursive ``_build_box_tree``
(looked up by name at each recursion, so every box passes through :class:`_Tagging`), once
per process (WeasyPrint's own ``add_tags`` is kept as the wrapper's ``__wrapped__``: a test
puts it back to write a PDF as WeasyPrint tags it). WeasyPrint is pinned at 70.0: another
version is refused (RuntimeError), since the wrapper leans on how that version builds the tree.
The work is done on the pydyf objects before the file is written (no second read or write),
in the order of the boxes, so the same document gives the same bytes. The check reads the
result back (:mod:`formats.outputs.pdf.tag_rules`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

PINNED = "70.0"
PAGINATION = "/Pagination"  # running headers, footers, a table header row repeated
LAYOUT = "/Layout"  # leader dots
_INVISIBLE = str.maketrans("", "", "\u2060\u00ad")  # word joiner, soft hyphen: no glyph
_local = threading.local()
_installing = threading.Lock()
_SLACK = 1.0  # points: an inline box may stand a little above or below its line's block
_MARK = "_toolkit_tagger"  # set on weasyprint.pdf.tags once the tagger is installed


def install_tagger() -> None:
    """Make WeasyPrint's PDF tagging mend the tree as described above (once per process; a
    later call does nothing). Raises RuntimeError when WeasyPrint is not the pinned version."""
    import weasyprint
    import weasyprint.pdf
    from weasyprint.pdf import tags

    with _installing:
        if not getattr(tags, _MARK, False):
            _install(weasyprint, tags)


def _install(weasyprint: Any, tags: Any) -> None:
    """Wrap ``weasyprint.pdf.add_tags`` and ``tags._build_box_tree`` (see the module); raises
    RuntimeError when WeasyPrint is not the pinned version."""
    if weasyprint.__version__ != PINNED:
        raise RuntimeError(f"formats.outputs.pdf.tagging mends WeasyPrint {PINNED}'s tagging; "
                           f"WeasyPrint {weasyprint.__version__} is installed")
    original_add, original_build = tags.add_tags, tags._build_box_tree

    def add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: list[Any]) -> None:
        tagging = _local.tagging = _Tagging(pdf, page_streams)
        try:
            original_add(pdf, document, pdf_version, page_streams)
        finally:
            _local.tagging = None
        tagging.finish()

    def build_box_tree(box: Any, *arguments: Any) -> Iterator[Any]:
        tagging = getattr(_local, "tagging", None)
        if tagging is None:
            return original_build(box, *arguments)
        return tagging.build(original_build, box, *arguments)

    add_tags.__wrapped__ = original_add  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree
    weasyprint.pdf.add_tags = add_tags
    setattr(tags, _MARK, True)


class _Tagging:
    """What one render's tagging remembers: where each structure element comes from (the HTML
    element, its pseudo-element and tag), the words of each link, the artifacts of each page,
    the header cells and their stand-ins in repeated header rows."""

    def __init__(self, pdf: Any, page_streams: list[Any]) -> None:
        self.pdf = pdf
        self.page_streams = page_streams
        self.origin: dict[int, tuple[Any, str, str]] = {}
        self.link_words: dict[int, list[str]] = {}
        self.artifacts: dict[int, dict[int, str]] = {}
        self.groups: set[Any] = set()  # the header and footer row groups tagged once
        self.headers: dict[Any, Any] = {}  # a <th> HTML element -> its TH structure element
        self.stand_ins: list[tuple[Any, Any]] = []  # (stand-in, TH) of repeated header cells
        self.annotations: list[tuple[bytes, Any]] = []

    def build(self, original: Callable[..., Iterator[Any]], box: Any, parent: Any, pdf: Any,
              page: int, nums: dict[int, Any], annotations: list[Any], tags: dict[Any, Any]
              ) -> Iterator[Any]:
        """Yield what WeasyPrint's ``original`` yields for ``box``, less artifacts and the
        elements merged into the element before them."""
        from weasyprint.formatting_structure import boxes

        self.annotations = annotations
        real = _real(box)
        if isinstance(real, boxes.MarginBox):
            self.artifact(real, page, tags, PAGINATION)
            return
        if real.is_leader:
            self.artifact(real, page, tags, LAYOUT)
            self.keep_annotations(real, parent, page)
            return
        if getattr(real, "is_header", False) or getattr(real, "is_footer", False):
            if real.element in self.groups:
                self.repeated(real, page, tags)
                return
            self.groups.add(real.element)
        for element in original(box, parent, pdf, page, nums, annotations, tags):
            self.remember(real, element)
            if element["S"] == "/Link":
                self.make_one_link(element, nums)
            previous = self.last_element(parent)
            if previous is not None and self.same(previous, element):
                self.merge(previous, element, nums)
            else:
                yield element
        if isinstance(real, boxes.PageBox):
            one_annotation_a_line(self.pdf, self.annotations, page)
            self.end_page(page, nums)

    def remember(self, box: Any, element: Any) -> None:
        """Note where a structure element comes from, and the words of a link."""
        if element.number in self.origin or box.element is None:
            return
        self.origin[element.number] = (box.element, box.element_tag, element["S"])
        if element["S"] == "/Link":
            self.link_words[element.number] = [" ".join(_words(box))]
        elif element["S"] == "/TH":
            self.headers[box.element] = element

    def same(self, one: Any, other: Any) -> bool:
        """Return True when two structure elements come from the same HTML element."""
        found = self.origin.get(one.number)
        return found is not None and found == self.origin.get(other.number)

    def element(self, kid: Any) -> Any | None:
        """Return the structure element a kid (``b"12 0 R"``) refers to, or None."""
        if not isinstance(kid, bytes):
            return None
        found = self.pdf.objects[int(kid.split()[0])]
        return found if isinstance(found, dict) and found.get("Type") == "/StructElem" else None

    def last_element(self, parent: Any) -> Any | None:
        """Return the last kid of ``parent`` when it is a structure element, else None."""
        kids = parent.get("K")
        return self.element(kids[-1]) if kids else None

    def merge(self, old: Any, new: Any, nums: dict[int, Any]) -> None:
        """Move the kids of ``new`` (made on this page) into ``old``, the element made before
        from the same HTML element; its first kids continue the last kids of ``old`` when they
        come from the same HTML elements, in the same order (a list point and the list inside it
        that WeasyPrint tags after it, both going on over the page: each piece joins its own
        element). ``new`` is left empty, referred to by nothing."""
        import pydyf

        kids = list(new["K"])
        going_on = continued(self, list(old["K"]), kids)
        for earlier, later in going_on:
            self.merge(earlier, later, nums)
        kids = kids[len(going_on):]
        for kid in kids:
            moved = kid
            if isinstance(kid, int):
                nums[kid] = old.reference
                if old.get("Pg") != new.get("Pg"):  # a bare MCID is on its element's page
                    moved = pydyf.Dictionary({"Type": "/MCR", "Pg": new["Pg"], "MCID": kid})
            elif (element := self.element(kid)) is not None:
                element["P"] = old.reference
            old["K"].append(moved)
        if any(isinstance(kid, bytes) and self.pdf.objects[int(kid.split()[0])].get("Type")
               == "/OBJR" for kid in kids):  # its link annotations are now the old one's
            for index, (reference, annotation) in enumerate(self.annotations):
                if reference == new.reference:
                    self.annotations[index] = (old.reference, annotation)
        if new.number in self.link_words:
            self.link_words.setdefault(old.number, []).extend(self.link_words.pop(new.number))
        new.clear()

    def make_one_link(self, link: Any, nums: dict[int, Any]) -> None:
        """Make ``link`` (made on this page) one link to a screen reader: a ``Link`` element
        inside it (a contents entry's page number, the box after its title) is dissolved into
        the element holding it, and the object references (``/OBJR``) of the link annotations
        of the boxes inside it (the title's span, the leader dots) become kids of ``link``
        itself, each before the kid it was under; an element left empty is dropped. The
        annotations are then ``link``'s, described by its words."""
        moved: list[bytes] = []  # the references of the annotations now held by ``link``
        link["K"][:] = self.gathered(link, link, link, nums, moved, [])
        if moved:
            for index, (_, annotation) in enumerate(self.annotations):
                if annotation.reference in moved:
                    self.annotations[index] = (link.reference, annotation)

    def gathered(self, node: Any, holder: Any, link: Any, nums: dict[int, Any],
                 moved: list[bytes], lifted: list[Any]) -> list[Any]:
        """Return the kids that ``holder`` (``link`` or an element under it) keeps of those of
        ``node`` (``holder``, or a ``Link`` element dissolved into it): the kids of a ``Link``
        element in its place, the object references of link annotations only when ``holder``
        is ``link`` (else they are appended to ``lifted``, for ``link``), an element only when
        it keeps a kid. The annotations of those references are appended to ``moved``."""
        kept: list[Any] = []
        for kid in node["K"]:
            found = self.pdf.objects[int(kid.split()[0])] if isinstance(kid, bytes) else kid
            kind = found.get("Type") if isinstance(found, dict) else None
            if kind == "/OBJR" and self.pdf.objects[int(found["Obj"].split()[0])].get(
                    "Subtype") == "/Link":
                moved.append(found["Obj"])
                (kept if holder is link else lifted).append(kid)
            elif kind == "/StructElem" and found["S"] == "/Link":
                kept.extend(self.gathered(found, holder, link, nums, moved, lifted))
                self.link_words.pop(found.number, None)
                found.clear()  # referred to by nothing now, as a merged element
            elif kind == "/StructElem":
                before: list[Any] = []
                found["K"][:] = self.gathered(found, found, link, nums, moved,
                                              before if holder is link else lifted)
                kept.extend(before)
                if found["K"]:
                    found["P"] = holder.reference
                    kept.append(kid)
                else:
                    found.clear()
            else:  # an MCID, a marked-content reference, a widget's object reference
                if isinstance(kid, int) and node is not holder:
                    nums[kid] = holder.reference
                kept.append(kid)
        return kept

    def artifact(self, box: Any, page: int, tags: dict[Any, Any], kind: str) -> None:
        """Make everything drawn for ``box`` an artifact of ``kind`` on the page."""
        found = self.artifacts.setdefault(page, {})
        for descendant in _descendants(box):
            tag = tags.pop(descendant, None)
            if tag is not None:
                found[tag["mcid"]] = kind

    def keep_annotations(self, box: Any, parent: Any, page: int) -> None:
        """Put the link annotations of an artifact's boxes (a leader inside a link) in the
        tree, under ``parent``: every annotation is in the structure tree."""
        import pydyf

        for descendant in _descendants(box):
            annotation = getattr(descendant, "link_annotation", None)
            if annotation is not None:
                reference = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference,
                                              "Pg": self.pdf.page_references[page]})
                self.pdf.add_object(reference)
                parent["K"].append(reference.reference)
                self.annotations.append((parent.reference, annotation))

    def repeated(self, group: Any, page: int, tags: dict[Any, Any]) -> None:
        """Make a repeated header or footer row group an artifact; its cells stand in for the
        header cells first tagged, so that this page's cells still name their headers."""
        import pydyf

        self.artifact(group, page, tags, PAGINATION)
        for row in group.children:
            for cell in row.children:
                cell.mark = pydyf.Dictionary({"A": pydyf.Dictionary({"O": "/Table"})})
                if cell.element in self.headers:
                    self.stand_ins.append((cell.mark, self.headers[cell.element]))

    def end_page(self, page: int, nums: dict[int, Any]) -> None:
        """Write the page's artifacts in its content stream: ``/Artifact <</Type ...>> BDC``
        for the marked-content sequences they were, with no ``ParentTree`` entry (null)."""
        import pydyf

        kinds = self.artifacts.pop(page, {})
        if not kinds:
            return
        for mcid in kinds:
            nums[mcid] = "null"
        operations = self.page_streams[page].stream
        for index, operation in enumerate(operations):
            if isinstance(operation, dict) and operation.get("MCID") in kinds:
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary({"Type": kinds[operation["MCID"]]})

    def words_of_link(self, number: int) -> list[str]:
        """Return the words of the link element numbered ``number``, or of the nearest link
        around it (a span inside a link has an annotation too), as its description: the name
        the HTML gives it (``aria-label``: a link named by where it goes, see
        :mod:`formats.core.link_names`) when it has one; [] when there is none."""
        while number not in self.link_words:
            node = self.pdf.objects[number]
            parent = node.get("P") if isinstance(node, dict) else None
            if not isinstance(parent, bytes):
                return []
            number = int(parent.split()[0])
        element = self.origin.get(number, (None,))[0]
        name = element.get("aria-label") if element is not None else None
        return [name] if name else self.link_words[number]

    def finish(self) -> None:
        """Describe every link annotation by its words, put each list inside a list point in
        that point (:mod:`formats.outputs.pdf.list_tagging`), and point the header cells of
        every repeated header row to the header cells they repeat."""
        import pydyf

        from formats.outputs.pdf.list_tagging import lists_into_points

        lists_into_points(self)
        for reference, annotation in self.annotations:
            words = " ".join(" ".join(self.words_of_link(int(reference.split()[0])))
                             .translate(_INVISIBLE).split())
            if words:
                annotation["Contents"] = pydyf.String(words)
        aliases = {stand_in["ID"].string: header["ID"] for stand_in, header in self.stand_ins
                   if "ID" in stand_in and "ID" in header}
        if not aliases:
            return
        for node in self.pdf.objects:
            if isinstance(node, dict) and node.get("S") == "/TD":
                headers = node.get("A", {}).get("Headers")
                if headers:
                    node["A"]["Headers"] = pydyf.Array(
                        aliases.get(header.string, header) for header in headers)


def continued(tagging: Any, before: list[Any], after: list[Any]) -> list[tuple[Any, Any]]:
    """Return the pairs (element of ``before``, element of ``after``) that are one element over
    a page break, as ``tagging`` (a :class:`_Tagging`) knows where elements come from: the
    longest run of the last kids of ``before`` whose elements come, one by one, from the same
    HTML elements as the first kids of ``after``."""
    for count in range(min(len(before), len(after)), 0, -1):
        pairs = [(tagging.element(one), tagging.element(other))
                 for one, other in zip(before[-count:], after[:count], strict=True)]
        if all(one is not None and other is not None and tagging.same(one, other)
               for one, other in pairs):
            return pairs
    return []


def one_annotation_a_line(pdf: Any, annotations: list[tuple[bytes, Any]], page: int) -> None:
    """Drop every link annotation of page ``page`` that lies inside another annotation of the
    same link (``annotations`` holds both with the same element, and both go to the same place):
    from the page's ``/Annots``, from its element's kids and from ``annotations`` (those given a
    ``ParentTree`` entry). Of two with the same area the first stays."""
    on_page = pdf.objects[int(pdf.page_references[page].split()[0])].get("Annots")
    if not on_page:
        return
    held: dict[bytes, list[Any]] = {}
    for holder, annotation in annotations:
        if annotation.reference in on_page and annotation.get("Subtype") == "/Link":
            held.setdefault(holder, []).append(annotation)
    dropped = {annotation.reference: holder for holder, found in held.items()
               for index, annotation in enumerate(found)
               if any(_covers(other, annotation) and (index > place
                                                      or not _covers(annotation, other))
                      for place, other in enumerate(found) if place != index)}
    if not dropped:
        return
    on_page[:] = [reference for reference in on_page if reference not in dropped]
    annotations[:] = [(holder, annotation) for holder, annotation in annotations
                      if annotation.reference not in dropped]
    for holder in set(dropped.values()):
        element = pdf.objects[int(holder.split()[0])]
        element["K"][:] = [kid for kid in element["K"] if not (
            isinstance(kid, bytes) and pdf.objects[int(kid.split()[0])].get("Obj") in dropped)]


def _covers(outer: Any, inner: Any) -> bool:
    """Return True when link annotation ``outer`` goes where ``inner`` goes and its area holds
    ``inner``'s (to within ``_SLACK`` points)."""
    if _target(outer) != _target(inner):
        return False
    (left, bottom, right, top), (x1, y1, x2, y2) = (
        _area(outer["Rect"]), _area(inner["Rect"]))
    return (left - _SLACK <= x1 and bottom - _SLACK <= y1 and x2 <= right + _SLACK
            and y2 <= top + _SLACK)


def _target(annotation: Any) -> bytes:
    """Return where a link annotation goes, as written in the file (its ``Dest`` or ``A``)."""
    found = annotation.get("Dest", annotation.get("A"))
    return found.data if hasattr(found, "data") else bytes(str(found), "utf-8")


def _area(rectangle: Any) -> tuple[float, float, float, float]:
    """Return a ``Rect`` as (left, bottom, right, top), whichever corners it names."""
    x1, y1, x2, y2 = (float(value) for value in rectangle)
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def _real(box: Any) -> Any:
    """Return the box an absolutely placed box's placeholder stands for, or ``box``."""
    from weasyprint.layout.absolute import AbsolutePlaceholder

    return box._box if isinstance(box, AbsolutePlaceholder) else box


def _descendants(box: Any) -> Iterator[Any]:
    """Yield ``box`` and every box under it (through absolute placeholders)."""
    stack = [box]
    while stack:
        found = _real(stack.pop())
        yield found
        stack.extend(reversed(getattr(found, "children", ())))


def _words(box: Any) -> Iterator[str]:
    """Yield the printed text of ``box`` a line (or block) at a time, without leader dots."""
    from weasyprint.formatting_structure import boxes

    pieces: list[str] = []
    for placed in getattr(box, "children", ()):
        child = _real(placed)
        if child.is_leader:
            continue
        if isinstance(child, boxes.TextBox):
            pieces.append(child.text)
        elif isinstance(child, boxes.InlineBox) and not child.is_absolutely_positioned():
            pieces.extend(_words(child))
        else:
            yield "".join(pieces)
            pieces = []
            yield from _words(child)
    yield "".join(pieces)
