"""The braille rules, each on a file that keeps it and on one that breaks it."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.brf.geometry import HeadingLayout
from formats.outputs.brf.louis import translate
from formats.outputs.brf.rules import (
    geometry,
    page_count,
    quotes,
    section_starts,
    transcriber_note,
)
from formats.outputs.brf.writer import Heading, Text
from tests.outputs.brf.sample import BOX, body, front, write_sample

HEADINGS = {"1 getting started": "1. Getting started", "1 1 what is it": "1.1 What is it?",
            "a details": "a) Details"}


def _edit(path: Path, page: int, line: int, new: str) -> None:
    """Replace line ``line`` (1-based) of page ``page`` (1-based) of a BRF file."""
    pages = path.read_bytes().decode("ascii").split("\f")
    lines = pages[page - 1].split("\r\n")
    lines[line - 1] = new
    pages[page - 1] = "\r\n".join(lines)
    path.write_bytes("\f".join(pages).encode("ascii"))


def test_a_well_made_file_keeps_every_rule(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf")
    assert page_count(path) == 2
    results = [geometry(path), section_starts(path, HEADINGS), transcriber_note(path)]
    assert [(result.rule, result.passed) for result in results] == [
        ("braille/geometry", True), ("braille/section-starts", True),
        ("braille/transcriber-note", True)]
    assert results[0].message == "2 pages, none over 25 lines of 40 cells, numbered in order"
    assert results[2].message == ("transcriber's notes list the 2 special symbols used "
                                  "(7777777 -------)")


def test_a_line_of_41_cells_breaks_the_geometry(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf")
    _edit(path, 2, 5, "A" * 41)
    result = geometry(path)
    assert not result.passed
    assert result.message == "page 2 line 5 has 41 cells (at most 40)"


def test_a_page_of_26_lines_breaks_the_geometry(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf")
    _edit(path, 2, 5, "A\r\nB")
    assert geometry(path).message == "page 2 has 26 lines (at most 25)"


def test_signs_that_are_not_ascii_braille_break_the_geometry(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf")
    _edit(path, 2, 5, "abc~")
    assert geometry(path).message == ("page 2 line 5 has signs that are not ASCII braille: "
                                      "'abc~'")


def test_page_numbers_out_of_order_break_the_geometry(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf")
    _edit(path, 2, 25, " " * 38 + "#C")
    assert geometry(path).message == "page 2 is numbered #C where #A comes next"
    _edit(path, 2, 25, "")
    assert geometry(path).message == "page 2 has no braille page number"


def test_a_heading_run_into_the_text_breaks_section_starts(tmp_path: Path) -> None:
    items = body()
    items.insert(items.index(next(item for item in items if isinstance(item, Heading)
                                  and item.layout is HeadingLayout.CELL_5)),
                 Text(translate("More words."), 0, 0))
    path = write_sample(tmp_path / "a.brf", body_items=items)
    pages = path.read_bytes().decode("ascii").split("\f")
    lines = pages[1].split("\r\n")
    blank = next(index for index, line in enumerate(lines)
                 if index and not line and lines[index + 1].startswith("    A"))
    del lines[blank]
    pages[1] = "\r\n".join([*lines[:-1], "", lines[-1]])
    path.write_bytes("\f".join(pages).encode("ascii"))
    result = section_starts(path, HEADINGS)
    assert not result.passed
    assert result.message == ("'a) Details' (page 2 line 13) neither starts a page nor follows "
                              "a blank line")


def test_a_section_without_its_heading_breaks_section_starts(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf")
    result = section_starts(path, {**HEADINGS, "b more": "b) More"})
    assert result.message == "'b) More' is not found"


def test_no_transcribers_notes_break_the_rule(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf", front_items=front(notes="About this file"))
    result = transcriber_note(path)
    assert not result.passed
    assert result.message == "no transcriber's notes on the preliminary pages"


def test_a_symbol_used_but_not_listed_breaks_the_rule(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.brf", front_items=front(listed=(BOX.cells,)))
    result = transcriber_note(path)
    assert not result.passed
    assert result.message == ("------- (print page change indicator: a line of these ends with "
                              "the number of the print page that starts there) is used but not "
                              "listed")


def test_a_missing_file_breaks_every_rule(tmp_path: Path) -> None:
    path = tmp_path / "none.brf"
    results = [geometry(path), section_starts(path, HEADINGS), transcriber_note(path)]
    assert [(result.passed, result.message) for result in results] == \
        [(False, f"{path} does not exist")] * 3


def test_a_quotation_closed_keeps_the_quotes_rule_and_an_apostrophe_in_its_place_breaks_it(
        tmp_path: Path) -> None:
    closed = [*body(), Text(",Y SAY ,8YES,0 TO ,8ASSETS,0 4 ,8,YES4,0 ,HIS ,8^2NO^',0")]
    result = quotes(write_sample(tmp_path / "a.brf", body_items=closed))
    assert (result.passed, result.message) == (True, "each of the 4 single quotes opened is "
                                                     "closed")
    # liblouis's reading of "‘yes’": the closing quote after an "s" taken for an apostrophe
    broken = [*body(), Text(",Y SAY ,8YES' TO ANY4")]
    result = quotes(write_sample(tmp_path / "b.brf", body_items=broken))
    assert (result.passed, result.message) == (False, "page 2 line 15: 1 single quote(s) "
                                                      "opened, 0 closed: '\"yes’ to any.'")
