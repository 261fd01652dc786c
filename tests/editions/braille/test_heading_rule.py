"""Each heading level has a braille format of its own: in the body (``braille/heading-levels``,
read back from the BRF file), in the contents and as the transcriber's notes say."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from formats.core.model import Document, Section
from formats.editions import braille
from formats.editions.braille import prelims, transcribe
from formats.editions.braille.heading_rule import heading_levels_result
from formats.outputs.brf.geometry import HeadingLayout
from formats.outputs.brf.writer import Entry, Heading, write_brf


def _with_a_part(section: Section) -> Section:
    """Return ``section`` with a level-4 part added under the mini toolkit's "a) Details"."""
    if section.id == "details":
        part = replace(section, id="more-details", title="More details", level=4, number="",
                       blocks=section.blocks[:1], children=())
        return replace(section, children=(*section.children, part))
    return replace(section, children=tuple(_with_a_part(child) for child in section.children))


@pytest.fixture
def four_levels(mini_document: Document) -> Document:
    """Return the mini toolkit (levels 1 to 3) with a level-4 section, "More details"."""
    return replace(mini_document,
                   chapters=tuple(_with_a_part(chapter) for chapter in mini_document.chapters))


def _result(document: Document, folder: Path) -> tuple[bool, str]:
    path = write_brf(braille.make_pages(document, {}), folder / "mini-toolkit.brf")
    result = heading_levels_result(document, path, braille.heading_keys(document))
    assert result.rule == "braille/heading-levels"
    return result.passed, result.message


def test_each_level_of_the_mini_toolkit_has_a_format_of_its_own(
        mini_document: Document, tmp_path: Path) -> None:
    assert _result(mini_document, tmp_path) == (True, (
        "each of the 3 heading levels has a format of its own: level 1 centred on a new page "
        "(2), level 2 centred (3), level 3 in cell 5 (1)"))


def test_a_fourth_level_is_in_cell_7(four_levels: Document, tmp_path: Path) -> None:
    assert _result(four_levels, tmp_path) == (True, (
        "each of the 4 heading levels has a format of its own: level 1 centred on a new page "
        "(2), level 2 centred (3), level 3 in cell 5 (1), level 4 in cell 7 (1)"))


def test_levels_3_and_4_both_in_cell_7_fail(four_levels: Document, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The first braille edition wrote both below a section's heading in cell 7."""
    monkeypatch.setattr(transcribe, "HEADING_FORMATS", {
        1: HeadingLayout.CENTRED, 2: HeadingLayout.CENTRED, 3: HeadingLayout.CELL_7,
        4: HeadingLayout.CELL_7})
    assert _result(four_levels, tmp_path) == (False, (
        "levels 3 and 4 are both written in cell 7: 'a) Details' (level 3), 'More details' "
        "(level 4)"))


def test_a_section_heading_starting_a_page_as_a_chapter_does_fails(
        mini_document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A section's heading at the top of a page with no blank line before it (as the first
    braille edition placed one that did not fit) reads as a chapter's."""
    chapter_like = transcribe.heading

    def heading(section: Section) -> Heading:
        return replace(chapter_like(section), new_page=section.id == "try-it"
                       or section.level == 1)

    monkeypatch.setattr(transcribe, "heading", heading)
    assert _result(mini_document, tmp_path) == (False, (
        "level 2 headings are written 2 ways: centred ('1.1 What is it?'), centred on a new page "
        "('1.2 Try it'); levels 1 and 2 are both written centred on a new page: '1. Getting "
        "started' (level 1), '1.2 Try it' (level 2)"))


def test_a_missing_file_fails(mini_document: Document, tmp_path: Path) -> None:
    result = heading_levels_result(mini_document, tmp_path / "none.brf", [])
    assert (result.passed, result.message) == (False, f"{tmp_path / 'none.brf'} does not exist")


def test_the_transcribers_notes_say_how_each_level_is_shown(four_levels: Document) -> None:
    assert prelims.headings_said(four_levels) == (
        "Each chapter starts on a new page with a centred heading on its first line. Sections "
        "have centred headings after a blank line, even at the top of a page; the parts of "
        "sections have headings in cell 5; the parts of those have headings in cell 7. Every "
        "heading is followed by a blank line.")


def test_the_contents_indent_each_level_two_cells_further(four_levels: Document) -> None:
    """The first edition's contents had levels 3 and 4 both in cell 5."""
    every = list(four_levels.sections())
    items = prelims.contents(four_levels, {section.id: 1 for section in every})
    entries = [item for item in items if isinstance(item, Entry)]
    assert sorted({(section.level, entry.first, entry.runover)
                   for section, entry in zip(every, entries, strict=True)}) == [
        (1, 0, 8), (2, 2, 8), (3, 4, 8), (4, 6, 8)]  # 1-9, 3-9, 5-9, 7-9


@pytest.mark.slow
def test_the_real_toolkit_has_a_format_for_each_level(real_document: Document,
                                                       real_dist: Path) -> None:
    result = heading_levels_result(real_document,
                                   real_dist / "braille" / "all-together-now.brf",
                                   braille.heading_keys(real_document))
    assert (result.passed, result.message) == (True, (
        "each of the 4 heading levels has a format of its own: level 1 centred on a new page "
        "(11), level 2 centred (30), level 3 in cell 5 (19), level 4 in cell 7 (8)"))
