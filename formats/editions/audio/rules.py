"""The audio edition's rules (standards.md, "Audio"), checked on the built files as a listener's
tools see them.

Every MP3 (each per-section file, the opening and the whole book) is decoded, measured and read
frame by frame by the MP3 rules of :mod:`formats.outputs.mp3.rules` (``audio/loudness``,
``audio/true-peak``, ``audio/silence``, ``audio/mono``, ``audio/bitrate``,
``audio/sample-rate``, ``audio/length``, or one failed ``audio/file``). And, once each:

- ``audio/chapters`` (needs the document): the whole book has one top-level table of contents
  (CTOC) holding the opening's chapter (CHAP) and, per chapter of the document, a table of
  contents that lists its own chapter first and then its sections (a section with sections
  has one of its own): one chapter per section, in reading order, each titled with the
  section's number and title, the chapters starting in order within the book's length; every
  table of contents is marked ordered;
- ``audio/playlist``: one M3U8 playlist listing every per-section file that exists, in order,
  and no file that does not;
- ``audio/opening`` and ``audio/closing``: see :mod:`formats.editions.audio.opening_rules`;
- ``audio/passages``, ``audio/passage-lengths`` and ``audio/pauses``: see
  :mod:`formats.editions.audio.pause_rules`;
- ``audio/addresses``, ``audio/print-words``, ``audio/table-cells`` and ``audio/lexicon`` on
  every transcript: see :mod:`formats.editions.audio.speech_rules`;
- the Easy Read audio's rules are :mod:`formats.editions.audio.easy_read_rules`.

A file that cannot be read or decoded is one failed ``audio/file`` result instead of its
measured rules, never a skip.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from mutagen import MutagenError
from mutagen.id3 import ID3, CTOCFlags, ID3NoHeaderError

from formats.core.contract import RuleResult
from formats.core.model import Document, Section
from formats.core.text import normalise
from formats.editions.audio.files import OPENING_ID, PLAYLIST_SUFFIX, TRACK_PATTERN, find_book
from formats.editions.audio.opening_rules import closing_result, opening_result
from formats.editions.audio.pause_rules import (
    expected_passages,
    passage_lengths_result,
    passages_result,
    pause_results,
)
from formats.editions.audio.speech_rules import speech_results
from formats.outputs.mp3.joined import measure_with_book
from formats.outputs.mp3.measure import Measurement
from formats.outputs.mp3.rules import file_results
from formats.outputs.mp3.stream import DecodeError, mp3_seconds
from formats.outputs.mp3.tags_reader import ChapterFrame, TocFrame

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
    """Return what is wrong with the whole book's tables of contents and chapters."""
    try:
        tags = ID3(book)
    except (ID3NoHeaderError, MutagenError):
        return [f"{book.name} has no ID3v2 tags"]
    tocs = {toc.element_id: toc for toc in tags.getall("CTOC")}
    tops = [toc for toc in tocs.values() if toc.flags & CTOCFlags.TOP_LEVEL]
    if len(tops) != 1:
        return [f"{len(tops)} top-level tables of contents (CTOC), not 1"]
    (top,) = tops
    problems = [("the table of contents (CTOC) is not marked ordered" if toc is top else
                 f"the table of contents '{toc.element_id}' (CTOC) is not marked ordered")
                for toc in tocs.values() if not toc.flags & CTOCFlags.ORDERED]
    marks = {mark.element_id: mark for mark in tags.getall("CHAP")}
    found = _shape(top, tocs, set())
    listed = _flat(found)
    sections = document.sections_with_parent_numbers()
    section_ids = [section.id for section, _ in sections]
    problems += [f"the table of contents lists '{element}', which is not a section"
                 for element in listed[1:] if element not in section_ids]
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
    elif not problems:
        problems += _nesting_problems(document, found)
    problems += _timing_problems([marks[e] for e in listed if e in marks], book)
    return problems


Shape = tuple  # a table of contents read as nested tuples of chapter ids


def _shape(toc: TocFrame, tocs: dict[str, TocFrame], seen: set[str]) -> Shape:
    """Return a table of contents as nested tuples: a chapter's id, or a tuple for a table of
    contents inside it."""
    seen.add(toc.element_id)
    return tuple(_shape(tocs[child], tocs, seen) if child in tocs and child not in seen
                 else child for child in toc.child_element_ids)


def _flat(shape: Shape) -> list[str]:
    return [found for child in shape
            for found in (_flat(child) if isinstance(child, tuple) else [child])]


def expected_shape(document: Document) -> Shape:
    """Return the nesting the chapters and sections call for: the opening, then a table of
    contents per chapter (and per section with sections), its own chapter first."""
    def entry(section: Section) -> Shape | str:
        if not section.children and section.level > 1:
            return section.id
        return (section.id, *(entry(child) for child in section.children))

    return (OPENING_ID, *(entry(chapter) for chapter in document.chapters))


def _nesting_problems(document: Document, found: Shape) -> list[str]:
    """Return where the tables of contents do not nest the sections as the model does."""
    wanted = expected_shape(document)
    found = found if found[:1] == (OPENING_ID,) else (OPENING_ID, *found)
    if found == wanted:
        return []
    differing = next((w for w, f in zip(wanted, found, strict=False) if w != f), wanted[-1])
    first = differing[0] if isinstance(differing, tuple) else differing
    return [f"the tables of contents do not nest the sections as the document does (first "
            f"at '{first}'): one per chapter, and one per section with sections, each listing "
            "its own chapter first"]


def _timing_problems(marks: list[ChapterFrame], book: Path) -> list[str]:
    """Return chapters that start before the one before them or after the book ends."""
    problems = [f"chapter '{mark.element_id}' starts at {mark.start_time / 1000:.1f} s, before "
                f"chapter '{before.element_id}' ({before.start_time / 1000:.1f} s)"
                for before, mark in pairwise(marks) if mark.start_time < before.start_time]
    seconds = mp3_seconds(book)
    if seconds is None:
        return [*problems, f"{book.name} holds no MP3 audio"]
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
    tables = sum(1 for section in document.sections()
                 if section.children or section.level == 1) + 1
    return RuleResult.from_problems(
        "audio/chapters", book.name, chapter_problems(document, book),
        f"{tables} ordered tables of contents nesting {count} chapters, one per section in "
        "reading order, each titled with its number and title")


# ---------------------------------------------------------------------------------------------
# The playlist


def track_files(out_dir: Path) -> list[Path]:
    """Return the per-section MP3 files (the opening included), in file-name order."""
    return sorted(path for path in out_dir.glob("*.mp3") if TRACK_PATTERN.match(path.stem))


def playlist_result(out_dir: Path, tracks: list[Path]) -> RuleResult:
    """Return ``audio/playlist``: one M3U8 listing every per-section file, in order, and only
    files that exist."""
    playlists = sorted(out_dir.glob(f"*{PLAYLIST_SUFFIX}"))
    if len(playlists) != 1:
        found = ", ".join(path.name for path in playlists)
        return RuleResult("audio/playlist", out_dir.name, False,
                          f"{len(playlists)} playlists (*{PLAYLIST_SUFFIX}), not 1"
                          + (f": {found}" if found else ""))
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


# ---------------------------------------------------------------------------------------------
# All of them


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return every audio rule's results on the files in ``out_dir`` (see the module's text).

    Never raises for a missing, broken or undecodable file: that is a failed result.
    """
    if not out_dir.is_dir():
        return [RuleResult("audio/file", str(out_dir), False, f"{out_dir} does not exist")]
    tracks = track_files(out_dir)
    book = find_book(out_dir)
    files = tracks + ([book] if book else [])
    measured = measure_with_book(tracks, book)  # the book decoded once, when it is its tracks
    results = []
    if not tracks:
        results.append(RuleResult("audio/file", out_dir.name, False,
                                  "no per-section MP3 files (NNN-<section id>.mp3)"))
    if book is None:
        results.append(RuleResult("audio/file", out_dir.name, False,
                                  "no single whole-book MP3 (*-complete.mp3)"))
    results += [result for path in files for result in file_results(path, measured[path])]
    on_tracks = {path: measured[path] for path in tracks}
    return results + edition_rules(document, out_dir, on_tracks) + pause_results(
        expected_passages(document), out_dir, on_tracks)


def edition_rules(document: Document, out_dir: Path,
                  measured: dict[Path, Measurement | DecodeError] | None = None
                  ) -> list[RuleResult]:
    """Return the rules on the edition as a whole: the book's chapters, the playlist, the
    opening and closing, passages.json, and what every transcript says."""
    tracks = track_files(out_dir)
    book = find_book(out_dir)
    durations = {path: found.seconds for path, found in (measured or {}).items()
                 if isinstance(found, Measurement)}
    return [chapters_result(document, book, out_dir), playlist_result(out_dir, tracks),
            opening_result(document, tracks, book), closing_result(document, tracks),
            passages_result(expected_passages(document), out_dir, tracks, durations),
            passage_lengths_result(out_dir), *speech_results(document, out_dir)]
