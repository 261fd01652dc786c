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


@dataclass(frozen=True)
class Contents:
    """A table of contents (CTOC): its element id, title and children in order, each a
    chapter's element id (CHAP) or a table of contents of its own."""

    element_id: str
    title: str
    children: tuple[Contents | str, ...]

    def chapter_ids(self) -> list[str]:
        """Return the chapters' element ids, depth first, in order."""
        return [found for child in self.children
                for found in ([child] if isinstance(child, str) else child.chapter_ids())]

    def tables(self) -> list[Contents]:
        """Return this table of contents and every one inside it, depth first."""
        return [self, *(table for child in self.children if not isinstance(child, str)
                        for table in child.tables())]
