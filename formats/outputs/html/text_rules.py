"""The text rules (:mod:`formats.core.wording`) on a built HTML page, read with the standard
library's HTML parser: its headings, each table's ``<caption>`` with the heading above it, and
the words a reader sees (not scripts or styles)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.wording import TextFound, text_rules

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style", "template", "noscript"}
_BREAKS = {"p", "li", "td", "th", "dt", "dd", "caption", "figcaption", "legend", "label",
           "div", "section", "blockquote", "br", "tr", "option", "button"} | _HEADINGS


class _TextReader(HTMLParser):
    """Collects the headings, captions (with the heading before each) and words of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = TextFound()
        self.words: list[str] = []
        self.open: list[str] = []  # the heading or caption being read: its words so far
        self.reading = ""  # "heading", "caption" or ""
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        if tag in _BREAKS:
            self.words.append(" ")
        if tag in _HEADINGS or tag == "caption":
            self.reading, self.open = ("heading" if tag in _HEADINGS else "caption"), []

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in _BREAKS:
            self.words.append(" ")
        said = " ".join("".join(self.open).split())
        if tag in _HEADINGS and self.reading == "heading":
            self.found.headings.append(said)
            self.reading = ""
        elif tag == "caption" and self.reading == "caption":
            heading = self.found.headings[-1] if self.found.headings else ""
            self.found.captions.append((said, heading))
            self.reading = ""

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.words.append(data)
        if self.reading:
            self.open.append(data)


def read_text(html: str) -> TextFound:
    """Return the headings, captions and words of an HTML page."""
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    reader.found.text = " ".join("".join(reader.words).split())
    return reader.found


def html_text_rules(html_file: Path, output: str, screen: bool = True) -> list[RuleResult]:
    """Return the text rules on a built page (a page read on a screen unless ``screen`` is
    False); one failed ``text/page`` result when it does not exist."""
    if not html_file.is_file():
        return [RuleResult("text/page", str(html_file), False, f"{output}: {html_file} does not "
                                                               "exist")]
    return text_rules(read_text(html_file.read_text(encoding="utf-8")), str(html_file), output,
                      screen)
