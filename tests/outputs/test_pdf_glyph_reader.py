"""The characters, lines, pictures and patterned shapes of a PDF as formats/outputs/pdf/
glyph_reader.py reads them with PDFium, against pdfplumber (pdfminer), which the print rules were
written against, on the PDFs of every printed edition: the mini toolkit's, a justified page,
and the real toolkit's Easy Read booklet, whose contents set their numbers in tabular figures
(glyphs that are not the ones the font's character map names, with another advance)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfWriter

from formats.core.model import Document
from formats.editions.easy_read import pdf as easy_read_pdf
from formats.outputs.pdf.glyph_reader import read_pages
from formats.outputs.pdf.glyphs import RULE_HEIGHT, Glyph, PrintedPage
from tests.conftest import Builds
from tests.helpers.pdf import built_pdf
from tests.outputs.test_pdf_page_rules import print_page

SUBSET_TAG = re.compile(r"^/?([A-Z]{6}\+)?")
PLACE_TOLERANCE = 0.01  # points: PDFium gives places in single precision


def plumber_pages(path: Path) -> list[PrintedPage]:
    """Return the pages as pdfplumber reads them (the reader the rules used before PDFium)."""
    def kept(thing: dict[str, Any]) -> bool:
        height = float(thing["bottom"]) - float(thing["top"])
        rule = height <= RULE_HEIGHT and float(thing["x1"]) - float(thing["x0"]) > 3 * RULE_HEIGHT
        patterned = bool(thing.get("fill")) and isinstance(thing.get("non_stroking_color"), str)
        return thing["object_type"] == "image" or rule or patterned

    pages = []
    with pdfplumber.open(path) as document:
        for number, page in enumerate(document.pages, start=1):
            glyphs = tuple(Glyph(char["text"], SUBSET_TAG.sub("", char["fontname"]),
                                 round(float(char["size"]), 1), float(char["x0"]),
                                 float(char["x1"]), float(char["top"]), float(char["bottom"]),
                                 tuple(float(value) for value in char["matrix"]),
                                 char.get("mcid")) for char in page.chars)
            drawn = tuple((float(thing["top"]), float(thing["bottom"]))
                          for thing in (*page.rects, *page.lines, *page.curves, *page.images)
                          if kept(thing))
            pages.append(PrintedPage(number, float(page.width), float(page.height), glyphs,
                                     drawn))
    return pages


def differences(path: Path) -> list[str]:
    """Return where PDFium's reading of ``path`` differs from pdfplumber's."""
    found: list[str] = []
    ours, theirs = read_pages(path), plumber_pages(path)
    if len(ours) != len(theirs):
        return [f"{len(ours)} pages, not {len(theirs)}"]

    def in_place(glyph: Glyph) -> tuple[float, float, str]:
        return -glyph.baseline, round(glyph.x0, 2), glyph.text

    for mine, plumbed in zip(ours, theirs, strict=True):
        where = f"page {mine.number}"
        if abs(mine.width - plumbed.width) > PLACE_TOLERANCE \
                or abs(mine.height - plumbed.height) > PLACE_TOLERANCE:
            found.append(f"{where}: size {mine.width} x {mine.height}")
        read, wanted = sorted(mine.glyphs, key=in_place), sorted(plumbed.glyphs, key=in_place)
        if [glyph.text for glyph in read] != [glyph.text for glyph in wanted]:
            found.append(f"{where}: characters differ")
            continue
        for glyph, other in zip(read, wanted, strict=True):
            for field in ("font", "size", "mcid", "baseline"):
                if getattr(glyph, field) != getattr(other, field):
                    found.append(f"{where} '{glyph.text}': {field} {getattr(glyph, field)} "
                                 f"is not {getattr(other, field)}")
            for field in ("x0", "x1", "top", "bottom"):
                if abs(getattr(glyph, field) - getattr(other, field)) > PLACE_TOLERANCE:
                    found.append(f"{where} '{glyph.text}': {field} {getattr(glyph, field)} "
                                 f"is not {getattr(other, field)}")
            if any(abs(mine_value - value) > 1e-3
                   for mine_value, value in zip(glyph.matrix, other.matrix, strict=True)):
                found.append(f"{where} '{glyph.text}': matrix {glyph.matrix}")
        if sorted((round(top, 1), round(bottom, 1)) for top, bottom in mine.drawn) != sorted(
                (round(top, 1), round(bottom, 1)) for top, bottom in plumbed.drawn):
            found.append(f"{where}: drawn {sorted(mine.drawn)} is not {sorted(plumbed.drawn)}")
    return found


@pytest.mark.parametrize("edition", ["standard", "large-print"])
def test_the_mini_pdfs_read_as_pdfplumber_reads_them(edition: str, built: Builds,
                                                      mini_document: Document) -> None:
    path = built_pdf(built, mini_document, edition)
    pages = read_pages(path)
    assert sum(len(page.glyphs) for page in pages) > 1000
    assert any(page.drawn for page in pages)
    assert differences(path) == []


@pytest.mark.slow
def test_an_easy_read_booklet_with_tabular_figures_reads_as_pdfplumber_reads_it(
        built: Builds, real_document: Document) -> None:
    booklet = easy_read_pdf.pdf_files(built(real_document, "easy-read"))[0]
    pages = read_pages(booklet)
    assert any(page.drawn for page in pages)
    assert differences(booklet) == []


def test_a_justified_page_reads_as_pdfplumber_reads_it(tmp_path: Path) -> None:
    # PDFium marks a space drawn in a gap wider than a space as one it put in itself, with no
    # matrix or box of its own: the justified-lines rule measures those spaces
    words = "Plain words in a long paragraph that wraps over several lines so that a " \
            "browser could justify it, with many words on every line. "
    path = print_page(tmp_path, f"<p>{words * 4}</p>", "p { text-align: justify }")
    spaces = [glyph for page in read_pages(path) for glyph in page.glyphs if glyph.text == " "]
    assert len(spaces) > 40
    assert differences(path) == []


def test_a_file_that_is_not_a_pdf_raises_value_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really")
    with pytest.raises(ValueError, match="PDFium cannot open it"):
        read_pages(path)


def test_a_blank_page_has_no_characters_and_nothing_drawn(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as file:
        writer.write(file)
    (page,) = read_pages(path)
    assert (page.number, round(page.width), round(page.height)) == (1, 595, 842)
    assert page.glyphs == () and page.drawn == ()
