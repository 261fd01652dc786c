"""Lay braille out in pages and write the BRF file (see :mod:`formats.outputs.brf.geometry`).

What is laid out is a sequence of items already translated into cells: :class:`Text` (wrapped
with the indents of its first line and of its runovers: 3-1 for a paragraph, 1-3 for a list
item), :class:`Heading` (centred, in cell 5 or in cell 7, set off by blank lines, kept with the
two lines that follow it, or starting a new page), :class:`Entry` (a contents line with guide
dots and a page number), :class:`PrintPage` (the print page changes here) and :class:`BoxLine`.
Words are never divided, except a word longer than a line, which is cut with the continuation
indicator at the end of each line but its last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from formats.outputs.brf.geometry import (
    BOX_LINE,
    BOX_SIGN,
    BREAK_HERE,
    CENTRED_MARGIN,
    CONTINUATION,
    HEADING_INDENTS,
    LINE_END,
    MAX_TEXT_INDENT,
    PAGE_END,
    PRINT_PAGE_CHANGE,
    PRINT_PAGE_SIGN,
    STANDARD,
    HeadingLayout,
    PageSize,
    indent,
    right_aligned,
)

KEEP_WITH_HEADING = 2  # lines of text a heading keeps with it on its page


@dataclass(frozen=True)
class Text:
    """Text to wrap: ``first`` and ``runover`` are indents in cells (0 = cell 1)."""

    cells: str
    first: int = 2
    runover: int = 0


@dataclass(frozen=True)
class Heading:
    """A heading in the format ``layout``; ``new_page`` starts a page (a chapter's: the only
    heading not preceded by a blank line, see :mod:`formats.outputs.brf.geometry`).

    ``ref`` names it, for the pages that headings were placed on (a contents list).
    """

    cells: str
    layout: HeadingLayout = HeadingLayout.CENTRED
    new_page: bool = False
    ref: str = ""


@dataclass(frozen=True)
class Entry:
    """A contents entry: its words, then guide dots and the page ``number`` at the right."""

    cells: str
    number: str
    first: int = 0
    runover: int = 2


@dataclass(frozen=True)
class PrintPage:
    """The print page ``number`` (its cells, "#AB") starts here."""

    number: str


@dataclass(frozen=True)
class BoxLine:
    """A full line of box signs: a box opens or closes."""


Item = Text | Heading | Entry | PrintPage | BoxLine
GUIDE_DOT = '"'  # dots 5


def wrap(cells: str, width: int, first: int = 0, runover: int = 0) -> list[str]:
    """Return ``cells`` broken into lines of at most ``width`` cells at spaces, the first line
    indented by ``first`` cells and the others by ``runover``. A word longer than a line is cut,
    each piece but the last ending with the continuation indicator: at the last place marked
    :data:`BREAK_HERE` that fits (after a "/" or "." of an address, between whole symbols),
    else where the line is full. The marks are not written."""
    lines: list[str] = []
    current = ""
    for word in cells.split():
        indent = first if not lines else runover
        rest = word
        while True:
            room = width - indent - (len(current) + 1 if current else 0)
            if _length(rest) <= room:
                current = f"{current} {_bare(rest)}" if current else _bare(rest)
                break
            if current:  # the word goes to the next line
                lines.append(" " * indent + current)
                current, indent = "", runover
                continue
            cut = _cut(rest, width - indent - len(CONTINUATION))  # longer than a line
            lines.append(" " * indent + _bare(rest[:cut]) + CONTINUATION)
            rest, indent = rest[cut:], runover
    if current or not lines:
        lines.append(" " * (first if not lines else runover) + current)
    return [line.rstrip() for line in lines]


def _bare(cells: str) -> str:
    """Return cells without the marks of where they may be divided."""
    return cells.replace(BREAK_HERE, "")


def _length(cells: str) -> int:
    """Return how many cells ``cells`` take on a line (the marks take none)."""
    return len(cells) - cells.count(BREAK_HERE)


def _cut(word: str, most: int) -> int:
    """Return where to divide ``word`` so that its first part takes at most ``most`` cells: the
    last mark that leaves at least half of them used, else after ``most`` cells."""
    marks = [index for index, sign in enumerate(word) if sign == BREAK_HERE
             and most // 2 <= _length(word[:index]) <= most]
    if marks:
        return marks[-1] + 1
    taken = 0
    for index, sign in enumerate(word):
        if sign != BREAK_HERE:
            if taken == most:
                return index
            taken += 1
    return len(word)


def heading_lines(heading: Heading, size: PageSize = STANDARD) -> list[str]:
    """Return the lines of a heading: starting (and running over) in cell 5 or cell 7, or
    centred with at least five blank cells either side."""
    if heading.layout in HEADING_INDENTS:
        cells = HEADING_INDENTS[heading.layout]
        return wrap(heading.cells, size.cells, cells, cells)
    return [" " * centred_indent(len(line), size) + line
            for line in wrap(heading.cells, size.cells - 2 * CENTRED_MARGIN)]


def centred_indent(length: int, size: PageSize = STANDARD) -> int:
    """Return the blank cells before a centred line of ``length`` cells: half the room left
    (the odd cell on the right), or one cell more or less where that would start the line where
    a cell-5 or cell-7 heading starts (a line of 28 cells starts in cell 6, not 7), so that the
    format of a heading is known from any one of its lines."""
    left = (size.cells - length) // 2
    if left not in HEADING_INDENTS.values():
        return left
    return min((cells for cells in (left - 1, left + 1)
                if cells >= CENTRED_MARGIN and size.cells - length - cells >= CENTRED_MARGIN
                and cells not in HEADING_INDENTS.values()),
               key=lambda cells: abs(size.cells - length - 2 * cells), default=left)


@dataclass
class _Page:
    print_page: str
    lines: list[str] = field(default_factory=list)


class Paginator:
    """Places items on pages of ``size``; ``pages`` are the pages placed so far."""

    def __init__(self, size: PageSize = STANDARD) -> None:
        self.size = size
        self.pages: list[_Page] = [_Page("")]
        self.pending_print = ""
        self.current_print = ""
        self.heading_pages: dict[str, int] = {}  # a heading's ref -> its page (1-based)
        self.following: Item | None = None

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    @property
    def room(self) -> int:
        return self.size.text_lines - len(self.page.lines)

    def new_page(self) -> None:
        """Start a new page (unless the current one is still empty): its print page indicator
        is the print page in effect."""
        if self.page.lines:
            self.pages.append(_Page(self.current_print))

    def add(self, item: Item, following: Item | None = None) -> None:
        """Place one item; ``following`` is the next item but print pages (a heading keeps the
        heading that follows it, and that one's first lines, on its page)."""
        self.following = following
        _PLACE[type(item)](self, item)

    def line(self, text: str) -> None:
        """Place one line of text, on a new page when this one is full."""
        if self.room <= 0:
            self.new_page()
        self.page.lines.append(text)

    def print_page(self, item: PrintPage) -> None:
        self.pending_print = item.number

    def flush_print_page(self) -> None:
        """Show a pending print page: on the page's first line when nothing is on it yet, else
        as a print page change line."""
        number, self.pending_print = self.pending_print, ""
        if not number or number == self.current_print:
            return
        self.current_print = number
        if self.room <= 0:
            self.new_page()
        if not self.page.lines:
            self.page.print_page = number
            return
        self.page.lines.append(PRINT_PAGE_SIGN * (self.size.cells - len(number)) + number)

    def heading(self, item: Heading) -> None:
        lines = heading_lines(item, self.size)
        if item.new_page:
            self.new_page()
        kept = KEEP_WITH_HEADING
        if isinstance(self.following, Heading) and not self.following.new_page:
            kept += len(heading_lines(self.following, self.size)) + 2  # + a print page line
        wanted = (2 if self.pending_print else 1) + len(lines) + 1 + kept
        if self.page.lines and (self.room < wanted or self.reads_as_heading()):
            self.new_page()
        self.flush_print_page()
        if not item.new_page and (not self.page.lines or self.page.lines[-1]):
            self.page.lines.append("")  # even at the top of a page: not a chapter's heading
        self.page.lines.extend(lines)
        self.page.lines.append("")
        if item.ref:
            self.heading_pages[item.ref] = len(self.pages)

    def reads_as_heading(self) -> bool:
        """Return True when the text after the last blank line of the page is all in cell 5:
        followed by a blank line and a heading, it would read as a cell-5 heading."""
        lines = [line for line in self.page.lines
                 if not BOX_LINE.match(line) and not PRINT_PAGE_CHANGE.match(line)]
        if "" not in lines:
            return False
        run = lines[len(lines) - lines[::-1].index(""):]
        cell_5 = HEADING_INDENTS[HeadingLayout.CELL_5]
        return bool(run) and all(indent(line) == cell_5 for line in run)

    def text(self, item: Text) -> None:
        if max(item.first, item.runover) > MAX_TEXT_INDENT:
            raise ValueError(f"text may start in cell {MAX_TEXT_INDENT + 1} at the furthest, "
                             "so that it is never taken for a heading")
        self.flush_print_page()
        for text in wrap(item.cells, self.size.cells, item.first, item.runover):
            self.line(text)

    def entry(self, item: Entry) -> None:
        width = self.size.cells - len(item.number) - 4  # a space, two guide dots, a space
        lines = wrap(item.cells, width, item.first, item.runover)
        dots = self.size.cells - len(lines[-1]) - len(item.number) - 2
        lines[-1] = f"{lines[-1]} {GUIDE_DOT * dots} {item.number}"
        for text in lines:
            self.line(text)

    def box_line(self, item: BoxLine) -> None:
        del item
        self.flush_print_page()
        self.line(BOX_SIGN * self.size.cells)

    def finished(self, number: Callable[[int], str], show_print_pages: bool) -> list[list[str]]:
        """Return every page as its lines: the print page line, the text, the number line.

        ``number`` gives the cells of the n-th page's number (1-based).
        """
        if self.pending_print:
            self.flush_print_page()
        pages = [page for page in self.pages if page.lines]
        finished = []
        for index, page in enumerate(pages, start=1):
            top = right_aligned(page.print_page, self.size) if show_print_pages and \
                page.print_page else ""
            body = [line.rstrip() for line in page.lines]
            while body and not body[-1]:
                body.pop()
            body += [""] * (self.size.text_lines - len(body))
            finished.append([top, *body, right_aligned(number(index), self.size)])
        return finished


_PLACE: dict[type, Callable[[Paginator, object], None]] = {
    Text: Paginator.text,  # type: ignore[dict-item]
    Heading: Paginator.heading,  # type: ignore[dict-item]
    Entry: Paginator.entry,  # type: ignore[dict-item]
    PrintPage: Paginator.print_page,  # type: ignore[dict-item]
    BoxLine: Paginator.box_line,  # type: ignore[dict-item]
}


@dataclass(frozen=True)
class Layout:
    """Items laid out: the pages (each a list of lines) and the page of each named heading."""

    pages: list[list[str]]
    heading_pages: dict[str, int]


def paginate(items: list[Item], number: Callable[[int], str], show_print_pages: bool = True,
             size: PageSize = STANDARD) -> Layout:
    """Return ``items`` laid out in pages of ``size``, the n-th page numbered ``number(n)`` at
    the end of its last line."""
    paginator = Paginator(size)
    for index, item in enumerate(items):
        following = next((later for later in items[index + 1:]
                          if not isinstance(later, PrintPage)), None)
        paginator.add(item, following)
    return Layout(paginator.finished(number, show_print_pages), paginator.heading_pages)


def brf_text(pages: list[list[str]]) -> str:
    """Return pages as the text of a BRF file: CR LF after every line, a form feed after every
    page."""
    return "".join(LINE_END.join(page) + LINE_END + PAGE_END for page in pages)


def write_brf(pages: list[list[str]], path: Path) -> Path:
    """Write pages as a BRF file at ``path`` (ASCII); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(brf_text(pages).encode("ascii"))
    return path
