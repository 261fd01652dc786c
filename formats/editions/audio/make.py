"""Build the audio edition: synthesise the sections, then the opening, then write every file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from formats.core.model import Document
from formats.core.names import slug
from formats.editions.audio import cache
from formats.editions.audio.files import (
    IDENTIFIER_TAG, LEAD_TAG, OPENING_STEM, PLAYLIST_SUFFIX, RATE_TAG, SOURCE_TAG, TAIL_TAG,
    book_path, track_stem, transcript_of,
)
from formats.editions.audio.settings import LEAD_SILENCE_S, SAMPLE_RATE, TAIL_SILENCE_S, Settings
from formats.editions.audio.spoken import SpokenSection, opening, script
from formats.editions.audio.synth import Clip, make_clips
from formats.outputs.mp3.encode import with_info_frame
from formats.outputs.mp3.id3 import Chapter
from formats.outputs.mp3.stream import frames_seconds
from formats.outputs.mp3.tags import BookFacts, tag_book, tag_track

_LANGUAGES = {"en": "eng", "gd": "gla", "cy": "cym"}


@dataclass(frozen=True)
class AudioBuild:
    """What a build wrote, and which sections (and whether the opening) were synthesised."""

    files: list[Path]
    synthesised: list[str]  # section ids, plus OPENING_ID when the opening was made
    spoken: list[SpokenSection]  # the opening first, then every section


@dataclass(frozen=True)
class _Track:
    spoken: SpokenSection
    clip: Clip
    stem: str


def build(document: Document, out_dir: Path, settings: Settings) -> AudioBuild:
    """Write the audio edition of ``document`` into ``out_dir``; return what was done.

    Raise RenderError when an engine fails.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    sections = script(document)
    clips = make_clips(sections, settings)
    body = sum(clips.by_id[section.id].seconds for section in sections)
    first, first_clip, opening_made = _make_opening(document, body, settings)
    tracks = [_Track(first, first_clip, OPENING_STEM)] + [
        _Track(section, clips.by_id[section.id], track_stem(section.index, section.id))
        for section in sections]
    facts = _facts(document, settings)
    written = [path for track in tracks
               for path in _write_track(out_dir, track, facts, len(tracks))]
    written += _write_book(out_dir, tracks, facts)
    written.append(_write_playlist(out_dir, tracks, slug(document.meta.title)))
    cache.prune(settings.cache)
    return AudioBuild(written, clips.synthesised + opening_made, [first, *sections])


def _make_opening(document: Document, body_seconds: float,
                  settings: Settings) -> tuple[SpokenSection, Clip, list[str]]:
    """Return the opening, its clip and [its id] when it was synthesised.

    The opening says how long the whole recording lasts, its own length included: it is made
    once with the sections' length, then again if its own length changes what it says.
    """
    made: list[str] = []
    first = opening(document, body_seconds)
    for _ in range(3):
        clips = make_clips([first], settings)
        made = sorted(set(made) | set(clips.synthesised))
        clip = clips.by_id[first.id]
        again = opening(document, body_seconds + clip.seconds)
        if again.text == first.text:
            return first, clip, made
        first = again
    return first, make_clips([first], settings).by_id[first.id], made


def _facts(document: Document, settings: Settings) -> BookFacts:
    language = _LANGUAGES.get(document.meta.language.split("-")[0].lower(), "eng")
    return BookFacts(document.meta.title, document.meta.publisher, language, {
        SOURCE_TAG: document.source_hash, IDENTIFIER_TAG: document.meta.identifier,
        RATE_TAG: str(settings.rate), LEAD_TAG: f"{LEAD_SILENCE_S:g}",
        TAIL_TAG: f"{TAIL_SILENCE_S:g}", "engine": settings.engine, "voice": settings.voice})


def _write_track(out_dir: Path, track: _Track, facts: BookFacts, total: int) -> list[Path]:
    """Write one per-section MP3 (with its tags) and its transcript; return both paths."""
    mp3 = out_dir / f"{track.stem}.mp3"
    mp3.write_bytes(with_info_frame(track.clip.audio))
    tag_track(mp3, facts, track.spoken.label, track.spoken.index + 1, total)
    transcript = transcript_of(mp3)
    transcript.write_text(track.spoken.text + "\n", encoding="utf-8")
    return [mp3, transcript]


def _write_book(out_dir: Path, tracks: list[_Track], facts: BookFacts) -> list[Path]:
    """Write the whole book: every clip in order, a chapter each; return it and its transcript."""
    chapters: list[Chapter] = []
    frames_before = 0
    for track in tracks:
        start = _milliseconds(frames_before)
        frames_before += track.clip.frame_count
        chapters.append(Chapter(track.spoken.id, track.spoken.label, start,
                                _milliseconds(frames_before)))
    book = book_path(out_dir, facts.title)
    book.write_bytes(with_info_frame(b"".join(track.clip.audio for track in tracks)))
    tag_book(book, facts, chapters)
    transcript = transcript_of(book)
    transcript.write_text("\n\n".join(track.spoken.text for track in tracks) + "\n",
                          encoding="utf-8")
    return [book, transcript]


def _milliseconds(frame_count: int) -> int:
    return round(frames_seconds(frame_count, SAMPLE_RATE) * 1000)


def _write_playlist(out_dir: Path, tracks: list[_Track], name: str) -> Path:
    """Write the M3U8 playlist of the per-section files, in reading order; return its path."""
    lines = ["#EXTM3U"]
    for track in tracks:
        lines.append(f"#EXTINF:{round(track.clip.seconds)},{track.spoken.label}")
        lines.append(f"{track.stem}.mp3")
    playlist = out_dir / f"{name}{PLAYLIST_SUFFIX}"
    playlist.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return playlist
