"""The printed editions as PDF files (standard and large print), read back with pypdf and
pdfplumber as a PDF/UA checker or a reader's tools would: tagging, language, metadata,
bookmarks, fonts, links, contents, and the coverage check on edited files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

import build
from formats.check.coverage import Status, coverage
from formats.core.contract import RenderError, RuleResult
from formats.core.model import Document
from formats.core.names import TEMPLATES, slug
from formats.core.switches import BROWSER_SWITCH
from formats.editions import large_print, standard
from formats.outputs.pdf import reader as pdf_reader
from formats.outputs.pdf import rules as pdf_rules_module
from formats.outputs.pdf import structure as pdf_structure
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.rules import pdf_rules
from tests.conftest import MINI_SOURCE, REAL_SOURCE, Builds
from tests.helpers.checked import checked_rules
from tests.helpers.pdf import outline_items

EDITIONS = {
    "standard": standard.pdf_name,
    "large-print": lambda document: f"{large_print.file_stem(document)}.pdf",
}


def built_pdf(built: Builds, document: Document, edition: str) -> Path:
    """Return the PDF of ``edition`` ("standard" or "large-print"), built once a session."""
    return built(document, edition) / EDITIONS[edition](document)


@pytest.fixture(params=["standard", "large-print"])
def mini_pdf(request: pytest.FixtureRequest, built: Builds, mini_document: Document) -> Path:
    """Return the mini toolkit's PDF of each printed edition in turn."""
    return built_pdf(built, mini_document, request.param)


@pytest.fixture(params=["standard", "large-print"])
def real_pdf(request: pytest.FixtureRequest, built: Builds, real_document: Document) -> Path:
    """Return the real toolkit's PDF of each printed edition in turn."""
    return built_pdf(built, real_document, request.param)


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
                for edition in EDITIONS}
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


# ---------------------------------------------------------------------------------------------
# Reading back, and the check on edited files


def pdf_coverage(document: Document, built: Builds) -> dict[str, Status]:
    """Return the check's verdict for every (output, section) of the two PDFs, as built."""
    folder = built(document, "standard").parent
    built(document, "large-print")
    result = coverage(document, folder, list(EDITIONS))
    return {f"{output} {sid}": cell.status for (sid, output), cell in result.cells.items()
            if output.endswith("/pdf")}


@pytest.mark.usefixtures("no_browser_rules")  # what the PDFs hold, not how the web page looks
def test_every_mini_section_is_present_in_both_pdfs(mini_document: Document,
                                                    built: Builds) -> None:
    verdicts = pdf_coverage(mini_document, built)
    assert len(verdicts) == 2 * len(list(mini_document.sections()))
    assert {key: status for key, status in verdicts.items() if status is not Status.PRESENT} == {}


@pytest.mark.slow
def test_every_real_section_is_present_in_both_pdfs(real_document: Document,
                                                    built: Builds) -> None:
    verdicts = pdf_coverage(real_document, built)
    assert len(verdicts) == 2 * len(list(real_document.sections()))
    assert {key: status for key, status in verdicts.items() if status is not Status.PRESENT} == {}


def test_read_back_finds_every_section_with_its_label(mini_pdf: Path,
                                                      mini_document: Document) -> None:
    readback = pdf_reader.read_back_one(mini_pdf.parent, mini_pdf.name, "x/pdf")
    assert readback.problems == ()
    assert {sid: found.title for sid, found in readback.sections.items()
            if sid not in ("contents", "contents-heading")} == {
        section.id: section.label for section in mini_document.sections()}


def test_read_back_leaves_out_page_furniture(mini_pdf: Path) -> None:
    found = pdf_reader.read_back_one(mini_pdf.parent, mini_pdf.name, "x/pdf").sections
    assert "Page 1 of" not in found["start"].text
    assert not found["start"].text.lstrip().startswith("Mini toolkit")


def test_join_broken_addresses() -> None:
    text = "the Standards (www.scotland.gov.uk/Topics/Built-\nEnvironment/engage):\nThese set"
    assert pdf_reader.join_broken_addresses(text) == (
        "the Standards (www.scotland.gov.uk/Topics/Built-Environment/engage):\nThese set")


def test_read_back_of_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    readback = pdf_reader.read_back_one(tmp_path, "*.pdf", "standard/pdf")
    assert readback.problems == (f"no file matching *.pdf in {tmp_path}",)


def test_read_back_of_a_damaged_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\nthis is not a PDF\n")
    readback = pdf_reader.read_back_one(tmp_path, "*.pdf", "standard/pdf")
    assert readback.sections == {}
    assert len(readback.problems) == 1
    assert readback.problems[0].startswith(f"{tmp_path / 'broken.pdf'} cannot be read as a PDF")


def remove_section(path: Path, label: str) -> None:
    """Remove from a PDF file the bookmark ``label`` and the pages only that section is on."""
    reader = PdfReader(path)
    flat: list[tuple[str, int]] = []

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                flat.append((str(entry.title), reader.get_destination_page_number(entry)))

    walk(reader.outline)
    index = [title for title, _ in flat].index(label)
    first = flat[index][1]
    following = flat[index + 1][1] if index + 1 < len(flat) else len(reader.pages)
    writer = PdfWriter(clone_from=reader)
    _unlink_outline_item(writer, label)
    for page in reversed(range(first, following)):
        writer.remove_page(page)
    with path.open("wb") as file:
        writer.write(file)


def _unlink_outline_item(writer: PdfWriter, title: str) -> None:
    item = next(node for node in outline_items(writer) if node["/Title"] == title)
    parent = item["/Parent"].get_object()
    previous, following = item.get("/Prev"), item.get("/Next")
    if previous is None:
        _set_or_drop(parent, "/First", following)
    else:
        _set_or_drop(previous.get_object(), "/Next", following)
    if following is None:
        _set_or_drop(parent, "/Last", previous)
    else:
        _set_or_drop(following.get_object(), "/Prev", previous)


def _set_or_drop(node: DictionaryObject, key: str, value: Any) -> None:
    if value is None:
        node.pop(NameObject(key), None)
    else:
        node[NameObject(key)] = value


def check_after_removing(source: Path, out: Path, edition: str, pattern: str, label: str,
                         capsys: pytest.CaptureFixture[str],
                         built_dist: Path | None = None) -> tuple[int, str]:
    """Build ``edition`` (or copy it, with the manifest, from ``built_dist``, a build.py output
    folder of ``source``), remove one section from its PDF, then run the check: (code, output)."""
    if built_dist is None:
        assert build.main(["--source", str(source), "--out", str(out), "--format", edition]) == 0
    else:
        shutil.copytree(built_dist / edition, out / edition)
        shutil.copy2(built_dist / "manifest.json", out / "manifest.json")
    capsys.readouterr()
    folder = out / edition
    (target,) = folder.glob(pattern)
    remove_section(target, label)
    with pytest.MonkeyPatch.context() as patch:  # the web page is not what this is about
        patch.setenv(BROWSER_SWITCH, "0")
        code = build.main(["check", "--source", str(source), "--out", str(out),
                           "--format", edition])
    return code, capsys.readouterr().out


REMOVALS = [
    pytest.param("standard", "*.pdf", "what-is-it", "standard/pdf", id="standard-mini"),
    pytest.param("large-print", "*-large-print.pdf", "what-is-it", "large-print/pdf",
                 id="large-print-mini"),
]


@pytest.mark.parametrize(("edition", "pattern", "section_id", "output"), REMOVALS)
def test_check_names_a_section_removed_from_the_mini_pdf(
        edition: str, pattern: str, section_id: str, output: str, mini_document: Document,
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = mini_document.section(section_id)
    code, printed = check_after_removing(MINI_SOURCE, tmp_path / "dist", edition, pattern,
                                         section.label, capsys)
    assert code == 1
    lines = " ".join(printed.split())
    assert (f"{output}: section '{section_id}' ({section.label}) is missing: heading not found"
            in lines)
    assert "section 'try-it'" not in lines


@pytest.mark.slow
@pytest.mark.parametrize(("edition", "pattern", "output"), [
    pytest.param("standard", "*.pdf", "standard/pdf", id="standard"),
    pytest.param("large-print", "*-large-print.pdf", "large-print/pdf", id="large-print"),
])
def test_check_names_a_section_removed_from_the_real_pdf(
        edition: str, pattern: str, output: str, real_document: Document, real_dist: Path,
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    section = real_document.section("jargon")
    code, printed = check_after_removing(REAL_SOURCE, tmp_path / "dist", edition, pattern,
                                         section.label, capsys, real_dist)
    assert code == 1
    failures = [line for line in printed.splitlines() if line.startswith(f"{output}: section")]
    assert failures == [f"{output}: section 'jargon' (Appendix 2: What the jargon means) is "
                        "missing: heading not found"]


# ---------------------------------------------------------------------------------------------
# WeasyPrint's log becomes a RenderError


PICTURE = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
           "/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")


@pytest.mark.parametrize(("html", "message"), [
    pytest.param(f'<html lang="en-GB"><title>t</title><p><img src="{PICTURE}"></p></html>',
                 f'  ERROR: Image "{PICTURE}" has no required alt description',
                 id="picture-without-alt"),
    pytest.param("<html><title>t</title><p>Words.</p></html>",
                 '  ERROR: Missing required "lang" attribute at the root of the document',
                 id="no-language"),
    pytest.param('<html lang="en-GB"><title>t</title><p style="colour: red">Words.</p></html>',
                 "  WARNING: Ignored `colour: red` at 1:1, unknown property.",
                 id="unknown-css-property"),
])
def test_weasyprint_problems_stop_the_render(html: str, message: str, tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    with pytest.raises(RenderError) as raised:
        pdf_writer.write_pdf(html, target, TEMPLATES)
    assert str(raised.value) == ("WeasyPrint reported 1 problem(s) while writing out.pdf:\n"
                                 + message)
    assert not target.exists()


def test_a_clean_page_renders_without_error(tmp_path: Path) -> None:
    target = pdf_writer.write_pdf('<html lang="en-GB"><title>t</title><p>Words.</p></html>',
                                  tmp_path / "out.pdf", TEMPLATES)
    assert PdfReader(target).pages[0].extract_text() == "Words."


def test_the_log_handler_is_removed_after_the_render(tmp_path: Path) -> None:
    import logging

    before = list(logging.getLogger("weasyprint").handlers)
    pdf_writer.write_pdf('<html lang="en-GB"><title>t</title><p>Words.</p></html>',
                         tmp_path / "a.pdf", TEMPLATES)
    assert logging.getLogger("weasyprint").handlers == before


def test_slug_of_titles() -> None:
    assert slug("All together now") == "all-together-now"
    assert slug("Ça va: 2 ways!") == "ca-va-2-ways"


def test_large_print_writes_a_pdf_and_a_word_document(built: Builds,
                                                      mini_document: Document) -> None:
    folder = built(mini_document, "large-print")
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["mini-toolkit-large-print.docx", "mini-toolkit-large-print.pdf"]
