"""The printed page on which each section of a PDF starts, read by PDFium (never WeasyPrint).

Editions that show print page numbers (the EPUB's page list, braille's print page indicators)
read them from the built standard PDF: each bookmark's page label, named by the destinations
at its place (:mod:`formats.outputs.pdf.places`). PDFium reads the outline, the named
destinations and the page labels alone, where pypdf parsed the file's objects for them (0.4 s
for the bundled toolkit's PDF, paid by both editions; they need no structure tree).
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

from formats.outputs.pdf.page_text import pdfium_document
from formats.outputs.pdf.places import Bookmark, Places, ids_at, place_of


def section_pages(path: Path) -> dict[str, str]:
    """Return the printed page number (the page label, "12") on which each section starts,
    by section id. Raises ValueError when PDFium cannot open the file."""
    with pdfium_document(path) as document:
        labels = page_labels(document)
        places = named_places(document)
        pages: dict[str, str] = {}
        for bookmark in bookmarks(document):
            if 0 <= bookmark.page < len(labels):
                for section_id in ids_at(places, bookmark):
                    pages.setdefault(section_id, labels[bookmark.page])
        return pages


def section_pages_in(folder: Path | None) -> dict[str, str]:
    """Return :func:`section_pages` of the one PDF in ``folder``, or nothing when there is no
    folder or not exactly one PDF in it (the print pages are then unknown)."""
    found = sorted(folder.glob("*.pdf")) if folder is not None and folder.is_dir() else []
    return section_pages(found[0]) if len(found) == 1 else {}


def page_labels(document: Any) -> list[str]:
    """Return each page's label, or its number from 1 where the PDF labels no pages."""
    return [document.get_page_label(index) or str(index + 1) for index in range(len(document))]


def bookmarks(document: Any) -> list[Bookmark]:
    """Return the outline flattened in reading order (page -1: it goes to no page)."""
    found = []
    for entry in document.get_toc():
        destination = entry.get_dest()
        page = destination.get_index() if destination is not None else None
        left, top = _point(destination.raw) if destination is not None else (0.0, 0.0)
        found.append(Bookmark(entry.get_title(), entry.level + 1,
                              -1 if page is None else page, left, top))
    return found


def _point(destination: Any) -> tuple[float, float]:
    """Return the left and top a (raw) destination goes to (0 for what it leaves out)."""
    import pypdfium2.raw as pdfium_c

    has_x, has_y, has_zoom = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    x, y, zoom = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    if not pdfium_c.FPDFDest_GetLocationInPage(destination, has_x, has_y, has_zoom,
                                               x, y, zoom):
        return 0.0, 0.0
    return (float(x.value) if has_x.value else 0.0), (float(y.value) if has_y.value else 0.0)


def named_places(document: Any) -> Places:
    """Return the names of the PDF's named destinations by place (page, left, top)."""
    import pypdfium2.raw as pdfium_c

    places: Places = {}
    for index in range(pdfium_c.FPDF_CountNamedDests(document.raw)):
        size = ctypes.c_long(0)
        pdfium_c.FPDF_GetNamedDest(document.raw, index, None, size)
        if size.value <= 0:
            continue
        buffer = ctypes.create_string_buffer(size.value)
        destination = pdfium_c.FPDF_GetNamedDest(document.raw, index, buffer, size)
        if not destination:
            continue
        page = pdfium_c.FPDFDest_GetDestPageIndex(document.raw, destination)
        if page < 0:
            continue
        name = buffer.raw[:max(size.value - 2, 0)].decode("utf-16-le")
        left, top = _point(destination)
        places.setdefault(place_of(page, left, top), []).append(name)
    return places



OPENING_WORDS = 12  # words of a page's text that say where the page starts


def page_openings(path: Path) -> list[tuple[str, str]]:
    """Return, for every page of the tagged PDF at ``path``, its label and the first words of
    the text its structure tree reaches (not its running header), normalised ("" for a page
    with none). Raises ValueError when the PDF cannot be read."""
    from pypdf.errors import PdfReadError

    from formats.core.text import normalise
    from formats.outputs.pdf.page_text import page_texts
    from formats.outputs.pdf.structure import marked_content_of

    try:
        reached = marked_content_of(path)
    except (OSError, PdfReadError) as error:
        raise ValueError(f"{path} cannot be read: {error}") from None
    texts = page_texts(path, reached)
    with pdfium_document(path) as document:
        labels = page_labels(document)
    return [(label, " ".join(normalise(text).split()[:OPENING_WORDS]))
            for label, text in zip(labels, texts, strict=True)]


def page_openings_in(folder: Path | None) -> list[tuple[str, str]]:
    """Return :func:`page_openings` of the one PDF in ``folder``, or nothing (see
    :func:`section_pages_in`)."""
    found = sorted(folder.glob("*.pdf")) if folder is not None and folder.is_dir() else []
    return page_openings(found[0]) if len(found) == 1 else []
