"""PDF conformance rules, checked on a built PDF as a PDF/UA checker or a reader's tools see it.

Every PDF (the standard print edition, large print), read with pypdf (PDF/UA-1 and the
machine-checkable conditions of the Matterhorn Protocol, see the project's standards):

- ``pdf/tagged``: the catalog has a non-empty ``/StructTreeRoot`` and ``/MarkInfo /Marked true``;
- ``pdf/lang``: the catalog has ``/Lang`` (the document's language when the document is known);
- ``pdf/title``: the XMP metadata has a ``dc:title`` (holding the document's title when known);
- ``pdf/display-doc-title``: ``/ViewerPreferences /DisplayDocTitle`` is true;
- ``pdf/pdfua``: the XMP metadata says ``pdfuaid:part`` 1;
- ``pdf/fonts-embedded``: every font has a font file (``/FontFile``, ``/FontFile2`` or
  ``/FontFile3``) in its descriptor;
- ``pdf/fonts-unicode``: every font has a ``/ToUnicode`` map (simple fonts may use a standard
  encoding instead);
- ``pdf/figures-alt``: every ``Figure`` structure element has ``/Alt`` (or ``/ActualText``);
- ``pdf/headings``: the ``H1``..``H6`` structure elements start at H1 and skip no level;
- ``pdf/table-headers``: every ``Table`` structure element has ``TH`` cells;
- ``pdf/bookmarks``: the outline goes to pages; when the document is known, every section has a
  bookmark titled with its label, at its level.

Large print adds rules measured on every character with pdfplumber (UKAAF G003, RNIB Clear
Print): ``large-print/min-font-size`` (nothing below 16pt), ``large-print/body-size`` (the most
common size is 18pt), ``large-print/no-italics`` (no italic or oblique font, no slanted text),
``large-print/not-justified`` (no line whose every space is stretched), ``large-print/margins``
(every character at least 2 cm from the edges) and ``large-print/a4-portrait``.

A missing or unreadable file is one failed ``pdf/file`` result, never a skip.
"""

from __future__ import annotations

import collections
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from formats.model import Document
from formats.pdf import read_bookmarks
from formats.readback import RuleResult

XMP = {"dc": "http://purl.org/dc/elements/1.1/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
       "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding")
SHOWN = 3  # examples named in a failed rule's message

CM = 72 / 2.54
MIN_SIZE = 16.0
BODY_SIZE = 18.0
MIN_MARGIN_CM = 2.0
A4 = (595.3, 841.9)  # points, portrait
SIZE_TOLERANCE = 0.05  # points: sizes are rounded to 0.1pt
STRETCH_TOLERANCE = 0.3  # points a word space may differ from the space glyph (kerning)
MIN_SPACES = 3  # a line needs this many word spaces to be judged justified
ITALIC_NAME = re.compile(r"italic|oblique|slanted", re.I)
SUBSET_TAG = re.compile(r"^/?([A-Z]{6}\+)?")
INVISIBLE = "\u2060\u00ad\u200b"

_READ_ERRORS = (PyPdfError, KeyError, ValueError, TypeError)


class Verdict(NamedTuple):
    """The outcome of one rule: passed or not, and what was found."""

    passed: bool
    message: str


def passed(message: str) -> Verdict:
    """Return a passing verdict saying what was found."""
    return Verdict(True, message)


def failed(problems: list[str]) -> Verdict:
    """Return a failing verdict naming the first problems and how many more there are."""
    more = f" and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return Verdict(False, "; ".join(problems[:SHOWN]) + more)


# ---------------------------------------------------------------------------------------------
# The public function


def pdf_rules(path: Path, output: str, document: Document | None = None,
              large_print: bool = False) -> list[RuleResult]:
    """Return one result per PDF rule (and per large print rule with ``large_print``) on ``path``.

    ``output`` names the output the file belongs to ("standard/pdf"); ``document``, when given,
    is what the bookmarks, language and title are compared with. A missing or unreadable file
    is one failed ``pdf/file`` result. Never raises for a broken file.
    """
    where = f"{path.name} ({output})"
    if not path.is_file():
        return [RuleResult("pdf/file", where, False, f"{path} does not exist")]
    try:
        opened = OpenPdf.read(path, document)
    except _READ_ERRORS as error:
        return [RuleResult("pdf/file", where, False, f"{path} cannot be read as a PDF: {error}")]
    results = [_result(name, where, check, opened) for name, check in PDF_RULES]
    if large_print:
        results.extend(large_print_rules(path, where))
    return results


def large_print_rules(path: Path, where: str) -> list[RuleResult]:
    """Return one result per large print rule, measured on every character of ``path``."""
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pages = read_pages(path)
    except PdfminerException as error:
        return [RuleResult("large-print/file", where, False,
                           f"{path} cannot be read by pdfplumber: {error}")]
    return [_result(name, where, check, pages) for name, check in LARGE_PRINT_RULES]


def _result(name: str, where: str, check: Callable[[Any], Verdict], subject: Any) -> RuleResult:
    """Return the result of one rule; a file too damaged for the rule is a failure."""
    try:
        verdict = check(subject)
    except _READ_ERRORS as error:
        verdict = Verdict(False, f"cannot be checked, the file is damaged: {error!r}")
    return RuleResult(name, where, verdict.passed, verdict.message)


# ---------------------------------------------------------------------------------------------
# The PDF as pypdf reads it


@dataclass
class OpenPdf:
    """A PDF read with pypdf: its catalog, the page index of every page object, the document."""

    reader: PdfReader
    document: Document | None
    catalog: DictionaryObject = field(init=False)
    page_index: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.catalog = self.reader.trailer["/Root"].get_object()
        self.page_index = {page.indirect_reference.idnum: index
                           for index, page in enumerate(self.reader.pages)
                           if page.indirect_reference is not None}

    @classmethod
    def read(cls, path: Path, document: Document | None) -> "OpenPdf":
        """Return the PDF at ``path`` opened with pypdf; raises PyPdfError and others when the
        file is not a PDF."""
        return cls(PdfReader(path), document)

    def xmp(self) -> ET.Element | str:
        """Return the parsed XMP metadata, or a message saying why there is none."""
        reference = self.catalog.get("/Metadata")
        if reference is None:
            return "catalog has no /Metadata (XMP) stream"
        try:
            return ET.fromstring(reference.get_object().get_data())
        except ET.ParseError as error:
            return f"the XMP metadata is not well-formed XML: {error}"

    def elements(self) -> Iterator[tuple[DictionaryObject, int]]:
        """Yield every structure element with its 0-based page (-1 when unknown), in reading
        order (depth first). Yields nothing when there is no structure tree."""
        root = self.catalog.get("/StructTreeRoot")
        if root is None:
            return
        stack: list[tuple[Any, int]] = [(root, -1)]
        while stack:
            node, page = stack.pop()
            node = node.get_object()
            if not isinstance(node, dict):
                continue
            page = self._page_of(node, page)
            if "/S" in node:
                yield node, page
            kids = node.get("/K")
            if kids is None or node.get("/Type") == "/OBJR":
                continue
            kids = kids.get_object()
            kids = kids if isinstance(kids, list) else [kids]
            stack.extend((kid, page) for kid in reversed(kids) if not isinstance(kid, int))

    def _page_of(self, node: DictionaryObject, inherited: int) -> int:
        reference = node.get("/Pg")
        if reference is None or not hasattr(reference, "idnum"):
            return inherited
        return self.page_index.get(reference.idnum, inherited)

    def fonts(self) -> dict[str, DictionaryObject]:
        """Return every font the pages (and the forms they draw) use, by its base font name."""
        found: dict[str, DictionaryObject] = {}
        seen: set[int] = set()
        stack = [page.get("/Resources") for page in self.reader.pages]
        while stack:
            resources = stack.pop()
            resources = resources.get_object() if resources is not None else None
            if not isinstance(resources, dict) or id(resources) in seen:
                continue
            seen.add(id(resources))
            for reference in resolved(resources.get("/Font")).values():
                font = reference.get_object()
                found.setdefault(font_name(font), font)
            for reference in resolved(resources.get("/XObject")).values():
                xobject = reference.get_object()
                if xobject.get("/Subtype") == "/Form":
                    stack.append(xobject.get("/Resources"))
        return found


def resolved(value: Any) -> dict:
    """Return a PDF dictionary (following an indirect reference), or {} for anything else."""
    value = value.get_object() if value is not None else None
    return value if isinstance(value, dict) else {}


def is_true(value: Any) -> bool:
    """Return True for the PDF boolean true (pypdf's BooleanObject or a Python bool)."""
    return getattr(value, "value", value) is True


def font_name(font: DictionaryObject) -> str:
    """Return a font's base font name as written in the file ("ABCDEF+Liberation-Sans")."""
    return str(font.get("/BaseFont", "(no name)")).lstrip("/")


def page_label(page: int) -> str:
    """Return "page 3" for the 0-based page 2, or "an unknown page"."""
    return f"page {page + 1}" if page >= 0 else "an unknown page"


# ---------------------------------------------------------------------------------------------
# PDF/UA rules


def tagged(pdf: OpenPdf) -> Verdict:
    """Return whether the catalog has a non-empty structure tree and says it is marked."""
    problems = []
    root = pdf.catalog.get("/StructTreeRoot")
    if root is None:
        problems.append("catalog has no /StructTreeRoot")
    elif not root.get_object().get("/K"):
        problems.append("the structure tree (/StructTreeRoot) is empty")
    mark_info = pdf.catalog.get("/MarkInfo")
    if mark_info is None:
        problems.append("catalog has no /MarkInfo")
    elif not is_true(mark_info.get_object().get("/Marked")):
        problems.append("/MarkInfo /Marked is not true")
    if problems:
        return failed(problems)
    count = sum(1 for _ in pdf.elements())
    return passed(f"structure tree of {count} elements; /MarkInfo /Marked true")


def lang(pdf: OpenPdf) -> Verdict:
    """Return whether the catalog says the language (the document's, when it is known)."""
    found = str(pdf.catalog.get("/Lang", "")).strip()
    if not found:
        return failed(["catalog has no /Lang"])
    wanted = pdf.document.meta.language if pdf.document is not None else found
    if found.lower() != wanted.lower():
        return failed([f"catalog /Lang is '{found}', the document's language is '{wanted}'"])
    return passed(f"catalog /Lang is '{found}'")


def title(pdf: OpenPdf) -> Verdict:
    """Return whether the XMP metadata has a dc:title (holding the document's title, when known)."""
    xmp = pdf.xmp()
    if isinstance(xmp, str):
        return failed([xmp])
    titles = [(item.text or "").strip() for item in xmp.iterfind(".//dc:title/rdf:Alt/rdf:li", XMP)]
    titles = [text for text in titles if text]
    if not titles:
        return failed(["the XMP metadata has no dc:title"])
    if pdf.document is not None and pdf.document.meta.title not in titles[0]:
        return failed([f"XMP dc:title '{titles[0]}' does not hold the title "
                       f"'{pdf.document.meta.title}'"])
    return passed(f"XMP dc:title is '{titles[0]}'")


def display_doc_title(pdf: OpenPdf) -> Verdict:
    """Return whether the viewer preferences ask readers to show the title, not the file name."""
    preferences = pdf.catalog.get("/ViewerPreferences")
    if preferences is None:
        return failed(["catalog has no /ViewerPreferences"])
    value = preferences.get_object().get("/DisplayDocTitle")
    if value is None:
        return failed(["/ViewerPreferences has no /DisplayDocTitle"])
    if not is_true(value):
        return failed([f"/ViewerPreferences /DisplayDocTitle is {str(value).lower()}"])
    return passed("/ViewerPreferences /DisplayDocTitle is true")


def pdfua(pdf: OpenPdf) -> Verdict:
    """Return whether the XMP metadata says the file conforms to PDF/UA-1 (pdfuaid:part 1)."""
    xmp = pdf.xmp()
    if isinstance(xmp, str):
        return failed([xmp])
    part_name = f"{{{XMP['pdfuaid']}}}part"
    parts = [description.get(part_name) or description.findtext(part_name)
             for description in xmp.iter(f"{{{XMP['rdf']}}}Description")]
    parts = [part.strip() for part in parts if part]
    if not parts:
        return failed(["the XMP metadata has no pdfuaid:part"])
    if parts[0] != "1":
        return failed([f"XMP pdfuaid:part is '{parts[0]}', not 1"])
    return passed("XMP pdfuaid:part is 1 (PDF/UA-1)")


def _descriptors(font: DictionaryObject) -> list[DictionaryObject | None]:
    """Return the font descriptors of a font (of its descendant for a composite font)."""
    fonts = [kid.get_object() for kid in font.get("/DescendantFonts", [])] or [font]
    return [kid["/FontDescriptor"].get_object() if "/FontDescriptor" in kid else None
            for kid in fonts]


def fonts_embedded(pdf: OpenPdf) -> Verdict:
    """Return whether every font's file is in the PDF (Type 3 fonts are drawn by the PDF)."""
    fonts = pdf.fonts()
    problems = [f"font '{name}' is not embedded" for name, font in sorted(fonts.items())
                if font.get("/Subtype") != "/Type3"
                and not all(descriptor is not None and any(key in descriptor for key in FONT_FILES)
                            for descriptor in _descriptors(font))]
    return failed(problems) if problems else passed(f"all {len(fonts)} fonts are embedded")


def fonts_unicode(pdf: OpenPdf) -> Verdict:
    """Return whether every font maps its glyphs to Unicode (a /ToUnicode map; a simple font
    may use a standard encoding instead)."""
    fonts = pdf.fonts()
    problems = [f"font '{name}' has no /ToUnicode map" for name, font in sorted(fonts.items())
                if "/ToUnicode" not in font and not (
                    font.get("/Subtype") in ("/Type1", "/TrueType")
                    and font.get("/Encoding") in STANDARD_ENCODINGS)]
    return failed(problems) if problems else passed(
        f"all {len(fonts)} fonts map their glyphs to Unicode")


NO_TREE = "the PDF has no structure tree"


def figures_alt(pdf: OpenPdf) -> Verdict:
    """Return whether every Figure structure element has alternative text."""
    if "/StructTreeRoot" not in pdf.catalog:
        return failed([NO_TREE])
    figures = [(element, page) for element, page in pdf.elements() if element["/S"] == "/Figure"]
    problems = [f"Figure on {page_label(page)} has no /Alt" for element, page in figures
                if not str(element.get("/Alt", "") or element.get("/ActualText", "")).strip()]
    return failed(problems) if problems else passed(
        f"all {len(figures)} Figure elements have /Alt" if figures else "no Figure element")


def headings(pdf: OpenPdf) -> Verdict:
    """Return whether the heading elements H1..H6 start at H1 and skip no level."""
    if "/StructTreeRoot" not in pdf.catalog:
        return failed([NO_TREE])
    found = [(int(str(element["/S"])[2]), page) for element, page in pdf.elements()
             if re.fullmatch(r"/H[1-6]", str(element["/S"]))]
    if not found:
        return failed(["no heading element (H1..H6) in the structure tree"])
    problems = [] if found[0][0] == 1 else [
        f"the first heading is H{found[0][0]} ({page_label(found[0][1])}), not H1"]
    problems.extend(f"H{level} on {page_label(page)} follows H{before} (skips H{before + 1})"
                    for (before, _), (level, page) in zip(found, found[1:]) if level > before + 1)
    return failed(problems) if problems else passed(
        f"{len(found)} headings, H1 to H{max(level for level, _ in found)}, skip no level")


def table_headers(pdf: OpenPdf) -> Verdict:
    """Return whether every Table structure element has header cells (TH)."""
    if "/StructTreeRoot" not in pdf.catalog:
        return failed([NO_TREE])
    tables = [(element, page) for element, page in pdf.elements() if element["/S"] == "/Table"]
    problems = [table_problem(element, page) for element, page in tables
                if not holds(element, "/TH")]
    return failed(problems) if problems else passed(
        f"all {len(tables)} tables have TH cells" if tables else "no Table element")


def table_problem(table: DictionaryObject, page: int) -> str:
    """Return what is wrong with a table without header cells: no rows at all, or no TH."""
    if holds(table, "/TR"):
        return f"Table on {page_label(page)} has no TH cell"
    kids = table.get("/K")
    kids = [] if kids is None else kids.get_object()
    kinds = [str(kid.get_object().get("/S", "")).lstrip("/")
             for kid in (kids if isinstance(kids, list) else [kids]) if not isinstance(kid, int)]
    return (f"Table on {page_label(page)} has no rows (TR) and so no TH cell; it holds only: "
            f"{', '.join(kinds) or 'nothing'}")


def holds(element: DictionaryObject, kind: str) -> bool:
    """Return True when a structure element has a descendant of type ``kind`` ("/TH")."""
    stack = [element]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if node is not element and node.get("/S") == kind:
            return True
        kids = node.get("/K")
        if kids is None or node.get("/Type") == "/OBJR":
            continue
        kids = kids.get_object()
        stack.extend(kid for kid in (kids if isinstance(kids, list) else [kids])
                     if not isinstance(kid, int))
    return False


def bookmarks(pdf: OpenPdf) -> Verdict:
    """Return whether the bookmarks go to pages and, when the document is known, whether every
    section has a bookmark titled with its label at its level."""
    found = read_bookmarks(pdf.reader)
    if not found:
        return failed(["the PDF has no bookmarks (outline)"])
    problems = [f"bookmark '{mark.title}' goes to no page" for mark in found if mark.page < 0]
    if pdf.document is None:
        return failed(problems) if problems else passed(f"{len(found)} bookmarks")
    by_title: dict[str, list[int]] = collections.defaultdict(list)
    for mark in found:
        by_title[" ".join(mark.title.split())].append(mark.level)
    sections = list(pdf.document.sections())
    for section in sections:
        levels = by_title.get(" ".join(section.label.split()), [])
        if not levels:
            problems.append(f"no bookmark for section '{section.id}' ({section.label})")
        elif section.level not in levels:
            problems.append(f"bookmark '{section.label}' is at level {levels[0]}, "
                            f"not {section.level}")
    return failed(problems) if problems else passed(
        f"every one of the {len(sections)} sections has a bookmark at its level "
        f"({len(found)} bookmarks)")


PDF_RULES: tuple[tuple[str, Callable[[OpenPdf], Verdict]], ...] = (
    ("pdf/tagged", tagged), ("pdf/lang", lang), ("pdf/title", title),
    ("pdf/display-doc-title", display_doc_title), ("pdf/pdfua", pdfua),
    ("pdf/fonts-embedded", fonts_embedded), ("pdf/fonts-unicode", fonts_unicode),
    ("pdf/figures-alt", figures_alt), ("pdf/headings", headings),
    ("pdf/table-headers", table_headers), ("pdf/bookmarks", bookmarks))


# ---------------------------------------------------------------------------------------------
# The PDF as pdfplumber measures it (large print)


@dataclass(frozen=True)
class Glyph:
    """One character drawn on a page: text, font, size (pt), box (pt from the top left) and the
    rendering matrix (a, b, c, d, e, f)."""

    text: str
    font: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    matrix: tuple[float, ...]

    @property
    def baseline(self) -> float:
        """Return the baseline's height from the page bottom, rounded: the line it is on."""
        return round(self.matrix[5], 1)

    @property
    def visible(self) -> bool:
        """Return True for a character that draws ink (not a space or an invisible joiner)."""
        return bool(self.text.strip(" \t\n\r\xa0" + INVISIBLE))


@dataclass(frozen=True)
class PrintedPage:
    """One page: its number (1-based), size in points and every character drawn on it."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]

    def lines(self) -> list[list[Glyph]]:
        """Return the text lines of the page (characters on one baseline), top to bottom, each
        left to right."""
        by_baseline: dict[float, list[Glyph]] = collections.defaultdict(list)
        for glyph in self.glyphs:
            by_baseline[glyph.baseline].append(glyph)
        return [sorted(glyphs, key=lambda glyph: glyph.x0)
                for _, glyphs in sorted(by_baseline.items(), key=lambda item: -item[0])]


def read_pages(path: Path) -> list[PrintedPage]:
    """Return every page of ``path`` with its characters, as pdfplumber reads them.

    Raises pdfplumber's PdfminerException when the file cannot be read.
    """
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as document:
        for number, page in enumerate(document.pages, start=1):
            glyphs = tuple(Glyph(char["text"], SUBSET_TAG.sub("", char["fontname"]),
                                 round(float(char["size"]), 1), float(char["x0"]),
                                 float(char["x1"]), float(char["top"]), float(char["bottom"]),
                                 tuple(float(value) for value in char["matrix"]))
                           for char in page.chars)
            pages.append(PrintedPage(number, float(page.width), float(page.height), glyphs))
            page.close()
    return pages


def text_of(glyphs: list[Glyph]) -> str:
    """Return the text of characters of one line, left to right, as a reader sees it."""
    pieces: list[str] = []
    for before, glyph in zip([None, *glyphs], glyphs):
        if before is not None and glyph.x0 - before.x1 > 0.5 * glyph.size:
            pieces.append(" ")  # a gap with no space character (table columns)
        pieces.append(glyph.text)
    text = "".join(pieces)
    for invisible in INVISIBLE:
        text = text.replace(invisible, "")
    return " ".join(text.split())


def _ink(pages: list[PrintedPage]) -> Iterator[tuple[PrintedPage, Glyph]]:
    for page in pages:
        for glyph in page.glyphs:
            if glyph.visible:
                yield page, glyph


def _line_of(page: PrintedPage, glyph: Glyph) -> list[Glyph]:
    return sorted((other for other in page.glyphs if other.baseline == glyph.baseline),
                  key=lambda other: other.x0)


# ---------------------------------------------------------------------------------------------
# Large print rules


def min_font_size(pages: list[PrintedPage]) -> Verdict:
    """Return whether every character is at least 16pt; names the smallest and where it is."""
    smallest = min(_ink(pages), key=lambda item: item[1].size, default=None)
    if smallest is None:
        return failed(["the PDF has no text"])
    page, glyph = smallest
    if glyph.size < MIN_SIZE - SIZE_TOLERANCE:
        tiny = [other for other in _line_of(page, glyph) if other.size == glyph.size]
        return failed([f"smallest text is {glyph.size:.1f}pt on page {page.number}: "
                       f"'{text_of(tiny)}'"])
    return passed(f"smallest text is {glyph.size:.1f}pt (at least {MIN_SIZE:g}pt)")


def body_size(pages: list[PrintedPage]) -> Verdict:
    """Return whether the most common text size (the body text) is 18pt."""
    sizes = collections.Counter(glyph.size for _, glyph in _ink(pages))
    if not sizes:
        return failed(["the PDF has no text"])
    common = sizes.most_common(1)[0][0]
    if abs(common - BODY_SIZE) > SIZE_TOLERANCE:
        return failed([f"most common text size is {common:.1f}pt, not {BODY_SIZE:g}pt"])
    return passed(f"most common text size is {common:.1f}pt")


def _slanted(glyph: Glyph) -> bool:
    """Return True when a character's matrix slants or turns it (b or c is not 0)."""
    return abs(glyph.matrix[1]) > 1e-6 or abs(glyph.matrix[2]) > 1e-6


def no_italics(pages: list[PrintedPage]) -> Verdict:
    """Return whether no character is set in an italic or oblique font, or slanted by its
    text matrix; names each line where one is, with the italic words."""
    problems: list[str] = []
    for page in pages:
        for line in page.lines():
            italic = run_of(line, lambda glyph: bool(ITALIC_NAME.search(glyph.font)))
            if italic:
                problems.append(f"italic font '{italic[0].font}' on page {page.number}: "
                                f"'{text_of(italic)}'")
            slanted = run_of(line, lambda glyph: _slanted(glyph)
                             and not ITALIC_NAME.search(glyph.font))
            if slanted:
                problems.append(f"slanted text on page {page.number}: '{text_of(slanted)}'")
    return failed(problems) if problems else passed(
        "no italic or oblique font and no slanted text")


def run_of(line: list[Glyph], wanted: Callable[[Glyph], bool]) -> list[Glyph]:
    """Return the characters of a line from the first to the last visible one that is
    ``wanted`` (the spaces between them included), or [] when there is none."""
    found = [index for index, glyph in enumerate(line) if glyph.visible and wanted(glyph)]
    return line[found[0]:found[-1] + 1] if found else []


def _stretched_spaces(line: list[Glyph]) -> list[float]:
    """Return, for every space between two words of one font and size on a line, how much wider
    than its space characters it is (points)."""
    stretches: list[float] = []
    word_end: Glyph | None = None
    spaces: list[Glyph] = []
    for glyph in line:
        if not glyph.visible:
            if word_end is not None and glyph.text == " ":
                spaces.append(glyph)
            continue
        if word_end is not None and spaces and all(
                (space.font, space.size) == (glyph.font, glyph.size) == (word_end.font,
                                                                         word_end.size)
                for space in spaces):
            width = sum(space.x1 - space.x0 for space in spaces)
            stretches.append(glyph.x0 - word_end.x1 - width)
        word_end, spaces = glyph, []
    return stretches


def not_justified(pages: list[PrintedPage]) -> Verdict:
    """Return whether no line is justified: a line is justified when each of its (at least 3)
    word spaces is wider than a space character."""
    problems: list[str] = []
    measured = 0
    for page in pages:
        for line in page.lines():
            stretches = _stretched_spaces(line)
            if len(stretches) < MIN_SPACES:
                continue
            measured += 1
            if min(stretches) > STRETCH_TOLERANCE:
                problems.append(f"justified line on page {page.number}: '{text_of(line)}' "
                                f"(spaces {min(stretches):.1f}pt wider than a space)")
    return failed(problems) if problems else passed(
        f"no line is justified ({measured} lines of {MIN_SPACES + 1} words or more measured)")


def margins(pages: list[PrintedPage]) -> Verdict:
    """Return whether every character is at least 2 cm from every edge of its page."""
    least = MIN_MARGIN_CM * CM
    problems: list[str] = []
    for page in pages:
        for line in page.lines():
            ink = [glyph for glyph in line if glyph.visible]
            if not ink:
                continue
            sides = {"left": min(glyph.x0 for glyph in ink),
                     "right": page.width - max(glyph.x1 for glyph in ink),
                     "top": min(glyph.top for glyph in ink),
                     "bottom": page.height - max(glyph.bottom for glyph in ink)}
            for side, distance in sides.items():
                if distance < least - 0.01:
                    problems.append(f"text {distance / CM:.1f} cm from the {side} edge on page "
                                    f"{page.number}: '{text_of(line)}'")
    return failed(problems) if problems else passed(
        f"all text is at least {MIN_MARGIN_CM:g} cm from the edges")


def a4_portrait(pages: list[PrintedPage]) -> Verdict:
    """Return whether every page is A4 portrait (210 x 297 mm, within 1pt)."""
    problems = [f"page {page.number} is {page.width / CM:.1f} x {page.height / CM:.1f} cm, not A4 "
                "portrait (21.0 x 29.7 cm)" for page in pages
                if abs(page.width - A4[0]) > 1 or abs(page.height - A4[1]) > 1]
    if not pages:
        return failed(["the PDF has no pages"])
    return failed(problems) if problems else passed(f"all {len(pages)} pages are A4 portrait")


LARGE_PRINT_RULES: tuple[tuple[str, Callable[[list[PrintedPage]], Verdict]], ...] = (
    ("large-print/min-font-size", min_font_size), ("large-print/body-size", body_size),
    ("large-print/no-italics", no_italics), ("large-print/not-justified", not_justified),
    ("large-print/margins", margins), ("large-print/a4-portrait", a4_portrait))
