"""How much wider each page number of a laid-out contents list may grow and leave every line
where it is: read from the PDF LibreOffice made of the .docx.

A contents entry ends in a tab with a dotted leader and its page number, aligned right. A
wider number takes its room from the leader: the line's words stay where they are as long as
the number still fits beside them. So, laid out once with one-digit placeholders, a document
needs no second layout when each entry's real number fits in its line's leader (see
:func:`formats.outputs.docx.contents.number_contents_of`). In LibreOffice's PDF, such a line
is drawn as its words, then a run of dots, then the number, on one baseline.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from typing import Any

LEADER = re.compile(r"\.{2,}")
NUMBER = re.compile(r"\d+")
DIGIT_EM = 0.65  # no narrower than a digit of any font a profile names (Arial 0.556, Verdana 0.636)
GAP_EM = 0.3  # the least space to keep between an entry's words and its number
MAX_DIGITS = 4  # the most digits a page number is expected to have
MAX_PAGES_BEFORE = 10  # pages read for the first contents line before giving up


def number_rooms(reader: Any) -> list[int]:
    """Return, for each contents line of the PDF that pypdf's ``reader`` holds (words, a run of
    dots, a number), in reading order, how many more digits its number can take without moving
    the line's words: the leader's length less a small gap, in digit widths; 0 for a line whose
    words reach its number (no dots). The pages are read from the first until a page holds none
    after one that did."""
    rooms: list[int] = []
    for index, page in enumerate(reader.pages):
        found = _page_rooms(page)
        if not found and (rooms or index >= MAX_PAGES_BEFORE):
            break
        rooms.extend(found)
    return rooms


def _page_rooms(page: Any) -> list[int]:
    """Return the rooms (see :func:`number_rooms`) of the contents lines of one page."""
    pieces: list[tuple[str, float, float, float]] = []  # text, x, baseline, font size

    def visit(text: str, matrix: list[float], text_matrix: list[float], _font: Any,
              size: float) -> None:
        if text.strip():
            x = text_matrix[4] * matrix[0] + text_matrix[5] * matrix[2] + matrix[4]
            y = text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5]
            pieces.append((text.strip(), x, y, size * abs(text_matrix[0] * matrix[0])))

    page.extract_text(visitor_text=visit)
    lines: list[tuple[int | None, float, float]] = []  # room (None: no leader), x, size
    for (before, before_x, before_y, _), (number, number_x, number_y, size) in pairwise(pieces):
        if not NUMBER.fullmatch(number) or abs(before_y - number_y) >= 0.5 or size <= 0:
            continue
        free = number_x - before_x - GAP_EM * size
        room = max(0, math.floor(free / (DIGIT_EM * size))) if LEADER.fullmatch(before) else None
        lines.append((room, number_x, size))
    numbers_at = [x for room, x, _ in lines if room is not None]
    if not numbers_at:
        return []
    # a line whose words reach its number has no leader and no room; its number is with the
    # others, at the right (a footer's "Page 3" is not)
    return [0 if room is None else room for room, x, size in lines
            if room is not None or x >= min(numbers_at) - MAX_DIGITS * DIGIT_EM * size]
