"""The Easy Read text read by the loader: the settings, the parts and their rows, the word list,
and their problems with their exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.core.load.easy_read import read_easy_read, read_part, read_word_list
from formats.core.load.state import LoadState
from formats.core.model import GlossaryEntry, Image, Location, Paragraph, Text
from tests.conftest import FIXTURES
from tests.core.load.support import Problems

PART = "easy-read/part.md"
PICTURE = "../pictures/easy-read/tick.png"


@pytest.fixture
def easy_state(tmp_path: Path) -> LoadState:
    """Return the state of a load of a copy of the Easy Read fixture."""
    shutil.copytree(FIXTURES / "easy-read", tmp_path / "src")
    return LoadState(tmp_path / "src")


def messages(state: LoadState) -> list[str]:
    return [item.removeprefix(f"{state.source_dir}/") for item in state.problems.items]


def write_part(state: LoadState, body: str, front: str = "id: er-part\ntitle: A part\n"
               "covers: [start]\n") -> Path:
    path = state.source_dir / PART
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_the_easy_read_fixture_is_read_whole(easy_state: LoadState) -> None:
    easy_read = read_easy_read(easy_state)
    assert easy_read is not None and messages(easy_state) == []
    assert (easy_read.title, easy_read.checked_by) == ("Mini toolkit in Easy Read",
                                                       ("the Test Reading Group",))
    assert [(part.id, part.number, len(part.rows)) for part in easy_read.parts] == [
        ("er-what-it-is", 1, 3), ("er-try-it", 2, 3)]
    assert [entry.id for entry in easy_read.word_list] == [
        "word-co-production", "word-partner", "word-partnership", "word-power"]


def test_without_settings_there_is_no_easy_read(state: LoadState) -> None:
    assert read_easy_read(state) is None and state.problems.items == []


def test_a_row_is_a_paragraph_and_a_picture_alone_is_a_row_without_words(
        easy_state: LoadState) -> None:
    part = read_part(easy_state, write_part(easy_state, f"\n![A tick]({PICTURE}) Words.\n\n"
                                                        f"![A tick]({PICTURE})\n"), 4)
    picture = Image(easy_state.root / "pictures" / "easy-read" / "tick.png", "A tick")
    assert part is not None and (part.number, part.covers) == (4, ("start",))
    assert part.rows == (Paragraph((picture, Text(" Words.")), Location(PART, 7)),
                         Paragraph((picture,), Location(PART, 9)))


def test_any_other_block_in_a_part_is_a_problem(easy_state: LoadState) -> None:
    part = read_part(easy_state, write_part(easy_state, "\n- a list\n\n::: quote Q\nx\n:::\n"), 1)
    assert part is not None and part.rows == ()
    rows = "an Easy Read part holds rows of a picture and words, one paragraph each"
    assert messages(easy_state) == [f"{PART}:7: {rows}", f"{PART}:9: {rows}",
                                    f"{PART}:2: Easy Read part 'er-part' has no rows"]


def test_a_part_needs_an_id_and_a_title_and_should_say_what_it_covers(
        easy_state: LoadState) -> None:
    assert read_part(easy_state, write_part(easy_state, "\nWords.\n", "title: T\n"), 1) is None
    covers_nothing = read_part(easy_state, write_part(easy_state, "\nWords.\n",
                                                      "id: er-x\ntitle: T\n"), 1)
    assert covers_nothing is not None and covers_nothing.covers == ()
    assert messages(easy_state) == [f"{PART}:1: missing metadata field 'id'",
                                    f"{PART}:1: missing metadata field 'covers'",
                                    f"{PART}:1: missing metadata field 'covers'"]


def test_the_word_list_keeps_only_its_glossary_entries(easy_state: LoadState) -> None:
    path = easy_state.source_dir / "easy-read" / "words.md"
    path.write_text("A paragraph.\n\nWord {#word-a}\n: What it means.\n", encoding="utf-8")
    words = read_word_list(easy_state, path)
    assert [(type(word), word.id) for word in words] == [(GlossaryEntry, "word-a")]


def test_missing_settings_and_parts_are_problems(easy_state: LoadState) -> None:
    settings = easy_state.source_dir / "easy-read" / "easy-read.yaml"
    settings.write_text("subtitle: S\nparts:\n  - 01-what-it-is.md\n  - 09-none.md\n",
                        encoding="utf-8")
    easy_read = read_easy_read(easy_state)
    assert easy_read is not None and [part.id for part in easy_read.parts] == ["er-what-it-is"]
    assert easy_read.word_list == ()
    where = "easy-read/easy-read.yaml"
    assert messages(easy_state) == [f"{where}:1: missing metadata field 'title'",
                                    f"{where}:1: missing metadata field 'word-list'",
                                    f"{where}:4: Easy Read part '09-none.md' does not exist"]
