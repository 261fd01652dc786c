"""Printed editions as PDF: render print HTML with WeasyPrint, and read PDFs back with pypdf.

Rendering makes a tagged PDF/UA-1 file (structure tree, ``/Lang``, XMP ``pdfuaid:part``,
DisplayDocTitle, embedded fonts). WeasyPrint does not stop on problems: it only logs them
(missing ``alt``, missing ``lang``, ignored CSS, unreadable pictures or fonts). Every WARNING or
ERROR it logs during a render becomes a :class:`~formats.readback.RenderError`: our templates and
stylesheets are ours, so any warning is a defect of the edition (an ignored rule changes what
the reader gets), and an accessibility error would make the file fail PDF/UA.

Large print also keeps hyphenated words whole: a word joiner (no glyph) follows the hyphen of
"co-production", so no line ends inside a word.

Reading back uses pypdf only (never WeasyPrint): the outline (bookmarks) gives the sections and
their pages, the named destinations that WeasyPrint writes for element ids give each bookmark
its section id (a ``<section id>`` and its bookmark start at the same point of the same page),
and the page text from a bookmark's page to the next bookmark's page (both included) is the
section's text. The page text is what the structure tree reaches, as a screen reader reads it:
running headers and page numbers (outside the tree) do not cut sentences that cross a page.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import fontpkg_atkinson_hyperlegible
from markupsafe import Markup
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import Destination

from formats.model import Document
from formats.readback import FoundSection, ReadBack, RenderError
from formats.templating import TEMPLATES, environment, page_context
from formats.text import normalise

PDF_VARIANT = "pdf/ua-1"
ATKINSON_FAMILY = fontpkg_atkinson_hyperlegible.FAMILY
ATKINSON_FILES = Path(fontpkg_atkinson_hyperlegible.ROOT) / "files"
_ATKINSON_FACES = (("Regular", "normal", "normal"), ("Bold", "bold", "normal"),
                   ("Italic", "normal", "italic"), ("BoldItalic", "bold", "italic"))
# Points within which a bookmark and a named destination (rounded to whole points) count as
# the same place.
_SAME_PLACE = 1.5


# ---------------------------------------------------------------------------------------------
# Rendering


def slug(title: str) -> str:
    """Return a file-name slug of a title: "All together now" -> "all-together-now"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "document"


def atkinson_font_faces(italic: bool = True) -> Markup:
    """Return CSS ``@font-face`` rules for Atkinson Hyperlegible from the installed font files.

    With ``italic=False`` only the upright faces are declared (large print has no italics).
    Raises RenderError when a font file is missing.
    """
    rules: list[str] = []
    for face, weight, style in _ATKINSON_FACES:
        if style == "italic" and not italic:
            continue
        path = ATKINSON_FILES / f"AtkinsonHyperlegible-{face}.ttf"
        if not path.is_file():
            raise RenderError(f"font file {path} is missing (reinstall the Python package "
                              "fontpkg-atkinson-hyperlegible)")
        rules.append(f'@font-face {{ font-family: "{ATKINSON_FAMILY}"; '
                     f'src: url("{path.as_uri()}"); font-weight: {weight}; '
                     f"font-style: {style}; }}")
    return Markup("\n".join(rules))


def print_html(document: Document, template: str, stylesheets: list[Path], *,
               pdf_title: str, edition_name: str = "", italic_fonts: bool = True,
               **extra: Any) -> str:
    """Return the print HTML of ``document`` from ``template`` (links show their addresses).

    ``extra`` goes into the template's context as it is.
    """
    env = environment()
    context = page_context(document, show_addresses=True,
                           stylesheets=[path.as_uri() for path in stylesheets],
                           font_faces=atkinson_font_faces(italic_fonts),
                           pdf_title=pdf_title, edition_name=edition_name, **extra)
    return env.get_template(template).render(context)


def stylesheet(relative: str) -> Path:
    """Return the path of a stylesheet under the templates folder ("print/print.css")."""
    return TEMPLATES / relative


class _Records(logging.Handler):
    """A logging handler that keeps every record at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """Collect what the "weasyprint" logger says at WARNING or above while the block runs.

    Yields the list the records are added to.
    """
    logger = logging.getLogger("weasyprint")
    handler = _Records()
    previous_level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def raise_for_log(records: list[logging.LogRecord], target: Path) -> None:
    """Raise RenderError listing every record (one per line); return when there is none."""
    if not records:
        return
    lines = "\n".join(f"  {record.levelname}: {record.getMessage()}" for record in records)
    raise RenderError(f"WeasyPrint reported {len(records)} problem(s) while writing "
                      f"{target.name}:\n{lines}")


_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
WORD_JOINER = "\u2060"
_NOT_TEXT = {"style", "script", "title"}


def keep_hyphenated_words(root: Any) -> None:
    """Put a word joiner after every hyphen inside a word of the page's text (not attributes).

    Lines then never break inside "co-production": large print splits no word across lines.
    The joiner has no glyph, so the text read back is unchanged.
    """
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if element.text and tag not in _NOT_TEXT:
            element.text = _WORD_HYPHEN.sub("-" + WORD_JOINER, element.text)
        if element.tail:
            element.tail = _WORD_HYPHEN.sub("-" + WORD_JOINER, element.tail)


def write_pdf(html: str, target: Path, *, whole_words: bool = False) -> Path:
    """Write ``html`` as a tagged PDF/UA-1 file at ``target``; return ``target``.

    With ``whole_words``, lines never break at the hyphen of a hyphenated word. Only ``file:``
    and ``data:`` addresses are fetched (a build never uses the network). Raises RenderError
    when WeasyPrint logs any warning or error, or fails.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    target.parent.mkdir(parents=True, exist_ok=True)
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    with weasyprint_log() as records:
        try:
            page = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher)
            if whole_words:
                keep_hyphenated_words(page.etree_element)
            page.write_pdf(target, pdf_variant=PDF_VARIANT)
        except Exception as error:  # WeasyPrint raises assorted errors on bad input
            target.unlink(missing_ok=True)
            raise RenderError(f"WeasyPrint could not write {target.name}: {error}") from error
    if records:
        target.unlink(missing_ok=True)
    raise_for_log(records, target)
    return target


# ---------------------------------------------------------------------------------------------
# Reading back


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: its title, depth (1 = top), 0-based page and the point it goes to."""

    title: str
    level: int
    page: int
    left: float
    top: float


def read_bookmarks(reader: PdfReader) -> list[Bookmark]:
    """Return the outline of a PDF flattened in reading order."""
    found: list[Bookmark] = []

    def walk(entries: list[Any], level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append(_bookmark(reader, entry, level))

    walk(reader.outline, 1)
    return found


def _bookmark(reader: PdfReader, destination: Destination, level: int) -> Bookmark:
    return Bookmark(str(destination.title), level, page_number(reader, destination),
                    float(destination.left or 0), float(destination.top or 0))


def page_number(reader: PdfReader, destination: Destination) -> int:
    """Return the 0-based page a destination goes to, or -1 when it goes to no page."""
    number = reader.get_destination_page_number(destination)
    return -1 if number is None else number


def named_places(reader: PdfReader) -> dict[tuple[int, float, float], list[str]]:
    """Return the names of the PDF's named destinations by (page, left, top), rounded."""
    places: dict[tuple[int, float, float], list[str]] = {}
    for name, destination in reader.named_destinations.items():
        page = page_number(reader, destination)
        if page is None or page < 0:
            continue
        key = (page, round(float(destination.left or 0)), round(float(destination.top or 0)))
        places.setdefault(key, []).append(str(name))
    return places


def ids_at(places: dict[tuple[int, float, float], list[str]], bookmark: Bookmark) -> list[str]:
    """Return the names of the destinations at the very place a bookmark goes to."""
    names: list[str] = []
    for (page, left, top), at in places.items():
        if (page == bookmark.page and abs(left - bookmark.left) <= _SAME_PLACE
                and abs(top - bookmark.top) <= _SAME_PLACE):
            names.extend(at)
    return sorted(names)


def structure_content(reader: PdfReader) -> set[tuple[int, int]] | None:
    """Return the marked content that the structure tree reaches, as (page index, MCID) pairs.

    This is the text a screen reader reads; running headers, page numbers and other page
    furniture are not in it. List labels (bullets, "1.") are left out too: they are not words
    of the text, and WeasyPrint draws them last on a page, out of reading order. Returns None
    when the PDF has no structure tree (not tagged).
    """
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return None
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)
             if page.indirect_reference is not None}
    reached: set[tuple[int, int]] = set()
    stack: list[tuple[Any, int]] = [(root.get_object(), -1)]
    while stack:
        element, page = stack.pop()
        element = element.get_object()
        if isinstance(element, dict) and element.get("/S") != "/Lbl":
            page = _page_of(element, pages, page)
            kids = element.get("/K")
            if "/MCID" in element:
                reached.add((page, int(element["/MCID"])))
            if kids is None or element.get("/Type") == "/OBJR":
                continue
            kids = kids.get_object()
            for kid in (kids if isinstance(kids, list) else [kids]):
                if isinstance(kid, int):
                    reached.add((page, int(kid)))
                else:
                    stack.append((kid, page))
    return reached


def _page_of(element: dict, pages: dict[int, int], inherited: int) -> int:
    reference = element.get("/Pg")
    if reference is None or not hasattr(reference, "idnum"):
        return inherited
    return pages.get(reference.idnum, inherited)


def page_text(reader: PdfReader, index: int, reached: set[tuple[int, int]] | None) -> str:
    """Return the text of page ``index``: only the structure's marked content when tagged.

    Text outside the structure tree (page furniture) is replaced by a line break.
    """
    page = reader.pages[index]
    if reached is None:
        return page.extract_text() or ""
    open_marks: list[int | None] = []
    pieces: list[str] = []

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            open_marks.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            open_marks.append(None)
        elif operator == b"EMC" and open_marks:
            open_marks.pop()

    def visit(text: str, *_: Any) -> None:
        mcid = next((mark for mark in reversed(open_marks) if mark is not None), None)
        pieces.append(text if (index, mcid) in reached else "\n")

    page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return "".join(pieces)


_BROKEN_ADDRESS = re.compile(r"(\((?:https?://|www\.|mailto:)[^\s)]*)[ \t]*\n\s*")


def join_broken_addresses(text: str) -> str:
    """Return text with every address in brackets that a line break split made whole again.

    Print editions show addresses in brackets after link text; a long address wraps over
    lines (or pages), which would leave part of it as words in the text.
    """
    while True:
        joined = _BROKEN_ADDRESS.sub(r"\1", text)
        if joined == text:
            return text
        text = joined


def read_pdf(path: Path, out_dir: Path) -> tuple[dict[str, FoundSection], list[str]]:
    """Return the sections a PDF holds (by id) and problems with the file as a whole.

    A bookmark that goes to no page, or to a place with no named destination (its section
    cannot be known), is a problem; so is a file without a structure tree. A bookmark whose
    title is not on its page is a problem of its section.
    """
    reader = PdfReader(path)
    file = path.relative_to(out_dir).as_posix()
    bookmarks = read_bookmarks(reader)
    problems = [f"{file}: bookmark '{bookmark.title}' goes to no page"
                for bookmark in bookmarks if bookmark.page < 0]
    bookmarks = [bookmark for bookmark in bookmarks if bookmark.page >= 0]
    reached = structure_content(reader)
    if reached is None:
        problems.append(f"{file}: the PDF is not tagged (no structure tree)")
    texts = [page_text(reader, index, reached) for index in range(len(reader.pages))]
    places = named_places(reader)
    found: dict[str, FoundSection] = {}
    for index, bookmark in enumerate(bookmarks):
        ids = ids_at(places, bookmark)
        if not ids:
            problems.append(f"{file}: bookmark '{bookmark.title}' (page {bookmark.page + 1}) "
                            "goes to no named destination, so its section is unknown")
        text = section_text(texts, bookmarks, index)
        heading = _heading_problems(bookmark, texts[bookmark.page])
        for section_id in ids:
            found.setdefault(section_id, FoundSection(section_id, bookmark.title, text,
                                                      heading, file))
    return found, problems


def section_text(texts: list[str], bookmarks: list[Bookmark], index: int) -> str:
    """Return the text of the pages from bookmark ``index``'s page to the next one's (included).

    The last bookmark's text runs to the end of the file.
    """
    first = bookmarks[index].page
    last = bookmarks[index + 1].page if index + 1 < len(bookmarks) else len(texts) - 1
    return join_broken_addresses("\n".join(texts[first:max(last, first) + 1]))


def _heading_problems(bookmark: Bookmark, page_text: str) -> tuple[str, ...]:
    if normalise(bookmark.title) in normalise(page_text):
        return ()
    return (f"bookmark '{bookmark.title}' goes to page {bookmark.page + 1}, where that heading "
            "is not found",)


def read_back_pdf(path: Path, out_dir: Path, output: str) -> ReadBack:
    """Return the read-back of one PDF as the output ``output`` ("standard/pdf")."""
    if not path.is_file():
        return ReadBack(output, {}, (f"{path} does not exist",))
    try:
        sections, problems = read_pdf(path, out_dir)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:  # a damaged file
        return ReadBack(output, {}, (f"{path} cannot be read as a PDF: {error}",))
    return ReadBack(output, sections, tuple(problems))


def read_back_one(out_dir: Path, pattern: str, output: str) -> ReadBack:
    """Return the read-back of the one PDF in ``out_dir`` whose name matches ``pattern``.

    The reader does not know the document, so it finds the file by its pattern; none, or more
    than one, is a problem of the output.
    """
    found = sorted(out_dir.glob(pattern)) if out_dir.is_dir() else []
    if len(found) != 1:
        names = ", ".join(path.name for path in found)
        what = f"{len(found)} files ({names})" if found else "no file"
        return ReadBack(output, {}, (f"{what} matching {pattern} in {out_dir}",))
    return read_back_pdf(found[0], out_dir, output)
