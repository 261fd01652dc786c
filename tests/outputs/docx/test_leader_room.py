"""The room each contents line of a laid-out Word file leaves its page number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from formats.outputs.docx.leader_room import number_rooms

SIZE = 10.0  # points: a digit is at most 6.5 wide (DIGIT_EM), the gap kept 3 (GAP_EM)


class Page:
    """A page as pypdf's visitor sees it: pieces of text at (x, baseline)."""

    def __init__(self, *pieces: tuple[str, float, float]) -> None:
        self.pieces = pieces

    def extract_text(self, visitor_text: Callable[..., None]) -> str:
        for text, x, y in self.pieces:
            visitor_text(text, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.0, 1.0, x, y],
                         None, SIZE)
        return ""


class Reader:
    def __init__(self, *pages: Page) -> None:
        self.pages = list(pages)


def contents_page(*lines: tuple[str, float | None, float]) -> Page:
    """A contents page: each line's words at 70, its leader's dots at the given x (None: no
    leader), its number at the given x; a footer "Page 3" below."""
    pieces: list[tuple[str, float, float]] = []
    for number, (words, dots_x, number_x) in enumerate(lines):
        y = 700.0 - 20 * number
        pieces.append((words, 70.0, y))
        if dots_x is not None:
            pieces.append(("......", dots_x, y))
        pieces.append(("7", number_x, y))
    pieces += [("Page", 70.0, 40.0), ("3", 95.0, 40.0)]
    return Page(*pieces)


def test_a_line_has_the_digits_its_leader_could_give_up() -> None:
    page = contents_page(("1. Introduction", 200.0, 500.0),  # (300 - 3) / 6.5: 45 digits
                         ("1.1 A long title", 480.0, 500.0),  # (20 - 3) / 6.5: 2
                         ("1.2 Longer still", 495.0, 500.0))  # 0
    assert number_rooms(Reader(page)) == [45, 2, 0]


def test_a_line_whose_words_reach_its_number_has_no_room() -> None:
    page = contents_page(("1. Introduction", 200.0, 500.0), ("1.1 Right up to it", None, 500.0))
    assert number_rooms(Reader(page)) == [45, 0]  # and the footer's "3" is no line


def test_the_pages_are_read_until_the_contents_end() -> None:
    body: Any = Page(("Some words", 70.0, 700.0), ("12", 100.0, 700.0))
    title = Page(("All together now", 70.0, 700.0))
    reader = Reader(title, contents_page(("1. Introduction", 200.0, 500.0)),
                    contents_page(("2. Defining", 200.0, 500.0)), body,
                    contents_page(("an index, say", 200.0, 500.0)))
    assert number_rooms(reader) == [45, 45]
