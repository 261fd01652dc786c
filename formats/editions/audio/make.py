"""Build the audio edition: synthesise the sections, then the opening, then write every file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from formats.core.model import Document
from formats.core.names import slug
from formats.editions.audio import cache
from formats.editions.audio.files import (
    IDENTIFIER_TAG,
    LEAD_TAG,
    OPENING_ID,
    OPENING_STEM,
    PASSAGES_FILE,
    PLAYLIST_SUFFIX,
    RATE_TAG,
    SOURCE_TAG,
    TAIL_TAG,
    book_path,
    contents_id,
    track_stem,
    transcript_of,
)
from formats.editions.audio.headings import Place, chapter_label, places
from formats.editions.audio.links import write_links
from formats.editions.audio.opening import LINKS_FILE, opening
from formats.editions.audio.settings import LEAD_SILENCE_S, SAMPLE_RATE, TAIL_SILENCE_S, Settings
from formats.editions.audio.spoken import SpokenSection, full_script
from formats.editions.audio.synth import Clip, make_clips
from formats.outputs.mp3.encode import with_info_frame
from formats.outputs.mp3.id3 import TOC_ID, Chapter, Contents
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
    said = full_script(document)
    sections = said.sections
    clips = make_clips(sections, settings)
    body = sum(clips.by_id[section.id].seconds for section in sections)
    first, first_clip, opening_made = _make_opening(document, body, settings, bool(said.links))
    tracks = [_Track(first, first_clip, OPENING_STEM)] + [
        _Track(section, clips.by_id[section.id], track_stem(section.index, section.id))
        for section in sections]
    facts = _facts(document, settings)
    written = [path for track in tracks
               for path in _write_track(out_dir, track, facts, len(tracks))]
    written += _write_book(out_dir, tracks, facts, places(document))
    written.append(_write_playlist(out_dir, tracks, slug(document.meta.title)))
    written.append(_write_passages(out_dir, tracks))
    written.append(write_links(out_dir / LINKS_FILE, document, said.links))
    cache.prune(settings.cache)
    return AudioBuild(written, clips.synthesised + opening_made, [first, *sections])


def _make_opening(document: Document, body_seconds: float, settings: Settings,
                  has_links: bool) -> tuple[SpokenSection, Clip, list[str]]:
    """Return the opening, its clip and [its id] when it was synthesised.

    The opening says how long the whole recording lasts, its own length included: it is made
    once with the sections' length, then again if its own length changes what it says.
    """
    made: list[str] = []
    first = opening(document, body_seconds, settings.engine, has_links)
    for _ in range(3):
        clips = make_clips([first], settings)
        made = sorted(set(made) | set(clips.synthesised))
        clip = clips.by_id[first.id]
        again = opening(document, body_seconds + clip.seconds, settings.engine, has_links)
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


def _write_book(out_dir: Path, tracks: list[_Track], facts: BookFacts,
                sections: list[Place]) -> list[Path]:
    """Write the whole book: every clip in order, a chapter each, and a table of contents per
    chapter (and per section with sections in it); return it and its transcript."""
    chapters: list[Chapter] = []
    frames_before = 0
    for track in tracks:
        start = _milliseconds(frames_before)
        frames_before += track.clip.frame_count
        chapters.append(Chapter(track.spoken.id, track.spoken.label, start,
                                _milliseconds(frames_before)))
    book = book_path(out_dir, facts.title)
    book.write_bytes(with_info_frame(b"".join(track.clip.audio for track in tracks)))
    tag_book(book, facts, chapters, book_contents(facts.title, sections))
    transcript = transcript_of(book)
    transcript.write_text("\n\n".join(track.spoken.text for track in tracks) + "\n",
                          encoding="utf-8")
    return [book, transcript]


def book_contents(title: str, sections: list[Place]) -> Contents:
    """Return the book's table of contents: the opening, then a table of contents for each
    chapter holding its own chapter mark and its sections (a section with sections in it has
    a table of contents of its own)."""
    inside: dict[str, list[Place]] = {}
    for place in sections:
        if place.parent is not None:
            inside.setdefault(place.parent.section.id, []).append(place)

    def entry(place: Place) -> Contents | str:
        children = inside.get(place.section.id, [])
        if not children and place.parent is not None:
            return place.section.id
        return Contents(contents_id(place.section.id), chapter_label(place),
                        (place.section.id, *(entry(child) for child in children)))

    return Contents(TOC_ID, title, (OPENING_ID, *(entry(place) for place in sections
                                                  if place.parent is None)))


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


def _write_passages(out_dir: Path, tracks: list[_Track]) -> Path:
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
