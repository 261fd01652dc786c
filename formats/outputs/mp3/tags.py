"""ID3v2 tags written: the facts of each file, and a whole book's chapters (a CTOC and one CHAP
each).

Tags are written as ID3v2.3, which more players read than v2.4; chapters (CHAP and CTOC) are
defined for both versions. They are read back by :mod:`formats.outputs.mp3.tags_reader`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, ID3, TALB, TCON, TIT2, TLAN, TPE1, TPUB, TRCK, TXXX, CTOCFlags
from mutagen.id3._tags import save_frame

from formats.outputs.mp3.id3 import ID3_VERSION, TOC_ID, Chapter, Contents


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

    def _write(self, config: object) -> bytes:  # mutagen's method: config is its ID3SaveConfig
        chapters = sorted(self.getall("CHAP"), key=lambda frame: frame.start_time)
        self.delall("CHAP")
        try:
            data = super()._write(config)
        finally:
            for frame in chapters:
                self.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)


def tag_book(path: Path, facts: BookFacts, chapters: list[Chapter],
             contents: Contents | None = None) -> None:
    """Write the whole book's tags: its title, a CHAP per chapter and its tables of contents.

    ``contents`` is the top-level table of contents (flagged top-level and ordered), which may
    hold others (flagged ordered); without it, one top-level CTOC lists every chapter.
    """
    tags = _ChaptersInTimeOrder()
    _common_frames(tags, facts, facts.title)
    top = contents or Contents(TOC_ID, facts.title, tuple(c.element_id for c in chapters))
    for table in top.tables():
        flags = CTOCFlags.ORDERED | (CTOCFlags.TOP_LEVEL if table is top else 0)
        tags.add(CTOC(element_id=table.element_id, flags=flags,
                      child_element_ids=[child if isinstance(child, str) else child.element_id
                                         for child in table.children],
                      sub_frames=[TIT2(encoding=3, text=[table.title])]))
    for chapter in chapters:
        tags.add(CHAP(element_id=chapter.element_id, start_time=chapter.start_ms,
                      end_time=chapter.end_ms, start_offset=0xFFFFFFFF, end_offset=0xFFFFFFFF,
                      sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    tags.save(path, v2_version=ID3_VERSION)
