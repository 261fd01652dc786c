"""The ID3v2 facts that the tag writer and the tag reader share: the version written, the id
of the top-level table of contents, and what a chapter is."""

from __future__ import annotations

from dataclasses import dataclass

TOC_ID = "toc"  # the element id of the top-level table of contents (CTOC)
ID3_VERSION = 3  # ID3v2.3: more players read it than v2.4; CHAP and CTOC are defined for both


@dataclass(frozen=True)
class Chapter:
    """A chapter of a book: its element id, title and time span in ms."""

    element_id: str
    title: str
    start_ms: int
    end_ms: int
