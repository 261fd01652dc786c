"""The BRF reader: pages, page numbers, headings found by their layout, back-translated text."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.brf.geometry import HeadingLayout
from formats.outputs.brf.louis import translate
from formats.outputs.brf.reader import (
    back_translate,
    find_headings,
    join_lines,
    read_back,
    read_pages,
    read_sections,
)
from formats.outputs.brf.writer import Heading, Text, brf_text, paginate
from tests.outputs.brf.sample import write_sample


def test_pages_numbers_and_print_pages_are_recognised(tmp_path: Path) -> None:
    pages = read_pages(write_sample(tmp_path / "a.brf").read_text(encoding="ascii"))
    assert [page.number for page in pages] == ["P#A", "#A"]
    assert [page.preliminary for page in pages] == [True, False]
    assert pages[1].print_page == "#C"
    assert all(len(page.lines) == 23 for page in pages)


def test_sections_are_found_by_their_headings_with_their_own_text(tmp_path: Path) -> None:
    sections = read_sections(write_sample(tmp_path / "a.brf").read_text(encoding="ascii"))
    assert list(sections) == ["1 getting started", "1 1 what is it", "a details"]
    assert sections["1 getting started"].text == ""
    assert sections["1 1 what is it"].title == "1.1 What is it?"
    assert sections["1 1 what is it"].text == ("Co-production is working together. It means "
                                               "sharing power. Activity: Think about it.")
    assert sections["a details"].text == "There is en time to involve partners properly."


def test_sections_with_the_same_heading_are_told_apart_by_their_order() -> None:
    items = [Heading(translate("One"), new_page=True), Heading(translate("Information")),
             Text(translate("First.")), Heading(translate("Two"), new_page=True),
             Heading(translate("Information")), Text(translate("Second."))]
    text = brf_text(paginate(items, lambda n: translate(str(n))).pages)
    sections = read_sections(text)
    assert [(key, found.text) for key, found in sections.items()] == [
        ("one", ""), ("information", "First."), ("two", ""), ("information #2", "Second.")]


def test_emphasis_indicators_hold_no_words() -> None:
    forms = [0] * 8 + [4] * 14 + [0] * 16
    cells = translate("This is very important for you and me.", forms)
    assert "^1" in cells
    assert back_translate(cells) == "This is very important for you and me."


def test_lines_ending_with_the_continuation_indicator_run_on() -> None:
    assert join_lines(['  WWW4EXAMPLE4ORG_/A"', 'BC "W', "  ,NEXT"]) == \
        'WWW4EXAMPLE4ORG_/ABC "W ,NEXT'


def test_text_lines_are_never_taken_for_headings() -> None:
    paragraph = Text(translate("A paragraph whose lines run on and on, long enough to fill "
                               "several lines of braille on this page."), 4, 4)
    items = [Heading(translate("Section"), new_page=True), Text("A"),
             *([paragraph] * 20), Heading(translate("Next")), Text(translate("Words."))]
    text = brf_text(paginate(items, lambda n: translate(str(n))).pages)
    assert [heading.title for heading in find_headings(read_pages(text))] == ["Section", "Next"]


def test_a_page_of_text_in_cell_5_before_a_heading_is_text() -> None:
    """Text running on at the top of a page may be in cell 5, as a cell-5 heading is: only a
    run of lines after a blank line is taken for one."""
    items = [Heading(translate("Section"), new_page=True), Text("A"),
             *([Text(translate("Some words in cell 5."), 4, 4)] * 30),
             Heading(translate("Part"), HeadingLayout.CELL_5), Text(translate("Words."))]
    pages = read_pages(brf_text(paginate(items, lambda n: translate(str(n))).pages))
    assert [line for _, line in pages[1].lines[:2]] == ['    ,"S ^WS 9 CELL #E4'] * 2
    assert [(heading.title, heading.format) for heading in find_headings(pages)] == [
        ("Section", "centred on a new page"), ("Part", "in cell 5")]


def test_each_heading_is_read_back_with_its_format() -> None:
    filler = [Text(translate(f"Line {n}."), 0, 0) for n in range(13)]
    items = [Heading(translate("Chapter"), new_page=True), Heading(translate("Section")),
             Text(translate("Words.")), Heading(translate("Part"), HeadingLayout.CELL_5),
             Text(translate("Words.")), Heading(translate("Detail"), HeadingLayout.CELL_7),
             *filler, Heading(translate("Late section")), Text(translate("Words."))]
    pages = read_pages(brf_text(paginate(items, lambda n: translate(str(n))).pages))
    assert [(heading.title, heading.page.index, heading.format)
            for heading in find_headings(pages)] == [
        ("Chapter", 1, "centred on a new page"), ("Section", 1, "centred"),
        ("Part", 1, "in cell 5"), ("Detail", 1, "in cell 7"), ("Late section", 2, "centred")]


def test_a_folder_without_exactly_one_brf_file_is_a_problem(tmp_path: Path) -> None:
    assert read_back(tmp_path).problems == (f"no BRF file in {tmp_path}",)
    write_sample(tmp_path / "a.brf")
    write_sample(tmp_path / "b.brf")
    assert read_back(tmp_path).problems == (f"2 BRF files in {tmp_path}",)


def test_a_file_that_is_not_ascii_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "a.brf").write_bytes("⠁⠃".encode())
    problem = read_back(tmp_path).problems[0]
    assert problem.startswith("a.brf is not ASCII braille: 'ascii' codec can't decode byte")
