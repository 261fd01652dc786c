"""The rule ``contents-pages``: every page number of a Word contents list is the page its
heading is on when the built file is laid out.

The ``contents`` rule only asks that the entries carry numbers. A number can be a number and
still be wrong: the large-print Word file of a toolkit ten times longer had all 600 entries a
page out, because the contents grew by a page once its numbers were written. So this rule lays
the built file out with LibreOffice (an independent reader of the bytes, remembered by them:
:func:`formats.outputs.docx.libreoffice.laid_out_pages`) and compares each entry's number with
the page of the bookmark it links to.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from formats.core.contract import RenderError, RuleResult
from formats.core.names import some
from formats.outputs.docx.libreoffice import laid_out_of, laid_out_pages
from formats.outputs.docx.parts import Parts, contents_entries

RULE = "contents-pages"


def contents_numbers(parts: Parts) -> list[tuple[str, str, int]]:
    """Return (bookmark, words, page number) of every numbered entry of the contents list
    (:func:`~formats.outputs.docx.parts.contents_entries`: digits after its last tab)."""
    entries = []
    for _, anchor, words in contents_entries(parts):
        label, _, number = words.rpartition("\t")
        if anchor and number.strip().isdigit():
            entries.append((anchor, label, int(number)))
    return entries


def contents_pages(path: Path, where: str, parts: Parts, prefix: str) -> RuleResult:
    """Return the result of ``<prefix>/contents-pages`` on the .docx at ``path`` (named
    ``where``), whose XML ``parts`` are read: failed when an entry's number is not the page
    LibreOffice lays its heading out on, or when the file cannot be laid out."""
    rule = f"{prefix}/{RULE}"
    entries = contents_numbers(parts)
    if not entries:
        return RuleResult(rule, where, True, "no numbered contents entries")
    try:
        pages = laid_out_pages(path)
    except RenderError as error:
        return RuleResult(rule, where, False, f"{where} could not be laid out: {error}")
    wrong = [f"'{label}' says page {number}, its heading is on page {pages.get(anchor, '?')}"
             for anchor, label, number in entries if pages.get(anchor) != number]
    if wrong:
        return RuleResult(rule, where, False,
                          f"{len(wrong)} of {len(entries)} contents entries give the wrong page:"
                          f" {some(wrong)}")
    return RuleResult(rule, where, True, f"all {len(entries)} contents entries give the page "
                      "their heading is on")


def lay_out_together(paths: Sequence[Path]) -> None:
    """Lay the .docx files ``paths`` out in one LibreOffice run, so that their rules find
    their layouts remembered (an Easy Read edition's four booklets: one start, not four); a
    file that cannot be laid out is left for its own rule to report."""
    with contextlib.suppress(RenderError):
        laid_out_of(paths)
