"""The audio rules on the book as a whole: its chapters, the playlist, the opening and
closing, the transcripts (web addresses, print-only words, headers said once, passages)
and the lexicon, each failing with its exact message on a copy of the mini audio damaged
the way it guards against."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mutagen.id3 import ID3, TIT2, CTOCFlags
from mutagen.mp3 import MP3

from formats.core.contract import RuleResult
from formats.core.model import Document, LexiconEntry, Location
from formats.editions.audio import EDITION as audio
from formats.editions.audio.rules import edition_rules
from tests.conftest import MINI_SOURCE
from tests.editions.audio.helpers import book_of, failures

MINI = MINI_SOURCE
TRACK = "002-what-is-it.mp3"
FILE_RULES = ("audio/loudness", "audio/true-peak", "audio/silence", "audio/mono",
              "audio/bitrate", "audio/sample-rate", "audio/length")


def _delete_chapter(folder: Path) -> None:
    tags = ID3(book_of(folder))
    del tags["CHAP:what-is-it"]
    tags.save(book_of(folder), v2_version=3)


def _retitle_chapter(folder: Path) -> None:
    tags = ID3(book_of(folder))
    tags["CHAP:details"].sub_frames.setall("TIT2", [TIT2(encoding=3, text=["Details"])])
    tags.save(book_of(folder), v2_version=3)


def _reorder_chapters(folder: Path) -> None:
    tags = ID3(book_of(folder))
    toc = tags["CTOC:what-is-it:toc"]
    toc.child_element_ids = list(reversed(toc.child_element_ids))
    tags.save(book_of(folder), v2_version=3)


def _unordered_toc(folder: Path) -> None:
    tags = ID3(book_of(folder))
    (toc,) = [toc for toc in tags.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    toc.flags = toc.flags & ~CTOCFlags.ORDERED
    tags.save(book_of(folder), v2_version=3)


def _flat_toc(folder: Path) -> None:
    """Put every chapter in the top table of contents, as one flat list."""
    tags = ID3(book_of(folder))
    chapters = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    (top,) = [toc for toc in tags.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    tags.delall("CTOC")
    top.child_element_ids = [frame.element_id for frame in chapters]
    tags.add(top)
    tags.save(book_of(folder), v2_version=3)


def _unlist_track(folder: Path) -> None:
    (playlist,) = folder.glob("*.m3u8")
    lines = playlist.read_text(encoding="utf-8").splitlines()
    at = lines.index(TRACK)
    playlist.write_text("\n".join(lines[:at - 1] + lines[at + 1:]) + "\n", encoding="utf-8")


def _list_a_ghost(folder: Path) -> None:
    (playlist,) = folder.glob("*.m3u8")
    with playlist.open("a", encoding="utf-8") as out:
        out.write("#EXTINF:3,A ghost\n009-ghost.mp3\n")


def _no_publisher(folder: Path) -> None:
    opening = folder / "000-opening.txt"
    lines = opening.read_text(encoding="utf-8").splitlines()
    opening.write_text("\n".join(line for line in lines if "Publisher" not in line) + "\n",
                       encoding="utf-8")


def _wrong_length(folder: Path) -> None:
    opening = folder / "000-opening.txt"
    text = opening.read_text(encoding="utf-8")
    opening.write_text(re.sub(r"lasts about \d+ minutes?", "lasts about 1 hour", text),
                       encoding="utf-8")


def _wrong_track_count(folder: Path) -> None:
    opening = folder / "000-opening.txt"
    text = opening.read_text(encoding="utf-8")
    opening.write_text(text.replace("in 7 tracks", "in 6 tracks"), encoding="utf-8")


def _no_closing(folder: Path) -> None:
    last = folder / "006-answers-true-false.txt"
    lines = last.read_text(encoding="utf-8").splitlines()
    last.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


def _spell_an_address(folder: Path) -> None:
    transcript = folder / "002-what-is-it.txt"
    with transcript.open("a", encoding="utf-8") as out:
        out.write("See www dot scotland dot gov dot uk slash Publications slash 2011.\n")


def _replacing(name: str, old: str, new: str) -> Callable[[Path], None]:
    """Return a damage that replaces ``old`` by ``new`` in the file ``name`` of the folder."""
    def damage(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return damage


def _say_a_print_word(folder: Path) -> None:
    transcript = folder / "004-try-it.txt"
    with transcript.open("a", encoding="utf-8") as out:
        out.write("Circle your answer below.\n")


def _repeat_a_header(folder: Path) -> None:
    transcript = folder / "003-details.txt"
    with transcript.open("a", encoding="utf-8") as out:
        out.write("Information: Information.\n")


def _drop_a_passage(folder: Path) -> None:
    path = folder / "passages.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"][2]["passages"].pop(1)
    path.write_text(json.dumps(data), encoding="utf-8")


def _book_minutes(folder: Path) -> float:
    return MP3(book_of(folder)).info.length / 60


@pytest.mark.parametrize("damage, rule, where, expected", [
    (_delete_chapter, "audio/chapters", "mini-toolkit-complete.mp3",
     lambda folder: "no chapter (CHAP) for section 'what-is-it' (1.1 What is it?)"),
    (_retitle_chapter, "audio/chapters", "mini-toolkit-complete.mp3",
     lambda folder: "chapter 'details' is titled 'Details', not with its number and title "
                    "'1.1 a) Details'"),
    (_reorder_chapters, "audio/chapters", "mini-toolkit-complete.mp3",
     lambda folder: "the table of contents lists the sections out of reading order; chapter "
                    "'what-is-it' starts at "
                    f"{ID3(book_of(folder))['CHAP:what-is-it'].start_time / 1000:.1f} s, before "
                    "chapter 'details' "
                    f"({ID3(book_of(folder))['CHAP:details'].start_time / 1000:.1f} s)"),
    (_unordered_toc, "audio/chapters", "mini-toolkit-complete.mp3",
     lambda folder: "the table of contents (CTOC) is not marked ordered"),
    (_flat_toc, "audio/chapters", "mini-toolkit-complete.mp3",
     lambda folder: "the tables of contents do not nest the sections as the document does "
                    "(first at 'start'): one per chapter, and one per section with sections, "
                    "each listing its own chapter first"),
    (_unlist_track, "audio/playlist", "mini-toolkit.m3u8",
     lambda folder: f"it does not list {TRACK}"),
    (_list_a_ghost, "audio/playlist", "mini-toolkit.m3u8",
     lambda folder: "it lists 009-ghost.mp3, which does not exist"),
    (_no_publisher, "audio/opening", "000-opening.txt",
     lambda folder: "it does not say the publisher 'Test Publisher'"),
    (_wrong_length, "audio/opening", "000-opening.txt",
     lambda folder: "it says the recording lasts about 1 hour, but it lasts "
                    f"{_book_minutes(folder):.1f} minutes"),
    (_wrong_track_count, "audio/opening", "000-opening.txt",
     lambda folder: "it says there are 6 tracks, but there are 7"),
    (_no_closing, "audio/closing", "006-answers-true-false.txt",
     lambda folder: "it ends with 'Power: the ability to decide things.', not 'End of Mini "
                    "toolkit.'"),
    (_spell_an_address, "audio/addresses", "002-what-is-it.txt",
     lambda folder: "line 7: an address said in 11 words with 5 dot, slash or underscore: "
                    "'www dot scotland dot gov dot uk slash publications slash 2011'"),
    # a site without its first parts, as nes.scot.nhs.uk was said "scot dot N H S dot uk"
    (_replacing("002-what-is-it.txt", "example dot org", "org"),
     "audio/whole-sites", "002-what-is-it.txt",
     lambda folder: "the site example.org is not said as it is typed: each of its 2 parts, "
                    "spelt as written, joined by 'dot'"),
    # a site said by a part's sound, as ilis.co.uk was said "eye-liss dot co dot uk"
    (_replacing("002-what-is-it.txt", "example dot org", "egg-sample dot org"),
     "audio/whole-sites", "002-what-is-it.txt",
     lambda folder: "the site example.org is not said as it is typed: each of its 2 parts, "
                    "spelt as written, joined by 'dot'"),
    (_replacing("004-try-it.txt", ", choose any that apply:", ":"),
     "audio/form-answers", "004-try-it.txt",
     lambda folder: "1 question(s) answered 'choose any that apply' but it is said 0 time(s)"),
    (_replacing("links.html", "<h2>Section 1.1: What is it?</h2>", "<h2>What is it?</h2>"),
     "audio/links-list", "links.html",
     lambda folder: "'What is it?' is not how the recording names a section"),
    (_say_a_print_word, "audio/print-words", "004-try-it.txt",
     lambda folder: "line 9: 'Circle' in \"Circle your answer below.\"; line 9: 'below' in "
                    "\"Circle your answer below.\""),
    (_repeat_a_header, "audio/table-cells", "003-details.txt",
     lambda folder: "'Information' is said twice in a row (a cell repeating its header)"),
    (_drop_a_passage, "audio/passages", "passages.json",
     lambda folder: "002-what-is-it.mp3: the passages are what-is-it/h, what-is-it/b2/i1, "
                    "what-is-it/b2/i2 ..., not what-is-it/h, what-is-it/b1, what-is-it/b2/i1 ..."),
], ids=["chapter-deleted", "chapter-without-number", "chapters-reordered", "toc-not-ordered",
        "toc-not-nested", "track-not-listed", "ghost-listed", "no-publisher", "wrong-length",
        "wrong-track-count", "no-closing", "address-spelt", "site-cut", "site-by-its-sound",
        "options-how-many", "links-named-as-in-print", "print-word", "header-repeated",
        "passage-missing"])
def test_a_damaged_book_playlist_or_opening_fails_its_rule(
        mini_document: Document, copy: Path, damage: Callable[[Path], None], rule: str,
        where: str, expected: Callable[[Path], str]) -> None:
    damage(copy)
    results = edition_rules(mini_document, copy)  # no audio was changed: not measured again
    assert failures(results) == [(rule, where, expected(copy))]


def _with_lexicon(document: Document) -> Document:
    entries = (LexiconEntry("DPO", "D P O", Location("lexicon.yaml", 1)),
               LexiconEntry("e.g.", "for example", Location("lexicon.yaml", 2)))
    return dataclasses.replace(document, lexicon=entries)


def test_lexicon_passes_on_every_transcript_where_no_written_form_is_left(
        mini_document: Document, mini_audio: Path) -> None:
    results = edition_rules(_with_lexicon(mini_document), mini_audio)
    lexicon = [r for r in results if r.rule == "audio/lexicon"]
    assert sorted(r.where for r in lexicon) == sorted(p.name for p in mini_audio.glob("*.txt"))
    assert all(r.passed for r in lexicon)
    assert lexicon[0].message == "none of the 2 lexicon entries' written forms is left"


def test_a_transcript_saying_a_lexicon_word_as_written_fails(mini_document: Document,
                                                             copy: Path) -> None:
    transcript = copy / TRACK.replace(".mp3", ".txt")
    lines = transcript.read_text(encoding="utf-8").splitlines()
    lines += ["Ask your DPO, e.g. the local DPO. Not a DPOs or XDPO."]
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = edition_rules(_with_lexicon(mini_document), copy)
    assert failures(results) == [(
        "audio/lexicon", transcript.name,
        f"'DPO' is left as written 2 times (first on line {len(lines)}), where the lexicon says "
        f"'D P O'; 'e.g.' is left as written once (first on line {len(lines)}), where the "
        "lexicon says 'for example'")]


def test_no_lexicon_no_lexicon_results(mini_results: list[RuleResult]) -> None:
    assert not [r for r in mini_results if r.rule == "audio/lexicon"]


def test_a_missing_book_fails_the_file_and_chapter_rules(mini_document: Document,
                                                         copy: Path) -> None:
    book_of(copy).unlink()
    results = audio.rules(mini_document, copy)
    assert failures(results) == [
        ("audio/file", "audio", "no single whole-book MP3 (*-complete.mp3)"),
        ("audio/chapters", "audio", "no single whole-book MP3 (*-complete.mp3) to hold the "
                                    "chapters")]
