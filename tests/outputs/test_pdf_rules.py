"""The PDF rules of the check (formats.outputs.pdf.rules) on built PDFs: every rule passes on the
standard and large-print PDFs of the mini and the real toolkit, and each rule fails, with a
message saying what it found, on a PDF made to break it (a built PDF edited with pypdf, or a
small page printed with WeasyPrint through formats.outputs.pdf.writer)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

import build
from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions import large_print, standard
from formats.editions.large_print.rules import PDF_RULES as LARGE_PRINT_RULES
from formats.editions.large_print.rules import pdf_file_rules
from formats.outputs.pdf.rules import PDF_RULES, pdf_rules
from tests.conftest import MINI_SOURCE, Builds
from tests.helpers.checked import checked_rules
from tests.helpers.pdf import built_pdf, by_rule, failures, outline_items, structure, tampered

# pdf/lists-whole and pdf/lists-in-points run when the document is given (every edition does)
PDF_RULE_NAMES = [name for name, _ in PDF_RULES] + ["pdf/lists-whole", "pdf/lists-in-points"]
# The large print rules, then the print layout rules measured on the same characters.
LARGE_PRINT_RULE_NAMES = [name for name, _ in LARGE_PRINT_RULES] + [
    "pdf/line-length", "pdf/page-fill", "pdf/running-chapter"]




# ---------------------------------------------------------------------------------------------
# Every rule passes on the built PDFs


@pytest.mark.parametrize("edition", ["standard", "large-print"])
def test_every_rule_passes_on_the_mini_pdfs(edition: str, built: Builds,
                                           mini_document: Document) -> None:
    path = built_pdf(built, mini_document, edition)
    check = pdf_file_rules if edition == "large-print" else pdf_rules
    results = check(path, f"{edition}/pdf", mini_document)
    wanted = PDF_RULE_NAMES + (LARGE_PRINT_RULE_NAMES if edition == "large-print" else [])
    assert [result.rule for result in results] == wanted
    assert failures(results) == {}
    assert {result.where for result in results} == {f"{path.name} ({edition}/pdf)"}


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["standard", "large-print"])
def test_every_rule_passes_on_the_real_pdfs(edition: str, built: Builds,
                                           real_document: Document) -> None:
    path = built_pdf(built, real_document, edition)
    results = [result for result in checked_rules(real_document, path.parent.parent, edition)
               if result.where == f"{path.name} ({edition}/pdf)"]  # as the check found them
    wanted = PDF_RULE_NAMES + (LARGE_PRINT_RULE_NAMES if edition == "large-print" else [])
    assert set(wanted) <= {result.rule for result in results}
    assert failures(results) == {}
    found = by_rule(results)
    sections = len(list(real_document.sections()))
    assert found["pdf/bookmarks"].message.startswith(
        f"every one of the {sections} sections has a bookmark at its level")


def test_passing_messages_say_what_was_found(built: Builds, mini_document: Document) -> None:
    path = built_pdf(built, mini_document, "large-print")
    found = {name: result.message
             for name, result in by_rule(pdf_file_rules(path, "x", mini_document)).items()}
    assert found["pdf/lang"] == "catalog /Lang is 'en-GB'"
    assert found["pdf/title"] == ("XMP dc:title is 'Mini toolkit: A small toolkit for tests "
                                  "(large print)'")
    assert found["pdf/display-doc-title"] == "/ViewerPreferences /DisplayDocTitle is true"
    assert found["pdf/pdfua"] == "XMP pdfuaid:part is 1 (PDF/UA-1)"
    assert found["large-print/min-font-size"] == "smallest text is 16.0pt (at least 16pt)"
    assert found["large-print/body-size"] == "most common text size is 18.0pt"


# ---------------------------------------------------------------------------------------------
# Built PDFs edited to break one rule



def page_of(writer: PdfWriter, element: DictionaryObject) -> int:
    """Return the 1-based page of a structure element (its own /Pg or its nearest parent's)."""
    node: Any = element
    while "/Pg" not in node:
        node = node["/P"].get_object()
    return writer.get_page_number(node["/Pg"].get_object()) + 1


def first_font(writer: PdfWriter) -> DictionaryObject:
    """Return the first font of the first page, by name."""
    fonts = writer.pages[0]["/Resources"]["/Font"].get_object()
    return min((font.get_object() for font in fonts.values()), key=lambda font: font["/BaseFont"])


def drop_from_catalog(*keys: str) -> Callable[[PdfWriter], str]:
    def edit(writer: PdfWriter) -> str:
        for key in keys:
            del writer.root_object[NameObject(key)]
        return ""
    return edit


def set_lang(writer: PdfWriter) -> str:
    writer.root_object[NameObject("/Lang")] = TextStringObject("en-US")
    return ""


def set_display_doc_title_false(writer: PdfWriter) -> str:
    preferences = writer.root_object["/ViewerPreferences"].get_object()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(False)
    return ""


def set_marked_false(writer: PdfWriter) -> str:
    writer.root_object["/MarkInfo"].get_object()[NameObject("/Marked")] = BooleanObject(False)
    return ""


def edit_xmp(old: bytes, new: bytes) -> Callable[[PdfWriter], str]:
    def edit(writer: PdfWriter) -> str:
        stream = writer.root_object["/Metadata"].get_object()
        data = stream.get_data()
        assert old in data
        stream.set_data(data.replace(old, new))
        return ""
    return edit


def unembed_first_font(writer: PdfWriter) -> str:
    font = first_font(writer)
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    del descriptor[NameObject("/FontFile2")]
    return str(font["/BaseFont"]).lstrip("/")


def drop_first_unicode_map(writer: PdfWriter) -> str:
    font = first_font(writer)
    del font[NameObject("/ToUnicode")]
    return str(font["/BaseFont"]).lstrip("/")


def first_h1_to_h2(writer: PdfWriter) -> str:
    heading = next(element for element in structure(writer) if element["/S"] == "/H1")
    heading[NameObject("/S")] = NameObject("/H2")
    return str(page_of(writer, heading))


def first_h3_to_h5(writer: PdfWriter) -> str:
    headings = [element for element in structure(writer)
                if str(element["/S"]) in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
    index = next(index for index, element in enumerate(headings) if element["/S"] == "/H3")
    headings[index][NameObject("/S")] = NameObject("/H5")
    return f"{page_of(writer, headings[index])} {str(headings[index - 1]['/S'])[1:]}"


def first_table_th_to_td(writer: PdfWriter) -> str:
    table = next(element for element in structure(writer) if element["/S"] == "/Table")
    for element in structure(writer):
        if element["/S"] == "/TH" and _inside(element, table):
            element[NameObject("/S")] = NameObject("/TD")
    return str(page_of(writer, table))


def drop_first_table_scopes(writer: PdfWriter) -> tuple[int, int]:
    """Take the /Scope off the header cells of the first table, as WeasyPrint 70 writes them."""
    table = next(element for element in structure(writer) if element["/S"] == "/Table")
    headers = [element for element in structure(writer)
               if element["/S"] == "/TH" and _inside(element, table)]
    for header in headers:
        del header["/A"].get_object()[NameObject("/Scope")]
    return len(headers), page_of(writer, table)


def _inside(element: DictionaryObject, ancestor: DictionaryObject) -> bool:
    node: Any = element
    while "/P" in node:
        node = node["/P"].get_object()
        if node is ancestor:
            return True
    return False


def remove_bookmark(title: str) -> Callable[[PdfWriter], str]:
    """Return an edit that unlinks the outline item ``title`` (a leaf) from the outline."""
    def edit(writer: PdfWriter) -> str:
        item = next(node for node in outline_items(writer) if node["/Title"] == title)
        parent = item["/Parent"].get_object()
        previous, following = item.get("/Prev"), item.get("/Next")
        _relink(previous.get_object() if previous else parent,
                "/Next" if previous else "/First", following)
        _relink(following.get_object() if following else parent,
                "/Prev" if following else "/Last", previous)
        return ""
    return edit


def _relink(node: DictionaryObject, key: str, value: Any) -> None:
    if value is None:
        node.pop(NameObject(key), None)
    else:
        node[NameObject(key)] = value



@pytest.fixture
def mini_standard_pdf(built: Builds, mini_document: Document) -> Path:
    return built_pdf(built, mini_document, "standard")


def test_a_copy_written_by_pypdf_still_passes(mini_standard_pdf: Path, mini_document: Document,
                                              tmp_path: Path) -> None:
    path, _ = tampered(mini_standard_pdf, tmp_path / "copy.pdf", lambda writer: "")
    assert failures(pdf_rules(path, "standard/pdf", mini_document)) == {}


BROKEN = [
    pytest.param(drop_from_catalog("/Lang"), {"pdf/lang": "catalog has no /Lang"},
                 id="no-lang"),
    pytest.param(set_lang, {"pdf/lang": "catalog /Lang is 'en-US', the document's language is "
                            "'en-GB'"}, id="other-lang"),
    pytest.param(drop_from_catalog("/StructTreeRoot", "/MarkInfo"), {
        "pdf/tagged": "catalog has no /StructTreeRoot; catalog has no /MarkInfo",
        "pdf/figures-alt": "the PDF has no structure tree",
        "pdf/headings": "the PDF has no structure tree",
        "pdf/table-headers": "the PDF has no structure tree",
        "pdf/th-scope": "the PDF has no structure tree",
        "pdf/link-descriptions": "the PDF has no structure tree",
        "pdf/artifacts": "the PDF has no structure tree",
        "pdf/structure-whole": "the PDF has no structure tree",
        "pdf/contents-order": "the PDF has no structure tree",
        "pdf/contents-one-link": "the PDF has no structure tree",
        "pdf/short-blocks-whole": "the PDF has no structure tree",
        "pdf/lists-whole": "the PDF has no structure tree",
        "pdf/lists-in-points": "the PDF has no structure tree"}, id="not-tagged"),
    pytest.param(set_marked_false, {"pdf/tagged": "/MarkInfo /Marked is not true"},
                 id="not-marked"),
    pytest.param(set_display_doc_title_false,
                 {"pdf/display-doc-title": "/ViewerPreferences /DisplayDocTitle is false"},
                 id="display-doc-title-false"),
    pytest.param(drop_from_catalog("/ViewerPreferences"),
                 {"pdf/display-doc-title": "catalog has no /ViewerPreferences"},
                 id="no-viewer-preferences"),
    pytest.param(edit_xmp(b' pdfuaid:part="1"', b""),
                 {"pdf/pdfua": "the XMP metadata has no pdfuaid:part"}, id="no-pdfuaid"),
    pytest.param(edit_xmp(b'pdfuaid:part="1"', b'pdfuaid:part="2"'),
                 {"pdf/pdfua": "XMP pdfuaid:part is '2', not 1"}, id="pdfua-2"),
    pytest.param(edit_xmp(b"dc:title>", b"dc:subject>"),
                 {"pdf/title": "the XMP metadata has no dc:title"}, id="no-dc-title"),
    pytest.param(edit_xmp(b"Mini toolkit: A small", b"Tiny toolkit: A small"),
                 {"pdf/title": "XMP dc:title 'Tiny toolkit: A small toolkit for tests' does not "
                  "hold the title 'Mini toolkit'"}, id="other-title"),
    pytest.param(drop_from_catalog("/Metadata"), {
        "pdf/title": "catalog has no /Metadata (XMP) stream",
        "pdf/pdfua": "catalog has no /Metadata (XMP) stream"}, id="no-xmp"),
    pytest.param(edit_xmp(b"</x:xmpmeta>", b""), {
        "pdf/title": "the XMP metadata is not well-formed XML: no element found: line 5, "
                     "column 19",
        "pdf/pdfua": "the XMP metadata is not well-formed XML: no element found: line 5, "
                     "column 19"}, id="broken-xmp"),
    pytest.param(remove_bookmark("1.2 Try it"),
                 {"pdf/bookmarks": "no bookmark for section 'try-it' (1.2 Try it)"},
                 id="bookmark-removed"),
    pytest.param(drop_from_catalog("/Outlines"),
                 {"pdf/bookmarks": "the PDF has no bookmarks (outline)"}, id="no-outline"),
]


@pytest.mark.parametrize(("edit", "wanted"), BROKEN)
def test_a_broken_pdf_fails_its_rule(edit: Callable[[PdfWriter], str], wanted: dict[str, str],
                                     mini_standard_pdf: Path, mini_document: Document,
                                     tmp_path: Path) -> None:
    path, _ = tampered(mini_standard_pdf, tmp_path / "broken.pdf", edit)
    assert failures(pdf_rules(path, "standard/pdf", mini_document)) == wanted


@pytest.mark.parametrize(("edit", "rule", "message"), [
    pytest.param(unembed_first_font, "pdf/fonts-embedded", "font '{}' is not embedded",
                 id="font-not-embedded"),
    pytest.param(drop_first_unicode_map, "pdf/fonts-unicode", "font '{}' has no /ToUnicode map",
                 id="font-without-unicode-map"),
    pytest.param(first_h1_to_h2, "pdf/headings", "the first heading is H2 (page {}), not H1",
                 id="first-heading-h2"),
    pytest.param(first_table_th_to_td, "pdf/table-headers", "Table on page {} has no TH cell",
                 id="table-without-th"),
    pytest.param(drop_first_table_scopes, "pdf/th-scope", "{} TH cell(s) on page {} have no "
                 "/Scope", id="th-without-scope"),
])
def test_a_broken_part_fails_its_rule_naming_it(edit: Callable[[PdfWriter], str], rule: str,
                                                message: str, mini_standard_pdf: Path,
                                                mini_document: Document,
                                                tmp_path: Path) -> None:
    path, detail = tampered(mini_standard_pdf, tmp_path / "broken.pdf", edit)
    details = detail if isinstance(detail, tuple) else (detail,)
    found = failures(pdf_rules(path, "standard/pdf", mini_document))
    if rule == "pdf/fonts-unicode":  # the words of the links and contents cannot be read back
        assert found.pop("pdf/link-descriptions").startswith("page 3: link '")
        assert found.pop("pdf/contents-pages").startswith("2 chapter(s) have no entry in the "
                                                          "contents")
    assert found == {rule: message.format(*details)}


def test_a_skipped_heading_level_is_named(mini_standard_pdf: Path, mini_document: Document,
                                          tmp_path: Path) -> None:
    path, detail = tampered(mini_standard_pdf, tmp_path / "broken.pdf", first_h3_to_h5)
    page, before = detail.split()
    assert failures(pdf_rules(path, "standard/pdf", mini_document)) == {
        "pdf/headings": f"H5 on page {page} follows {before} (skips {before[0]}"
                        f"{int(before[1]) + 1})"}


def test_bookmarks_need_the_document_to_name_sections(mini_standard_pdf: Path,
                                                      tmp_path: Path) -> None:
    path, _ = tampered(mini_standard_pdf, tmp_path / "broken.pdf", remove_bookmark("1.2 Try it"))
    assert by_rule(pdf_rules(path, "standard/pdf"))["pdf/bookmarks"] == RuleResult(
        "pdf/bookmarks", "broken.pdf (standard/pdf)", True, "6 bookmarks")


def test_a_missing_pdf_is_a_failed_rule(tmp_path: Path) -> None:
    assert pdf_file_rules(tmp_path / "gone.pdf", "standard/pdf") == [RuleResult(
        "pdf/file", "gone.pdf (standard/pdf)", False, f"{tmp_path / 'gone.pdf'} does not exist")]


def test_a_damaged_pdf_is_a_failed_rule(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not a PDF\n")
    (result,) = pdf_rules(path, "standard/pdf")
    assert (result.rule, result.passed) == ("pdf/file", False)
    assert result.message.startswith(f"{path} cannot be read as a PDF: ")


# ---------------------------------------------------------------------------------------------
# The formats' rules, and the check


def test_standard_and_large_print_rules_report_missing_files(mini_document: Document,
                                                             tmp_path: Path) -> None:
    standard_results = standard.EDITION.rules(mini_document, tmp_path)
    large_print_results = large_print.EDITION.rules(mini_document, tmp_path)
    assert standard_results == [
        RuleResult("web/page", str(tmp_path / "index.html"), False,
                   f"standard/html: {tmp_path / 'index.html'} does not exist"),
        RuleResult("pdf/file", "mini-toolkit.pdf (standard/pdf)", False,
                   f"{tmp_path / 'mini-toolkit.pdf'} does not exist")]
    assert large_print_results == [
        RuleResult("pdf/file", "mini-toolkit-large-print.pdf (large-print/pdf)", False,
                   f"{tmp_path / 'mini-toolkit-large-print.pdf'} does not exist"),
        RuleResult("large-print/docx/file", "mini-toolkit-large-print.docx", False,
                   f"{tmp_path / 'mini-toolkit-large-print.docx'} does not exist")]


def test_large_print_rules_cover_the_pdf_and_the_docx(built: Builds,
                                                      mini_document: Document) -> None:
    results = large_print.EDITION.rules(mini_document, built(mini_document, "large-print"))
    names = [result.rule for result in results]
    assert names[:len(PDF_RULE_NAMES) + len(LARGE_PRINT_RULE_NAMES)] == (
        PDF_RULE_NAMES + LARGE_PRINT_RULE_NAMES)
    assert {"large-print/docx/min-size", "large-print/docx/no-italics",
            "large-print/docx/heading-styles"} <= set(names)
    assert failures(results) == {}


CHECKED = ["standard", "large-print", "word"]


@pytest.fixture(scope="module")
def mini_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a dist folder of the mini toolkit's standard, large-print and Word editions."""
    out = tmp_path_factory.mktemp("mini-dist") / "dist"
    formats = [argument for name in CHECKED for argument in ("--format", name)]
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out), *formats]) == 0
    return out


# The PDF's rules, not how the web page looks: both checks without the browser rules, so that
# the second reuses what the first measured on the files that did not change.
@pytest.mark.slow
@pytest.mark.usefixtures("no_browser_rules")
def test_check_fails_naming_the_rule_when_the_standard_pdf_loses_its_lang(
        mini_dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    shutil.copytree(mini_dist, out)
    formats = [argument for name in CHECKED for argument in ("--format", name)]
    command = ["check", "--source", str(MINI_SOURCE), "--out", str(out), *formats]
    capsys.readouterr()
    assert build.main(command) == 0
    assert "error:" not in capsys.readouterr().out
    (target,) = (out / "standard").glob("*.pdf")
    edited, _ = tampered(target, tmp_path / "edited.pdf", drop_from_catalog("/Lang"))
    edited.replace(target)
    assert build.main(command) == 1
    errors = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()
              if line.startswith("error:")]
    assert errors == ["error: pdf/lang: mini-toolkit.pdf (standard/pdf): catalog has no /Lang"]
