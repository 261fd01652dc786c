"""The page of a BRF file as this project lays it out, known to the writer, reader and rules.

A BRF file is North American ASCII braille: one character per cell (space and the 63 signs
from ``!`` to ``_``, upper case), lines ended by CR LF, pages ended by a form feed. A page is
``size.cells`` cells wide and ``size.lines`` lines long (40 by 25 by default: an embosser's
11 by 11.5 inch sheet):

- the first line holds, at its right end, the print page indicator (the print page the braille
  page begins on, when the print pages are known) and nothing else;
- the last line holds, at its right end, the braille page number: ``#A`` (1), ``#AB`` (12)...;
  preliminary pages (title, transcriber's notes, contents) are numbered ``P#A`` (p1)...;
- the lines between hold the text. Text never starts further in than cell 5 (paragraphs 3-1,
  list items 1-3, nested items 3-5, quotations 5-3).

Headings follow *Braille Formats: Principles of Print-to-Braille Transcription 2016* (Braille
Authority of North America), section 4: print's levels of heading are kept as a hierarchy in
braille, every heading of a level treated alike (4.1.1), and a reader finds a level by where
its lines start, running a finger down the margin (4.1.2). Each level has one of the formats
of 4.3-4.6 (:class:`HeadingLayout`):

- a centred heading (4.4): every line centred, with at least :data:`CENTRED_MARGIN` blank
  cells either side (its runovers centred too); a chapter's starts a new page on its first
  line of text. No centred line starts in cell 5 or cell 7, where the other headings start
  (one that would is moved a cell, so its margins differ by two cells);
- a cell-5 heading (4.5): its first line and runovers in cell 5 (blocked);
- a cell-7 heading (4.6): its first line and runovers in cell 7 (blocked).

Appendix C of Braille Formats 2016 (blank lines) asks for a blank line before every heading,
and after a centred one but not after a cell-5 or cell-7 heading. Here every heading is also
followed by a blank line, and every heading but a chapter's is preceded by one even at the top
of a page (where 4.3 would let it start on the first line): text may start in cell 5, so a
heading is known by its layout alone only when it is set off like this. A reader's rule
follows: a run of lines between blank lines that are all centred, all in cell 5 or all in
cell 7, followed by a blank line and text, is a heading; a centred or cell-7 run may also
start a page (a chapter's heading, or text never starts in cell 7), a cell-5 run may not (it
may be text running on from the page before). The writer keeps to it: a heading does not follow
text that is all in cell 5 on its page (such text would read as a heading): it starts a new
page instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

LINE_END = "\r\n"
PAGE_END = "\f"
BRF_SIGNS = frozenset(chr(code) for code in range(0x20, 0x60))
CENTRED_MARGIN = 5  # blank cells either side of a centred heading, at least
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
    """Return True when a line is a centred heading's: at least :data:`CENTRED_MARGIN` blank
    cells either side, as many on the left as on the right to within two (the odd cell, and a
    cell moved off cell 5 or cell 7)."""
    text = line.strip()
    left = indent(line)
    right = size.cells - left - len(text)
    return bool(text) and left >= CENTRED_MARGIN and right >= CENTRED_MARGIN and \
        abs(left - right) <= 2


class HeadingLayout(Enum):
    """The format of a heading (Braille Formats 2016, 4.4-4.6), its value as a reader says it
    ("levels 3 and 4 are both written in cell 7")."""

    CENTRED = "centred"
    CELL_5 = "in cell 5"
    CELL_7 = "in cell 7"


# the indent (cells before the first sign) of every line of a blocked heading
HEADING_INDENTS = {HeadingLayout.CELL_5: 4, HeadingLayout.CELL_7: 6}


def indent(line: str) -> int:
    """Return how many blank cells a line starts with."""
    return len(line) - len(line.lstrip(" "))


def line_layout(line: str, size: PageSize = STANDARD) -> HeadingLayout | None:
    """Return the heading format a line has: in cell 5 or cell 7 by where it starts, else
    centred when it is; None for a line no heading has."""
    starts = indent(line)
    blocked = next((layout for layout, cells in HEADING_INDENTS.items() if cells == starts),
                   None)
    if blocked is not None or not is_centred(line, size):
        return blocked
    return HeadingLayout.CENTRED


def heading_layout(lines: Sequence[str], size: PageSize = STANDARD) -> HeadingLayout | None:
    """Return the format that every one of ``lines`` has (a heading's lines); None when they
    have none, or not the same."""
    layouts = {line_layout(line, size) for line in lines}
    return layouts.pop() if len(layouts) == 1 else None


def split_pages(text: str) -> list[list[str]]:
    """Return the pages of a BRF text, each a list of its lines (without line ends)."""
    pages = text.split(PAGE_END)
    if pages and not pages[-1].strip("\r\n"):
        pages.pop()  # the form feed that ends the last page
    return [page.splitlines() for page in pages]
