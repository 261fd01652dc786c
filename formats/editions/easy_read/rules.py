"""The Easy Read rules (standards.md, "Easy Read"), checked on the source model and the built files.

Every rule returns RuleResults: one failure per problem found (with its source location or
file), or one passing result saying what was checked. Levels: "error" fails ``build.py check``;
"warning" is reported (numbers as digits, reading ease). The picture rules are in
:mod:`.picture_rules`, the sign-off's in :mod:`.sign_off_rules`, the booklets' and the Word
page's in :mod:`.booklet_rules`, the Word booklets matching the PDF's in
:mod:`.word_booklet_rules`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from formats.core.contract import RuleLevel, RuleResult
from formats.core.model import Document, EasyRead, EasyReadPart, GlossaryEntry
from formats.core.text import sentences
from formats.editions.easy_read.parts import (
    MAX_PAGES,
    bold_phrases,
    in_word_list,
    part_sentences,
    row_text,
    source_place,
)
from formats.editions.easy_read.picture_rules import currency, picture_meaning
from formats.editions.easy_read.sign_off_rules import checked_against, sign_off
from formats.outputs.html.easy_read import Row, part_rows
from formats.outputs.pdf.glyph_reader import read_pages
from formats.outputs.pdf.glyphs import PrintedPage

MAX_WORDS = 15
MAX_ROW_SENTENCES = 2  # one idea a row: at most 2 sentences beside a picture
MIN_READING_EASE = 80.0
MIN_PDF_TEXT_SIZE = 16.0
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                "eighteen", "nineteen", "twenty")
# "no one" and "one another" are not numbers.
_NUMBER_WORD = re.compile(r"(?<!\bno )\b(" + "|".join(NUMBER_WORDS) + r")\b(?! another\b)",
                          re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


# ---------------------------------------------------------------------------------------------
# Words and sentences


def words_of(sentence: str) -> list[str]:
    """Return the words of a sentence: space-separated pieces holding a letter or a digit."""
    return [piece for piece in sentence.split() if re.search(r"\w", piece)]


def long_sentences(row: Row) -> list[tuple[str, int]]:
    """Return each sentence of a row longer than MAX_WORDS words, with its word count."""
    return [(sentence, len(words_of(sentence))) for sentence in sentences([row_text(row)])
            if len(words_of(sentence)) > MAX_WORDS]


def initials_in(text: str) -> list[str]:
    """Return the initials in a text: words of letters with two or more capitals, mostly capitals.

    "DPO", "DPOs", "ILiS" and "CoSLA" are initials; "McDonald" is not.
    """
    found = []
    for word in _WORD.findall(text):
        capitals = sum(1 for letter in word if letter.isupper())
        if capitals >= 2 and capitals * 2 >= len(word) and word not in found:
            found.append(word)
    return found


def _initials_forms(initials: str) -> list[str]:
    forms = [initials]
    if initials.endswith("s") and initials[:-1].isupper():
        forms.append(initials[:-1])
    else:
        forms.append(initials + "s")
    return forms


def initials_explained(initials: str, part_text: str, entries: tuple[GlossaryEntry, ...]) -> bool:
    """Return True when initials are explained in the part's text or in the word list.

    Explained means "(X)" after the full name, "X is short for" or "X stands for" in the part,
    or X as a word-list term (alone or in brackets after the full name).
    """
    for form in _initials_forms(initials):
        name = re.escape(form)
        patterns = (rf"\(\s*{name}\s*\)", rf"\b{name}\s+(?:is|are)\s+short\s+for\b",
                    rf"\b{name}\s+stands?\s+for\b")
        if any(re.search(pattern, part_text) for pattern in patterns):
            return True
        for entry in entries:
            if entry.term.strip() == form or re.search(rf"\(\s*{name}\s*\)", entry.term):
                return True
    return False


# ---------------------------------------------------------------------------------------------
# Rules on the source model


def _passed(rule: str, where: str, message: str, level: RuleLevel = "error") -> RuleResult:
    return RuleResult(rule, where, True, message, level)


def _failed(rule: str, where: str, message: str, level: RuleLevel = "error") -> RuleResult:
    return RuleResult(rule, where, False, message, level)


def _all_rows(easy_read: EasyRead) -> list[tuple[EasyReadPart, Row]]:
    return [(part, row) for part in easy_read.parts for row in part_rows(part)]


def sentence_length(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for every sentence of more than 15 words, with its row's location."""
    rule = "easy-read/sentence-length"
    results = [_failed(rule, source_place(document, row.location),
                       f"sentence of {count} words (at most {MAX_WORDS}): '{sentence}'")
               for _, row in _all_rows(easy_read) for sentence, count in long_sentences(row)]
    total = sum(len(part_sentences(part)) for part in easy_read.parts)
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               f"all {total} sentences have {MAX_WORDS} words or fewer")]


def pictures(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for every row with words but no picture (or a picture without alt)."""
    rule = "easy-read/picture"
    results = []
    rows = _all_rows(easy_read)
    for _, row in rows:
        if not row_text(row):
            continue
        if row.picture is None:
            results.append(_failed(rule, source_place(document, row.location),
                                   "row has no picture: start it with ![](NAME), NAME a "
                                   "picture of pictures/easy-read/pictures.yaml"))
        elif not row.picture.alt.strip():
            results.append(_failed(rule, source_place(document, row.location),
                                   f"picture '{row.picture.path.name}' has no alt text"))
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               f"all {len(rows)} rows have a picture with alt text")]


def row_sentences(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for every row of more than MAX_ROW_SENTENCES sentences."""
    rule = "easy-read/row-sentences"
    rows = _all_rows(easy_read)
    results = [_failed(rule, source_place(document, row.location),
                       f"row of {count} sentences (at most {MAX_ROW_SENTENCES}): split it into "
                       "rows of one idea, each with its own picture")
               for _, row in rows if (count := len(sentences([row_text(row)]))) > MAX_ROW_SENTENCES]
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               f"all {len(rows)} rows have {MAX_ROW_SENTENCES} sentences or "
                               "fewer")]


def word_list(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for every bold word or phrase that is not in the word list."""
    rule = "easy-read/word-list"
    results = []
    count = 0
    for _, row in _all_rows(easy_read):
        for phrase in bold_phrases(row.words):
            count += 1
            if not in_word_list(phrase, easy_read.word_list):
                results.append(_failed(rule, source_place(document, row.location),
                                       f"bold word '{phrase}' is not in the word list"))
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               f"all {count} bold words are in the word list")]


def initials(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for initials (DPO) that a part uses without saying what they stand for."""
    rule = "easy-read/initials"
    results = []
    for part in easy_read.parts:
        rows = part_rows(part)
        part_text = " ".join([part.title] + [row_text(row) for row in rows])
        reported: set[str] = set()
        for place, text in [(part.location, part.title)] + [(row.location, row_text(row))
                                                            for row in rows]:
            for found in initials_in(text):
                if found in reported or initials_explained(found, part_text, easy_read.word_list):
                    continue
                reported.add(found)
                results.append(_failed(rule, source_place(document, place),
                                       f"'{found}' is not explained: say what it stands for in "
                                       f"this part ('{found} is short for ...' or '... "
                                       f"({found})') or add it to the word list"))
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               "every set of initials is explained")]


def digits(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a warning for every number written as a word (one to twenty)."""
    rule = "easy-read/digits"
    results = []
    for _, row in _all_rows(easy_read):
        for match in _NUMBER_WORD.finditer(row_text(row)):
            word = match.group(1)
            digit = NUMBER_WORDS.index(word.lower()) + 1
            results.append(_failed(rule, source_place(document, row.location),
                                   f"'{word}' is a number word: write numbers as digits "
                                   f"({digit})", "warning"))
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               "numbers are written as digits", "warning")]


def reading_ease(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return each part's Flesch reading ease (a warning below 80), the score in the message."""
    rule = "easy-read/reading-ease"
    results = []
    for part in easy_read.parts:
        score = flesch_reading_ease(" ".join(part_sentences(part)), document.meta.language)
        message = (f"part '{part.id}' ({part.title}): Flesch reading ease {score:.1f} "
                   f"(target at least {MIN_READING_EASE:.0f})")
        results.append(RuleResult(rule, source_place(document, part.location),
                                  score >= MIN_READING_EASE, message, "warning"))
    return results


def flesch_reading_ease(text: str, language: str) -> float:
    """Return textstat's Flesch reading ease of a text in ``language`` (a BCP 47 tag).

    textstat looks English words up in the CMU dictionary, which it downloads with NLTK at run
    time (a build never uses the network). Given a tag with a region ("en-GB"), textstat
    counts syllables with pyphen's hyphenation dictionary for that language instead, and still
    uses the English Flesch formula.
    """
    tag = language.replace("_", "-")
    if "-" not in tag:
        tag = {"en": "en-GB"}.get(tag, tag)
    return float(_statistics(tag).flesch_reading_ease(text))


@functools.cache
def _statistics(tag: str) -> Any:
    """Return textstat's statistics for the language ``tag``, made once (each loads its
    hyphenation dictionary: 0.1 s)."""
    from textstat.textstat import textstatistics  # type: ignore[import-untyped]  # no types

    stats = textstatistics()
    stats.set_lang(tag)
    return stats


def mapping(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for each standard section no part covers, and each unknown cover id."""
    rule = "easy-read/mapping"
    known = {section.id for section in document.sections()}
    covered = {section_id for part in easy_read.parts for section_id in part.covers}
    results = [_failed(rule, _easy_read_place(document, easy_read),
                       f"standard section '{section.id}' ({section.label}) is covered by no "
                       "Easy Read part: add its id to the 'covers' list of a part")
               for section in document.sections() if section.id not in covered]
    results.extend(_failed(rule, source_place(document, part.location),
                           f"part '{part.id}' covers '{section_id}', which is not a standard "
                           "section id")
                   for part in easy_read.parts for section_id in part.covers
                   if section_id not in known)
    return results or [_passed(rule, _easy_read_place(document, easy_read),
                               f"all {len(known)} standard sections are covered by the "
                               f"{len(easy_read.parts)} parts")]


def _easy_read_place(document: Document, easy_read: EasyRead) -> str:
    return str(document.source_dir / easy_read.location.path)


def source_rules(document: Document) -> list[RuleResult]:
    """Return the results of every rule checked on the Easy Read source text."""
    easy_read = document.easy_read
    if easy_read is None:
        return [_failed("easy-read/source", str(document.source_dir / "easy-read"),
                        "there is no Easy Read text (easy-read/easy-read.yaml)")]
    results: list[RuleResult] = []
    for rule in (mapping, sentence_length, row_sentences, pictures, picture_meaning, currency,
                 word_list, initials, digits, reading_ease, sign_off, checked_against):
        results.extend(rule(document, easy_read))
    return results


# ---------------------------------------------------------------------------------------------
# Rules on the built files


class _RowReader(HTMLParser):
    """Finds every ``class="row"`` element of a page with its part, pictures with alt, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.part: str | None = None
        self.rows: list[dict] = []
        self.depth = 0  # open elements inside the current row (0: not in a row)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section" and attributes.get("id"):
            self.part = attributes["id"]
        if self.depth:
            if tag == "img" and (attributes.get("alt") or "").strip():
                self.rows[-1]["pictures"] += 1
            if tag not in ("img", "br"):
                self.depth += 1
        elif "row" in (attributes.get("class") or "").split():
            self.rows.append({"part": self.part, "pictures": 0, "text": ""})
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("img", "br"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.rows[-1]["text"] += data


def html_pictures(out_dir: Path, page: str) -> list[RuleResult]:
    """Return a failure for every row of the built page without a picture with alt text."""
    rule = "easy-read/html-picture"
    path = out_dir / page
    if not path.is_file():
        return [_failed(rule, str(path), "the page does not exist")]
    reader = _RowReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    results = []
    numbers: dict[str | None, int] = {}
    for row in reader.rows:
        numbers[row["part"]] = numbers.get(row["part"], 0) + 1
        if row["text"].strip() and not row["pictures"]:
            results.append(_failed(rule, page, f"row {numbers[row['part']]} of part "
                                               f"'{row['part']}' has no picture with alt text"))
    if not reader.rows:
        results.append(_failed(rule, page, "no rows found (elements with class \"row\")"))
    return results or [_passed(rule, page, f"all {len(reader.rows)} rows have a picture with "
                                           "alt text")]


def pdf_pages(files: list[Path], out_dir: Path, max_pages: int = MAX_PAGES) -> list[RuleResult]:
    """Return, for each PDF, its page count (a failure above ``max_pages``), read with pypdf."""
    from formats.outputs.pdf.opened import pdf_reader

    rule = "easy-read/pages"
    if not files:
        return [_failed(rule, str(out_dir), "no PDF file")]
    results = []
    for path in files:
        count = len(pdf_reader(path).pages)
        results.append(RuleResult(rule, path.relative_to(out_dir).as_posix(), count <= max_pages,
                                  f"{count} pages (at most {max_pages})"))
    return results


def pdf_text_size(files: list[Path], out_dir: Path,
                  read: Callable[[Path], list[PrintedPage]] = read_pages) -> list[RuleResult]:
    """Return, for each PDF, a failure when any character that draws ink is smaller than 16pt
    (its characters as ``read`` gives them: PDFium's)."""
    rule = "easy-read/pdf-text-size"
    results = []
    for path in files:
        where = path.relative_to(out_dir).as_posix()
        size, page = min(((glyph.size, page.number) for page in read(path)
                          for glyph in page.glyphs if glyph.visible), default=(0.0, 0))
        results.append(RuleResult(rule, where, size >= MIN_PDF_TEXT_SIZE,
                                  f"smallest text {size:g}pt on page {page} (at least "
                                  f"{MIN_PDF_TEXT_SIZE:g}pt)"))
    return results


# ---------------------------------------------------------------------------------------------
# Rules measured in a browser

SIDE_BY_SIDE_WIDTHS = (320, 1280)

# For every row: is its picture's box left of its words' box, the two overlapping vertically?
_ROWS_JS = """
() => Array.from(document.querySelectorAll('.row')).map((row, index) => {
  const part = row.closest('section[id]');
  const img = row.querySelector('img');
  const words = row.querySelector('.words');
  if (!img || !words) return {part: part ? part.id : '', index, ok: false, why: 'no picture'};
  const a = img.getBoundingClientRect(), b = words.getBoundingClientRect();
  const beside = a.right <= b.left + 0.5;
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0;
  return {part: part ? part.id : '', index, ok: beside && overlap,
          why: beside ? 'picture and words do not overlap vertically'
                      : 'picture is not left of the words'};
})
"""


def check_side_by_side(page: Any, where: str, output: str) -> list[RuleResult]:
    """Return ``easy-read/side-by-side`` at 320 and 1280 CSS px: passed when every row's picture
    is left of its words and level with them (measured in the browser)."""
    results = []
    for width in SIDE_BY_SIDE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        rows = page.evaluate(_ROWS_JS)
        bad = [row for row in rows if not row["ok"]]
        for row in bad:
            results.append(_failed("easy-read/side-by-side", where,
                                   f"at {width} CSS px, row {row['index'] + 1} (part "
                                   f"'{row['part']}'): {row['why']}"))
        if not bad:
            results.append(_passed("easy-read/side-by-side", where,
                                   f"at {width} CSS px, all {len(rows)} pictures are left of "
                                   "their words"))
    return results


def browser_rules(page_file: Path, output: str) -> list[RuleResult]:
    """Return the web edition's browser rules (axe, reflow, text spacing, landmarks...), the
    side-by-side rule, the rows' measure at 320 CSS px and the hyphenated-words rule, on the
    built page opened in headless Chromium."""
    from formats.editions.easy_read.hyphen_rules import check_hyphens_kept
    from formats.outputs.html import rules as web_rules
    from formats.outputs.html.row_rules import check_row_measure

    return web_rules.run_checks(page_file, output, (*web_rules.PUBLICATION_CHECKS,
                                                    check_side_by_side, check_row_measure,
                                                    check_hyphens_kept))
