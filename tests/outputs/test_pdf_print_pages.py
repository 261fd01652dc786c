"""The outline, named destinations and page labels of a PDF as formats/outputs/pdf/
print_pages.py reads them with PDFium, against pypdf (the reader of the check's read-back),
on the mini toolkit's PDFs and the real toolkit's: the print pages the EPUB and braille
editions show come from them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination, Fit

from formats.core.model import Document
from formats.outputs.pdf import print_pages
from formats.outputs.pdf.page_text import pdfium_document
from formats.outputs.pdf.places import Bookmark, ids_at
from formats.outputs.pdf.reader import named_places, read_bookmarks
from tests.conftest import Builds
from tests.helpers.pdf import built_pdf


def pypdf_section_pages(path: Path) -> dict[str, str]:
    """Return each section's first page label as pypdf reads the outline and the names."""
    reader = PdfReader(path)
    labels = list(reader.page_labels)
    places = named_places(reader)
    pages: dict[str, str] = {}
    for bookmark in read_bookmarks(reader):
        for section_id in ids_at(places, bookmark):
            pages.setdefault(section_id, labels[bookmark.page])
    return pages


def rounded(mark: Bookmark) -> Bookmark:
    return dataclasses.replace(mark, left=round(mark.left, 3), top=round(mark.top, 3))


def read_both(path: Path) -> None:
    """Assert that PDFium and pypdf read the same outline, names and labels in ``path``."""
    reader = PdfReader(path)
    with pdfium_document(path) as document:
        assert [rounded(mark) for mark in print_pages.bookmarks(document)] == [
            rounded(mark) for mark in read_bookmarks(reader)]  # PDFium's are single precision
        assert print_pages.named_places(document) == named_places(reader)
        assert print_pages.page_labels(document) == list(reader.page_labels)
    found = print_pages.section_pages(path)
    assert found and found == pypdf_section_pages(path)


@pytest.mark.parametrize("edition", ["standard", "large-print"])
def test_the_mini_pdfs_read_as_pypdf_reads_them(built: Builds, mini_document: Document,
                                                edition: str) -> None:
    read_both(built_pdf(built, mini_document, edition))


@pytest.mark.slow
def test_the_real_pdf_reads_as_pypdf_reads_it(built: Builds, real_document: Document) -> None:
    read_both(built_pdf(built, real_document, "standard"))


def test_a_pdf_without_labels_has_page_numbers_and_a_bookmark_to_no_place(
        tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(200, 300)
    writer.add_named_destination_object(Destination(
        "part-two", writer.pages[1].indirect_reference, Fit.xyz(left=0, top=300)))
    writer.add_outline_item("Part two", 1, fit=Fit.xyz(left=0, top=300))
    writer.add_outline_item("Nowhere", None)
    path = tmp_path / "plain.pdf"
    writer.write(path)
    with pdfium_document(path) as document:
        assert print_pages.page_labels(document) == ["1", "2", "3"]
        assert [(mark.title, mark.page) for mark in print_pages.bookmarks(document)] == [
            ("Part two", 1), ("Nowhere", -1)]
    assert print_pages.section_pages(path) == {"part-two": "2"}


def test_a_folder_without_one_pdf_has_no_print_pages(tmp_path: Path) -> None:
    assert print_pages.section_pages_in(None) == {}
    assert print_pages.section_pages_in(tmp_path) == {}
    (tmp_path / "a.pdf").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"")
    assert print_pages.section_pages_in(tmp_path) == {}
