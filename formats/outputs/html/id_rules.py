"""Every id in a built page names one element: a ``<label for>``, an ``aria-labelledby`` or a
link to ``#id`` leads a screen reader (and the browser) to the first element with that id, so a
second one is unlabelled, or labelled with another question's words. Read with the standard
library's HTML parser; axe-core no longer checks this (its duplicate-id rules are deprecated).
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

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
