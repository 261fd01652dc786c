"""The Easy Read PDF: tagged PDF/UA-1, 24 pages or fewer, split into numbered booklets if longer.

Each booklet is a complete PDF with its own title page, the parts it holds (each from a new
page) and the word list of its hard words. Booklets are planned from a layout of the whole guide
(the pages each part takes), as few and as even as they can be, counting the whole word list in
each; one booklet fewer is tried first (a booklet's word list is shorter), then the plan, each
booklet laid out again and its last part moved on to the next booklet while it is too long.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from markupsafe import Markup

from formats.core.contract import FoundSection, ReadBack
from formats.core.model import Document, EasyReadPart
from formats.core.names import TEMPLATES
from formats.editions.easy_read.parts import (
    MAX_PAGES,
    Booklet,
    booklet_files,
    booklet_stem,
    booklet_title,
    words_for,
)
from formats.outputs.html.easy_read import (
    WORD_LIST_ID,
    context,
    easy_read_environment,
    edition_title,
    require_easy_read,
)
from formats.outputs.html.print_page import atkinson_font_faces, stylesheet
from formats.outputs.pdf import reader as pdf_reader
from formats.outputs.pdf.opened import pdf_reader as opened_pdf
from formats.outputs.pdf.writer import lay_out as lay_out_pdf
from formats.outputs.pdf.writer import write_layout

OUTPUT = "easy-read/pdf"
TEMPLATE = "easy-read/print.html.j2"
STYLESHEET = "easy-read/print.css"
# Where the words of a row start (cm from the left margin; print.css says 3.8). Pango 1.50 and
# WeasyPrint sometimes put a word alone on a line although the next word fits after it; laying
# the page out again with the words a little further left or right moves that break away.
WORDS_INDENTS = (3.8, 3.9, 3.7, 4.0)


def booklet_html(document: Document, booklet: Booklet, groups: list[tuple[EasyReadPart, ...]],
                 words_indent: float = WORDS_INDENTS[0]) -> str:
    """Return the print HTML of one booklet (``groups`` are the parts of every booklet)."""
    easy_read = require_easy_read(document)
    others = [{"number": index, "parts": list(group)}
              for index, group in enumerate(groups, start=1) if index != booklet.number]
    env = easy_read_environment()
    return env.get_template(TEMPLATE).render(context(
        document, parts=booklet.parts, words=words_for(easy_read, booklet.parts),
        scope="booklet" if booklet.count > 1 else "guide", show_addresses=True,
        pdf_title=booklet_title(edition_title(easy_read), booklet),
        booklet={"number": booklet.number, "count": booklet.count, "others": others},
        stylesheets=[stylesheet(STYLESHEET).as_uri()],
        font_faces=atkinson_font_faces(italic=False),
        words_indent=Markup(f"{words_indent:.2f}cm")))


def booklet_name(document: Document, booklet: Booklet) -> str:
    """Return the file name of a booklet: ``<stem>.pdf`` or ``<stem>-booklet-N-of-M.pdf``."""
    return f"{booklet_stem(document, booklet)}.pdf"


def lay_out(html: str, name: str) -> Any:
    """Return WeasyPrint's laid-out document of ``html``; raise RenderError if it logs problems."""
    return lay_out_pdf(html, name, TEMPLATES)


def lay_out_booklet(document: Document, booklet: Booklet,
                    groups: list[tuple[EasyReadPart, ...]]) -> Any:
    """Return the layout of a booklet with no word stranded alone on a line, if any indent of
    WORDS_INDENTS gives one (else the layout with the fewest); raise RenderError on problems."""
    best: tuple[int, Any] | None = None
    for indent in WORDS_INDENTS:
        layout = lay_out(booklet_html(document, booklet, groups, indent),
                         booklet_name(document, booklet))
        stranded = len(stranded_words(layout))
        if best is None or stranded < best[0]:
            best = (stranded, layout)
        if not stranded:
            break
    assert best is not None
    return best[1]


def _box_text(box: Any) -> str:
    pieces: list[str] = []

    def collect(node: Any) -> None:
        if hasattr(node, "text"):
            pieces.append(node.text)
        for child in getattr(node, "children", []):
            collect(child)

    collect(box)
    return "".join(pieces)


def stranded_words(layout: Any) -> list[str]:
    """Return the words a layout put alone on a line of a row although the next word fitted.

    The next word's width is estimated from its share of the next line's characters.
    """
    found: list[str] = []

    def walk(box: Any) -> None:
        children = getattr(box, "children", [])
        element = getattr(box, "element", None)
        lines = [child for child in children if type(child).__name__ == "LineBox"]
        if element is not None and "words" in (element.get("class") or "").split():
            for line, after in pairwise(lines):
                words, following = _box_text(line).split(), _box_text(after).split()
                if len(words) != 1 or not following:
                    continue
                next_width = after.width * len(following[0]) / max(len(" ".join(following)), 1)
                space = line.width / max(len(words[0]), 1)
                if line.width + space + next_width <= box.width:
                    found.append(words[0])
        for child in children:
            walk(child)

    for page in layout.pages:
        walk(page._page_box)
    return found


def write(layout: Any, target: Path) -> Path:
    """Write a laid-out document as a PDF/UA-1 file; return ``target``; raise RenderError."""
    return write_layout(layout, target)


def first_pages(layout: Any, ids: list[str]) -> dict[str, int]:
    """Return the 0-based page on which each of ``ids`` (element ids) starts in a layout."""
    found: dict[str, int] = {}
    for number, page in enumerate(layout.pages):
        for anchor in page.anchors:
            if anchor in ids:
                found.setdefault(anchor, number)
    return found


def part_sizes(parts: list[EasyReadPart], layout: Any) -> tuple[list[int], int, int]:
    """Return the pages each part takes in the whole guide's layout, the front pages (title and
    contents) and the pages from the word list to the end."""
    ids = [part.id for part in parts] + [WORD_LIST_ID]
    starts = first_pages(layout, ids)
    sizes = [starts[ids[index + 1]] - starts[part.id] for index, part in enumerate(parts)]
    return sizes, starts[parts[0].id], len(layout.pages) - starts[WORD_LIST_ID]


def plan_groups(parts: list[EasyReadPart], layout: Any, max_pages: int
                ) -> list[tuple[EasyReadPart, ...]]:
    """Return the parts grouped into as few booklets as fit, as even in length as possible.

    Sizes come from the whole guide's layout: a booklet has the same front pages and at most
    the same word list, and whole parts in order; a part too long for any booklet gets one of
    its own.
    """
    sizes, front, back = part_sizes(parts, layout)
    budget = max(max_pages - front - back, 1)
    return even_groups(parts, sizes, len(group_by_budget(sizes, budget)))


def even_groups(parts: list[EasyReadPart], sizes: list[int], count: int
                ) -> list[tuple[EasyReadPart, ...]]:
    """Return the parts in at most ``count`` groups, in order, the longest as short as can be."""
    even = next(size for size in range(max(sizes), sum(sizes) + 1)
                if len(group_by_budget(sizes, size)) <= count)
    return [tuple(parts[index] for index in group) for group in group_by_budget(sizes, even)]


def fewer_booklets(document: Document, parts: list[EasyReadPart], layout: Any,
                   planned: int, max_pages: int) -> list[tuple[Booklet, Any]] | None:
    """Return the booklets laid out when one booklet fewer than ``planned`` fits, else None.

    The plan counts the whole guide's word list in every booklet, but a booklet's own word list
    is shorter; the booklets are tried only when each could fit with a one-page word list.
    """
    sizes, front, _ = part_sizes(parts, layout)
    if planned < 2:
        return None
    groups = even_groups(parts, sizes, planned - 1)
    length = {part.id: size for part, size in zip(parts, sizes, strict=True)}
    if any(sum(length[part.id] for part in group) > max_pages - front - 1 for group in groups):
        return None
    laid = []
    for number, group in enumerate(groups, start=1):
        booklet = Booklet(number, len(groups), group)
        laid.append((booklet, lay_out_booklet(document, booklet, groups)))
        if len(laid[-1][1].pages) > max_pages:
            return None
    return laid


def group_by_budget(sizes: list[int], budget: int) -> list[list[int]]:
    """Return the indexes of ``sizes`` grouped in order, each group adding up to at most
    ``budget`` (a size above it alone in its group)."""
    groups: list[list[int]] = [[]]
    used = 0
    for index, size in enumerate(sizes):
        if groups[-1] and used + size > budget:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += size
    return groups


def render_pdfs(document: Document, out_dir: Path, max_pages: int = MAX_PAGES) -> list[Path]:
    """Write the Easy Read PDF (or booklets of at most ``max_pages``); return the files.

    Raises RenderError when WeasyPrint reports a problem.
    """
    return [path for _, path in render_booklets(document, out_dir, max_pages)]


def render_booklets(document: Document, out_dir: Path, max_pages: int = MAX_PAGES
                    ) -> list[tuple[Booklet, Path]]:
    """Write the Easy Read PDF (or booklets of at most ``max_pages``); return each booklet
    (its number and parts: the plan the Word booklets follow) with its file.

    Raises RenderError when WeasyPrint reports a problem.
    """
    parts = list(require_easy_read(document).parts)
    whole = Booklet(1, 1, tuple(parts))
    layout = lay_out_booklet(document, whole, [whole.parts])
    if len(layout.pages) <= max_pages or len(parts) < 2:
        return [(whole, write(layout, out_dir / booklet_name(document, whole)))]
    groups = plan_groups(parts, layout, max_pages)
    layouts = (fewer_booklets(document, parts, layout, len(groups), max_pages)
               or fit_booklets(document, groups, max_pages))
    return [(booklet, write(layout, out_dir / booklet_name(document, booklet)))
            for booklet, layout in layouts]


def fit_booklets(document: Document, groups: list[tuple[EasyReadPart, ...]], max_pages: int
                 ) -> list[tuple[Booklet, Any]]:
    """Return each booklet with its layout, moving a booklet's last part on while it is too long.

    A booklet of one part that is still too long stays as it is (the page rule reports it).
    """
    groups = [tuple(group) for group in groups]
    while True:
        count = len(groups)
        laid: list[tuple[Booklet, Any]] = []
        moved = False
        for number, group in enumerate(groups, start=1):
            booklet = Booklet(number, count, group)
            layout = lay_out_booklet(document, booklet, groups)
            if len(layout.pages) > max_pages and len(group) > 1:
                rest: list[tuple[EasyReadPart, ...]] = groups[number:] if number < count else [()]
                groups = [*groups[:number - 1], group[:-1], (group[-1], *rest[0]), *rest[1:]]
                moved = True
                break
            laid.append((booklet, layout))
        if not moved:
            return laid


def pdf_files(out_dir: Path) -> list[Path]:
    """Return the Easy Read PDF files in ``out_dir`` (one, or the booklets in order)."""
    return booklet_files(out_dir, ".pdf")


def page_count(path: Path) -> int:
    """Return the number of pages of a PDF file, as pypdf counts them."""
    return len(opened_pdf(path).pages)


def read_back(out_dir: Path) -> ReadBack:
    """Return the parts found in the Easy Read PDF files (bookmarks, named places, page text)."""
    files = pdf_files(out_dir)
    if not files:
        return ReadBack(OUTPUT, {}, (f"no PDF file in {out_dir}",))
    sections: dict[str, FoundSection] = {}
    problems: list[str] = []
    for path in files:
        one = pdf_reader.read_back_pdf(path, out_dir, OUTPUT)
        problems.extend(one.problems)
        for section_id, found in one.sections.items():
            sections.setdefault(section_id, found)
    if WORD_LIST_ID not in sections:
        problems.append("the word list was not found")
    return ReadBack(OUTPUT, sections, tuple(problems))
