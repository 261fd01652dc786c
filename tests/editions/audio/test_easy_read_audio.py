"""The Easy Read audio (formats/editions/audio/easy_read_*.py): the Easy Read fixture's audio
edition, built once for the module through the real command, holds the Easy Read files of the
contract the EPUB relies on; its passages, durations and transcripts agree; the check reads it
back as a second output and fails, naming the file, when a part's track is removed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mutagen.id3 import ID3, TALB
from mutagen.mp3 import MP3

import build as build_cli
from formats.check.coverage import Status, coverage
from formats.core.load import load
from formats.core.model import Document
from formats.editions.audio import EDITION as audio
from formats.editions.audio.easy_read_spoken import easy_read_script
from formats.editions.audio.settings import DEFAULT_RATE, easy_read_settings, from_environment
from tests.conftest import FIXTURES

EASY_READ_SOURCE = FIXTURES / "easy-read"
PARTS = ["er-what-it-is", "er-try-it"]
TRACKS = ["000-opening", "001-er-what-it-is", "002-er-try-it", "003-word-list"]
REFS = [
    ("000-opening.mp3", "_opening", [f"_opening/p{n}" for n in range(1, 6)]),
    ("001-er-what-it-is.mp3", "er-what-it-is",
     ["er-what-it-is/h", *(f"er-what-it-is/r{n}" for n in range(1, 5))]),
    ("002-er-try-it.mp3", "er-try-it", ["er-try-it/h", *(f"er-try-it/r{n}" for n in range(1, 5))]),
    ("003-word-list.mp3", "word-list",
     ["word-list/h", "word-list/p1", *(f"word-list/e{n}" for n in range(1, 5)), "_closing"]),
]


@pytest.fixture(scope="module")
def easy_document() -> Document:
    return load(EASY_READ_SOURCE)


@pytest.fixture(scope="module")
def easy_out(tmp_path_factory: pytest.TempPathFactory, audio_cache: Path) -> Path:
    """Return the output folder of the Easy Read fixture's audio edition (built once, with the
    module's own cache), holding the manifest the check reads."""
    del audio_cache  # the cache folder is set for the build
    out = tmp_path_factory.mktemp("easy-read-audio")
    assert build_cli.main(["--source", str(EASY_READ_SOURCE), "--out", str(out),
                           "--format", "audio"]) == 0
    return out


def _passages(folder: Path) -> list[dict]:
    return json.loads((folder / "passages.json").read_text(encoding="utf-8"))["files"]


# ---------------------------------------------------------------------------------------------
# What is said (no synthesis)


def test_the_easy_read_text_is_said_row_by_row_without_its_pictures(
        easy_document: Document) -> None:
    said = easy_read_script(easy_document)
    assert [section.id for section in said] == ["_opening", *PARTS, "word-list"]
    part = said[2]
    assert part.label == "Part 2: Try it"
    assert [(p.ref, p.text, p.pause) for p in part.passages] == [
        ("er-try-it/h", "Part 2. Try it.", 1.5),
        ("er-try-it/r1", "Try the quiz. Is co-production a game to win?", 1.0),
        ("er-try-it/r2", "The answer is no. It is not a game.", 1.0),
        ("er-try-it/r3", "Partners share power.", 1.0),
        ("er-try-it/r4", "Tell us what you think. You can answer 3 questions.", 1.0)]
    words = said[3]
    assert [p.text for p in words.passages] == [
        "Word list.", "These are the hard words in this guide and what they mean.",
        "Co-production. People working together as equals.",
        "Partner. A person who shares the work.", "Partnership. People who work together.",
        "Power. Being able to decide things.", "End of Mini toolkit in Easy Read."]
    assert [p.text for p in said[0].passages] == [
        "Mini toolkit in Easy Read. A small guide for tests.",
        "An Easy Read version of Mini toolkit by Test Publisher.",
        "The voice you will hear is a synthetic voice. A computer makes it.",
        "This guide has 2 parts. There is a track for each part. Then there is a track for the "
        "word list."]


def test_the_easy_read_opening_says_how_long_the_recording_lasts(
        easy_document: Document) -> None:
    [*_, said] = easy_read_script(easy_document, seconds=52 * 60 + 49)[0].passages
    assert said.text == "The recording lasts about 53 minutes."


def test_without_an_easy_read_text_nothing_more_is_said(mini_document: Document) -> None:
    assert easy_read_script(mini_document) == []


def test_the_easy_read_text_is_said_at_seven_eighths_of_the_rate() -> None:
    assert easy_read_settings(from_environment()).rate == DEFAULT_RATE * 7 // 8 == 140


# ---------------------------------------------------------------------------------------------
# The files of the contract


def test_the_easy_read_folder_holds_the_files_of_the_contract(easy_out: Path) -> None:
    folder = easy_out / "audio" / "easy-read"
    assert sorted(path.name for path in folder.iterdir()) == sorted([
        *(f"{stem}{suffix}" for stem in TRACKS for suffix in (".mp3", ".txt")),
        "mini-toolkit-easy-read-complete.mp3", "mini-toolkit-easy-read-complete.txt",
        "mini-toolkit-easy-read.m3u8", "passages.json"])
    tags = ID3(folder / "mini-toolkit-easy-read-complete.mp3")
    assert [frame.element_id for frame in sorted(tags.getall("CHAP"),
                                                key=lambda f: f.start_time)] == [
        "_opening", *PARTS, "word-list"]
    assert {frame.desc: str(frame.text[0]) for frame in tags.getall("TXXX")}["rate"] == "140"
    assert str(tags["TIT2"]) == "Mini toolkit in Easy Read"
    playlist = (folder / "mini-toolkit-easy-read.m3u8").read_text(encoding="utf-8")
    assert [line for line in playlist.splitlines() if not line.startswith("#")] == [
        f"{stem}.mp3" for stem in TRACKS]


def test_passages_json_has_the_refs_of_the_contract_in_order(easy_out: Path) -> None:
    files = _passages(easy_out / "audio" / "easy-read")
    assert [(entry["file"], entry["section"], [p["ref"] for p in entry["passages"]])
            for entry in files] == REFS
    assert all(set(passage) == {"ref", "start", "end", "text"}
               for entry in files for passage in entry["passages"])


def test_each_passage_lies_inside_its_file_and_each_file_in_the_book(easy_out: Path) -> None:
    folder = easy_out / "audio" / "easy-read"
    book_start = 0.0
    for entry in _passages(folder):
        seconds = MP3(folder / entry["file"]).info.length
        ends = [0.0] + [p["end"] for p in entry["passages"]]
        for before, passage in zip(ends, entry["passages"], strict=False):
            assert before <= passage["start"] < passage["end"] <= seconds, passage["ref"]
        assert abs(entry["book_start"] - book_start) < 0.05, entry["file"]
        book_start += seconds
    book = MP3(folder / "mini-toolkit-easy-read-complete.mp3").info.length
    assert abs(book - book_start) < 0.1


def test_each_transcript_has_a_line_per_passage(easy_out: Path) -> None:
    folder = easy_out / "audio" / "easy-read"
    for entry in _passages(folder):
        lines = (folder / entry["file"]).with_suffix(".txt").read_text(
            encoding="utf-8").splitlines()
        assert lines == [passage["text"] for passage in entry["passages"]]
        assert not [line for line in lines if re.match(r"(talk|group|tick)\b", line)
                    or re.search(r"[*!\[\]<>]|\.png", line)]


# ---------------------------------------------------------------------------------------------
# The check


def test_the_read_back_has_the_easy_read_audio_with_every_part(easy_out: Path) -> None:
    found = {readback.output: readback for readback in audio.read_back(easy_out / "audio")}
    assert list(found) == ["audio/mp3", "audio/easy-read-mp3"]
    easy = found["audio/easy-read-mp3"]
    assert easy.problems == ()
    assert list(easy.sections) == [*PARTS, "word-list"]
    assert all(section.problems == () for section in easy.sections.values())
    assert easy.sections["er-try-it"].title == "Part 2: Try it"
    assert "Partners share power." in (easy.sections["er-try-it"].text or "")


def test_the_check_passes_for_both_outputs(easy_document: Document, easy_out: Path) -> None:
    result = coverage(easy_document, easy_out, ["audio"])
    assert result.outputs == ["audio/mp3", "audio/easy-read-mp3"]
    assert result.problems == [] and result.failures() == []
    assert [rule for rule in result.rules if not rule.passed] == []
    easy_rules = [rule for rule in result.rules if rule.where.startswith("easy-read/")]
    assert {rule.rule for rule in easy_rules} == {
        "audio/loudness", "audio/true-peak", "audio/silence", "audio/mono", "audio/bitrate",
        "audio/sample-rate", "audio/length", "audio/opening", "audio/playlist",
        "audio/passages", "audio/passage-lengths", "audio/pauses", "audio/addresses",
        "audio/print-words"}
    assert "easy-read/002-er-try-it.mp3" in {rule.where for rule in easy_rules}
    (album,) = [rule for rule in result.rules if rule.rule == "audio/album"]
    assert (album.where, album.passed, album.message) == (
        "easy-read", True, "every Easy Read file is in the album 'Mini toolkit in Easy Read', "
                           "not the main one")
    assert result.complete


def test_easy_read_files_in_the_main_recordings_album_fail_the_album_rule(
        easy_document: Document, easy_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(easy_out, out)
    for track in (out / "audio" / "easy-read").glob("*.mp3"):  # as the first editions were
        tags = ID3(track)
        tags.setall("TALB", [TALB(encoding=3, text=["Mini toolkit"])])
        tags.save(track, v2_version=3)
    (album,) = [rule for rule in coverage(easy_document, out, ["audio"]).rules
                if rule.rule == "audio/album"]
    assert (album.where, album.passed, album.message) == (
        "easy-read", False, "the Easy Read files are in the main recording's album 'Mini "
                            "toolkit': a player files the two recordings together")


def test_an_easy_read_opening_that_does_not_say_how_long_fails_the_opening_rule(
        easy_document: Document, easy_out: Path, tmp_path: Path) -> None:
    """The first Easy Read audio said the number of parts, not how long it lasts."""
    out = tmp_path / "dist"
    shutil.copytree(easy_out, out)
    transcript = out / "audio" / "easy-read" / "000-opening.txt"
    said = transcript.read_text(encoding="utf-8").splitlines()
    assert said[-1].startswith("The recording lasts about ")
    transcript.write_text("\n".join(said[:-1]) + "\n", encoding="utf-8")
    (opening,) = [rule for rule in coverage(easy_document, out, ["audio"]).rules
                  if rule.rule == "audio/opening" and rule.where.startswith("easy-read/")]
    assert (opening.where, opening.passed, opening.message) == (
        "easy-read/000-opening.txt", False,
        "it does not say how long the recording lasts ('lasts about ... minutes')")


def test_the_check_fails_naming_a_removed_part_track(easy_document: Document, easy_out: Path,
                                                    tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(easy_out, out)
    (out / "audio" / "easy-read" / "002-er-try-it.mp3").unlink()
    result = coverage(easy_document, out, ["audio"])
    assert not result.complete
    assert result.failures() == [
        f"audio/easy-read-mp3: section '{section}' ({label}) is incomplete: no per-section "
        "MP3 file (NNN-<section id>.mp3)"
        for section, label in (("try-it", "1.2 Try it"), ("answers", "Appendix 1: Suggested "
                                                                      "answers"),
                               ("answers-true-false", "Quiz 1: True or false?"))]
    assert result.problems == ["audio/easy-read-mp3: mini-toolkit-easy-read.m3u8 lists "
                               "002-er-try-it.mp3, which does not exist"]
    failed = [(rule.rule, rule.where, rule.message) for rule in result.rules if not rule.passed]
    assert failed == [
        ("audio/playlist", "easy-read/mini-toolkit-easy-read.m3u8",
         "it lists 002-er-try-it.mp3, which does not exist"),
        ("audio/passages", "easy-read/passages.json",
         "passages.json lists 4 files, not the 3 per-section files in order")]
    assert all(cell.status is Status.PRESENT for (_, output), cell in result.cells.items()
               if output == "audio/mp3")
