"""Read a PDF back with pypdf and PDFium (never WeasyPrint): which sections it holds, with their
text.

The outline (bookmarks) gives the sections and their pages; the named destinations that
WeasyPrint writes for element ids give each bookmark its section id
(:mod:`formats.outputs.pdf.places`); and the page text from a bookmark's page to
the next bookmark's page (both included) is the section's text. The page text (read by PDFium:
:mod:`formats.outputs.pdf.page_text`) is what the structure tree reaches, as a screen reader
reads it: running headers and page numbers (outside the tree) do not cut sentences that cross a
page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import Destination

from formats.core.contract import FoundSection, ReadBack
from formats.core.text import normalise
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.page_text import page_count as pdfium_page_count
from formats.outputs.pdf.page_text import page_texts
from formats.outputs.pdf.places import Bookmark, Places, ids_at, place_of
from formats.outputs.pdf.structure import marked_content_of


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


def named_places(reader: PdfReader) -> Places:
    """Return the names of the PDF's named destinations by (page, left, top), rounded."""
    places: Places = {}
    for name, destination in reader.named_destinations.items():
        page = page_number(reader, destination)
        if page is None or page < 0:
            continue
        key = place_of(page, float(destination.left or 0), float(destination.top or 0))
        places.setdefault(key, []).append(str(name))
    return places


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
    reader = pdf_reader(path)
    file = path.relative_to(out_dir).as_posix()
    bookmarks = read_bookmarks(reader)
    problems = [f"{file}: bookmark '{bookmark.title}' goes to no page"
                for bookmark in bookmarks if bookmark.page < 0]
    bookmarks = [bookmark for bookmark in bookmarks if bookmark.page >= 0]
    reached = marked_content_of(path)
    if reached is None:
        problems.append(f"{file}: the PDF is not tagged (no structure tree)")
    texts = page_texts(path, reached)
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


def page_count(path: Path) -> int:
    """Return the number of pages of the PDF at ``path``, as PDFium counts them (it reads only
    the page tree, where pypdf parsed the whole file: 0.3 s for 100 pages). Raises ValueError
    when PDFium cannot open the file."""
    return pdfium_page_count(path)
