"""Write the Easy Read audio into the audio edition's ``easy-read`` folder.

The files are named, tagged and laid out as the main recording's are
(:mod:`formats.editions.audio.files`): ``000-opening.mp3``, ``NNN-<part id>.mp3`` in part
order, ``NNN-word-list.mp3``, each with its transcript; the whole book
``<slug>-easy-read-complete.mp3`` with one chapter per track in one table of contents, the
playlist ``<slug>-easy-read.m3u8`` and ``passages.json`` in the main recording's schema (which
the EPUB edition's media overlays read). Its tags give the slower Easy Read rate.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from formats.core.model import Document
from formats.core.names import easy_read_stem
from formats.editions.audio.files import BOOK_SUFFIX, OPENING_STEM, track_stem
from formats.editions.audio.settings import Settings
from formats.editions.audio.spoken import SpokenSection
from formats.editions.audio.synth import Clips
from formats.editions.audio.writing import (
    Track,
    book_facts,
    write_book,
    write_passages,
    write_playlist,
    write_track,
)
from formats.outputs.mp3.id3 import TOC_ID, Contents


def write_easy_read(folder: Path, document: Document, spoken: list[SpokenSection],
                    clips: Clips, settings: Settings) -> list[Path]:
    """Write the Easy Read audio into ``folder`` (emptied first): ``spoken`` is the opening
    then every track, ``clips`` their audio by id, ``settings`` those it was said with; return
    every file written. Raises KeyError when a track has no clip."""
    easy_read = document.easy_read
    if easy_read is None or not spoken:
        return []
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    tracks = [Track(section, clips.by_id[section.id],
                    track_stem(section.index, section.id) if section.index else OPENING_STEM)
              for section in spoken]
    title = easy_read_album(easy_read.title)
    facts = book_facts(document, settings, title)
    written = [path for track in tracks
               for path in write_track(folder, track, facts, len(tracks))]
    stem = easy_read_stem(document.meta.title)
    contents = Contents(TOC_ID, title, tuple(section.id for section in spoken))
    written += write_book(folder / f"{stem}{BOOK_SUFFIX}.mp3", tracks, facts, contents)
    written.append(write_playlist(folder, tracks, stem))
    written.append(write_passages(folder, tracks))
    return written


def easy_read_album(title: str) -> str:
    """Return the album (and whole book's title) of the Easy Read recording: its title, said to
    be Easy Read ("All together now (Easy Read)") unless it says so, so that a player does not
    file its tracks in the main recording's album."""
    title = " ".join(title.split())
    return title if "easy read" in title.lower() else f"{title} (Easy Read)"
