"""Read the audio edition back from its files, as a listener's player would.

Nothing here comes from the document model or from what the renderer meant: the section ids
are the book's chapter ids (CHAP) and the per-section files' names, titles are the chapters'
TIT2 frames, durations are what mutagen reads from the MP3 streams, and the speaking rate and
silences are the book's own TXXX tags. The transcript beside a file is used only to count the
words said, to judge whether the file's length is plausible.

The Easy Read audio, in the ``easy-read`` folder when there is one, is read the same way as a
second output, ``audio/easy-read-mp3``, whose sections are its parts (and the word list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mutagen.mp3 import BitrateMode, HeaderNotFoundError

from formats.core.contract import FoundSection, ReadBack
from formats.editions.audio.files import (
    EASY_READ_FOLDER,
    EASY_READ_OUTPUT,
    LEAD_TAG,
    OPENING_ID,
    OPENING_STEM,
    PLAYLIST_SUFFIX,
    RATE_TAG,
    TAIL_TAG,
    find_book,
    section_id_of,
    transcript_of,
)
from formats.outputs.mp3.id3 import Chapter
from formats.outputs.mp3.stream import MpegStream, mpeg_stream
from formats.outputs.mp3.tags_reader import BookTags, read_book_tags, read_title

OUTPUT = "audio/mp3"
TOLERANCE = 0.35  # a file may be this much shorter or longer than its words at the rate
MIN_TOLERANCE_S = 2.0  # ... or this many seconds, for files of a few words
PAUSE_WORDS = 1.0  # a pause at the end of a sentence or clause lasts about a word
COMMA_WORDS = 0.8  # a pause at a comma lasts about 0.8 of a word
BREAK_S = 0.7  # a break between two passages (lines of a transcript) lasts about this long
_PAUSE = re.compile(r"[.?!:;](?=\s|$)")
_COMMA = re.compile(r",(?=\s)")
_WORD_PART = re.compile(r"[^\W\d_]+|\d")
CHAPTER_MATCH_S = 1.0  # a book chapter and its per-section file differ by at most this
MIN_BITRATE = 64000
SAMPLE_RATES = (22050, 44100)


@dataclass(frozen=True)
class Pace:
    """The speaking rate and silences the book's tags declare."""

    rate: int
    lead: float
    tail: float


@dataclass
class _Findings:
    """What is found for one section while reading."""

    title: str = ""
    file: str = ""
    problems: list[str] = field(default_factory=list)


def read_back(out_dir: Path) -> list[ReadBack]:
    """Return the sections found in the audio edition's files, with what is wrong with each:
    ``audio/mp3``, and ``audio/easy-read-mp3`` (the parts) when there is an ``easy-read``
    folder."""
    if not out_dir.is_dir():
        return [ReadBack(OUTPUT, {}, (f"{out_dir} does not exist",))]
    found = [read_recording(out_dir, OUTPUT)]
    if (out_dir / EASY_READ_FOLDER).is_dir():
        found.append(read_recording(out_dir / EASY_READ_FOLDER, EASY_READ_OUTPUT,
                                    with_text=True))
    return found


def read_recording(out_dir: Path, output: str, with_text: bool = False) -> ReadBack:
    """Return the output ``output``: the sections (or parts) found in the recording whose files
    are in ``out_dir`` (its tracks, whole book and playlist), with what is wrong with each.

    With ``with_text``, each section's text is its track's transcript ("" without one), so
    that the check looks for its sentences there; else, or without a track (a problem already),
    it is None."""
    problems: list[str] = []
    book = find_book(out_dir)
    tags = read_book_tags(book) if book else BookTags([], False, {}, [])
    if book is None:
        problems.append(f"no single whole-book MP3 (*-complete.mp3) in {out_dir}")
    problems.extend(tags.problems)
    pace = _pace(tags.extra, problems)
    tracks = {section_id: path for path in sorted(out_dir.glob("*.mp3"))
              if (section_id := section_id_of(path)) is not None}
    chapters = {chapter.element_id: chapter for chapter in tags.chapters
                if chapter.element_id != OPENING_ID}
    problems.extend(_order_problems(list(tracks), list(chapters), tags, book))
    problems.extend(_opening_problems(out_dir, tags))
    problems.extend(_playlist_problems(out_dir))
    if book is not None:
        problems.extend(_book_length_problems(book, tags.chapters))
    found: dict[str, FoundSection] = {}
    for section_id in dict.fromkeys([*tracks, *chapters]):
        findings = _Findings()
        _judge_chapter(chapters.get(section_id), findings, book)
        _judge_track(tracks.get(section_id), findings, pace)
        _compare(chapters.get(section_id), tracks.get(section_id), findings)
        track = tracks.get(section_id)
        text = _transcript(track) if with_text and track is not None else None
        found[section_id] = FoundSection(section_id, findings.title, text,
                                         tuple(findings.problems), findings.file)
    return ReadBack(output, found, tuple(problems))


def _transcript(track: Path) -> str:
    """Return the transcript beside a track ("" when there is none)."""
    transcript = transcript_of(track)
    return transcript.read_text(encoding="utf-8") if transcript.is_file() else ""


def _pace(extra: dict[str, str], problems: list[str]) -> Pace | None:
    try:
        return Pace(int(extra[RATE_TAG]), float(extra[LEAD_TAG]), float(extra[TAIL_TAG]))
    except (KeyError, ValueError):
        problems.append("the book's tags do not give the speaking rate and silences "
                        f"(TXXX:{RATE_TAG}, TXXX:{LEAD_TAG}, TXXX:{TAIL_TAG})")
        return None


def _order_problems(track_ids: list[str], chapter_ids: list[str], tags: BookTags,
                    book: Path | None) -> list[str]:
    in_both = set(track_ids) & set(chapter_ids)
    if book is None or [i for i in track_ids if i in in_both] == [i for i in chapter_ids
                                                                    if i in in_both]:
        return []
    return [f"the chapters of {book.name} are not in the order of the per-section files"]


def _opening_problems(out_dir: Path, tags: BookTags) -> list[str]:
    problems = []
    if not (out_dir / f"{OPENING_STEM}.mp3").is_file():
        problems.append(f"no opening file ({OPENING_STEM}.mp3)")
    if tags.chapters and tags.chapters[0].element_id != OPENING_ID:
        problems.append("the book does not start with its opening chapter")
    return problems


def _playlist_problems(out_dir: Path) -> list[str]:
    playlists = sorted(out_dir.glob(f"*{PLAYLIST_SUFFIX}"))
    if len(playlists) != 1:
        return [f"{len(playlists)} playlists (*{PLAYLIST_SUFFIX}) instead of 1"]
    lines = playlists[0].read_text(encoding="utf-8").splitlines()
    problems = [] if lines[:1] == ["#EXTM3U"] else [f"{playlists[0].name} does not start "
                                                   "with #EXTM3U"]
    for line in lines[1:]:
        if line and not line.startswith("#") and not (out_dir / line).is_file():
            problems.append(f"{playlists[0].name} lists {line}, which does not exist")
    return problems


def _book_length_problems(book: Path, chapters: list[Chapter]) -> list[str]:
    seconds = _stream_seconds(book)
    if seconds is None:
        return [f"{book.name} has no MP3 audio"]
    end = max((chapter.end_ms for chapter in chapters), default=0) / 1000
    if seconds + CHAPTER_MATCH_S < end:
        return [f"{book.name} lasts {seconds:.1f} s but its chapters run to {end:.1f} s"]
    return []


def _judge_chapter(chapter: Chapter | None, findings: _Findings, book: Path | None) -> None:
    if chapter is None:
        findings.problems.append("no chapter for this section in the whole book"
                                 if book else "no whole book to hold its chapter")
        return
    findings.title = chapter.title
    findings.file = book.name if book else ""


def _judge_track(track: Path | None, findings: _Findings, pace: Pace | None) -> None:
    if track is None:
        findings.problems.append("no per-section MP3 file (NNN-<section id>.mp3)")
        return
    findings.file = track.name
    findings.title = findings.title or read_title(track)
    try:
        info = mpeg_stream(track)
    except HeaderNotFoundError:
        findings.problems.append(f"{track.name} holds no MP3 audio")
        return
    findings.problems.extend(_format_problems(track.name, info))
    transcript = transcript_of(track)
    if not transcript.is_file():
        findings.problems.append(f"no transcript {transcript.name} beside {track.name}")
    elif pace is not None:
        problem = plausibility(info.length, transcript.read_text(encoding="utf-8"), pace)
        if problem:
            findings.problems.append(f"{track.name}: {problem}")


def _format_problems(name: str, info: MpegStream) -> list[str]:
    """Return what is wrong with a file's format: not mono, not CBR, under 64 kbps, odd rate."""
    problems = []
    if info.channels != 1:
        problems.append(f"{name} has {info.channels} channels, not 1 (mono)")
    if info.bitrate_mode is not BitrateMode.CBR:
        problems.append(f"{name} is not marked constant bit rate")
    kbps = round(info.bitrate / 1000)
    if kbps < MIN_BITRATE // 1000:
        problems.append(f"{name} is {kbps} kbps, below {MIN_BITRATE // 1000}")
    if info.sample_rate not in SAMPLE_RATES:
        problems.append(f"{name} is sampled at {info.sample_rate} Hz, not 22050 or 44100")
    return problems


def plausibility(seconds: float, transcript: str, pace: Pace) -> str | None:
    """Return why a file's length is implausible for its words, or None if it is plausible.

    The words (each part of a hyphenated word, each digit) take ``words / rate`` minutes, each
    pause at a full stop, colon, semicolon, question or exclamation mark about ``PAUSE_WORDS``
    words' time more, a comma ``COMMA_WORDS``, and each break
    between two passages (two lines of the transcript) about ``BREAK_S``; the file may be 35%
    (at least 2 s) shorter or longer than that, plus the silences its tags declare.
    """
    words = sum(_spoken_words(token) for token in transcript.split())
    pauses = len(_PAUSE.findall(transcript))
    breaks = max(0, len([line for line in transcript.splitlines() if line.strip()]) - 1)
    expected = word_time(transcript) / pace.rate * 60 + BREAK_S * breaks
    silence = pace.lead + pace.tail
    tolerance = max(TOLERANCE * expected, MIN_TOLERANCE_S)
    if abs(seconds - silence - expected) <= tolerance:
        return None
    counted = (f"{words} words, {pauses} pauses and {breaks} breaks between passages" if breaks
               else f"{words} words and {pauses} pauses")
    return (f"duration {seconds:.1f} s is implausible for {counted} at {pace.rate} wpm "
            f"(expected {expected:.1f} s ± {tolerance:.1f} s, plus {silence:.1f} s of silence)")


def word_time(text: str) -> float:
    """Return how many words' time ``text`` takes to say: its words (each part of a hyphenated
    word, each digit), a word more for each pause at a full stop, colon, semicolon, question
    or exclamation mark (``PAUSE_WORDS``) and ``COMMA_WORDS`` for each comma."""
    words = sum(_spoken_words(token) for token in text.split())
    return (words + PAUSE_WORDS * len(_PAUSE.findall(text))
            + COMMA_WORDS * len(_COMMA.findall(text)))


def _spoken_words(token: str) -> int:
    """Return about how many words a written token is said in: each part of a hyphenated word
    ("co-production"), and about one a digit ("2026", "2.1")."""
    return max(1, len(_WORD_PART.findall(token)))


def _compare(chapter: Chapter | None, track: Path | None, findings: _Findings) -> None:
    if chapter is None or track is None:
        return
    seconds = _stream_seconds(track)
    span = (chapter.end_ms - chapter.start_ms) / 1000
    if seconds is not None and abs(span - seconds) > CHAPTER_MATCH_S:
        findings.problems.append(f"its chapter in the book lasts {span:.1f} s but "
                                 f"{track.name} lasts {seconds:.1f} s")


def _stream_seconds(path: Path) -> float | None:
    try:
        return float(mpeg_stream(path).length)
    except HeaderNotFoundError:
        return None
