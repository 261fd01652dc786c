"""The braille edition: built by build.py, back-translated, measured and checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import build
from formats.check.coverage import Status, coverage
from formats.core.model import Document
from formats.editions import braille
from formats.editions.braille import transcribe
from formats.editions.braille.address_rule import addresses_result
from formats.editions.braille.print_page_rule import print_pages_result
from formats.outputs.brf.geometry import BREAK_HERE
from formats.outputs.brf.louis import translate
from formats.outputs.brf.reader import back_translate, read_pages, text_lines
from formats.outputs.brf.writer import write_brf
from formats.outputs.pdf.print_pages import section_pages
from tests.conftest import MINI_SOURCE


@pytest.fixture(scope="module")
def mini_braille(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder of the mini toolkit built with its braille edition (and the
    standard edition it reads the print pages from)."""
    out = tmp_path_factory.mktemp("mini-braille")
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out), "--format",
                       "braille"]) == 0
    return out


def _brf(out: Path) -> Path:
    return out / "braille" / "mini-toolkit.brf"


def _text(path: Path) -> str:
    return path.read_bytes().decode("ascii")


def test_every_section_is_read_back_present_and_every_rule_passes(
        mini_document: Document, mini_braille: Path) -> None:
    result = coverage(mini_document, mini_braille, ["braille"])
    assert result.outputs == ["braille/brf"]
    assert {sid: cell.status for (sid, _), cell in result.cells.items()} == {
        section.id: Status.PRESENT for section in mini_document.sections()}
    assert [(rule.rule, rule.passed) for rule in result.rules] == [
        ("braille/geometry", True), ("braille/section-starts", True),
        ("braille/heading-levels", True), ("braille/transcriber-note", True),
        ("braille/back-translation", True),
        ("braille/addresses", True), ("braille/quotes", True), ("braille/print-pages", True)]


def test_the_first_pages_are_the_title_notes_and_contents(mini_braille: Path) -> None:
    pages = read_pages(_text(_brf(mini_braille)))
    front = [page for page in pages if page.preliminary]
    assert [page.number for page in front] == ["P#A", "P#B", "P#C", "P#D"]  # notes: 2 pages
    first_lines = [back_translate(next(line for _, line in page.lines if line.strip()))
                   for page in front]
    assert [first_lines[index] for index in (0, 1, 3)] == [
        "Mini toolkit", "Transcriber’s notes", "Contents"]
    contents = [back_translate(line) for _, line in front[3].lines if line.strip()]
    assert contents[1].startswith("1. Getting started")
    assert re.search(r"1\.1 What is it\? .* 1$", contents[2].replace("\\5/", "."))


def test_braille_pages_show_the_print_page_they_start_on(mini_document: Document,
                                                         mini_braille: Path) -> None:
    body = [page for page in read_pages(_text(_brf(mini_braille))) if not page.preliminary]
    pdf_pages = section_pages(mini_braille / "standard" / "mini-toolkit.pdf")
    assert body[0].print_page == translate(pdf_pages["start"])
    assert all(page.print_page for page in body)
    change = [line for page in body for _, line in page.lines if line.startswith("---")]
    assert all(re.fullmatch(r"-+#[A-J]+(-#[A-J]+)?", line) and len(line) == 40
               for line in change)
    # page 5 starts inside a section: it is shown too, where its words start
    assert "5" not in pdf_pages.values()
    result = print_pages_result(mini_document, _brf(mini_braille), mini_braille / "standard")
    assert (result.passed, result.message) == (True, "all 3 print pages from the first "
                                                     "chapter's (4 to 6) are shown")


def test_braille_showing_only_the_pages_sections_start_on_fails(mini_document: Document,
                                                                mini_braille: Path,
                                                                tmp_path: Path) -> None:
    """The first braille edition showed only the pages a section starts on (34 of 52)."""
    standard = mini_braille / "standard"
    starts = section_pages(standard / "mini-toolkit.pdf")
    places = {section.id: [starts[section.id]] for section in mini_document.sections()
              if section.id in starts}
    brf = write_brf(braille.make_pages(mini_document, places), tmp_path / "mini-toolkit.brf")
    result = print_pages_result(mini_document, brf, standard)
    assert (result.passed, result.message) == (False, "1 of the 3 print pages from the first "
                                                      "chapter's are not shown: 5")


def test_tables_are_lists_of_labelled_cells(mini_braille: Path) -> None:
    text = " ".join(back_translate(line) for page in read_pages(_text(_brf(mini_braille)))
                    for _, line in text_lines(page) if line.strip())
    assert "Columns: Information; Consultation; Co-production" in text
    assert "Information: No relationship Consultation: Minimal contact" in text
    assert "True or false? (space for your answer)" in text


def test_the_same_source_gives_the_same_file(mini_document: Document, tmp_path: Path) -> None:
    first = braille.EDITION.render(mini_document, tmp_path / "one")[0]
    second = braille.EDITION.render(mini_document, tmp_path / "two")[0]
    assert first.read_bytes() == second.read_bytes()


def test_without_the_standard_edition_there_are_no_print_pages(mini_document: Document,
                                                               tmp_path: Path) -> None:
    path = braille.EDITION.render(mini_document, tmp_path)[0]
    assert not any(page.print_page for page in read_pages(_text(path)))


def _without_heading(path: Path, label: str) -> None:
    """Blank out the lines of the heading whose back-translation is ``label``."""
    pages = _text(path).split("\f")
    for index, page in enumerate(pages):
        lines = page.split("\r\n")
        pages[index] = "\r\n".join("" if line.strip() and back_translate(line) == label else line
                                   for line in lines)
    path.write_bytes("\f".join(pages).encode("ascii"))


def test_check_fails_and_names_a_section_removed_from_the_brf(
        mini_braille: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    shutil.copytree(mini_braille, out)
    _without_heading(_brf(out), "a) Details")
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(out),
                       "--format", "braille"]) == 1
    report = capsys.readouterr().out
    assert "braille/brf: section 'details' (a) Details) is missing: heading not found" in report


def test_check_fails_when_a_sentence_is_cut_from_a_section(
        mini_braille: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    shutil.copytree(mini_braille, out)
    path = _brf(out)
    path.write_bytes(_text(path).replace(",X M1NS %>+", ",X M1NS     ").encode("ascii"))
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(out),
                       "--format", "braille"]) == 1
    assert ("braille/brf: section 'what-is-it' (1.1 What is it?) is incomplete: 1 sentence(s) "
            "not found: 'It means sharing power, as the glossary says.'"
            in capsys.readouterr().out)


def test_too_lossy_a_translation_breaks_the_tolerance(mini_document: Document,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert braille.back_translation(mini_document).message == (
        "0 of 36 sentences (0.0%) come back from grade 2 with a word changed; at most 5% may")
    monkeypatch.setattr(braille, "round_trip", lambda text: text.replace("o", "0"))
    result = braille.back_translation(mini_document)
    assert not result.passed
    assert result.message.endswith("come back from grade 2 with a word changed; at most 5% may")


def test_the_real_toolkit_is_present_whole(real_document: Document, tmp_path: Path) -> None:
    edition = braille.EDITION
    edition.render(real_document, tmp_path)
    found = edition.read_back(tmp_path)[0]
    expected = edition.expected(real_document)
    assert found.problems == ()
    assert {wanted.found_id for wanted in expected.values()} <= set(found.sections)
    assert all(rule.passed for rule in edition.rules(real_document, tmp_path))


def test_addresses_are_uncontracted_and_divided_only_after_their_signs() -> None:
    cells = transcribe.braille(transcribe.plain(
        "See www.ilis.co.uk/uploaded_files/15p.pdf or mail contact@ilis.co.uk, and the "
        "contact list."))
    words = cells.replace(BREAK_HERE, "").split()
    assert "WWW4ILIS4CO4UK_/UPLOADED.-FILES_/#AEP4PDF" in words  # not "UPLOAD$"
    assert "CONTACT@AILIS4CO4UK1" in words  # not "3TACT"
    assert "3TACT" in words  # the word outside the address is contracted
    assert cells.split()[1].split(BREAK_HERE)[:3] == ["WWW4", "ILIS4", "CO4"]


def test_a_contracted_address_fails_the_addresses_rule(real_document: Document,
                                                       real_dist: Path, tmp_path: Path) -> None:
    brf = tmp_path / "all-together-now.brf"
    written = _text(real_dist / "braille" / brf.name)
    assert "UPLOADED.-" in written
    brf.write_bytes(written.replace("UPLOADED.-", "UPLOAD$.-").encode("ascii"))
    result = addresses_result(real_document, brf)
    assert (result.passed, result.message) == (False, (
        "1 address(es) not written uncontracted and whole: 'www.ilis.co.uk/uploaded_files/"
        "15p_it_s_our_world_too_plainenglish_pdf_level_3_revised_240510.pdf' (as "
        "WWW4ILIS4CO4UK_/UPLOADED.-FILES_/#AEP.-IT.-S.-OUR.-WORLD.-TOO.-PLAINENGLISH.-PDF.-"
        "LEVEL.-#C.-REVISED.-#BDJEAJ4PDF)"))


@pytest.mark.parametrize("text, closing", [
    ("You say ‘yes’ to any idea.", "yes’"),
    ("the ‘assets’ we have", "assets’"),
    ("‘the workers’ rights’ now", "rights’"),
    ("‘Yes.’ Then the members’ views.", "Yes.’"),
    ("the workers’ rights", None),
], ids=["yes", "assets", "plural-inside", "sentence-inside", "no-quotation"])
def test_a_quotations_closing_quote_is_found_and_written_as_one(text: str,
                                                                 closing: str | None) -> None:
    found = transcribe.closing_quotes(text)
    assert found == ({text.index(closing) + len(closing) - 1} if closing else set())
    cells = transcribe.braille(transcribe.plain(text))
    assert (",0" in cells) == (closing is not None)
