"""Coverage: which Easy Read part stands for which section of the standard toolkit, and
the check naming the sections of a part removed from an output."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from formats.core.load import load
from formats.core.model import Document
from formats.core.text import normalise
from formats.editions.easy_read import EDITION, expected
from tests.editions.easy_read.support import (
    DOCX_NAME,
    FIXTURE,
    PART_1,
    PDF_NAME,
    W,
    copy_fixture,
    edit,
    run_check,
)


def test_expected_names_the_part_covering_each_section(er_fixture: Document) -> None:
    wanted = expected(er_fixture)
    assert {section_id: (entry.found_id, entry.title) for section_id, entry in wanted.items()} == {
        "start": ("er-what-it-is", "What is it?"),
        "what-is-it": ("er-what-it-is", "What is it?"),
        "details": ("er-what-it-is", "What is it?"),
        "try-it": ("er-try-it", "Try it"),
        "answers": ("er-try-it", "Try it"),
        "answers-true-false": ("er-try-it", "Try it"),
    }
    assert wanted["try-it"].sentences == (
        "Try the quiz.", "Is co-production a game to win?", "The answer is no.",
        "It is not a game.", "Partners share power.", "Tell us what you think.",
        "You can answer 3 questions.")


def test_a_section_no_part_covers_is_expected_under_no_id(tmp_path: Path) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / PART_1, "covers: [start, what-is-it, details]", "covers: [start, what-is-it]")
    entry = expected(load(source))["details"]
    assert (entry.found_id, entry.title, entry.sentences) == ("", "Details", ())


@pytest.mark.slow  # the check opens the page in Chromium
def test_the_check_passes_on_the_built_fixture(
        fixture_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(FIXTURE, fixture_build, capsys)
    assert code == 0, out
    assert "All 6 sections are in all 3 outputs." in out


def test_every_output_holds_both_parts_and_the_word_list(fixture_build: Path) -> None:
    readbacks = {readback.output: readback
                 for readback in EDITION.read_back(fixture_build / "easy-read")}
    assert list(readbacks) == ["easy-read/html", "easy-read/pdf", "easy-read/docx"]
    files = {"easy-read/html": "index.html", "easy-read/pdf": PDF_NAME,
             "easy-read/docx": DOCX_NAME}
    for output, readback in readbacks.items():
        assert readback.problems == ()
        for part_id, title in (("er-what-it-is", "What is it?"), ("er-try-it", "Try it"),
                               ("word-list", "Word list")):
            found = readback.sections[part_id]
            assert (found.title, found.file, found.problems) == (title, files[output], ())
        assert "partners share power" in normalise(readback.sections["er-try-it"].text)


def cut_html(folder: Path) -> None:
    """Delete the part 'er-try-it' (its whole <section>) from the built page."""
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    cut, count = re.subn(r'<section id="er-try-it".*?</section>\n', "", html, flags=re.S)
    assert count == 1
    page.write_text(cut, encoding="utf-8")


def cut_pdf(folder: Path) -> None:
    """Delete the pages, the bookmark and the named destination of the part 'Try it'."""
    path = folder / PDF_NAME
    reader = PdfReader(path)
    starts = {str(item.title): reader.get_destination_page_number(item) for item in reader.outline}
    first = starts["Try it"]
    after = min(page for page in starts.values() if page > first)
    writer = PdfWriter(clone_from=reader)
    outlines = writer.root_object["/Outlines"].get_object()
    item = outlines["/First"].get_object()
    while item["/Title"] != "Try it":
        item = item["/Next"].get_object()
    before, following = item.raw_get("/Prev"), item.raw_get("/Next")  # references, not copies
    before.get_object()[NameObject("/Next")] = following
    following.get_object()[NameObject("/Prev")] = before
    outlines[NameObject("/Count")] = NumberObject(int(outlines["/Count"]) - 1)
    names = writer.root_object["/Names"].get_object()["/Dests"].get_object()["/Names"]
    index = [str(name) for name in names[::2]].index("er-try-it") * 2
    del names[index:index + 2]
    for page in reversed(range(first, after)):
        writer.remove_page(page)
    writer.write(path)
    assert [str(item.title) for item in PdfReader(path).outline] == ["What is it?", "Word list"]


def cut_docx(folder: Path) -> None:
    """Delete the heading of the part 'er-try-it' and its table from the Word file."""
    path = folder / DOCX_NAME
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(contents["word/document.xml"])
    mark = root.find(f".//{{{W}}}bookmarkStart[@{{{W}}}name='er-try-it']")
    heading = mark.getparent()
    table = heading.getnext()
    assert table.tag == f"{{{W}}}tbl"
    heading.getparent().remove(table)
    heading.getparent().remove(heading)
    contents["word/document.xml"] = etree.tostring(root, xml_declaration=True,
                                                   encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


@pytest.mark.usefixtures("no_browser_rules")  # what is found, not how the page looks
@pytest.mark.parametrize(("output", "cut"), [
    pytest.param("easy-read/html", cut_html, id="html"),
    pytest.param("easy-read/pdf", cut_pdf, id="pdf"),
    pytest.param("easy-read/docx", cut_docx, id="docx"),
])
def test_the_check_fails_and_names_the_sections_of_a_removed_part(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str], output: str,
        cut: Callable[[Path], None]) -> None:
    cut(fixture_copy / "easy-read")
    code, out = run_check(FIXTURE, fixture_copy, capsys)
    assert code == 1
    lines = [line for line in out.splitlines() if " is missing" in line or " is incomplete" in line]
    assert lines == [
        f"{output}: section 'try-it' (1.2 Try it) is missing: heading not found",
        f"{output}: section 'answers' (Appendix 1: Suggested answers) is missing: heading not "
        "found",
        f"{output}: section 'answers-true-false' (Quiz 1: True or false?) is missing: heading "
        "not found",
    ]
