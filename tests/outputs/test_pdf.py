"""The printed editions as PDF files (standard and large print), read back with pypdf and
pdfplumber as a PDF/UA checker or a reader's tools would: tagging, language, metadata,
bookmarks, fonts, links, contents, running headers and page numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.names import TEMPLATES
from formats.outputs.pdf import rules as pdf_rules_module
from formats.outputs.pdf import structure as pdf_structure
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.rules import pdf_rules
from tests.conftest import Builds
from tests.helpers.checked import checked_rules
from tests.helpers.pdf import PDF_NAMES, built_pdf


def catalog(path: Path) -> DictionaryObject:
    return PdfReader(path).trailer["/Root"]


# ---------------------------------------------------------------------------------------------
# PDF/UA-1 properties, on both editions


def rule_results(path: Path, document: Document | None = None) -> dict[str, RuleResult]:
    """Return the results of the check's PDF rules (formats.outputs.pdf.rules) on ``path``, by
    rule."""
    return {result.rule: result for result in pdf_rules(path, "x/pdf", document)}


def checked_pdf_results(path: Path, document: Document) -> dict[str, RuleResult]:
    """Return the results of the check's PDF rules on a PDF of the real toolkit's build, by
    rule, as the run's check found them (tests/helpers/checked.py): not measured again."""
    edition = "large-print" if path.name.endswith("-large-print.pdf") else "standard"
    return {result.rule: result
            for result in checked_rules(document, path.parent.parent, edition)
            if result.where == f"{path.name} ({edition}/pdf)"}


def assert_rules_pass(path: Path, rules: list[str], document: Document | None = None,
                      checked: bool = False) -> dict[str, str]:
    """Assert that the check's PDF rules ``rules`` pass on ``path`` (``checked``: as the run's
    check found them, for the real toolkit's build); return their messages."""
    results = checked_pdf_results(path, document) if checked and document is not None \
        else rule_results(path, document)
    assert {rule: results[rule].message for rule in rules if not results[rule].passed} == {}
    return {rule: results[rule].message for rule in rules}


def assert_tagged_pdf_ua(path: Path, title: str, document: Document,
                         checked: bool = False) -> None:
    """Assert the PDF/UA-1 document-level requirements that a program can check."""
    messages = assert_rules_pass(path, ["pdf/tagged", "pdf/lang", "pdf/display-doc-title",
                                        "pdf/pdfua", "pdf/title"], document, checked)
    assert messages["pdf/lang"] == "catalog /Lang is 'en-GB'"
    assert messages["pdf/title"] == f"XMP dc:title is '{title}'"


def test_mini_pdfs_are_tagged_pdf_ua(mini_pdf: Path, mini_document: Document) -> None:
    meta = mini_document.meta
    title = f"{meta.title}: {meta.subtitle}"
    assert_tagged_pdf_ua(mini_pdf, title if "large-print" not in mini_pdf.name
                         else f"{title} (large print)", mini_document)


@pytest.mark.slow
def test_real_pdfs_are_tagged_pdf_ua(real_pdf: Path, real_document: Document) -> None:
    meta = real_document.meta
    title = f"{meta.title}: {meta.subtitle}"
    assert_tagged_pdf_ua(real_pdf, title if "large-print" not in real_pdf.name
                         else f"{title} (large print)", real_document, checked=True)


def outline(path: Path) -> list[tuple[str, int]]:
    """Return the bookmarks of a PDF as (title, depth) in reading order, read with pypdf."""
    reader = PdfReader(path)
    found: list[tuple[str, int]] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((str(entry.title), depth))

    walk(reader.outline, 1)
    return found


def expected_outline(document: Document) -> list[tuple[str, int]]:
    return [("Contents", 1)] + [(section.label, section.level) for section in document.sections()]


def test_mini_bookmarks_are_the_sections_at_their_levels(mini_pdf: Path,
                                                         mini_document: Document) -> None:
    assert outline(mini_pdf) == expected_outline(mini_document)


@pytest.mark.slow
def test_real_bookmarks_are_the_sections_at_their_levels(real_pdf: Path,
                                                         real_document: Document) -> None:
    assert outline(real_pdf) == expected_outline(real_document)


def structure_types(path: Path) -> list[str]:
    """Return the types of the structure elements ("H1", "P"...) in reading order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            found.append(str(node["/S"]).lstrip("/"))
        kids = node.get("/K")
        if kids is None or node.get("/Type") == "/OBJR":
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int):
                walk(kid)

    walk(catalog(path)["/StructTreeRoot"])
    return found


def assert_headings_in_order(path: Path, document: Document | None = None) -> None:
    assert_rules_pass(path, ["pdf/headings"], document, checked=document is not None)


def test_mini_headings_are_tagged_in_order(mini_pdf: Path) -> None:
    assert_headings_in_order(mini_pdf)


@pytest.mark.slow
def test_real_headings_are_tagged_in_order(real_pdf: Path, real_document: Document) -> None:
    assert_headings_in_order(real_pdf, real_document)


def test_table_headers_are_tagged_th_with_the_column_they_head(built: Builds,
                                                                mini_document: Document) -> None:
    path = built_pdf(built, mini_document, "standard")
    kinds = structure_types(path)
    assert kinds.count("Table") >= 2 and "TH" in kinds
    headers = [element for element, _ in pdf_structure.elements(PdfReader(path))
               if element["/S"] == "/TH"]
    assert [pdf_rules_module.header_scope(header) for header in headers] == [
        "/Column"] * len(headers)


def test_large_print_tables_are_lists_of_labelled_cells(built: Builds,
                                                       mini_document: Document) -> None:
    kinds = structure_types(built_pdf(built, mini_document, "large-print"))
    assert "Table" not in kinds and "TH" not in kinds
    assert "L" in kinds and "LI" in kinds


def test_a_header_cell_beside_data_cells_heads_its_row(tmp_path: Path) -> None:
    html = ('<html lang="en-GB"><head><title>Rows</title></head><body><table>'
            "<caption>Rows and columns</caption>"
            '<thead><tr><th scope="col">Name</th><th scope="col">Value</th></tr></thead>'
            '<tbody><tr><th scope="row">One</th><td>1</td></tr></tbody></table></body></html>')
    path = pdf_writer.write_pdf(html, tmp_path / "rows.pdf", TEMPLATES)
    headers = [element for element, _ in pdf_structure.elements(PdfReader(path))
               if element["/S"] == "/TH"]
    assert [pdf_rules_module.header_scope(header) for header in headers] == [
        "/Column", "/Column", "/Row"]


def test_header_scopes_are_added_the_same_way_every_time(tmp_path: Path) -> None:
    html = ('<html lang="en-GB"><head><title>Same</title></head><body><table><caption>A</caption>'
            '<thead><tr><th scope="col">Name</th></tr></thead><tbody><tr><td>1</td></tr></tbody>'
            "</table></body></html>")
    first = pdf_writer.write_pdf(html, tmp_path / "first.pdf", TEMPLATES).read_bytes()
    second = pdf_writer.write_pdf(html, tmp_path / "second.pdf", TEMPLATES).read_bytes()
    assert first == second


def font_descriptors(path: Path) -> Iterator[tuple[str, DictionaryObject]]:
    """Yield (font name, font descriptor) for every font that any page uses."""
    seen: set[int] = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for reference in fonts.get_object().values():
            font = reference.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                yield str(font["/BaseFont"]), descendant["/FontDescriptor"].get_object()


def assert_fonts_embedded_with_unicode(path: Path, document: Document | None = None) -> None:
    fonts = list(font_descriptors(path))
    assert fonts
    assert assert_rules_pass(path, ["pdf/fonts-embedded", "pdf/fonts-unicode"], document,
                             checked=document is not None) == {
        "pdf/fonts-embedded": f"all {len(fonts)} fonts are embedded",
        "pdf/fonts-unicode": f"all {len(fonts)} fonts map their glyphs to Unicode"}


def test_mini_fonts_are_embedded(mini_pdf: Path) -> None:
    assert_fonts_embedded_with_unicode(mini_pdf)


@pytest.mark.slow
def test_real_fonts_are_embedded(real_pdf: Path, real_document: Document) -> None:
    assert_fonts_embedded_with_unicode(real_pdf, real_document)


def test_standard_pdf_uses_liberation_sans_and_large_print_atkinson(built: Builds,
                                                                   mini_document: Document
                                                                   ) -> None:
    families = {edition: {re.sub(r"^/?([A-Z]{6}\+)?", "", name)
                          for name, _ in font_descriptors(built_pdf(built, mini_document,
                                                                    edition))}
                for edition in PDF_NAMES}
    assert families == {"standard": {"Liberation-Sans", "Liberation-Sans-Bold"},
                        "large-print": {"Atkinson-Hyperlegible",
                                        "Atkinson-Hyperlegible-Bold"}}


# ---------------------------------------------------------------------------------------------
# Links, contents, running header and page numbers


def internal_link_targets(path: Path) -> list[str]:
    """Return the named destinations that the PDF's internal links go to, in page order."""
    targets: list[str] = []
    for page in PdfReader(path).pages:
        for reference in page.get("/Annots", []) or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                targets.append(str(annotation["/Dest"]))
    return targets


def test_quiz_answer_links_lead_to_named_destinations(mini_pdf: Path) -> None:
    targets = internal_link_targets(mini_pdf)
    names = PdfReader(mini_pdf).named_destinations
    assert "answers-true-false" in targets and "quiz-true-false" in targets
    assert "term-power" in targets
    assert [target for target in targets if target not in names] == []


def test_quiz_links_give_the_page_of_the_answers(mini_pdf: Path) -> None:
    reader = PdfReader(mini_pdf)
    answers_page = reader.get_destination_page_number(
        reader.named_destinations["answers-true-false"]) + 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Suggested answers to quiz 1 (page {answers_page})" in " ".join(text.split())


def contents_entries(path: Path) -> dict[str, int]:
    """Return the contents list as read on the page: entry text -> page number printed."""
    entries: dict[str, int] = {}
    with pdfplumber.open(path) as document:
        for page in document.pages[:8]:
            for line in page.extract_text_lines():
                match = re.fullmatch(r"(\d+)\s*(.+?)\s*\.{3,}\s*|(.+?)\s*\.{3,}\s*(\d+)",
                                     line["text"])
                if match:
                    number = match.group(1) or match.group(4)
                    entries[(match.group(2) or match.group(3)).rstrip(". ")] = int(number)
    return entries


def assert_contents_give_the_pages_of_chapters(path: Path, document: Document) -> None:
    reader = PdfReader(path)
    bookmark_pages = {str(entry.title): reader.get_destination_page_number(entry) + 1
                      for entry in reader.outline if not isinstance(entry, list)}
    entries = contents_entries(path)
    short_chapters = [chapter for chapter in document.chapters if len(chapter.label) < 35]
    assert short_chapters
    for chapter in short_chapters:
        # a label ending in "..." runs into the leader dots: compare without trailing dots
        assert entries.get(chapter.label.rstrip(". ")) == bookmark_pages[chapter.label], (
            chapter.label)


def test_mini_contents_give_the_pages_of_chapters(mini_pdf: Path,
                                                  mini_document: Document) -> None:
    assert_contents_give_the_pages_of_chapters(mini_pdf, mini_document)


@pytest.mark.slow
def test_real_contents_give_the_pages_of_chapters(real_pdf: Path,
                                                  real_document: Document) -> None:
    # as the run's check found it (pdf/contents-pages reads the contents against the bookmarks)
    found = checked_pdf_results(real_pdf, real_document)["pdf/contents-pages"]
    assert found.passed, found.message
    assert found.message.endswith(
        f"every one of the {len(real_document.chapters)} chapters is listed")


def test_pages_carry_the_title_or_chapter_and_their_number(mini_pdf: Path,
                                                           mini_document: Document) -> None:
    # the standard PDF's header has the title and the chapter, large print's the chapter (the
    # title before the first): pdf/running-chapter checks each page's chapter
    heads = (mini_document.meta.title, *(chapter.label for chapter in mini_document.chapters))
    with pdfplumber.open(mini_pdf) as document:
        total = len(document.pages)
        for number, page in enumerate(document.pages[1:], start=2):
            lines = [line["text"] for line in page.extract_text_lines()]
            assert lines[0].startswith(heads), number
            assert lines[-1] == f"Page {number} of {total}"


def test_links_show_their_address_after_the_text(mini_pdf: Path) -> None:
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(mini_pdf).pages).split())
    assert "Second point, with a link to us (www.example.org)." in text


def test_standard_pdf_has_a_title_page(built: Builds, mini_document: Document) -> None:
    first = PdfReader(built_pdf(built, mini_document, "standard")).pages[0].extract_text()
    assert first.split("\n") == ["Test Publisher", "Mini toolkit", "A small toolkit for tests",
                                 "Edition 1, published 27 November 2026"]


def test_pages_are_a4_portrait(mini_pdf: Path) -> None:
    boxes = {tuple(round(float(value)) for value in page.mediabox)
             for page in PdfReader(mini_pdf).pages}
    assert boxes == {(0, 0, 595, 842)}


def test_no_line_ends_in_a_hyphenated_word_break_in_large_print(built: Builds,
                                                                mini_document: Document
                                                                ) -> None:
    path = built_pdf(built, mini_document, "large-print")
    with pdfplumber.open(path) as document:
        endings = [line["text"] for page in document.pages
                   for line in page.extract_text_lines() if line["text"].endswith("-")]
    assert endings == []
