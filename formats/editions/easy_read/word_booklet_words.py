"""``easy-read/word-booklet-word-list``: each Easy Read Word booklet stands alone, as its PDF does.

A supporter who prints one Word booklet for a reader gives them its word list only: every bold
phrase of its parts must be in that word list, and every word-list term its parts use must be
bold there at least once and in its word list (``easy-read/booklet-word-list`` asks the same of
the PDF booklets; the Word booklets' lists are made by the same function, and nothing checked
them). Read from the built file with lxml, as Word shows it: a run is bold by its own
properties, else by its character style, else by its paragraph's style (each style with the
styles it is based on); the parts are the paragraphs from the first part's bookmarked heading
to the word list's, headings left out (bold by their style, as the PDF's headings are by their
size); the word list's terms are its bold phrases.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.model import GlossaryEntry
from formats.editions.easy_read.booklet_rules import (
    BOLD_END,
    BOLD_START,
    BookletText,
    bold_runs,
    word_list_result,
)
from formats.editions.easy_read.word_booklet_rules import docx_part_ids
from formats.outputs.docx.parts import (
    READ_ERRORS,
    Parts,
    heading_style_ids,
    read_parts,
    text_of,
    w,
)
from formats.outputs.html.easy_read import WORD_LIST_ID

RULE = "easy-read/word-booklet-word-list"
_FALSE = {"0", "false", "off"}


def _bold_value(properties: etree._Element | None) -> bool | None:
    """Return what run properties (``w:rPr``) say of bold: True, False, or None (nothing)."""
    if properties is None:
        return None
    bold = properties.find(w("b"))
    if bold is None:
        return None
    return bold.get(w("val"), "true").lower() not in _FALSE


def bold_styles(parts: Parts) -> set[str]:
    """Return the ids of the styles whose text is bold: by their own run properties, else by
    those of the style they are based on."""
    styles = {style.get(w("styleId")): style
              for style in parts["word/styles.xml"].findall(w("style"))}

    def bold(style_id: str | None, seen: frozenset[str]) -> bool:
        style = styles.get(style_id)
        if style is None or style_id is None or style_id in seen:
            return False
        said = _bold_value(style.find(w("rPr")))
        if said is not None:
            return said
        based_on = style.find(w("basedOn"))
        return bold(based_on.get(w("val")) if based_on is not None else None,
                    seen | {style_id})

    return {style_id for style_id in styles if style_id is not None and bold(style_id,
                                                                            frozenset())}


def _style_of(node: etree._Element, properties: str, kind: str) -> str | None:
    """Return the style id a paragraph (``pPr``/``pStyle``) or run (``rPr``/``rStyle``) names."""
    style = node.find(f"{w(properties)}/{w(kind)}")
    return style.get(w("val")) if style is not None else None


def _run_is_bold(run: etree._Element, paragraph_style: str | None, bold: set[str]) -> bool:
    said = _bold_value(run.find(w("rPr")))
    if said is not None:
        return said
    character_style = _style_of(run, "rPr", "rStyle")
    if character_style is not None and character_style in bold:
        return True
    return paragraph_style in bold


def read_word_booklet(path: Path, part_ids: set[str]) -> BookletText:
    """Return the parts' text (bold runs marked) and the word list's terms of one Word
    booklet: the parts are the paragraphs from the first heading bookmarked with one of
    ``part_ids`` to the one bookmarked as the word list. Raises READ_ERRORS for a file that
    is not a Word document."""
    parts = read_parts(path)
    bold, headings = bold_styles(parts), heading_style_ids(parts)
    pieces: dict[str, list[str]] = {"before": [], "parts": [], "word list": []}
    region = "before"
    for paragraph in parts["word/document.xml"].iter(w("p")):
        names = {mark.get(w("name")) for mark in paragraph.iter(w("bookmarkStart"))}
        if WORD_LIST_ID in names:
            region = "word list"
        elif region == "before" and names & part_ids:
            region = "parts"
        style = _style_of(paragraph, "pPr", "pStyle")
        if style in headings:
            continue
        marked, in_bold = pieces[region], False
        for run in paragraph.iter(w("r")):
            text = text_of(run)
            if not text:
                continue
            if _run_is_bold(run, style, bold) != in_bold and text.strip():
                in_bold = not in_bold
                marked.append(BOLD_START if in_bold else BOLD_END)
            marked.append(text)
        if in_bold:
            marked.append(BOLD_END)
        marked.append(" ")
    return BookletText("".join(pieces["parts"]), bold_runs("".join(pieces["word list"])))


def word_booklet_word_list(files: list[Path], out_dir: Path,
                           entries: tuple[GlossaryEntry, ...]) -> list[RuleResult]:
    """Return, for each Word booklet, a failure naming every bold phrase of its parts that its
    own word list lacks, and every term of ``entries`` (the whole word list) its parts use that
    is not bold there or not in its word list; or one passing result; a failure for a file that
    cannot be read."""
    results = []
    for path in files:
        where = path.relative_to(out_dir).as_posix()
        try:
            booklet = read_word_booklet(path, set(docx_part_ids(path, out_dir)))
        except READ_ERRORS as error:
            results.append(RuleResult(RULE, where, False,
                                      f"{where} cannot be read as a Word document: {error}"))
            continue
        results.append(word_list_result(RULE, where, booklet, entries))
    return results
