"""ID3v2 tags: the facts of each file, and the whole book's chapters (a CTOC and one CHAP each).

Tags are written as ID3v2.3, which more players read than v2.4; chapters (CHAP and CTOC) are
defined for both versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (
    CHAP, CTOC, ID3, TALB, TCON, TIT2, TLAN, TPE1, TPUB, TRCK, TXXX, CTOCFlags, ID3NoHeaderError,
)
from mutagen.id3._tags import save_frame

TOC_ID = "toc"
ID3_VERSION = 3


@dataclass(frozen=True)
class Chapter:
    """A chapter of the book: its element id (the section id), title and time span in ms."""

    element_id: str
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class BookFacts:
    """The tags every file carries: title of the book, publisher, language and extra values."""

    title: str
    publisher: str
    language: str  # ISO 639-2, "eng"
    extra: dict[str, str]  # TXXX values: source hash, identifier, rate, silence


def _common_frames(tags: ID3, facts: BookFacts, title: str) -> None:
    tags.add(TIT2(encoding=3, text=[title]))
    tags.add(TALB(encoding=3, text=[facts.title]))
    tags.add(TPE1(encoding=3, text=[facts.publisher]))
    tags.add(TPUB(encoding=3, text=[facts.publisher]))
    tags.add(TLAN(encoding=3, text=[facts.language]))
    tags.add(TCON(encoding=3, text=["Speech"]))
    for name, value in facts.extra.items():
        tags.add(TXXX(encoding=3, desc=name, text=[value]))


def tag_track(path: Path, facts: BookFacts, title: str, number: int, total: int) -> None:
    """Write the tags of one per-section file: its title and its place among the tracks."""
    tags = ID3()
    _common_frames(tags, facts, title)
    tags.add(TRCK(encoding=3, text=[f"{number}/{total}"]))
    tags.save(path, v2_version=ID3_VERSION)


class _ChaptersInTimeOrder(ID3):
    """ID3 tags that write their CHAP frames last, in time order.

    mutagen orders frames by size; players that ignore the table of contents (ffmpeg lists
    chapters in the order of their frames) would then show the chapters shuffled.
    """

    def _write(self, config):  # noqa: ANN001, ANN202 (mutagen's signature)
        chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
        self.delall("CHAP")
        try:
            data = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)


def tag_book(path: Path, facts: BookFacts, chapters: list[Chapter]) -> None:
    """Write the whole book's tags: its title, a top-level ordered CTOC and a CHAP each."""
    tags = _ChaptersInTimeOrder()
    _common_frames(tags, facts, facts.title)
    tags.add(CTOC(element_id=TOC_ID, flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                  child_element_ids=[chapter.element_id for chapter in chapters],
                  sub_frames=[TIT2(encoding=3, text=[facts.title])]))
    for chapter in chapters:
        tags.add(CHAP(element_id=chapter.element_id, start_time=chapter.start_ms,
                      end_time=chapter.end_ms, start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                      sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    tags.save(path, v2_version=ID3_VERSION)


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
