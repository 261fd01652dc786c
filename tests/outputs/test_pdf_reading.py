"""The printed editions' PDFs read back (every section found with its label, page
furniture left out), the check naming a section removed from a PDF, and WeasyPrint's log
stopping a render."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject

import build
from formats.check.coverage import Status, coverage
from formats.core.contract import RenderError
from formats.core.model import Document
from formats.core.names import TEMPLATES, slug
from formats.core.switches import BROWSER_SWITCH
from formats.outputs.pdf import reader as pdf_reader
from formats.outputs.pdf import writer as pdf_writer
from tests.conftest import MINI_SOURCE, REAL_SOURCE, Builds
from tests.helpers.pdf import PDF_NAMES, outline_items


def pdf_coverage(document: Document, built: Builds) -> dict[str, Status]:
    """Return the check's verdict for every (output, section) of the two PDFs, as built."""
    folder = built(document, "standard").parent
    built(document, "large-print")
    result = coverage(document, folder, list(PDF_NAMES))
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
