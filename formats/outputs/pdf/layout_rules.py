"""Print layout rules, measured on the characters of a built PDF as a reader sees the pages:

- ``pdf/body-size``: the most common text size (the body) is at least the edition's minimum
  (RNIB clear print asks for 12pt);
- ``pdf/line-length``: no line of body text is longer than the edition's maximum (about 75
  characters);
- ``pdf/page-fill``: no page is filled less than a share of the text area (half), except the
  last page of a chapter and the pages before the first chapter (title page, imprint); a page
  before one that a section begins at the top of (its heading is the page's first text) may be
  filled down to a quarter, the print standard's own least: a heading is kept with what follows
  it and a short block is never split (``pdf/short-blocks-whole``), so a new section may start
  a page. The text is what the structure tree reaches, so running headers and page numbers do
  not count.

A missing or unreadable file is one failed ``pdf/file`` result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from formats.core.contract import RuleResult, Verdict
from formats.outputs.pdf import typography
from formats.outputs.pdf.glyph_reader import read_pages
from formats.outputs.pdf.glyphs import Glyph, PrintedPage
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.reader import read_bookmarks
from formats.outputs.pdf.rules import result_of
from formats.outputs.pdf.structure import marked_content_of

HALF = 0.5  # the least share of its text area a page is filled (the last of a chapter aside)
QUARTER = 0.25  # the least for a page before a section that starts at the top of a page
_SLACK = 2.0  # points: a bookmark goes to the top of its heading's box, above its letters
_READ_ERRORS = (PyPdfError, KeyError, ValueError, TypeError)


def layout_rules(path: Path, output: str, *, body_minimum: float | None = None,
                 line_maximum: int | None = None, fill: float = HALF,
                 pages: list[PrintedPage] | None = None) -> list[RuleResult]:
    """Return ``pdf/body-size`` (when ``body_minimum`` is given), ``pdf/line-length`` (when
    ``line_maximum`` is given) and ``pdf/page-fill`` on the PDF at ``path``, whose characters
    are read unless ``pages`` gives them already."""
    where = f"{path.name} ({output})"
    if not path.is_file():
        return [RuleResult("pdf/file", where, False, f"{path} does not exist")]
    try:
        pages = read_pages(path) if pages is None else pages
        reader = pdf_reader(path)
        reached = marked_content_of(path)
        exempt = chapter_ends(reader, len(pages))
        before_sections = section_starts(reader, pages, reached) - exempt
    except _READ_ERRORS as error:
        return [RuleResult("pdf/file", where, False, f"{path} cannot be read as a PDF: {error}")]

    def in_text(page: PrintedPage, glyph: Glyph) -> bool:
        return reached is None or (page.number - 1, glyph.mcid) in reached

    checks: list[tuple[str, Callable[[list[PrintedPage]], Verdict]]] = []
    if body_minimum is not None:
        checks.append(("pdf/body-size", lambda found: typography.body_size_at_least(
            found, body_minimum)))
    if line_maximum is not None:
        checks.append(("pdf/line-length", lambda found: typography.line_length(
            found, line_maximum)))
    checks.append(("pdf/page-fill", lambda found: typography.page_fill(
        found, in_text, exempt, fill, before_sections, min(fill, QUARTER))))
    return [result_of(name, where, check, pages) for name, check in checks]


def section_starts(reader: PdfReader, pages: list[PrintedPage],
                   reached: set[tuple[int, int]] | None) -> set[int]:
    """Return the numbers (1-based) of the pages before a page that a section begins at the top
    of: a bookmark of a section (below the chapters) goes there, and none of that page's text
    lies above where it goes (running headers and page numbers aside: ``reached`` holds the
    (page, MCID) of the text the structure tree reaches, None when it is not known)."""
    found = set()
    for mark in read_bookmarks(reader):
        if mark.level < 2 or not 0 < mark.page < len(pages):
            continue
        page = pages[mark.page]
        goes_to = page.height - mark.top  # points from the top, as the glyphs are measured
        text = [glyph.top for glyph in page.glyphs if glyph.visible and glyph.text.strip()
                and (reached is None or (mark.page, glyph.mcid) in reached)]
        if text and min(text) >= goes_to - _SLACK:
            found.add(mark.page)  # the 1-based number of the page before
    return found


def chapter_ends(reader: PdfReader, page_count: int) -> set[int]:
    """Return the numbers (1-based) of the pages that may be less filled: the last page of each
    chapter (the page before a top-level bookmark's page), the pages before the first chapter
    and the last page."""
    starts = sorted({mark.page for mark in read_bookmarks(reader)
                     if mark.level == 1 and mark.page >= 0})
    ends = set(starts)  # a chapter's 0-based first page is the 1-based number of the page before
    ends |= set(range(1, starts[0] + 1)) if starts else set()
    return ends | {page_count}
