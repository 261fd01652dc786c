"""Every id in a built page names one element: a ``<label for>``, an ``aria-labelledby`` or a
link to ``#id`` leads a screen reader (and the browser) to the first element with that id, so a
second one is unlabelled, or labelled with another question's words. Read with the standard
library's HTML parser; axe-core no longer checks this (its duplicate-id rules are deprecated).

``web/labels-said-once``: no group (``role="group"``) is labelled by the legend of a fieldset
inside it: a screen reader then says the question twice, once for the group and once for the
fieldset. ``web/glossary-one-list``: no glossary list (``dl.glossary``) follows another with
nothing between them: a screen reader says "list, 1 item" before each entry of such a run.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

from formats.core.contract import RuleResult
from formats.core.names import some


class _IdReader(HTMLParser):
    """Counts the ``id`` attributes of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1


def unique_ids(page: Path) -> RuleResult:
    """Return ``web/unique-ids`` on the HTML page at ``page``: passed when no id is on two
    elements, else failed naming the ids (and how many elements have each)."""
    rule = "web/unique-ids"
    reader = _IdReader()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    twice = sorted((name, count) for name, count in reader.ids.items() if count > 1)
    if not twice:
        return RuleResult(rule, str(page), True,
                          f"each of the {len(reader.ids)} ids is on one element")
    return RuleResult(rule, str(page), False, "ids on more than one element (a label or link "
                      "leads to the first only): " + some(f"'{name}' ({count} elements)"
                                                          for name, count in twice))


class _GroupReader(HTMLParser):
    """Finds the legends that label a group they are inside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (tag, the id labelling it when it is a group)
        self.twice: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        labelled = found.get("aria-labelledby") or "" if found.get("role") == "group" else ""
        if tag == "legend" and found.get("id") and any(
                found["id"] in group.split() for _, group in self.open):
            self.twice.append(str(found["id"]))
        if tag not in VOID:
            self.open.append((tag, labelled))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def labels_said_once(text: str, where: str) -> RuleResult:
    """Return ``web/labels-said-once`` on a page's HTML (or XHTML) ``text``."""
    reader = _fed(_GroupReader(), text)
    if reader.twice:
        return RuleResult("web/labels-said-once", where, False,
                          f"{len(reader.twice)} group(s) labelled by the legend of a fieldset "
                          f"inside them (said twice): {some(reader.twice)}")
    return RuleResult("web/labels-said-once", where, True,
                      "no group is labelled by a legend inside it")


class _GlossaryReader(HTMLParser):
    """Counts the glossary lists that follow another with nothing between them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.closed_at: int | None = None  # the depth a glossary list just closed at
        self.glossary_depths: list[int] = []
        self.following = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.closed_at = None
            return
        glossary = tag == "dl" and "glossary" in (dict(attrs).get("class") or "").split()
        if glossary and self.closed_at == self.depth:
            self.following += 1
        if glossary:
            self.glossary_depths.append(self.depth)
        self.closed_at = None
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth -= 1
        self.closed_at = None
        if tag == "dl" and self.glossary_depths and self.glossary_depths[-1] == self.depth:
            self.glossary_depths.pop()
            self.closed_at = self.depth

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.closed_at = None


def glossary_one_list(text: str, where: str) -> RuleResult:
    """Return ``web/glossary-one-list`` on a page's HTML (or XHTML) ``text``."""
    reader = _fed(_GlossaryReader(), text)
    if reader.following:
        return RuleResult("web/glossary-one-list", where, False,
                          f"{reader.following} glossary list(s) follow another with nothing "
                          "between them: one list of entries is said as many lists of one")
    return RuleResult("web/glossary-one-list", where, True,
                      "glossary entries one after another are one list")


def structure_rules(text: str, where: str) -> list[RuleResult]:
    """Return ``web/labels-said-once`` and ``web/glossary-one-list`` on a page's ``text``."""
    return [labels_said_once(text, where), glossary_one_list(text, where)]


Reader = TypeVar("Reader", bound=HTMLParser)


def _fed(reader: Reader, text: str) -> Reader:
    """Return ``reader`` once it has read the whole of ``text``."""
    reader.feed(text)
    reader.close()
    return reader
