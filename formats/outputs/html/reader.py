"""An independent reader of built HTML: which sections a page really holds, with their text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from formats.core.contract import FoundSection

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_TAGS = _HEADINGS | {"p", "li", "td", "th", "dt", "dd", "caption", "figcaption", "legend",
                           "label", "div", "section", "blockquote", "br", "tr", "option"}
_SKIPPED = {"script", "style", "template"}


class _SectionReader(HTMLParser):
    """Collects, for every ``<section id>``, its first heading and its own text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []  # open <section> elements: id or None
        self.titles: dict[str, list[str]] = {}
        self.texts: dict[str, list[str]] = {}
        self.heading_of: str | None = None
        self.heading_depth = 0
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        if tag == "section":
            section_id = dict(attrs).get("id")
            self.stack.append(section_id)
            if section_id:
                self.titles.setdefault(section_id, [])
                self.texts.setdefault(section_id, [])
        if tag in _HEADINGS and self.current and not self.titles[self.current]:
            self.heading_of = self.current
            self.heading_depth = 1
        elif tag in _HEADINGS and self.heading_of:
            self.heading_depth += 1
        if tag in _BLOCK_TAGS:
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        if tag in _BLOCK_TAGS:
            self._add(" ")
        if tag in _HEADINGS and self.heading_of:
            self.heading_depth -= 1
            if self.heading_depth == 0:
                self.heading_of = None
        if tag == "section" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.heading_of:
            self.titles[self.heading_of].append(data)
        self._add(data)

    @property
    def current(self) -> str | None:
        return self.stack[-1] if self.stack else None

    def _add(self, text: str) -> None:
        if self.current:
            self.texts[self.current].append(text)


def read_sections(html: str, file: str = "") -> dict[str, FoundSection]:
    """Return the sections of an HTML page: each ``<section id>`` with a heading, by id.

    A section without a heading is not counted: a reader could not find it.
    """
    reader = _SectionReader()
    reader.feed(html)
    reader.close()
    found: dict[str, FoundSection] = {}
    for section_id, title_parts in reader.titles.items():
        title = " ".join("".join(title_parts).split())
        if title:
            text = " ".join("".join(reader.texts[section_id]).split())
            found[section_id] = FoundSection(section_id, title, text, file=file)
    return found


def read_file(path: Path, out_dir: Path) -> dict[str, FoundSection]:
    """Return the sections of the HTML file at ``path`` (see :func:`read_sections`)."""
    return read_sections(path.read_text(encoding="utf-8"), path.relative_to(out_dir).as_posix())
