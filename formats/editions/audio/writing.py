"""Writing the audio files of a recording (the main one or the Easy Read one): a file and a
transcript per track, the whole book with a chapter per track, the playlist and passages.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from formats.core.model import Document
from formats.editions.audio.files import (
    IDENTIFIER_TAG,
    LEAD_TAG,
    PASSAGES_FILE,
    PLAYLIST_SUFFIX,
    RATE_TAG,
    SOURCE_TAG,
    TAIL_TAG,
    transcript_of,
)
from formats.editions.audio.settings import LEAD_SILENCE_S, SAMPLE_RATE, TAIL_SILENCE_S, Settings
from formats.editions.audio.spoken import SpokenSection
from formats.editions.audio.synth import Clip
from formats.outputs.mp3.encode import info_frame
from formats.outputs.mp3.id3 import Chapter, Contents
from formats.outputs.mp3.stream import frames_seconds
from formats.outputs.mp3.tags import BookFacts, tag_book, tag_track

_LANGUAGES = {"en": "eng", "gd": "gla", "cy": "cym"}


@dataclass(frozen=True)
class Track:
    """One file of a recording: what it says, its audio and its file name without suffix."""

    spoken: SpokenSection
    clip: Clip
    stem: str


def book_facts(document: Document, settings: Settings, title: str = "") -> BookFacts:
    """Return the tags every file of a recording carries (``title``, else the toolkit's)."""
    language = _LANGUAGES.get(document.meta.language.split("-")[0].lower(), "eng")
    return BookFacts(title or document.meta.title, document.meta.publisher, language, {
        SOURCE_TAG: document.source_hash, IDENTIFIER_TAG: document.meta.identifier,
        RATE_TAG: str(settings.rate), LEAD_TAG: f"{LEAD_SILENCE_S:g}",
        TAIL_TAG: f"{TAIL_SILENCE_S:g}", "engine": settings.engine, "voice": settings.voice})


def write_track(out_dir: Path, track: Track, facts: BookFacts, total: int) -> list[Path]:
    """Write one per-section MP3 (with its tags) and its transcript; return both paths."""
    mp3 = out_dir / f"{track.stem}.mp3"
    _write_tagged(mp3, [track.clip], lambda path: tag_track(
        path, facts, track.spoken.label, track.spoken.index + 1, total))
    transcript = transcript_of(mp3)
    transcript.write_text(track.spoken.text + "\n", encoding="utf-8")
    return [mp3, transcript]


def write_book(book: Path, tracks: list[Track], facts: BookFacts,
               contents: Contents) -> list[Path]:
    """Write the whole book ``book``: every clip in order, a chapter each, and the tables of
    contents ``contents``; return it and its transcript."""
    chapters: list[Chapter] = []
    frames_before = 0
    for track in tracks:
        start = milliseconds(frames_before)
        frames_before += track.clip.frame_count
        chapters.append(Chapter(track.spoken.id, track.spoken.label, start,
                                milliseconds(frames_before)))
    _write_tagged(book, [track.clip for track in tracks],
                  lambda path: tag_book(path, facts, chapters, contents))
    transcript = transcript_of(book)
    transcript.write_text("\n\n".join(track.spoken.text for track in tracks) + "\n",
                          encoding="utf-8")
    return [book, transcript]


def _write_tagged(path: Path, clips: list[Clip], tag: Callable[[Path], None]) -> None:
    """Write the MP3 file ``path``: its tags first (``tag`` writes them into the empty file),
    then an Info frame and the frames of ``clips``, a clip at a time: no copy of a whole book
    in memory, and nothing moved along the file to make room for the tags. Raises RenderError
    when the clips hold no frames."""
    path.unlink(missing_ok=True)
    tag(path)
    with path.open("ab") as file:
        file.write(info_frame(clips[0].header if clips else b"",
                              sum(clip.frame_count for clip in clips),
                              sum(clip.size for clip in clips)))
        for clip in clips:
            clip.write_to(file)


def milliseconds(frame_count: int) -> int:
    return round(frames_seconds(frame_count, SAMPLE_RATE) * 1000)


def write_playlist(out_dir: Path, tracks: list[Track], name: str) -> Path:
    """Write the M3U8 playlist of the per-section files, in reading order; return its path."""
    lines = ["#EXTM3U"]
    for track in tracks:
        lines.append(f"#EXTINF:{round(track.clip.seconds)},{track.spoken.label}")
        lines.append(f"{track.stem}.mp3")
    playlist = out_dir / f"{name}{PLAYLIST_SUFFIX}"
    playlist.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return playlist


def write_passages(out_dir: Path, tracks: list[Track]) -> Path:
    """Write passages.json: for every per-section file, where it starts in the whole book and
    each passage's ref, start and end (seconds in that file) and what is said; return it."""
    files = []
    book_start = 0.0
    for track in tracks:
        files.append({
            "file": f"{track.stem}.mp3", "section": track.spoken.id,
            "book_start": round(book_start, 3),
            "passages": [{"ref": passage.ref, "start": start, "end": end, "text": passage.text}
                         for passage, (start, end) in zip(track.spoken.passages,
                                                          track.clip.spans, strict=False)]})
        book_start += track.clip.seconds
    path = out_dir / PASSAGES_FILE
    path.write_text(json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=1)
                    + "\n", encoding="utf-8")
    return path
