"""Easy Read rules measured on the built booklets and the Word file, as a reader meets them:

- ``easy-read/pdf-line-ends``: no line of a PDF ends inside a word at a hyphen ("co-" /
  "production"): the lines are read from the characters drawn (:mod:`formats.outputs.pdf.glyphs`);
- ``easy-read/booklet-word-list``: each booklet stands alone: every bold phrase of its parts is
  in its own word list, and every word-list term its parts use is bold there at least once and
  in its word list (the bookmarks say which pages are which);
- ``easy-read/word-page``: the Word file is A4 with a page-number field in its footer
  (:mod:`formats.outputs.docx.parts`);
- ``easy-read/bold-explained``: each booklet says that its hard words are in bold and in its word
  list before its first bold word: a reader given only booklet 3 has not read part 1, which says
  it (booklets 2 to 4 first said it nowhere);
- ``easy-read/part-numbers``: a booklet's contents give each part the number the web page, the
  Word file and the audio give it ("5. What is different about co-production?"): a reader with
  the booklet and the recording, or a supporter saying "go to part 5", finds the same part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.model import EasyReadPart, GlossaryEntry
from formats.editions.easy_read.parts import in_terms, terms_used
from formats.outputs.docx.parts import READ_ERRORS, read_parts, w
from formats.outputs.html.easy_read import WORD_LIST_TITLE
from formats.outputs.pdf.glyph_reader import read_pages
from formats.outputs.pdf.glyphs import Glyph, PrintedPage, text_of
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.reader import read_bookmarks

HYPHENS = "-\u2010\u2011"
BROKEN_WORD = re.compile(rf"\w[{HYPHENS}]$")
HEADING_SIZE = 24.0  # pt: bold text this size or larger is a heading, not a bold word
A4_TWIPS = (11906, 16838)
TWIPS_TOLERANCE = 20
BOLD_START, BOLD_END = "\x01", "\x02"


def _where(path: Path, out_dir: Path) -> str:
    return path.relative_to(out_dir).as_posix()


def pdf_line_ends(files: list[Path], out_dir: Path,
                  read: Callable[[Path], list[PrintedPage]] = read_pages) -> list[RuleResult]:
    """Return, for each PDF (its characters as ``read`` gives them), a failure naming every line
    that ends inside a word at a hyphen (with the page and the next line's start), or one
    passing result with the lines counted."""
    rule = "easy-read/pdf-line-ends"
    results = []
    for path in files:
        where = _where(path, out_dir)
        problems, count = [], 0
        for page in read(path):
            lines = [text_of(line) for line in page.lines()]
            lines = [line for line in lines if line]
            count += len(lines)
            for line, after in zip(lines, [*lines[1:], ""], strict=True):
                if BROKEN_WORD.search(line):
                    problems.append(f"page {page.number}: a line ends '{line[-20:]}' and the "
                                    f"next starts '{after[:20]}'")
        results.append(RuleResult.from_problems(
            rule, where, problems, f"none of the {count} lines ends inside a word at a hyphen"))
    return results


@dataclass(frozen=True)
class BookletText:
    """What a reader finds in one booklet: its parts' text with bold marked (between
    BOLD_START and BOLD_END), and its word list's terms (its bold phrases)."""

    parts: str
    terms: list[str]


def bold_marked(pages: list[PrintedPage]) -> str:
    """Return the text of some pages, line after line, with every run of bold body text
    (smaller than a heading) between BOLD_START and BOLD_END; spaces end no run."""
    pieces: list[str] = []
    bold = False
    for page in pages:
        for line in page.lines():
            for glyph in line:
                if glyph.visible and _is_bold(glyph) != bold:
                    bold = not bold
                    pieces.append(BOLD_START if bold else BOLD_END)
                pieces.append(glyph.text)
            pieces.append(" ")
    if bold:
        pieces.append(BOLD_END)
    return "".join(pieces)


def _is_bold(glyph: Glyph) -> bool:
    return "bold" in glyph.font.lower() and glyph.size < HEADING_SIZE


def bold_runs(marked: str) -> list[str]:
    """Return the bold phrases of marked text, each with its spaces made single."""
    return [" ".join(run.split()).strip(" .,;:!?") for run in
            re.findall(f"{BOLD_START}(.*?){BOLD_END}", marked, re.S)]


def part_pages(path: Path, count: int) -> tuple[int, int]:
    """Return the 0-based indexes of a booklet's first part page and of its word list's first
    page, from its bookmarks (``count``, the booklet's pages, for one that is missing)."""
    marks = read_bookmarks(pdf_reader(path))
    starts = [mark.page for mark in marks if mark.level == 1 and mark.title != WORD_LIST_TITLE]
    word_list = next((mark.page for mark in marks if mark.title == WORD_LIST_TITLE), count)
    return min(starts, default=word_list), word_list


def read_booklet(path: Path,
                 read: Callable[[Path], list[PrintedPage]] = read_pages) -> BookletText:
    """Return the parts' text and the word list's terms of one booklet (its characters as
    ``read`` gives them): the parts are the pages from the first bookmark to the word list's;
    the word list its pages to the end."""
    pages = read(path)
    first, word_list = part_pages(path, len(pages))
    return BookletText(bold_marked(pages[first:word_list]),
                       bold_runs(bold_marked(pages[word_list:])))


def booklet_word_list(files: list[Path], out_dir: Path, entries: tuple[GlossaryEntry, ...],
                      read: Callable[[Path], list[PrintedPage]] = read_pages
                      ) -> list[RuleResult]:
    """Return, for each PDF, ``easy-read/booklet-word-list`` (see :func:`word_list_result`)."""
    return [word_list_result("easy-read/booklet-word-list", _where(path, out_dir),
                             read_booklet(path, read), entries) for path in files]


def word_list_result(rule: str, where: str, booklet: BookletText,
                     entries: tuple[GlossaryEntry, ...]) -> RuleResult:
    """Return ``rule`` for one booklet (a PDF's or a Word file's): a failure naming every bold
    phrase of its parts that its own word list lacks, and every term of ``entries`` (the whole
    word list) its parts use that is not bold there or not in its word list; or a pass."""
    bold = bold_runs(booklet.parts)
    problems = [f"bold '{phrase}' is not in this booklet's word list"
                for phrase in dict.fromkeys(bold) if not in_terms(phrase, booklet.terms)]
    plain = booklet.parts.replace(BOLD_START, "").replace(BOLD_END, "")
    for entry in terms_used(plain, entries):
        if not in_terms(entry.term, booklet.terms):
            problems.append(f"'{entry.term}' is used but not in this booklet's word list")
        elif not any(in_terms(phrase, (entry.term,)) for phrase in bold):
            problems.append(f"'{entry.term}' is used but never bold in this booklet: make "
                            "its first use bold, so a reader knows to look it up")
    return RuleResult.from_problems(
        rule, where, problems,
        f"the {len(set(bold))} bold words and every word-list term used are in this "
        f"booklet's word list of {len(booklet.terms)} words")


def part_numbers(files: list[Path], out_dir: Path, parts: tuple[EasyReadPart, ...],
                 read: Callable[[Path], list[PrintedPage]] = read_pages) -> list[RuleResult]:
    """Return, for each PDF, a failure naming every part its contents (the pages before its
    first part) list without the part's number, or one passing result."""
    rule = "easy-read/part-numbers"
    results = []
    for path in files:
        pages = read(path)
        first = part_pages(path, len(pages))[0]
        contents = " ".join(" ".join(text_of(line).split()) for page in pages[:first]
                            for line in page.lines())
        listed = [part for part in parts if " ".join(part.title.split()) in contents]
        problems = [f"'{part.title}' is not numbered {part.number}, as in the other formats"
                    for part in listed
                    if f"{part.number}. {' '.join(part.title.split())}" not in contents]
        results.append(RuleResult.from_problems(
            rule, _where(path, out_dir), problems,
            f"the contents number each of its {len(listed)} parts as the other formats do"))
    return results


def bold_explained(files: list[Path], out_dir: Path,
                   read: Callable[[Path], list[PrintedPage]] = read_pages) -> list[RuleResult]:
    """Return, for each PDF, a failure when its parts use a bold word before the booklet has said
    (on its title page, contents or in its parts) that hard words are in bold and in the word
    list; or one passing result."""
    rule = "easy-read/bold-explained"
    results = []
    for path in files:
        pages = read(path)
        first, word_list = part_pages(path, len(pages))
        parts = bold_marked(pages[first:word_list])
        runs = bold_runs(parts)
        front = " ".join(text_of(line) for page in pages[:first] for line in page.lines())
        before = " ".join((front + " " + parts.split(BOLD_START, 1)[0]).split()).lower()
        said = [sentence for sentence in re.split(r"(?<=[.!?])\s+", before)
                if "hard word" in sentence]
        problems = []
        if runs and not (any("bold" in sentence for sentence in said)
                         and any("word list" in sentence for sentence in said)):
            problems.append(f"the first bold word ('{runs[0]}') comes before the booklet says "
                            "how hard words are shown: in bold, and in its word list")
        results.append(RuleResult.from_problems(
            rule, _where(path, out_dir), problems,
            "it says that hard words are in bold and in the word list before its first bold "
            "word" if runs else "its parts have no bold words"))
    return results


def word_page(path: Path, out_dir: Path) -> RuleResult:
    """Return ``easy-read/word-page``: passed when the Word file's page is A4 (portrait) and a
    footer holds a PAGE field."""
    rule = "easy-read/word-page"
    where = _where(path, out_dir)
    try:
        parts = read_parts(path)
    except READ_ERRORS as error:
        return RuleResult(rule, where, False, f"{where} cannot be read as a Word document: {error}")
    problems = []
    for size in parts["word/document.xml"].iter(w("pgSz")):
        found = (int(size.get(w("w"), "0")), int(size.get(w("h"), "0")))
        if any(abs(a - b) > TWIPS_TOLERANCE for a, b in zip(found, A4_TWIPS, strict=True)):
            problems.append(f"the page is {found[0] / 567:.1f} x {found[1] / 567:.1f} cm, not "
                            "A4 (21.0 x 29.7 cm)")
    if not any(True for _ in parts["word/document.xml"].iter(w("pgSz"))):
        problems.append("the page size is not set (Word would use its default, often Letter)")
    footers = [root for name, root in parts.items() if name.startswith("word/footer")]
    if not any(_has_page_field(root) for root in footers):
        problems.append("no footer holds a page number (a PAGE field)")
    return RuleResult.from_problems(rule, where, problems,
                                    "A4 pages with a page number in the footer")


def _has_page_field(root: etree._Element) -> bool:
    instructions = [node.text or "" for node in root.iter(w("instrText"))]
    instructions += [node.get(w("instr"), "") for node in root.iter(w("fldSimple"))]
    return any(re.match(r"\s*PAGE\b", text) for text in instructions)
