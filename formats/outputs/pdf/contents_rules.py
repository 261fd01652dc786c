"""``pdf/contents-pages``: the printed contents send a reader to the right page.

A reader of the paper (or of the PDF on a screen, without its bookmarks) turns to the page the
contents gives. The contents entries are read from the page text (pypdf) as printed:
``1. Introduction ........ 5`` or, in an Easy Read booklet, ``5. What is different? ... page 3``,
an entry wrapped over lines joined first. Each entry's title is matched with a bookmark of the
same title, which goes to where the heading is (``pdf/bookmarks`` proves the bookmarks are the
sections at their levels); the page printed must be that page's number (pages are numbered from
1, the title page being page 1, as their footers say). Every chapter (a first-level bookmark
after the contents) must have an entry.

The rule reads the file only; it knows nothing of how the contents were made (CSS
``target-counter``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from formats.core.contract import Verdict, failed, passed
from formats.outputs.pdf.reader import read_bookmarks

if TYPE_CHECKING:
    from formats.outputs.pdf.rules import OpenPdf

# a contents line ends with leader dots and the page number ("... 42", "... page 3"); a long
# title and a wide number may leave room for one dot, set apart from the title ("toolkit? . 431")
_ENTRY_END = re.compile(r"^(?P<title>.*?)\s*(?:\.{2,}|(?<=\s)\.)\s*(?:page\s+)?(?P<page>\d+)\s*$",
                        re.I)
_ONLY_DOTS = re.compile(r"^[\s.]*$")
# pages read for the contents' first entry: past them, the PDF has no contents list (the list
# itself is read to its end, however long: a toolkit ten times longer has 16 pages of it)
MAX_PAGES_BEFORE_CONTENTS = 12


def _plain(text: str) -> str:
    """Return text with its spaces made single, trailing dots and spaces dropped, lower case."""
    return " ".join(text.split()).rstrip(". \u2026").lower()


def contents_entries(pdf: OpenPdf) -> tuple[list[tuple[str, int, int]], int]:
    """Return the contents entries as printed, (title, page printed, page index of the line),
    and the index of the last page that holds one (-1 when none does)."""
    entries: list[tuple[str, int, int]] = []
    last = -1
    for index, page in enumerate(pdf.reader.pages):
        if last < 0 and index >= MAX_PAGES_BEFORE_CONTENTS:
            break
        held: list[str] = []
        found_here = False
        for line in (page.extract_text() or "").splitlines():
            match = _ENTRY_END.match(line)
            if match is None:
                held = [] if _ONLY_DOTS.match(line) and not held else [*held, line]
                continue
            title = " ".join([*held, match["title"]]) if match["title"].strip() or held \
                else ""
            held = []
            if title.strip():
                entries.append((title, int(match["page"]), index))
                found_here = True
        if found_here:
            last = index
        elif last >= 0:
            break  # the contents ended on the page before
    return entries, last


def contents_pages(pdf: OpenPdf) -> Verdict:
    """Return a passed verdict when every contents entry gives the page its section starts on
    and every chapter has an entry; else a failed one naming each wrong or missing entry."""
    marks = read_bookmarks(pdf.reader)
    entries, last = contents_entries(pdf)
    if last < 0:
        return passed("the PDF has no contents list with page numbers")
    pages: dict[str, set[int]] = {}
    for mark in marks:
        pages.setdefault(_plain(mark.title), set()).add(mark.page + 1)
    problems, matched = [], set()
    for title, printed, _ in entries:
        plain = _plain(title)
        # a wrapped entry may have met the contents heading or an earlier line: the longest
        # bookmark title it ends with is its own
        known = max((name for name in pages if plain == name or plain.endswith(" " + name)),
                    key=len, default=None)
        if known is None:
            continue
        matched.add(known)
        if printed not in pages[known]:
            where = " or ".join(str(page) for page in sorted(pages[known]))
            problems.append(f"the contents says '{' '.join(title.split())}' is on page "
                            f"{printed}, but it starts on page {where}")
    chapters = [mark for mark in marks if mark.level == 1 and mark.page > last]
    missing = [mark.title for mark in chapters if _plain(mark.title) not in matched]
    if missing:
        problems.append(f"{len(missing)} chapter(s) have no entry in the contents: "
                        + ", ".join(f"'{title}'" for title in missing))
    if problems:
        return failed(problems)
    return passed(f"each of the {len(matched)} entries of the contents gives the page its "
                  f"section starts on, and every one of the {len(chapters)} chapters is listed")
