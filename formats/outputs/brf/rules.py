"""Braille rules measured on a built BRF file.

- ``braille/geometry``: no line longer than the page's cells, no page longer than its lines,
  nothing but ASCII braille signs, and every page numbered, the preliminary pages p1, p2... and
  then the body 1, 2... in order;
- ``braille/section-starts``: every section's heading, found by its words wherever it is,
  starts a page or follows a blank line (and is followed by one);
- ``braille/transcriber-note``: the preliminary pages hold the transcriber's notes, and every
  special symbol the body uses is listed there at the start of a line;
- ``braille/quotes``: in each paragraph (lines between blank lines), every opening single quote
  (``,8`` before a word) is closed (``,0`` after one): an apostrophe where the closing quote
  should be leaves the reader in a quotation that never ends.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from formats.core.contract import RuleResult
from formats.outputs.brf import louis
from formats.outputs.brf.geometry import BRF_SIGNS, STANDARD, PageSize, split_pages
from formats.outputs.brf.reader import (
    BraillePage,
    back_translate,
    heading_key,
    join_lines,
    read_pages,
    text_lines,
)
from formats.outputs.brf.symbols import symbols_used

NOTES_KEY = "transcriber s notes"
OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s(\[\"]))[,]8(?=[^\s0-9\"])")  # ,8 then a word, not "His."
CLOSING_QUOTE = re.compile(r"(?<=\S),0")  # a word (or its punctuation) then ,0
MAX_HEADING_LINES = 3


def _read(path: Path) -> str:
    return path.read_bytes().decode("ascii", errors="replace")


def page_count(path: Path) -> int:
    """Return the number of pages of a BRF file."""
    return len(split_pages(_read(path)))


def geometry(path: Path, size: PageSize = STANDARD) -> RuleResult:
    """Return ``braille/geometry`` for the BRF file at ``path``."""
    rule, where = "braille/geometry", str(path)
    if not path.is_file():
        return RuleResult(rule, where, False, f"{path} does not exist")
    pages = split_pages(_read(path))
    problems: list[str] = []
    for index, lines in enumerate(pages, start=1):
        if len(lines) > size.lines:
            problems.append(f"page {index} has {len(lines)} lines (at most {size.lines})")
        for number, line in enumerate(lines, start=1):
            if len(line) > size.cells:
                problems.append(f"page {index} line {number} has {len(line)} cells "
                                f"(at most {size.cells})")
            strange = sorted({sign for sign in line if sign not in BRF_SIGNS})
            if strange:
                problems.append(f"page {index} line {number} has signs that are not ASCII "
                                f"braille: {''.join(strange)!r}")
    problems += _numbering_problems(read_pages(_read(path)))
    return RuleResult.from_problems(
        rule, where, problems,
        f"{len(pages)} pages, none over {size.lines} lines of {size.cells} cells, numbered in "
        "order")


def _numbering_problems(pages: list[BraillePage]) -> list[str]:
    """Return what is wrong with the page numbers: missing, or out of order."""
    problems = [f"page {page.index} has no braille page number" for page in pages
                if not page.number]
    expected = {True: 1, False: 1}
    for page in pages:
        if not page.number:
            continue
        preliminary = page.preliminary
        wanted = louis.translate(f"p{expected[preliminary]}" if preliminary
                                 else str(expected[preliminary]))
        if page.number != wanted:
            problems.append(f"page {page.index} is numbered {page.number} where {wanted} "
                            "comes next")
        expected[preliminary] += 1
    first_body = next((page.index for page in pages if not page.preliminary), None)
    if first_body is not None and any(page.preliminary and page.index > first_body
                                      for page in pages):
        problems.append("a preliminary page comes after the body")
    return problems


def section_starts(path: Path, headings: Mapping[str, str]) -> RuleResult:
    """Return ``braille/section-starts``: each heading of ``headings`` (key -> label), found
    by its back-translated words on one to three lines of the body, starts a page or follows a
    blank line, and is followed by a blank line."""
    rule, where = "braille/section-starts", str(path)
    if not path.is_file():
        return RuleResult(rule, where, False, f"{path} does not exist")
    lines = [(page.index, number, line) for page in read_pages(_read(path))
             if not page.preliminary for number, line in text_lines(page)]
    words = [heading_key(back_translate(line.strip())) if line.strip() else ""
             for _, _, line in lines]
    found: dict[str, list[tuple[int, int]]] = {}  # key -> (first line, line after) of each
    for start in range(len(lines)):
        for size in range(1, MAX_HEADING_LINES + 1):
            span = words[start:start + size]
            if len(span) < size or not span[-1]:
                break
            if (key := " ".join(span)) in headings:
                found.setdefault(key, []).append((start, start + size))
    problems = [f"'{label}' is not found" for key, label in headings.items()
                if key not in found]
    for key, places in found.items():
        verdicts = [_set_off(lines, start, end) for start, end in places]
        if all(verdicts):
            start = places[0][0]
            problems.append(f"'{headings[key]}' (page {lines[start][0]} line {lines[start][1]}) "
                            f"{verdicts[0]}")
    return RuleResult.from_problems(
        rule, where, problems,
        f"all {len(headings)} section headings start a page or follow a blank line")


def _set_off(lines: list[tuple[int, int, str]], start: int, end: int) -> str:
    """Return what is wrong with the heading on ``lines[start:end]``: it neither starts a page
    nor follows a blank line, or it is not followed by a blank line; '' when nothing is."""
    page = lines[start][0]
    if start > 0 and lines[start - 1][0] == page and lines[start - 1][2].strip():
        return "neither starts a page nor follows a blank line"
    if end < len(lines) and lines[end][0] == page and lines[end][2].strip():
        return "is not followed by a blank line"
    return ""


def transcriber_note(path: Path) -> RuleResult:
    """Return ``braille/transcriber-note``: the preliminary pages hold the transcriber's notes,
    which list every special symbol the body uses."""
    rule, where = "braille/transcriber-note", str(path)
    if not path.is_file():
        return RuleResult(rule, where, False, f"{path} does not exist")
    pages = read_pages(_read(path))
    front = [line.strip() for page in pages if page.preliminary for _, line in page.lines]
    body = [line for page in pages if not page.preliminary for _, line in page.lines]
    if not any(heading_key(back_translate(line)) == NOTES_KEY for line in front if line):
        return RuleResult(rule, where, False, "no transcriber's notes on the preliminary pages")
    used = symbols_used(body)
    unlisted = [f"{symbol.cells} ({symbol.meaning})" for symbol in used
                if not any(line.startswith(f"{symbol.cells} ") for line in front)]
    if unlisted:
        return RuleResult.from_problems(rule, where,
                                        [f"{item} is used but not listed" for item in unlisted],
                                        "")
    return RuleResult(rule, where, True, f"transcriber's notes list the {len(used)} special "
                      f"symbols used{' (' + ' '.join(s.cells for s in used) + ')' if used else ''}")


def quotes(path: Path) -> RuleResult:
    """Return ``braille/quotes`` for the BRF file at ``path``."""
    rule, where = "braille/quotes", str(path)
    if not path.is_file():
        return RuleResult(rule, where, False, f"{path} does not exist")
    paragraphs: list[tuple[str, list[str]]] = []  # where each starts, its lines
    last_blank = True
    for page in read_pages(_read(path)):
        for number, line in text_lines(page):  # a page's end ends no paragraph
            if not line.strip():
                last_blank = True
            elif last_blank:
                paragraphs.append((f"page {page.index} line {number}", [line]))
                last_blank = False
            else:
                paragraphs[-1][1].append(line)
    problems: list[str] = []
    count = 0
    for start, lines in paragraphs:
        joined = join_lines(lines)
        opened, closed = len(OPENING_QUOTE.findall(joined)), len(CLOSING_QUOTE.findall(joined))
        count += opened
        if opened > closed:
            problems.append(f"{start}: {opened} single quote(s) opened, {closed} closed: "
                            f"'{back_translate(joined[_unclosed(joined):])[:50]}'")
    return RuleResult.from_problems(rule, where, problems,
                                    f"each of the {count} single quotes opened is closed")


def _unclosed(cells: str) -> int:
    """Return where the first opening quote that no closing quote answers is in ``cells``."""
    marks = sorted([(match.start(), 1) for match in OPENING_QUOTE.finditer(cells)]
                   + [(match.start(), -1) for match in CLOSING_QUOTE.finditer(cells)])
    depth, first = 0, 0
    for place, step in marks:
        if depth == 0 and step == 1:
            first = place
        depth = max(0, depth + step)
    return first
