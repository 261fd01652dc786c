"""The Easy Read PDF: tagged, its pictures figures with alt text, its text at least 16 pt,
a long guide split into numbered booklets."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.easy_read import EDITION
from formats.editions.easy_read.parts import MAX_PAGES
from formats.editions.easy_read.pdf import pdf_files, render_pdfs
from formats.editions.easy_read.rules import (
    pdf_pages,
    pdf_text_size,
)
from tests.editions.easy_read.support import PDF_NAME, failed


def test_the_pdf_is_tagged_with_language_title_bookmarks_and_embedded_fonts(
        fixture_build: Path) -> None:
    reader = PdfReader(fixture_build / "easy-read" / PDF_NAME)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == "Mini toolkit in Easy Read"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert [str(item.title) for item in reader.outline] == ["What is it?", "Try it", "Word list"]
    fonts = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font
                          else font)["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("Atkinson-Hyperlegible" in name for name in fonts)


def figure_alts(reader: PdfReader) -> list[str]:
    """Return the /Alt of every Figure in the PDF's structure tree."""
    alts: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts


def test_every_pdf_picture_is_a_figure_with_alt_text(fixture_build: Path) -> None:
    alts = figure_alts(PdfReader(fixture_build / "easy-read" / PDF_NAME))
    assert sorted(alts) == sorted(["Two people talking", "A group of people", "A group of people",
                                   "A tick in a box", "A tick in a box", "A tick in a box",
                                   "A group of people", "Two people talking"])


def test_pdf_text_is_at_least_16pt_and_the_pages_are_counted(fixture_build: Path) -> None:
    folder = fixture_build / "easy-read"
    files = pdf_files(folder)
    assert [path.name for path in files] == [PDF_NAME]
    count = len(PdfReader(files[0]).pages)
    assert pdf_pages(files, folder) == [
        RuleResult("easy-read/pages", PDF_NAME, True, f"{count} pages (at most {MAX_PAGES})")]
    assert failed(pdf_pages(files, folder, max_pages=count - 1), "easy-read/pages") == [
        (PDF_NAME, f"{count} pages (at most {count - 1})", "error")]
    import pdfplumber
    with pdfplumber.open(files[0]) as pdf:
        smallest = min(char["size"] for page in pdf.pages for char in page.chars)
    assert round(smallest, 2) >= 16
    assert pdf_text_size(files, folder)[0].passed


def test_pdf_text_smaller_than_16pt_fails_naming_its_size_and_page(tmp_path: Path) -> None:
    from weasyprint import HTML
    path = tmp_path / "small.pdf"
    HTML(string="<html lang='en'><body><p style='font-size: 18pt'>Big words.</p>"
                "<p style='font-size: 12pt; break-before: page'>Small words.</p>"
                "</body></html>").write_pdf(path)
    assert pdf_text_size([path], tmp_path) == [RuleResult(
        "easy-read/pdf-text-size", "small.pdf", False, "smallest text 12pt on page 2 (at least "
        "16pt)")]


def test_a_long_guide_is_split_into_numbered_booklets(er_fixture: Document,
                                                      tmp_path: Path) -> None:
    written = render_pdfs(er_fixture, tmp_path, max_pages=4)
    assert [path.name for path in written] == ["mini-toolkit-easy-read-booklet-1-of-2.pdf",
                                               "mini-toolkit-easy-read-booklet-2-of-2.pdf"]
    readers = [PdfReader(path) for path in written]
    assert [len(reader.pages) for reader in readers] == [4, 4]
    for number, reader in enumerate(readers, start=1):
        assert f"Booklet {number} of 2" in reader.pages[0].extract_text()
        assert reader.metadata.title == f"Mini toolkit in Easy Read, booklet {number} of 2"
    assert [[str(item.title) for item in reader.outline] for reader in readers] == [
        ["What is it?", "Word list"], ["Try it", "Word list"]]
    assert "Power" not in readers[0].pages[-1].extract_text()
    assert "Partnership" in readers[0].pages[-1].extract_text()
    assert "Power" in readers[1].pages[-1].extract_text()
    found = {readback.output: readback for readback in EDITION.read_back(tmp_path)}["easy-read/pdf"]
    assert (found.sections["er-what-it-is"].file, found.sections["er-try-it"].file) == (
        written[0].name, written[1].name)
