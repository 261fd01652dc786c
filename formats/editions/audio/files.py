"""The names of the audio edition's files, shared by the writer and the reader.

``000-opening.mp3``            the opening: title, publisher, contents, length
``001-introduction.mp3`` ...   one file a section, ``NNN-<section id>.mp3``, in reading order
``<slug>-complete.mp3``        the whole book, with ID3v2 chapters
``<slug>.m3u8``                the playlist of the per-section files
``*.txt``                      the transcript beside each MP3
``passages.json``              each file's passages: ref, start and end (seconds), words
``links.html``                 the full web and e-mail addresses the recording mentions
``easy-read/``                 the Easy Read audio, named the same way: ``000-opening.mp3``,
                               ``NNN-<part id>.mp3``, ``NNN-word-list.mp3``, the book
                               ``<slug>-easy-read-complete.mp3``, playlist, ``passages.json``
"""

from __future__ import annotations

import re
from pathlib import Path

from formats.core.names import slug

OPENING_STEM = "000-opening"
OPENING_ID = "_opening"  # the opening's id (its chapter's in the book): never a section id
BOOK_SUFFIX = "-complete"
EASY_READ_FOLDER = "easy-read"  # the Easy Read audio's folder, inside the audio edition's
EASY_READ_OUTPUT = "audio/easy-read-mp3"  # the Easy Read audio's output in the read-back
PLAYLIST_SUFFIX = ".m3u8"
PASSAGES_FILE = "passages.json"
CLOSING_REF = "_closing"  # the ref of the recording's last words, after the last section's
CONTENTS_SUFFIX = ":toc"  # a section's table of contents in the book (":" is in no section id)
TRACK_PATTERN = re.compile(r"^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)$")

# TXXX descriptions in the book's tags
RATE_TAG = "rate"  # words a minute
LEAD_TAG = "silence-start"  # seconds of silence before the words of each file
TAIL_TAG = "silence-end"  # seconds of silence after them
SOURCE_TAG = "source-sha256"
IDENTIFIER_TAG = "identifier"


def track_stem(index: int, section_id: str) -> str:
    """Return the file name (without suffix) of the section at ``index`` (1-based)."""
    return f"{index:03d}-{section_id}"


def contents_id(section_id: str) -> str:
    """Return the element id of the table of contents (CTOC) of a section in the book."""
    return f"{section_id}{CONTENTS_SUFFIX}"


def section_id_of(path: Path) -> str | None:
    """Return the section id in a per-section file's name, or None for another file."""
    match = TRACK_PATTERN.match(path.stem)
    if not match or path.stem == OPENING_STEM or int(match.group(1)) == 0:
        return None
    return match.group(2)


def book_path(out_dir: Path, title: str) -> Path:
    """Return where the whole book of a title is written."""
    return out_dir / f"{slug(title)}{BOOK_SUFFIX}.mp3"


def find_book(out_dir: Path) -> Path | None:
    """Return the whole-book MP3 in ``out_dir``, or None when there is not exactly one."""
    books = sorted(out_dir.glob(f"*{BOOK_SUFFIX}.mp3"))
    return books[0] if len(books) == 1 else None


def transcript_of(path: Path) -> Path:
    """Return the transcript beside an MP3 file."""
    return path.with_suffix(".txt")
