"""Print typography measured on the characters of a PDF: sizes, italics, justified lines,
margins and page size. Each check takes its limits as arguments; an edition chooses them.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterator

from formats.core.contract import Verdict, failed, passed
from formats.core.names import some
from formats.outputs.pdf.glyphs import (
    Glyph,
    PrintedPage,
    ink,
    line_of,
    run_of,
    stretched_spaces,
    text_of,
)

CM = 72 / 2.54
A4 = (595.3, 841.9)  # points, portrait
SIZE_TOLERANCE = 0.05  # points: sizes are rounded to 0.1pt
STRETCH_TOLERANCE = 0.3  # points a word space may differ from the space glyph (kerning)
MIN_SPACES = 3  # a line needs this many word spaces to be judged justified
ITALIC_NAME = re.compile(r"italic|oblique|slanted", re.I)
LEADER = re.compile(r"\.{4,}")  # the dots that lead a contents entry to its page number


def min_font_size(pages: list[PrintedPage], minimum: float) -> Verdict:
    """Return whether every character is at least ``minimum`` points; names the smallest and
    where it is."""
    smallest = min(ink(pages), key=lambda item: item[1].size, default=None)
    if smallest is None:
        return failed(["the PDF has no text"])
    page, glyph = smallest
    if glyph.size < minimum - SIZE_TOLERANCE:
        tiny = [other for other in line_of(page, glyph) if other.size == glyph.size]
        return failed([f"smallest text is {glyph.size:.1f}pt on page {page.number}: "
                       f"'{text_of(tiny)}'"])
    return passed(f"smallest text is {glyph.size:.1f}pt (at least {minimum:g}pt)")


def body_size(pages: list[PrintedPage], wanted: float) -> Verdict:
    """Return whether the most common text size (the body text) is ``wanted`` points."""
    sizes = collections.Counter(glyph.size for _, glyph in ink(pages))
    if not sizes:
        return failed(["the PDF has no text"])
    common = sizes.most_common(1)[0][0]
    if abs(common - wanted) > SIZE_TOLERANCE:
        return failed([f"most common text size is {common:.1f}pt, not {wanted:g}pt"])
    return passed(f"most common text size is {common:.1f}pt")


def _slanted(glyph: Glyph) -> bool:
    """Return True when a character's matrix slants or turns it (b or c is not 0)."""
    return abs(glyph.matrix[1]) > 1e-6 or abs(glyph.matrix[2]) > 1e-6


def no_italics(pages: list[PrintedPage]) -> Verdict:
    """Return whether no character is set in an italic or oblique font, or slanted by its
    text matrix; names each line where one is, with the italic words."""
    problems: list[str] = []
    for page in pages:
        for line in page.lines():
            italic = run_of(line, lambda glyph: bool(ITALIC_NAME.search(glyph.font)))
            if italic:
                problems.append(f"italic font '{italic[0].font}' on page {page.number}: "
                                f"'{text_of(italic)}'")
            slanted = run_of(line, lambda glyph: _slanted(glyph)
                             and not ITALIC_NAME.search(glyph.font))
            if slanted:
                problems.append(f"slanted text on page {page.number}: '{text_of(slanted)}'")
    return failed(problems) if problems else passed(
        "no italic or oblique font and no slanted text")


def not_justified(pages: list[PrintedPage]) -> Verdict:
    """Return whether no line is justified: a line is justified when each of its (at least 3)
    word spaces is wider than a space character."""
    problems: list[str] = []
    measured = 0
    for page in pages:
        for line in page.lines():
            stretches = stretched_spaces(line)
            if len(stretches) < MIN_SPACES:
                continue
            measured += 1
            if min(stretches) > STRETCH_TOLERANCE:
                problems.append(f"justified line on page {page.number}: '{text_of(line)}' "
                                f"(spaces {min(stretches):.1f}pt wider than a space)")
    return failed(problems) if problems else passed(
        f"no line is justified ({measured} lines of {MIN_SPACES + 1} words or more measured)")


def margins(pages: list[PrintedPage], minimum_cm: float) -> Verdict:
    """Return whether every character is at least ``minimum_cm`` from every edge of its page."""
    least = minimum_cm * CM
    problems: list[str] = []
    for page in pages:
        for line in page.lines():
            ink = [glyph for glyph in line if glyph.visible]
            if not ink:
                continue
            sides = {"left": min(glyph.x0 for glyph in ink),
                     "right": page.width - max(glyph.x1 for glyph in ink),
                     "top": min(glyph.top for glyph in ink),
                     "bottom": page.height - max(glyph.bottom for glyph in ink)}
            for side, distance in sides.items():
                if distance < least - 0.01:
                    problems.append(f"text {distance / CM:.1f} cm from the {side} edge on page "
                                    f"{page.number}: '{text_of(line)}'")
    return failed(problems) if problems else passed(
        f"all text is at least {minimum_cm:g} cm from the edges")


def a4_portrait(pages: list[PrintedPage]) -> Verdict:
    """Return whether every page is A4 portrait (210 x 297 mm, within 1pt)."""
    problems = [f"page {page.number} is {page.width / CM:.1f} x {page.height / CM:.1f} cm, not A4 "
                "portrait (21.0 x 29.7 cm)" for page in pages
                if abs(page.width - A4[0]) > 1 or abs(page.height - A4[1]) > 1]
    if not pages:
        return failed(["the PDF has no pages"])
    return failed(problems) if problems else passed(f"all {len(pages)} pages are A4 portrait")


def common_size(pages: list[PrintedPage]) -> float | None:
    """Return the most common text size (the body text's), or None when there is no text."""
    sizes = collections.Counter(glyph.size for _, glyph in ink(pages))
    return sizes.most_common(1)[0][0] if sizes else None


def body_size_at_least(pages: list[PrintedPage], minimum: float) -> Verdict:
    """Return whether the most common text size (the body text) is at least ``minimum`` points."""
    common = common_size(pages)
    if common is None:
        return failed(["the PDF has no text"])
    if common < minimum - SIZE_TOLERANCE:
        return failed([f"most common text size is {common:.1f}pt, less than {minimum:g}pt"])
    return passed(f"most common text size is {common:.1f}pt (at least {minimum:g}pt)")


def body_lines(pages: list[PrintedPage]) -> Iterator[tuple[PrintedPage, str]]:
    """Yield every line of body text (all its characters at the most common size) with its
    page, as a reader sees it."""
    common = common_size(pages)
    if common is None:
        return
    for page in pages:
        for line in page.lines():
            drawn = [glyph for glyph in line if glyph.visible]
            if drawn and all(abs(glyph.size - common) <= SIZE_TOLERANCE for glyph in drawn):
                yield page, " ".join(LEADER.sub(" ", text_of(line)).split())


def line_length(pages: list[PrintedPage], maximum: int) -> Verdict:
    """Return whether no line of body text is longer than ``maximum`` characters (spaces
    included); names the longest."""
    lines = list(body_lines(pages))
    if not lines:
        return failed(["the PDF has no body text"])
    page, longest = max(lines, key=lambda item: len(item[1]))
    if len(longest) > maximum:
        over = sum(1 for _, text in lines if len(text) > maximum)
        return failed([f"{over} of {len(lines)} lines of body text are longer than {maximum} "
                       f"characters; the longest, on page {page.number}, has {len(longest)}: "
                       f"'{longest}'"])
    return passed(f"the longest line of body text has {len(longest)} characters "
                  f"(at most {maximum})")


def page_fill(pages: list[PrintedPage], in_text: Callable[[PrintedPage, Glyph], bool],
              exempt: set[int], least: float, before_sections: set[int] | None = None,
              least_before_a_section: float | None = None) -> Verdict:
    """Return whether every page but those ``exempt`` (numbers) is filled to at least ``least``
    (a fraction) of the height of the text area; a page of ``before_sections`` (numbers: the
    next page begins a section) to at least ``least_before_a_section``.

    The text area runs from the highest to the lowest character of the text on any page
    (``in_text`` leaves out running headers and page numbers); a page is filled from the top
    of the area down to its lowest character, horizontal line, picture or space to write in.
    """
    text = {page.number: [glyph for glyph in page.glyphs if glyph.visible and in_text(page, glyph)]
            for page in pages}
    if not any(text.values()):
        return failed(["the PDF has no text"])
    top = min(glyph.top for glyphs in text.values() for glyph in glyphs)
    bottom = max(glyph.bottom for glyphs in text.values() for glyph in glyphs)
    problems: list[str] = []
    fills: dict[int, float] = {}
    sections = before_sections or set()
    least_before_a_section = least if least_before_a_section is None else least_before_a_section
    for page in pages:
        lowest = [glyph.bottom for glyph in text[page.number]] + [
            low for high, low in page.drawn if high >= top - 1 and low <= bottom + 1]
        fills[page.number] = (max(lowest, default=top) - top) / (bottom - top)
        wanted = least_before_a_section if page.number in sections else least
        if page.number not in exempt and fills[page.number] < wanted:
            problems.append(f"page {page.number} is {fills[page.number]:.0%} filled")
    relaxed = (f" ({least_before_a_section:.0%} before a page that a section begins)"
               if sections and least_before_a_section != least else "")
    if problems:
        return failed([f"{len(problems)} page(s) are filled less than {least:.0%}{relaxed} and "
                       f"are not the last page of a chapter: {some(problems, ', ')}"])
    judged = [fill for number, fill in fills.items() if number not in exempt]
    least_found = (f"; the emptiest is {min(judged):.0%} filled" if judged else "")
    return passed(f"every page but the last of a chapter is filled at least {least:.0%}{relaxed} "
                  f"({len(judged)} of {len(pages)} pages judged{least_found})")
