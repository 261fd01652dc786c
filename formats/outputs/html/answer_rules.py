"""``web/answer-boxes``: each space for the reader's answer in a table is a box to type in,
named with its row and its question, as a screen-reader user needs it.

A quiz is a table with empty cells for the answers: on paper a box to write in; on a screen
(the web page, the EPUB) a box to type in. Read from the written page (lxml's HTML parser),
for every table cell with no words of its own (words hidden from sight do not count), the rule
looks for a text box (``<textarea>``, or ``<input>`` of a kind to type in) in it, and for the
box's name as a screen reader finds it (``aria-labelledby``, else ``aria-label``, else its
``<label>``) holding the words of the row's first cell and the words of the column's header.
The words "(space for your answer)" must not be left on the page: a screen-reader user heard
them where there was nothing to type. The count of spaces is compared with the source's
(:func:`formats.core.tables.document_write_ins`, or, by section, :func:`section_write_ins`, of
the sections on the page: a section missing from the page is the coverage check's to report): a
space the page lost is found too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import html
from lxml.etree import ParserError, _Element

from formats.core.contract import RuleResult
from formats.core.names import some

RULE = "web/answer-boxes"
OLD_WORDS = "(space for your answer)"
_WORD = re.compile(r"\w+")
_TEXT_INPUTS = {"", "text", "search"}


@dataclass(frozen=True)
class AnswerSpace:
    """A table cell with no words of its own: its row's first words, its column's header, and
    the name of the box to type in it ("" when it has none; None when there is no box)."""

    row: str
    header: str
    name: str | None

    @property
    def named(self) -> bool:
        """Return True when the box's name holds the row's words and the header's."""
        said = _words(self.name or "")
        return all(_words(part) in said for part in (self.row, self.header) if _WORD.search(part))

    def __str__(self) -> str:
        return f"'{self.row}' ({self.header})" if self.row else f"({self.header})"


def _words(text: str) -> str:
    """Return the words of ``text``, lower case, one space between each and at each end."""
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def _said(element: _Element) -> str:
    """Return an element's words, one space between each."""
    return " ".join("".join(str(part) for part in element.itertext()).split())


def _children(element: _Element, *tags: str) -> list[_Element]:
    """Return the children of an element with one of the ``tags``."""
    return [child for child in element if child.tag in tags]


def _hidden(element: _Element) -> bool:
    classes = str(element.get("class") or "").split()
    return "visually-hidden" in classes or element.get("hidden") is not None or element.get(
        "aria-hidden") == "true"


def _own_words(cell: _Element) -> str:
    """Return the words of a cell that are seen: not those of a box, nor words hidden."""
    parts = [cell.text or ""]
    for child in cell:
        if isinstance(child.tag, str) and child.tag not in ("textarea", "input") and not \
                _hidden(child):
            parts.append(_own_words(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _box(cell: _Element) -> _Element | None:
    for box in cell.iter("textarea", "input"):
        if box.tag == "textarea" or str(box.get("type") or "").lower() in _TEXT_INPUTS:
            return box
    return None


def _name(box: _Element, ids: Mapping[str, _Element], labels: Mapping[str, str]) -> str:
    """Return a box's accessible name: its aria-labelledby's words, its aria-label, its label."""
    named_by = [ids[name] for name in str(box.get("aria-labelledby") or "").split()
                if name in ids]
    if named_by:
        return " ".join(_said(element) for element in named_by)
    if str(box.get("aria-label") or "").strip():
        return " ".join(str(box.get("aria-label")).split())
    around = next((parent for parent in box.iterancestors("label")), None)
    return labels.get(str(box.get("id") or ""), _said(around) if around is not None else "")


def _parsed(text: str) -> _Element:
    """Return the parsed page ``text``; raises ``ValueError`` when it cannot be parsed."""
    try:
        return html.document_fromstring(text.encode("utf-8"))
    except ParserError as error:
        raise ValueError(f"the page cannot be parsed: {error}") from error


def answer_spaces(text: str) -> list[AnswerSpace]:
    """Return every table cell of the page ``text`` (HTML or XHTML) with no words of its own.

    Raises ``ValueError`` when the text is not a page that can be parsed."""
    return _spaces(_parsed(text))


def _spaces(root: _Element) -> list[AnswerSpace]:
    """Return every table cell of a parsed page with no words of its own."""
    ids = {str(element.get("id")): element for element in root.iter() if element.get("id")}
    labels = {str(label.get("for")): _said(label) for label in root.iter("label")
              if label.get("for")}
    found = []
    for table in root.iter("table"):
        heads = [row for part in _children(table, "thead") for row in _children(part, "tr")]
        header = [_said(cell) for cell in _children(heads[0], "th", "td")] if heads else []
        rows = [row for part in _children(table, "tbody") for row in _children(part, "tr")]
        for row in rows + _children(table, "tr"):
            cells = _children(row, "td", "th")
            for index, cell in enumerate(cells):
                if _own_words(cell):
                    continue
                box = _box(cell)
                found.append(AnswerSpace(
                    row=_own_words(cells[0]) if index else "",
                    header=header[index] if index < len(header) else "",
                    name=None if box is None else _name(box, ids, labels)))
    return found


def answer_boxes(pages: Mapping[str, str], where: str, output: str,
                 expected: int | Mapping[str, int], rule: str = RULE) -> RuleResult:
    """Return ``web/answer-boxes`` (or ``rule``, the EPUB's twin) on the pages of an output
    (``pages``: each page's name, then its text; ``where``: the file they are in): passed when
    each of the ``expected`` spaces for an answer (the source's count) is on the pages with a
    box to type in named with its row and its column's header, and no page says "(space for
    your answer)"."""
    spaces: list[AnswerSpace] = []
    old_words = 0
    on_pages: set[str] = set()
    for name, text in pages.items():
        try:
            root = _parsed(text)
        except ValueError as error:
            return RuleResult(rule, where, False, f"{output}: {name}: {error}")
        spaces += _spaces(root)
        on_pages.update(str(element.get("id")) for element in root.iter() if element.get("id"))
        old_words += text.count(OLD_WORDS)
    if not isinstance(expected, int):  # by section: those on the pages
        expected = sum(count for section_id, count in expected.items() if section_id in on_pages)
    problems = []
    no_box = [str(space) for space in spaces if space.name is None]
    if no_box:
        problems.append(f"{len(no_box)} answer space(s) have no box to type in: "
                        f"{some(no_box, ', ')}")
    unnamed = [f"'{space.name}' for {space}" for space in spaces
               if space.name is not None and not space.named]
    if unnamed:
        problems.append(f"{len(unnamed)} answer box(es) are not named with their row and "
                        f"question: {some(unnamed, ', ')}")
    if old_words:
        problems.append(f"'{OLD_WORDS}' is said {old_words} time(s) where there is nothing to "
                        "type")
    if len(spaces) != expected:
        problems.append(f"the source has {expected} answer space(s), the page(s) {len(spaces)}")
    if problems:
        return RuleResult(rule, where, False, f"{output}: " + "; ".join(problems))
    if not expected:
        return RuleResult(rule, where, True, f"{output}: no table has a space for an answer")
    return RuleResult(rule, where, True, f"{output}: each of the {expected} answer space(s) is a "
                      "box to type in, named with its row and its question")
