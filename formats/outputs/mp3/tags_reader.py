"""ID3v2 tags read back with mutagen: a book's table of contents and chapters, a file's title.

Independent of the writer (:mod:`formats.outputs.mp3.tags`): what is found is what mutagen reads
in the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mutagen.id3 import ID3, CTOCFlags, ID3NoHeaderError

from formats.outputs.mp3.id3 import Chapter, Contents


class ChapterFrame(Protocol):
    """A CHAP frame as mutagen reads it (mutagen sets a frame's attributes at run time, so that
    its own types do not have them)."""

    element_id: str
    start_time: int  # milliseconds
    end_time: int
    sub_frames: Mapping[str, Any]  # the frames inside it (its TIT2 title), by name


class TocFrame(Protocol):
    """A CTOC frame (a table of contents) as mutagen reads it."""

    element_id: str
    flags: int  # CTOCFlags
    child_element_ids: list[str]
    sub_frames: Mapping[str, Any]


@dataclass(frozen=True)
class BookTags:
    """What a reader finds in the book's tags."""

    chapters: list[Chapter]  # in the order of the tables of contents, depth first
    toc_flags_ok: bool  # the top table of contents is marked top-level and ordered
    extra: dict[str, str]
    problems: list[str]
    contents: Contents | None = None  # the top-level table of contents, as read


def read_book_tags(path: Path) -> BookTags:
    """Return the chapters (in table-of-contents order, through nested tables of contents),
    the tables of contents and the TXXX values of a book's tags."""
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        return BookTags([], False, {}, [f"{path.name} has no ID3 tags"])
    extra = {frame.desc: str(frame.text[0]) for frame in tags.getall("TXXX") if frame.text}
    marks = {frame.element_id: frame for frame in tags.getall("CHAP")}
    frames = {frame.element_id: frame for frame in tags.getall("CTOC")}
    tops = [toc for toc in frames.values() if toc.flags & CTOCFlags.TOP_LEVEL]
    problems: list[str] = []
    contents = None
    if len(tops) != 1:
        problems.append(f"{path.name} has {len(tops)} top-level tables of contents (CTOC), "
                        "not 1")
        order = sorted(marks, key=lambda element: marks[element].start_time)
        ordered = False
    else:
        contents = _contents(tops[0], frames, marks, problems, path.name, set())
        order = contents.chapter_ids()
        ordered = all(frames[table.element_id].flags & CTOCFlags.ORDERED
                      for table in contents.tables())
        if not ordered:
            problems.append(f"{path.name}: a table of contents is not marked as ordered")
    chapters = []
    for element in order:
        mark = marks[element]
        title = mark.sub_frames.get("TIT2")
        chapters.append(Chapter(element, str(title.text[0]) if title else "",
                                mark.start_time, mark.end_time))
    return BookTags(chapters, len(tops) == 1 and ordered, extra, problems, contents)


def _contents(frame: TocFrame, frames: dict[str, TocFrame], marks: dict[str, ChapterFrame],
              problems: list[str], name: str, seen: set[str]) -> Contents:
    """Return a CTOC frame read as a table of contents (its nested ones read too), adding a
    problem for each child that is neither a chapter nor a table of contents."""
    seen.add(frame.element_id)
    children: list[Contents | str] = []
    for element in frame.child_element_ids:
        if element in marks:
            children.append(element)
        elif element in frames and element not in seen:
            children.append(_contents(frames[element], frames, marks, problems, name, seen))
        else:
            problems.append(f"{name}: the table of contents lists '{element}' but there is no "
                            "chapter (CHAP) with that id")
    title = frame.sub_frames.get("TIT2")
    return Contents(frame.element_id, str(title.text[0]) if title else "", tuple(children))


def read_title(path: Path) -> str:
    """Return a file's TIT2 title, or "" when it has none."""
    return _text_frame(path, "TIT2")


def read_album(path: Path) -> str:
    """Return a file's TALB album, or "" when it has none (or no tags)."""
    return _text_frame(path, "TALB")


def _text_frame(path: Path, frame_id: str) -> str:
    """Return the first text of a file's text frame ``frame_id``, or "" when it has none."""
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        return ""
    frame = tags.get(frame_id)
    return str(frame.text[0]) if frame and frame.text else ""
