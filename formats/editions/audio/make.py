"""Build the audio edition: synthesise the sections (and the Easy Read text's), then the
opening, then write every file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from formats.core.model import Document
from formats.core.names import slug
from formats.editions.audio import cache
from formats.editions.audio.easy_read_make import write_easy_read
from formats.editions.audio.easy_read_spoken import easy_read_opening, easy_read_script
from formats.editions.audio.files import (
    EASY_READ_FOLDER,
    OPENING_ID,
    OPENING_STEM,
    book_path,
    contents_id,
    track_stem,
)
from formats.editions.audio.headings import Place, chapter_label, places
from formats.editions.audio.links import write_links
from formats.editions.audio.opening import LINKS_FILE, opening
from formats.editions.audio.settings import Settings, easy_read_settings
from formats.editions.audio.spoken import SpokenSection, full_script
from formats.editions.audio.synth import Clip, Clips, make_clip_groups, make_clips
from formats.editions.audio.writing import (
    Track,
    book_facts,
    write_book,
    write_passages,
    write_playlist,
    write_track,
)
from formats.outputs.mp3.id3 import TOC_ID, Contents


@dataclass(frozen=True)
class AudioBuild:
    """What a build wrote, and which sections (and whether the opening) were synthesised."""

    files: list[Path]
    synthesised: list[str]  # section ids, plus OPENING_ID when the opening was made
    spoken: list[SpokenSection]  # the opening first, then every section
    # the Easy Read audio's tracks synthesised (ids), and what it says (the opening first)
    easy_read_synthesised: list[str] = field(default_factory=list)
    easy_read: list[SpokenSection] = field(default_factory=list)


def build(document: Document, out_dir: Path, settings: Settings) -> AudioBuild:
    """Write the audio edition of ``document`` into ``out_dir`` (with the Easy Read audio in
    its ``easy-read`` folder when the document has an Easy Read text); return what was done.

    Raise RenderError when an engine fails.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    said = full_script(document)
    sections = said.sections
    easy = easy_read_script(document)[1:]  # its opening is made last, with its length
    slower = easy_read_settings(settings)
    clips, easy_clips = make_clip_groups([(sections, settings), (easy, slower)])
    body = sum(clips.by_id[section.id].seconds for section in sections)
    first, first_clip, opening_made = _make_opening(
        lambda seconds: opening(document, seconds, settings.engine, bool(said.links)), body,
        settings)
    tracks = [Track(first, first_clip, OPENING_STEM)] + [
        Track(section, clips.by_id[section.id], track_stem(section.index, section.id))
        for section in sections]
    facts = book_facts(document, settings)
    written = [path for track in tracks
               for path in write_track(out_dir, track, facts, len(tracks))]
    written += write_book(book_path(out_dir, facts.title), tracks, facts,
                          book_contents(facts.title, places(document)))
    written.append(write_playlist(out_dir, tracks, slug(document.meta.title)))
    written.append(write_passages(out_dir, tracks))
    written.append(write_links(out_dir / LINKS_FILE, document, said.links))
    if easy:
        easy_body = sum(easy_clips.by_id[section.id].seconds for section in easy)
        easy_first, easy_first_clip, easy_made = _make_opening(
            lambda seconds: easy_read_opening(document, seconds), easy_body, slower)
        easy = [easy_first, *easy]
        easy_clips = Clips({**easy_clips.by_id, easy_first.id: easy_first_clip},
                           easy_made + easy_clips.synthesised)
        written += write_easy_read(out_dir / EASY_READ_FOLDER, document, easy, easy_clips,
                                   slower)
    cache.prune(settings.cache)
    return AudioBuild(written, clips.synthesised + opening_made, [first, *sections],
                      easy_clips.synthesised, easy)


def _make_opening(opening_of: Callable[[float], SpokenSection], body_seconds: float,
                  settings: Settings) -> tuple[SpokenSection, Clip, list[str]]:
    """Return the opening (``opening_of(seconds the whole recording lasts)``), its clip and
    [its id] when it was synthesised.

    The opening says how long the whole recording lasts, its own length included: it is made
    once with the sections' length, then again if its own length changes what it says.
    """
    made: list[str] = []
    first = opening_of(body_seconds)
    for _ in range(3):
        clips = make_clips([first], settings)
        made = sorted(set(made) | set(clips.synthesised))
        clip = clips.by_id[first.id]
        again = opening_of(body_seconds + clip.seconds)
        if again.text == first.text:
            return first, clip, made
        first = again
    return first, make_clips([first], settings).by_id[first.id], made


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


