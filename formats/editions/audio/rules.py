"""The audio edition's rules (standards.md, "Audio"), checked on the built files as a listener's
tools see them.

Every MP3 (each per-section file, the opening and the whole book) is decoded, measured and read
frame by frame by the MP3 rules of :mod:`formats.outputs.mp3.rules` (``audio/loudness``,
``audio/true-peak``, ``audio/silence``, ``audio/mono``, ``audio/bitrate``,
``audio/sample-rate``, or one failed ``audio/file``). And, once each:

- ``audio/chapters`` (needs the document): the whole book has one top-level, ordered table of
  contents (CTOC) listing one chapter (CHAP) per section of the document, in reading order
  (after an optional opening chapter), each titled with the section's number and title, the
  chapters starting in order within the book's length;
- ``audio/playlist``: one M3U8 playlist listing every per-section file that exists, in order,
  and no file that does not;
- ``audio/opening``: the first file's transcript announces the title and the publisher, then
  how long the recording lasts (within a minute of the whole book's length);
- ``audio/lexicon`` (when the document has a lexicon): no transcript holds a lexicon entry's
  written form as a whole word (with its capitals).

A file that cannot be read or decoded is one failed ``audio/file`` result instead of its
measured rules, never a skip.
"""

from __future__ import annotations

import re
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import CHAP, ID3, CTOCFlags, ID3NoHeaderError

from formats.core.contract import RuleResult
from formats.core.model import Document, LexiconEntry, Section
from formats.core.text import normalise
from formats.editions.audio.files import (
    OPENING_STEM, PLAYLIST_SUFFIX, TRACK_PATTERN, find_book, transcript_of,
)
from formats.editions.audio.lexicon import Lexicon, compile_lexicon
from formats.editions.audio.spoken import numbered_sections
from formats.outputs.mp3.rules import files_results
from formats.outputs.mp3.stream import mp3_seconds

LENGTH_TOLERANCE_MIN = 1.0  # the opening's announced length may be this far from the real one
_LENGTH = re.compile(r"\blasts (?:about |around |nearly |almost )?"
                     r"(?:(\d+) hours?)?(?: and )?(?:(\d+) minutes?)?")


# ---------------------------------------------------------------------------------------------
# The book's chapters


def _title_problem(section: Section, parent_number: str, title: str) -> str | None:
    """Return why a chapter's title lacks its section's number and title, or None."""
    wanted = [section.label]
    if section.level == 3 and section.number and parent_number:
        wanted.insert(0, parent_number)
    words = f" {normalise(title)} "
    if all(f" {normalise(part)} " in words for part in wanted):
        return None
    return (f"chapter '{section.id}' is titled '{title}', not with its number and title "
            f"'{' '.join(wanted)}'")


def chapter_problems(document: Document, book: Path) -> list[str]:
    """Return what is wrong with the whole book's table of contents and chapters."""
    try:
        tags = ID3(book)
    except (ID3NoHeaderError, MutagenError):
        return [f"{book.name} has no ID3v2 tags"]
    tocs = [toc for toc in tags.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    if len(tocs) != 1:
        return [f"{len(tocs)} top-level tables of contents (CTOC), not 1"]
    (toc,) = tocs
    problems = [] if toc.flags & CTOCFlags.ORDERED else ["the table of contents (CTOC) is not "
                                                         "marked ordered"]
    marks = {mark.element_id: mark for mark in tags.getall("CHAP")}
    listed = list(toc.child_element_ids)
    sections = numbered_sections(document)
    section_ids = [section.id for section, _ in sections]
    extra = [element for element in listed[1:] if element not in section_ids]
    problems += [f"the table of contents lists '{element}', which is not a section"
                 for element in extra]
    for section, parent_number in sections:
        mark = marks.get(section.id)
        if section.id not in listed:
            problems.append(f"the table of contents does not list section '{section.id}' "
                            f"({section.label})")
        elif mark is None:
            problems.append(f"no chapter (CHAP) for section '{section.id}' ({section.label})")
        else:
            title = mark.sub_frames.get("TIT2")
            problem = _title_problem(section, parent_number, str(title.text[0]) if title else "")
            if problem:
                problems.append(problem)
    in_order = [element for element in listed if element in section_ids]
    if in_order != [element for element in section_ids if element in listed]:
        problems.append("the table of contents lists the sections out of reading order")
    problems += _timing_problems([marks[e] for e in listed if e in marks], book)
    return problems


def _timing_problems(marks: list[CHAP], book: Path) -> list[str]:
    """Return chapters that start before the one before them or after the book ends."""
    problems = [f"chapter '{mark.element_id}' starts at {mark.start_time / 1000:.1f} s, before "
                f"chapter '{before.element_id}' ({before.start_time / 1000:.1f} s)"
                for before, mark in zip(marks, marks[1:]) if mark.start_time < before.start_time]
    seconds = mp3_seconds(book)
    if seconds is None:
        return problems + [f"{book.name} holds no MP3 audio"]
    late = [mark for mark in marks if mark.start_time / 1000 > seconds]
    problems += [f"chapter '{mark.element_id}' starts at {mark.start_time / 1000:.1f} s, after "
                 f"the end of the book ({seconds:.1f} s)" for mark in late]
    return problems


def chapters_result(document: Document, book: Path | None, out_dir: Path) -> RuleResult:
    """Return ``audio/chapters``: one titled chapter per section, in order, in the whole book."""
    if book is None:
        return RuleResult("audio/chapters", out_dir.name, False,
                          "no single whole-book MP3 (*-complete.mp3) to hold the chapters")
    count = len(list(document.sections()))
    return RuleResult.from_problems(
        "audio/chapters", book.name, chapter_problems(document, book),
        f"a top-level ordered table of contents of {count} chapters, one per section in reading "
        "order, each titled with its number and title")


# ---------------------------------------------------------------------------------------------
# The playlist, the opening, the lexicon


def track_files(out_dir: Path) -> list[Path]:
    """Return the per-section MP3 files (the opening included), in file-name order."""
    return sorted(path for path in out_dir.glob("*.mp3") if TRACK_PATTERN.match(path.stem))


def playlist_result(out_dir: Path, tracks: list[Path]) -> RuleResult:
    """Return ``audio/playlist``: one M3U8 listing every per-section file, in order, and only
    files that exist."""
    playlists = sorted(out_dir.glob(f"*{PLAYLIST_SUFFIX}"))
    if len(playlists) != 1:
        names = ", ".join(path.name for path in playlists)
        return RuleResult("audio/playlist", out_dir.name, False,
                          f"{len(playlists)} playlists (*{PLAYLIST_SUFFIX}), not 1"
                          + (f": {names}" if names else ""))
    (playlist,) = playlists
    lines = playlist.read_text(encoding="utf-8-sig").splitlines()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    problems = [] if lines[:1] == ["#EXTM3U"] else ["it does not start with #EXTM3U"]
    names = [track.name for track in tracks]
    problems += [f"it does not list {name}" for name in names if name not in entries]
    problems += [f"it lists {entry}, which does not exist" for entry in entries
                 if not (out_dir / entry).is_file()]
    listed = [entry for entry in entries if entry in names]
    if listed != [name for name in names if name in entries]:
        problems.append("it lists the files out of reading order")
    return RuleResult.from_problems(
        "audio/playlist", playlist.name, problems,
        f"lists all {len(names)} per-section files in order, each of which exists")


def _say(text: str, lexicon: Lexicon) -> list[str]:
    """Return the normalised forms a phrase may be said in: as written, and through the
    lexicon."""
    forms = [normalise(text), normalise(lexicon.apply(text))]
    return list(dict.fromkeys(form for form in forms if form))


def _position(words: str, forms: list[str]) -> int | None:
    found = [words.find(f" {form} ") for form in forms]
    found = [place for place in found if place >= 0]
    return min(found) if found else None


def _minutes(match: re.Match[str]) -> int:
    hours, minutes = match.group(1), match.group(2)
    return int(hours or 0) * 60 + int(minutes or 0)


def _said_length(match: re.Match[str]) -> str:
    return match.group(0).removeprefix("lasts ").strip()


def opening_result(document: Document, tracks: list[Path], book: Path | None) -> RuleResult:
    """Return ``audio/opening``: the first file's transcript says the title and the publisher,
    then a length within a minute of the whole recording's."""
    if not tracks:
        return RuleResult("audio/opening", OPENING_STEM, False, "no per-section file, so no "
                                                                "opening")
    transcript = transcript_of(tracks[0])
    if not transcript.is_file():
        return RuleResult("audio/opening", transcript.name, False,
                          f"no transcript {transcript.name} beside {tracks[0].name}")
    words = f" {normalise(transcript.read_text(encoding='utf-8'))} "
    lexicon = compile_lexicon(document.lexicon)
    meta = document.meta
    problems = []
    places = {}
    for what, phrase in (("title", meta.title), ("publisher", meta.publisher)):
        places[what] = _position(words, _say(phrase, lexicon))
        if places[what] is None:
            problems.append(f"it does not say the {what} '{phrase}'")
    length = _LENGTH.search(words)
    actual = sum(seconds or 0.0 for seconds in map(mp3_seconds, [book] if book else tracks))
    if length is None or not (length.group(1) or length.group(2)):
        problems.append("it does not say how long the recording lasts ('lasts about ... "
                        "minutes')")
    else:
        if abs(_minutes(length) - actual / 60) > LENGTH_TOLERANCE_MIN:
            problems.append(f"it says the recording lasts {_said_length(length)}, but it lasts "
                            f"{actual / 60:.1f} minutes")
        if any(place is not None and place > length.start() for place in places.values()):
            problems.append("it says the length before the title and the publisher")
    said = _said_length(length) if length else ""
    return RuleResult.from_problems(
        "audio/opening", transcript.name, problems,
        f"says '{meta.title}', '{meta.publisher}', then that it lasts {said} (the whole "
        f"recording lasts {actual / 60:.1f} minutes)")


def _written_pattern(entry: LexiconEntry) -> re.Pattern[str]:
    """Return the pattern of an entry's written form as a whole word, with its capitals."""
    return re.compile(rf"(?<![\w.]){re.escape(entry.written)}(?!\w)")


def lexicon_problems(text: str, entries: tuple[LexiconEntry, ...]) -> list[str]:
    """Return every lexicon entry whose written form is left in ``text``, where and how often."""
    problems = []
    lines = text.splitlines()
    for entry in entries:
        pattern = _written_pattern(entry)
        found = [number for number, line in enumerate(lines, start=1)
                 for _ in pattern.finditer(line)]
        if found:
            times = "once" if len(found) == 1 else f"{len(found)} times"
            problems.append(f"'{entry.written}' is left as written {times} (first on line "
                            f"{found[0]}), where the lexicon says '{entry.spoken}'")
    return problems


def lexicon_results(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return ``audio/lexicon`` for every transcript (none when the document has no lexicon)."""
    if not document.lexicon:
        return []
    count = len(document.lexicon)
    return [RuleResult.from_problems(
        "audio/lexicon", transcript.name,
        lexicon_problems(transcript.read_text(encoding="utf-8"), document.lexicon),
        f"none of the {count} lexicon entries' written forms is left")
            for transcript in sorted(out_dir.glob("*.txt"))]


# ---------------------------------------------------------------------------------------------
# All of them


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return every audio rule's results on the files in ``out_dir`` (see the module's text).

    Never raises for a missing, broken or undecodable file: that is a failed result.
    """
    if not out_dir.is_dir():
        return [RuleResult("audio/file", str(out_dir), False, f"{out_dir} does not exist")]
    return file_rules(out_dir) + edition_rules(document, out_dir)


def file_rules(out_dir: Path) -> list[RuleResult]:
    """Return the measured and format rules of every MP3 file in ``out_dir`` (and a failed
    ``audio/file`` when there is no per-section file or no single whole book)."""
    tracks = track_files(out_dir)
    book = find_book(out_dir)
    results = []
    if not tracks:
        results.append(RuleResult("audio/file", out_dir.name, False,
                                  "no per-section MP3 files (NNN-<section id>.mp3)"))
    if book is None:
        results.append(RuleResult("audio/file", out_dir.name, False,
                                  "no single whole-book MP3 (*-complete.mp3)"))
    return results + files_results(tracks + ([book] if book else []))


def edition_rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the rules on the edition as a whole: the book's chapters, the playlist, the
    opening and (when the document has a lexicon) every transcript's words."""
    tracks = track_files(out_dir)
    book = find_book(out_dir)
    return [chapters_result(document, book, out_dir), playlist_result(out_dir, tracks),
            opening_result(document, tracks, book), *lexicon_results(document, out_dir)]
