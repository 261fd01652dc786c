"""ID3v2 tags read back with mutagen: a book's table of contents and chapters, a file's title.

Independent of the writer (:mod:`formats.outputs.mp3.tags`): what is found is what mutagen reads
in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import ID3, CTOCFlags, ID3NoHeaderError

from formats.outputs.mp3.id3 import Chapter


@dataclass(frozen=True)
class BookTags:
    """What a reader finds in the book's tags."""

    chapters: list[Chapter]  # in the order of the top-level table of contents
    toc_flags_ok: bool  # the table of contents is marked top-level and ordered
    extra: dict[str, str]
    problems: list[str]


def read_book_tags(path: Path) -> BookTags:
    """Return the chapters (in table-of-contents order) and TXXX values of a book's tags."""
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        return BookTags([], False, {}, [f"{path.name} has no ID3 tags"])
    extra = {frame.desc: str(frame.text[0]) for frame in tags.getall("TXXX") if frame.text}
    marks = {frame.element_id: frame for frame in tags.getall("CHAP")}
    tocs = [toc for toc in tags.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    problems: list[str] = []
    if len(tocs) != 1:
        problems.append(f"{path.name} has {len(tocs)} top-level tables of contents (CTOC), "
                        "not 1")
        order = sorted(marks, key=lambda element: marks[element].start_time)
        ordered = False
    else:
        order = list(tocs[0].child_element_ids)
        ordered = bool(tocs[0].flags & CTOCFlags.ORDERED)
        if not ordered:
            problems.append(f"{path.name}: the table of contents is not marked as ordered")
    chapters = []
    for element in order:
        mark = marks.get(element)
        if mark is None:
            problems.append(f"{path.name}: the table of contents lists '{element}' but there is "
                            "no chapter (CHAP) with that id")
            continue
        title = mark.sub_frames.get("TIT2")
        chapters.append(Chapter(element, str(title.text[0]) if title else "",
                                mark.start_time, mark.end_time))
    return BookTags(chapters, len(tocs) == 1 and ordered, extra, problems)


def read_title(path: Path) -> str:
    """Return a file's TIT2 title, or "" when it has none."""
    try:
        tags = ID3(path)
    except ID3NoHeaderError:
        return ""
    frame = tags.get("TIT2")
    return str(frame.text[0]) if frame and frame.text else ""
