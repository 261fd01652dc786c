"""Read a BRF file back, as a braille reader finds their way in it, and back-translate it.

Nothing here knows the document or what the writer meant: the pages are split at form feeds,
the page-number lines are recognised by their form (a number alone at the right end of the
first or last line), preliminary pages by their numbers (``P#A``...), and a section heading by
its layout (see :mod:`formats.outputs.brf.geometry`): a run of lines that are all centred, all
in cell 5 or all in cell 7, which follows a blank line or (centred or in cell 7, never in cell 5,
where text may run on from the page before) starts a page, and is followed on its page by a
blank line and then text. What is read back of each heading is its format (the one its lines
have, and whether it starts a page). A section's text is every text line from its heading to
the next heading (box lines and print page change lines are furniture, not text). Headings and
text are back-translated with liblouis (grade 2 back-translation is lossy: see
:func:`heading_key`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from formats.core.contract import FoundSection, ReadBack
from formats.core.text import normalise
from formats.outputs.brf import louis
from formats.outputs.brf.geometry import (
    BOX_LINE,
    CONTINUATION,
    PAGE_NUMBER,
    PRELIMINARY,
    PRINT_PAGE_CHANGE,
    PRINT_PAGE_NUMBER,
    STANDARD,
    HeadingLayout,
    PageSize,
    heading_layout,
    split_pages,
)
from formats.outputs.brf.symbols import INDICATORS

OUTPUT = "braille/brf"


@dataclass(frozen=True)
class BraillePage:
    """One page: its place in the file (1-based), its braille page number and print page
    indicator as written ("" when absent), and its other lines with their line numbers."""

    index: int
    number: str
    print_page: str
    lines: tuple[tuple[int, str], ...]

    @property
    def preliminary(self) -> bool:
        """Return True for a preliminary page (title, notes, contents): numbered p1, p2..."""
        return self.number.startswith(PRELIMINARY)


@dataclass(frozen=True)
class FoundHeading:
    """A heading found by its layout: its lines, where it starts, its back-translation, its
    format and whether it starts its page (no blank line before it)."""

    page: BraillePage
    line: int  # the line number of its first line on the page
    cells: tuple[str, ...]
    title: str
    layout: HeadingLayout = HeadingLayout.CENTRED
    new_page: bool = False

    @property
    def format(self) -> str:
        """Return the heading's format as a reader says it: "centred on a new page", "in
        cell 5"..."""
        return f"{self.layout.value} on a new page" if self.new_page else self.layout.value

    @property
    def key(self) -> str:
        """Return the heading's back-translation, normalised (see :func:`heading_key`)."""
        return heading_key(self.title)


def heading_key(back_translated: str) -> str:
    """Return the key a heading is found by: its back-translated words, normalised.

    The key of a section is its heading label as liblouis gives it back after translating it
    (the braille edition's ``expected``), so that a word grade 2 cannot give back whole
    ("enough" read as "en") does not hide a heading that is there.
    """
    return normalise(back_translated)


def read_pages(text: str) -> list[BraillePage]:
    """Return the pages of a BRF text with their page-number lines recognised."""
    pages = []
    for index, lines in enumerate(split_pages(text), start=1):
        numbered = list(enumerate(lines, start=1))
        number = print_page = ""
        if numbered and (found := PAGE_NUMBER.match(numbered[-1][1])):
            number = found.group(1)
            numbered.pop()
        if numbered and (found := PRINT_PAGE_NUMBER.match(numbered[0][1])):
            print_page = found.group(1)
            numbered[0] = (1, "")
        if numbered and numbered[0] == (1, "") and len(lines) > 2:
            numbered.pop(0)  # the empty print page line
        pages.append(BraillePage(index, number, print_page, tuple(numbered)))
    return pages


def is_furniture(line: str) -> bool:
    """Return True for a box line or a print page change line: layout, not text."""
    stripped = line.strip()
    return bool(BOX_LINE.match(stripped) or PRINT_PAGE_CHANGE.match(stripped))


def text_lines(page: BraillePage) -> list[tuple[int, str]]:
    """Return the lines of a page that hold text or are blank, without furniture."""
    return [(number, line.rstrip()) for number, line in page.lines if not is_furniture(line)]


def find_headings(pages: list[BraillePage], size: PageSize = STANDARD) -> list[FoundHeading]:
    """Return the headings of the body pages (not the preliminary ones), in reading order."""
    found: list[FoundHeading] = []
    for page in pages:
        if page.preliminary:
            continue
        lines = text_lines(page)
        start = 0
        while start < len(lines):
            if not lines[start][1]:
                start += 1
                continue
            end = start
            while end < len(lines) and lines[end][1]:
                end += 1
            run = [line for _, line in lines[start:end]]
            followed = end + 1 < len(lines) and not lines[end][1] and lines[end + 1][1]
            layout = heading_layout(run, size)
            if followed and layout is not None and (start or layout != HeadingLayout.CELL_5):
                title = back_translate(" ".join(line.strip() for line in run))
                found.append(FoundHeading(page, lines[start][0], tuple(run), title, layout,
                                          new_page=start == 0))
            start = end
    return found


def join_lines(lines: list[str]) -> str:
    """Return lines of braille as one string: a line ending with the continuation indicator
    runs on into the next without a space, other lines are joined by a space."""
    joined = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if joined.endswith(CONTINUATION) and len(joined) > 1 and joined[-2] != " ":
            joined = joined[:-1] + line
        else:
            joined = f"{joined} {line}" if joined else line
    return joined


def back_translate(cells: str) -> str:
    """Return the print text of braille cells: emphasis and note indicators taken out (they
    hold no words), then liblouis's grade 2 back-translation, whitespace made single."""
    return " ".join(louis.back_translate(INDICATORS.sub("", cells)).split())


def read_sections(text: str, file: str = "", size: PageSize = STANDARD) -> dict[str,
                                                                                FoundSection]:
    """Return the sections of a BRF text by heading key: each heading's back-translation and
    the back-translated text from it to the next heading."""
    pages = read_pages(text)
    headings = find_headings(pages, size)
    stream = [(page.index, number, line) for page in pages if not page.preliminary
              for number, line in text_lines(page)]
    starts = [next(position for position, (index, number, _) in enumerate(stream)
                   if index == heading.page.index and number == heading.line)
              for heading in headings]
    found: dict[str, FoundSection] = {}
    keys = occurrence_keys([heading.key for heading in headings])
    for position, (heading, key) in enumerate(zip(headings, keys, strict=True)):
        first = starts[position] + len(heading.cells)
        last = starts[position + 1] if position + 1 < len(headings) else len(stream)
        body = back_translate(join_lines([line for _, _, line in stream[first:last]]))
        found[key] = FoundSection(key, heading.title, body, file=file)
    return found


def occurrence_keys(keys: list[str]) -> list[str]:
    """Return heading keys made unique by their order: the second "information" heading is
    "information #2", so that two sections with the same heading are told apart."""
    seen: dict[str, int] = {}
    unique = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        unique.append(key if seen[key] == 1 else f"{key} #{seen[key]}")
    return unique


def read_back(out_dir: Path, size: PageSize = STANDARD) -> ReadBack:
    """Return what the one BRF file in ``out_dir`` holds, as the output ``braille/brf``."""
    files = sorted(out_dir.glob("*.brf")) if out_dir.is_dir() else []
    if len(files) != 1:
        what = f"{len(files)} BRF files" if files else "no BRF file"
        return ReadBack(OUTPUT, {}, (f"{what} in {out_dir}",))
    path = files[0]
    try:
        text = path.read_bytes().decode("ascii")
        sections = read_sections(text, path.name, size)
    except UnicodeDecodeError as error:
        return ReadBack(OUTPUT, {}, (f"{path.name} is not ASCII braille: {error}",))
    except louis.LiblouisError as error:
        return ReadBack(OUTPUT, {}, (f"{path.name} could not be back-translated: {error}",))
    return ReadBack(OUTPUT, sections)
