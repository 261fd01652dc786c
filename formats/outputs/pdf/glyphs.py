"""A PDF as a reader's tools measure it: every character drawn, with its font, size and place
(read by :mod:`formats.outputs.pdf.glyph_reader`).

Print rules that a reader would see on paper (sizes, italics, justified lines, margins) are
measured on these characters, not on what the stylesheet asked for.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SUBSET_TAG = re.compile(r"^/?([A-Z]{6}\+)?")
INVISIBLE = "\u2060\u00ad\u200b"
RULE_HEIGHT = 3.0  # points: a drawn thing no taller is a line, not a box


@dataclass(frozen=True)
class Glyph:
    """One character drawn on a page: text, font, size (pt), box (pt from the top left), the
    rendering matrix (a, b, c, d, e, f) and the marked-content id it is drawn in (None outside
    marked content)."""

    text: str
    font: str
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    matrix: tuple[float, ...]
    mcid: int | None = None

    @property
    def baseline(self) -> float:
        """Return the baseline's height from the page bottom, rounded: the line it is on."""
        return round(self.matrix[5], 1)

    @property
    def visible(self) -> bool:
        """Return True for a character that draws ink (not a space or an invisible joiner)."""
        return bool(self.text.strip(" \t\n\r\xa0" + INVISIBLE))


@dataclass(frozen=True)
class PrintedPage:
    """One page: its number (1-based), size in points, every character drawn on it, and the
    vertical extent (top, bottom in points from the top) of every horizontal line, picture and
    patterned shape (lines to write on)."""

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    drawn: tuple[tuple[float, float], ...] = ()

    def lines(self) -> list[list[Glyph]]:
        """Return the text lines of the page (characters on one baseline), top to bottom, each
        left to right."""
        by_baseline: dict[float, list[Glyph]] = collections.defaultdict(list)
        for glyph in self.glyphs:
            by_baseline[glyph.baseline].append(glyph)
        return [sorted(glyphs, key=lambda glyph: glyph.x0)
                for _, glyphs in sorted(by_baseline.items(), key=lambda item: -item[0])]


def text_of(glyphs: list[Glyph]) -> str:
    """Return the text of characters of one line, left to right, as a reader sees it."""
    pieces: list[str] = []
    for before, glyph in zip([None, *glyphs], glyphs, strict=False):
        if before is not None and glyph.x0 - before.x1 > 0.5 * glyph.size:
            pieces.append(" ")  # a gap with no space character (table columns)
        pieces.append(glyph.text)
    text = "".join(pieces)
    for invisible in INVISIBLE:
        text = text.replace(invisible, "")
    return " ".join(text.split())


def ink(pages: list[PrintedPage]) -> Iterator[tuple[PrintedPage, Glyph]]:
    for page in pages:
        for glyph in page.glyphs:
            if glyph.visible:
                yield page, glyph


def line_of(page: PrintedPage, glyph: Glyph) -> list[Glyph]:
    return sorted((other for other in page.glyphs if other.baseline == glyph.baseline),
                  key=lambda other: other.x0)


def run_of(line: list[Glyph], wanted: Callable[[Glyph], bool]) -> list[Glyph]:
    """Return the characters of a line from the first to the last visible one that is
    ``wanted`` (the spaces between them included), or [] when there is none."""
    found = [index for index, glyph in enumerate(line) if glyph.visible and wanted(glyph)]
    return line[found[0]:found[-1] + 1] if found else []


def stretched_spaces(line: list[Glyph]) -> list[float]:
    """Return, for every space between two words of one font and size on a line, how much wider
    than its space characters it is (points)."""
    stretches: list[float] = []
    word_end: Glyph | None = None
    spaces: list[Glyph] = []
    for glyph in line:
        if not glyph.visible:
            if word_end is not None and glyph.text == " ":
                spaces.append(glyph)
            continue
        if word_end is not None and spaces and all(
                (space.font, space.size) == (glyph.font, glyph.size) == (word_end.font,
                                                                         word_end.size)
                for space in spaces):
            width = sum(space.x1 - space.x0 for space in spaces)
            stretches.append(glyph.x0 - word_end.x1 - width)
        word_end, spaces = glyph, []
    return stretches
