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
- ``pdf/th-scope``: every ``TH`` cell says what it heads: an attribute object of the ``/Table``
  owner with ``/Scope`` ``/Column``, ``/Row`` or ``/Both``;
- ``pdf/bookmarks``: the outline goes to pages; when the document is known, every section has a
  bookmark titled with its label, at its level;
- ``pdf/contents-pages``: each entry of the printed contents gives the page its section starts
  on, and every chapter has an entry (:mod:`formats.outputs.pdf.contents_rules`);
- what a screen reader reads (:mod:`formats.outputs.pdf.tag_rules`): ``pdf/link-descriptions``,
  ``pdf/artifacts``, ``pdf/structure-whole``, ``pdf/contents-order`` and
  ``pdf/contents-one-link``;
- its links as a keyboard user tabs through them and a reader lists them
  (:mod:`formats.outputs.pdf.link_rules`): ``pdf/link-tab-stops``, ``pdf/link-names``;
- its short blocks (list points, table rows, quotations, figures, boxes) each on one page
  (:mod:`formats.outputs.pdf.block_rules`): ``pdf/short-blocks-whole``;
- its lists, when the document is given: none cut at a page break into two
  (:mod:`formats.outputs.pdf.list_rules`): ``pdf/lists-whole``.

A missing or unreadable file is one failed ``pdf/file`` result, never a skip.
"""

from __future__ import annotations

import collections
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

from formats.core.contract import RuleResult, Verdict, failed, passed
from formats.core.model import Document
from formats.outputs.pdf import page_text, structure
from formats.outputs.pdf.block_rules import BLOCK_RULES
from formats.outputs.pdf.contents_rules import contents_pages
from formats.outputs.pdf.link_rules import LINK_RULES
from formats.outputs.pdf.list_rules import LIST_RULES
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.reader import read_bookmarks
from formats.outputs.pdf.tag_rules import TAG_RULES

XMP = {"dc": "http://purl.org/dc/elements/1.1/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
       "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
STANDARD_ENCODINGS = ("/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding")
_READ_ERRORS = (PyPdfError, KeyError, ValueError, TypeError)


# ---------------------------------------------------------------------------------------------
# The public function


def pdf_rules(path: Path, output: str, document: Document | None = None,
              rules: tuple[tuple[str, Callable[[OpenPdf], Verdict]], ...] | None = None
              ) -> list[RuleResult]:
    """Return one result per PDF rule on ``path`` (per rule of ``rules`` when given: the Easy
    Read booklets are judged by the tag rules alone).

    ``output`` names the output the file belongs to ("standard/pdf"); ``document``, when given,
    is what the bookmarks, language and title are compared with, and the lists
    (``pdf/lists-whole`` runs only then: without the source, a cut list cannot be told). A
    missing or unreadable file is one failed ``pdf/file`` result. Never raises for a broken
    file.
    """
    where = f"{path.name} ({output})"
    if not path.is_file():
        return [RuleResult("pdf/file", where, False, f"{path} does not exist")]
    try:
        opened = OpenPdf.read(path, document)
    except _READ_ERRORS as error:
        return [RuleResult("pdf/file", where, False, f"{path} cannot be read as a PDF: {error}")]
    chosen = rules or (PDF_RULES if document is None else (*PDF_RULES, *LIST_RULES))
    return [result_of(name, where, check, opened) for name, check in chosen]


def result_of(name: str, where: str, check: Callable[[Any], Verdict], subject: Any) -> RuleResult:
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
    """A PDF read with pypdf: its catalog, the page index of every page object, the document,
    and (when it was read from a file) its path."""

    reader: PdfReader
    document: Document | None
    path: Path | None = None
    catalog: DictionaryObject = field(init=False)
    page_index: dict[int, int] = field(init=False)
    _texts: dict[tuple[int, int], str] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.catalog = structure.catalog(self.reader)
        self.page_index = structure.page_index(self.reader)

    @classmethod
    def read(cls, path: Path, document: Document | None) -> OpenPdf:
        """Return the PDF at ``path`` opened with pypdf; raises PyPdfError and others when the
        file is not a PDF."""
        return cls(pdf_reader(path), document, path)

    def marked_texts(self) -> dict[tuple[int, int], str]:
        """Return the text of every marked-content sequence by (page index, MCID), as PDFium
        reads it (read once); {} when the PDF was not read from a file. Raises ValueError when
        PDFium cannot open the file."""
        if self._texts is None:
            self._texts = {} if self.path is None else page_text.marked_texts(self.path)
        return self._texts

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
        order. Yields nothing when there is no structure tree."""
        return structure.elements(self.reader)

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
    elif not structure.kids(root.get_object()):
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
                    for (before, _), (level, page) in pairwise(found) if level > before + 1)
    return failed(problems) if problems else passed(
        f"{len(found)} headings, H1 to H{max(level for level, _ in found)}, skip no level")


def table_headers(pdf: OpenPdf) -> Verdict:
    """Return whether every Table structure element has header cells (TH)."""
    if "/StructTreeRoot" not in pdf.catalog:
        return failed([NO_TREE])
    tables = [(element, page) for element, page in pdf.elements() if element["/S"] == "/Table"]
    problems = [table_problem(element, page) for element, page in tables
                if not structure.holds(element, "/TH")]
    return failed(problems) if problems else passed(
        f"all {len(tables)} tables have TH cells" if tables else "no Table element")


def table_problem(table: DictionaryObject, page: int) -> str:
    """Return what is wrong with a table without header cells: no rows at all, or no TH."""
    if structure.holds(table, "/TR"):
        return f"Table on {page_label(page)} has no TH cell"
    kinds = [str(kid.get_object().get("/S", "")).lstrip("/")
             for kid in structure.kids(table) if not isinstance(kid, int)]
    return (f"Table on {page_label(page)} has no rows (TR) and so no TH cell; it holds only: "
            f"{', '.join(kinds) or 'nothing'}")


SCOPES = ("/Column", "/Row", "/Both")


def th_scope(pdf: OpenPdf) -> Verdict:
    """Return whether every TH structure element has a table attribute ``/Scope``."""
    if "/StructTreeRoot" not in pdf.catalog:
        return failed([NO_TREE])
    headers = [(element, page) for element, page in pdf.elements() if element["/S"] == "/TH"]
    without = collections.Counter(page for element, page in headers
                                  if header_scope(element) not in SCOPES)
    problems = [f"{count} TH cell(s) on {page_label(page)} have no /Scope"
                for page, count in sorted(without.items())]
    return failed(problems) if problems else passed(
        f"all {len(headers)} TH cells have a /Scope" if headers else "no TH element")


def header_scope(element: DictionaryObject) -> str:
    """Return the ``/Scope`` of a structure element's table attributes ("/Column"), or ""."""
    attributes = element.get("/A")
    attributes = attributes.get_object() if attributes is not None else []
    for found in attributes if isinstance(attributes, list) else [attributes]:
        owner = found.get_object() if hasattr(found, "get_object") else found
        if isinstance(owner, dict) and owner.get("/O") == "/Table":
            return str(owner.get("/Scope", ""))
    return ""


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
    ("pdf/table-headers", table_headers), ("pdf/th-scope", th_scope),
    ("pdf/bookmarks", bookmarks), ("pdf/contents-pages", contents_pages), *TAG_RULES,
    *LINK_RULES, *BLOCK_RULES)


