"""The page of a BRF file as this project lays it out, known to the writer, reader and rules.

A BRF file is North American ASCII braille: one character per cell (space and the 63 signs
from ``!`` to ``_``, upper case), lines ended by CR LF, pages ended by a form feed. A page is
``size.cells`` cells wide and ``size.lines`` lines long (40 by 25 by default: an embosser's
11 by 11.5 inch sheet):

- the first line holds, at its right end, the print page indicator (the print page the braille
  page begins on, when the print pages are known) and nothing else;
- the last line holds, at its right end, the braille page number: ``#A`` (1), ``#AB`` (12)...;
  preliminary pages (title, transcriber's notes, contents) are numbered ``P#A`` (p1)...;
- the lines between hold the text. A blank line is used only before and after a section
  heading. A heading is centred (at least five blank cells either side) or, for the lower
  levels, starts in cell 7 with its runovers in cell 7; either way it is followed by a blank
  line and is preceded by one unless it starts a page. Text never starts further in than
  cell 5 (paragraphs 3-1, list items 1-3, nested items 3-5), so that a heading's lines are
  known by their indent alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_END = "\r\n"
PAGE_END = "\f"
BRF_SIGNS = frozenset(chr(code) for code in range(0x20, 0x60))
CENTRED_MARGIN = 5  # blank cells either side of a centred heading, at least
MINOR_HEADING_INDENT = 6  # a minor heading starts in cell 7
MAX_TEXT_INDENT = 4  # text starts in cell 5 at the furthest
PRELIMINARY = "P"  # the first sign of a preliminary page's number
BOX_SIGN = "7"  # dots 2356: a full line of them opens and closes a box
PRINT_PAGE_SIGN = "-"  # dots 36: a line of them, then a print page number: a new print page
CONTINUATION = '"'  # dots 5 at the end of a line: the word goes on at the start of the next
# Not a sign: where a word too long for a line may be divided (after a "/" or "." of an address),
# between whole braille symbols; never written to a file.
BREAK_HERE = "\x7f"  # not whitespace to str.split, and no BRF sign

PAGE_NUMBER = re.compile(r"^ +(P?#[A-J]+)$")  # a page number alone at the right end of a line
# a print page at the right end of a page's first line: one, or pages with no text of their own
# before the next ("#BF-#BG", 26-27)
PRINT_PAGE_NUMBER = re.compile(r"^ +(#[A-J]+(?:-#[A-J]+)?)$")
PRINT_PAGE_CHANGE = re.compile(r"^-{3,}(#[A-J]+(?:-#[A-J]+)?)?$")
BOX_LINE = re.compile(r"^7{3,}$")


@dataclass(frozen=True)
class PageSize:
    """The size of a braille page: cells in a line and lines in a page."""

    cells: int = 40
    lines: int = 25

    @property
    def text_lines(self) -> int:
        """Return how many lines of a page hold text (all but the two page-number lines)."""
        return self.lines - 2


STANDARD = PageSize()


def right_aligned(cells: str, size: PageSize = STANDARD) -> str:
    """Return a line with ``cells`` at its right end (a page number)."""
    return " " * max(size.cells - len(cells), 0) + cells


def is_centred(line: str, size: PageSize = STANDARD) -> bool:
    """Return True when a line is a centred heading's: blank cells either side, as many on
    the left as on the right (one more on the right when the difference is odd)."""
    text = line.strip()
    left = len(line) - len(line.lstrip(" "))
    right = size.cells - left - len(text)
    return bool(text) and left >= CENTRED_MARGIN and right >= CENTRED_MARGIN and \
        abs(left - right) <= 1


def is_minor_heading(line: str) -> bool:
    """Return True when a line starts in cell 7, as a minor heading's lines do."""
    return line.startswith(" " * MINOR_HEADING_INDENT) and \
        not line.startswith(" " * (MINOR_HEADING_INDENT + 1))


def split_pages(text: str) -> list[list[str]]:
    """Return the pages of a BRF text, each a list of its lines (without line ends)."""
    pages = text.split(PAGE_END)
    if pages and not pages[-1].strip("\r\n"):
        pages.pop()  # the form feed that ends the last page
    return [page.splitlines() for page in pages]
