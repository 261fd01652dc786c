"""The Easy Read text read by the loader: the settings, the parts and their rows, the word list,
the picture library, the sign-off, and their problems with their exact messages."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from formats.core.load.easy_read import read_easy_read, read_part, read_word_list
from formats.core.load.picture_library import read_picture_library
from formats.core.load.state import LoadState
from formats.core.model import (
    GlossaryEntry,
    Image,
    Location,
    Paragraph,
    ReviewNote,
    Text,
)
from tests.conftest import FIXTURES

PART = "easy-read/part.md"
LIBRARY = "pictures/easy-read/pictures.yaml"
SETTINGS = "easy-read/easy-read.yaml"


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


def library(state: LoadState) -> dict:
    """Return the picture library of the load, which must be there."""
    pictures = read_picture_library(state)
    assert pictures is not None
    return pictures


def test_the_easy_read_fixture_is_read_whole(easy_state: LoadState) -> None:
    easy_read = read_easy_read(easy_state)
    assert easy_read is not None and messages(easy_state) == []
    assert easy_read.title == "Mini toolkit in Easy Read"
    assert easy_read.picture_credit == "Pictures drawn for the tests."
    sign_off = easy_read.checked_by
    assert sign_off is not None
    assert (sign_off.by, sign_off.date) == ("the Test Reading Group", datetime.date(2026, 11, 30))
    assert [part_id for part_id, _ in sign_off.parts] == ["er-what-it-is", "er-try-it"]
    assert [section_id for section_id, _ in sign_off.sections] == [
        "start", "what-is-it", "details", "try-it", "answers", "answers-true-false"]
    assert [(part.id, part.number, len(part.rows)) for part in easy_read.parts] == [
        ("er-what-it-is", 1, 4), ("er-try-it", 2, 4)]
    assert [section_id for section_id, _ in easy_read.parts[0].checked_against] == [
        "start", "what-is-it", "details"]
    assert [entry.id for entry in easy_read.word_list] == [
        "word-co-production", "word-partner", "word-partnership", "word-power"]
    assert [(picture.image.name, picture.image.path.name, picture.says)
            for picture in easy_read.pictures] == [
        ("talk", "talk.png", ("co-production", "tell", "talk")),
        ("group", "group.png", ("group", "partner")),
        ("tick", "tick.png", ("check", "answer", "quiz"))]


def test_without_settings_there_is_no_easy_read(state: LoadState) -> None:
    assert read_easy_read(state) is None and state.problems.items == []


def test_a_row_is_a_paragraph_and_a_picture_alone_is_a_row_without_words(
        easy_state: LoadState) -> None:
    part = read_part(easy_state, write_part(easy_state, "\n![](tick) Words.\n\n![](tick)\n"), 4,
                     library(easy_state))
    picture = Image(easy_state.root / "pictures" / "easy-read" / "tick.png", "A tick in a box",
                    "tick", "checking and answers")
    assert part is not None and (part.number, part.covers) == (4, ("start",))
    assert part.rows == (Paragraph((picture, Text(" Words.")), Location(PART, 7)),
                         Paragraph((picture,), Location(PART, 9)))
    assert messages(easy_state) == []


def test_a_row_names_its_picture_from_the_library(easy_state: LoadState) -> None:
    part = read_part(easy_state, write_part(
        easy_state, "\n![](nothing) A.\n\n![A tick](tick) B.\n\n![](../pictures/easy-read/tick.png)"
                    " C.\n"), 1, library(easy_state))
    assert part is not None
    assert [row.content for row in part.rows] == [
        (Text(" A."),), (library(easy_state)["tick"].image, Text(" B.")), (Text(" C."),)]
    assert messages(easy_state) == [
        f"{PART}:7: picture 'nothing' is not in pictures/easy-read/pictures.yaml",
        f"{PART}:9: picture 'tick' takes its alt text from pictures/easy-read/pictures.yaml: "
        "write ![](tick)",
        f"{PART}:11: picture '../pictures/easy-read/tick.png' is not in "
        "pictures/easy-read/pictures.yaml"]


def test_the_standard_chapters_keep_pictures_by_path(easy_state: LoadState) -> None:
    from formats.core.load.blocks import BlockContext
    from formats.core.load.markdown import parse_blocks
    path = easy_state.source_dir / "chapters" / "x.md"
    context = BlockContext(easy_state, path)
    [figure] = [block for node in parse_blocks("![A tick](../pictures/easy-read/tick.png)\n")
                for block in context.blocks(node)]
    assert figure.image == Image(easy_state.root / "pictures" / "easy-read" / "tick.png",
                                 "A tick")


def write_library(state: LoadState, text: str) -> None:
    (state.source_dir / LIBRARY).write_text(text, encoding="utf-8")


def test_the_picture_library_names_each_problem_at_its_entry(easy_state: LoadState) -> None:
    write_library(easy_state, """\
tick:
  file: tick.png
  alt: A tick
  meaning: checking
  says: [check]
  licence: CC0
again:
  file: tick.png
  alt: A tick again
  meaning: ticking
  says: [tick]
  licence: CC0
gone:
  file: gone.png
  alt: Nothing
  meaning: nothing
  says: [no]
  licence: CC0
bare:
  file: talk.png
  says: talk
  colour: red
Bad_Name: just a string
outside:
  file: ../../toolkit.yaml
  alt: A file
  meaning: a file
  says: [file]
  licence: CC0
""")
    pictures = library(easy_state)
    assert list(pictures) == ["tick"]
    assert messages(easy_state) == [
        f"{LIBRARY}:7: picture 'again': file 'tick.png' is picture 'tick' already (line 1): a "
        "picture file means one thing, so it has one entry",
        f"{LIBRARY}:13: picture 'gone': file 'gone.png' does not exist",
        f"{LIBRARY}:19: picture 'bare' has no 'alt'",
        f"{LIBRARY}:19: picture 'bare' has no 'meaning'",
        f"{LIBRARY}:19: picture 'bare' has no 'licence'",
        f"{LIBRARY}:19: picture 'bare': unknown field 'colour' (expected file, alt, meaning, "
        "says, licence, shows)",
        f"{LIBRARY}:19: picture 'bare': 'says' is a list, like says: [word, other word]",
        f"{LIBRARY}:23: picture name 'Bad_Name' must be lower-case words joined by hyphens, "
        "like 'bus-stop'",
        f"{LIBRARY}:23: picture 'Bad_Name' needs the fields file, alt, meaning, says, licence",
        f"{LIBRARY}:24: picture 'outside': file '../../toolkit.yaml' must be in easy-read/ "
        "itself"]


def test_shows_says_what_a_picture_shows(easy_state: LoadState) -> None:
    write_library(easy_state, "money:\n  file: tick.png\n  alt: A money bag\n  meaning: money\n"
                              "  says: [money]\n  shows: [a dollar sign]\n  licence: CC0\n")
    assert library(easy_state)["money"].shows == ("a dollar sign",)
    assert messages(easy_state) == []


def test_without_a_picture_library_the_rows_have_no_pictures(easy_state: LoadState) -> None:
    (easy_state.source_dir / LIBRARY).unlink()
    easy_read = read_easy_read(easy_state)
    assert easy_read is not None and easy_read.pictures == ()
    found = messages(easy_state)
    assert found[0] == (f"{SETTINGS}:1: the picture library {LIBRARY} does not exist: Easy Read "
                        "rows name their pictures there")
    assert found[1] == ("easy-read/01-what-it-is.md:11: picture 'talk' is not in "
                        "pictures/easy-read/pictures.yaml")


def test_review_notes_are_kept_with_their_part(easy_state: LoadState) -> None:
    part = read_part(easy_state, write_part(easy_state, "\n![](tick) Words.\n\n::: review\n"
                                                        "Is the tick right\nhere?\n:::\n"), 1,
                     library(easy_state))
    assert part is not None and len(part.rows) == 1
    assert part.reviews == (ReviewNote("Is the tick right here?", Location(PART, 9)),)
    assert messages(easy_state) == []


def test_checked_against_maps_sections_to_short_hashes(easy_state: LoadState) -> None:
    front = ('id: er-part\ntitle: A part\ncovers: [start, details]\nchecked-against:\n'
             '  start: "0123456789ab"\n  details: 123456789012\n')
    part = read_part(easy_state, write_part(easy_state, "\n![](tick) Words.\n", front), 1,
                     library(easy_state))
    assert part is not None and part.checked_against == (("start", "0123456789ab"),)
    listed = read_part(easy_state, write_part(easy_state, "\n![](tick) Words.\n",
                                              "id: er-p\ntitle: P\ncovers: [start]\n"
                                              "checked-against: [start]\n"), 1,
                       library(easy_state))
    assert listed is not None and listed.checked_against == ()
    assert messages(easy_state) == [
        f"{PART}:5: 'checked-against': the hash of 'details' must be 12 hex digits in quotes, "
        "not 123456789012 (build.py easy-read-checked writes it)",
        f"{PART}:5: 'checked-against' maps ids to hashes, one a line: 'an-id: "
        "\"0123456789ab\"' (build.py easy-read-checked writes it)"]


@pytest.mark.parametrize(("checked_by", "problem"), [
    pytest.param("checked-by:\n  - the Test Reading Group\n",
                 "'checked-by' needs by (who checked the text), date (YYYY-MM-DD), parts and "
                 "sections (build.py easy-read-checked writes it)", id="a-list-of-names"),
    pytest.param("checked-by:\n  by: Us\n  date: soon\n  parts: {a: \"0123456789ab\"}\n"
                 "  sections: {b: \"0123456789ab\"}\n",
                 "'checked-by': date must be a day, YYYY-MM-DD, not 'soon'", id="not-a-date"),
    pytest.param("checked-by:\n  by: Us\n  date: 2026-12-01\n  parts: {a: \"xyz\"}\n"
                 "  sections: {b: \"0123456789ab\"}\n",
                 "'checked-by: parts': the hash of 'a' must be 12 hex digits in quotes, not "
                 "'xyz' (build.py easy-read-checked writes it)", id="not-a-hash"),
])
def test_a_sign_off_that_cannot_be_read_is_a_problem_at_checked_by(
        easy_state: LoadState, checked_by: str, problem: str) -> None:
    settings = easy_state.source_dir / SETTINGS
    text = settings.read_text(encoding="utf-8")
    start = text.index("checked-by:")
    end = text.index("picture-credit:")
    settings.write_text(text[:start] + checked_by + text[end:], encoding="utf-8")
    read_easy_read(easy_state)
    assert messages(easy_state) == [f"{SETTINGS}:3: {problem}"]


def test_an_empty_sign_off_is_none(easy_state: LoadState) -> None:
    settings = easy_state.source_dir / SETTINGS
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text[:text.index("checked-by:")] + "checked-by: {}\n"
                        + text[text.index("picture-credit:"):], encoding="utf-8")
    easy_read = read_easy_read(easy_state)
    assert easy_read is not None and easy_read.checked_by is None
    assert messages(easy_state) == []


def test_any_other_block_in_a_part_is_a_problem(easy_state: LoadState) -> None:
    part = read_part(easy_state, write_part(easy_state, "\n- a list\n\n::: quote Q\nx\n:::\n"), 1,
                     library(easy_state))
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
