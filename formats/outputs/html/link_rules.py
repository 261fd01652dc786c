"""Rules on the links of a built web page, read with the standard library's HTML parser:

- ``web/links-resolve``: every link, picture, stylesheet and script that the page names by a
  relative address leads to a file in the output folder (the page lies in its edition's
  folder, beside the other editions'), and every link to ``#id`` to an element of the page;
- ``web/other-formats-links``: the "Other formats" box (``aside.other-formats``) links to the
  files of every edition offered (``toolkit.yaml``'s ``formats``), and to each file the edition
  says its readers are to be offered (the Easy Read booklets and recording...);
- ``web/back-to-contents``: every chapter (a ``<section>`` with a heading, not inside another
  section) has, after its last heading, a link to the contents: the navigation (``<nav>``) that
  links to the most chapters, by its id or the id of an element in it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from formats.core.contract import RuleResult
from formats.core.names import some

_ADDRESSES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class _LinkReader(HTMLParser):
    """Collects the ids of a page, every address it names, and the links of its "Other
    formats" box."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.addresses: list[str] = []
        self.box_links: list[str] = []
        self.box_depth = 0  # open elements inside the box (0: outside it)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        address = values.get(_ADDRESSES.get(tag, ""), "")
        if address:
            self.addresses.append(address)
        if self.box_depth:
            self.box_depth += tag not in _VOID
            if tag == "a" and address:
                self.box_links.append(address)
        elif tag == "aside" and "other-formats" in values.get("class", "").split():
            self.box_depth = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.box_depth and tag not in _VOID:
            self.box_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if self.box_depth:
            self.box_depth -= 1


def read_links(html_file: Path) -> _LinkReader:
    """Return what the page at ``html_file`` names: ids, addresses, the box's links."""
    reader = _LinkReader()
    reader.feed(html_file.read_text(encoding="utf-8"))
    reader.close()
    return reader


def broken(address: str, page: Path, ids: set[str], root: Path) -> str:
    """Return why ``address`` on ``page`` leads nowhere, or '' when it leads to a file in
    ``root`` (or an element of the page). Web and e-mail addresses are not followed."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return ""
    if not parts.path:
        fragment = unquote(parts.fragment)
        return "" if not fragment or fragment in ids else f"'{address}': no element has that id"
    target = (page.parent / unquote(parts.path)).resolve()
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return f"'{address}' leads out of the output folder"
    return "" if target.is_file() else f"'{address}': no such file in the output"


def links_resolve(html_file: Path, output: str, root: Path) -> RuleResult:
    """Return ``web/links-resolve`` for the page at ``html_file`` in the output folder
    ``root``."""
    where = str(html_file)
    if not html_file.is_file():
        return RuleResult("web/links-resolve", where, False, f"{output}: {html_file} does not "
                                                             "exist")
    reader = read_links(html_file)
    problems = [f"{output}: {why}" for address in dict.fromkeys(reader.addresses)
                if (why := broken(address, html_file, reader.ids, root))]
    return RuleResult.from_problems("web/links-resolve", where, problems,
                                    f"{output}: all {len(set(reader.addresses))} addresses lead "
                                    "to a file of the output or a part of the page")


def other_formats_links(html_file: Path, output: str, offered: tuple[str, ...],
                        own: str, files: Sequence[Path] = (), resolve: bool = False
                        ) -> RuleResult:
    """Return ``web/other-formats-links``: the "Other formats" box of the page links to a file
    of each edition in ``offered`` (in the folder ``../<edition>/``, or beside the page for
    its own edition ``own``), and to each of ``files`` (the files a reader of this page is to
    be offered that the output holds: the Easy Read booklets, the Easy Read recording...);
    with ``resolve``, each of the box's links leads to a file (for a page that
    ``web/links-resolve`` does not check)."""
    where = str(html_file)
    links = read_links(html_file).box_links if html_file.is_file() else []
    missing = []
    for name in offered:
        prefix = f"../{name}/"
        if not any(link.startswith(prefix) or (name == own and not link.startswith(("../", "#"))
                                               and not urlsplit(link).scheme)
                   for link in links):
            missing.append(f"{output}: the Other formats box has no link to the {name} edition")
    linked = {(html_file.parent / unquote(urlsplit(link).path)).resolve() for link in links
              if not urlsplit(link).scheme and urlsplit(link).path}
    missing += [f"{output}: the Other formats box has no link to "
                f"{os.path.relpath(file, html_file.parent)}"
                for file in files if file.resolve() not in linked]
    if resolve:
        missing += [f"{output}: the Other formats box links to '{link}', which is not in the "
                    "output" for link in links if not urlsplit(link).scheme
                    and not (html_file.parent / unquote(urlsplit(link).path)).is_file()]
    also = f" and to its {len(files)} files offered" if files else ""
    return RuleResult.from_problems("web/other-formats-links", where, missing,
                                    f"{output}: the Other formats box links to each of the "
                                    f"{len(offered)} editions offered{also}")


def easy_read_files_beside(root: Path) -> list[Path]:
    """Return the Easy Read files of the other editions that the output folder ``root`` holds,
    for a reader to be offered: the whole Easy Read recording (``audio/easy-read/
    *-complete.mp3``) and the Easy Read e-book (``epub/*-easy-read.epub``)."""
    return [*sorted((root / "audio" / "easy-read").glob("*-complete.mp3")),
            *sorted((root / "epub").glob("*-easy-read.epub"))]


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class _Chapter:
    """A top-level section: its id, its first heading's words, and the fragments (``#id``,
    unquoted) that its links after its last heading go to."""

    id: str
    title: list[str] = field(default_factory=list)
    headings: int = 0
    last_links: list[str] = field(default_factory=list)


@dataclass
class _Navigation:
    """A ``<nav>``: the ids of it and of the elements in it, and the fragments it links to."""

    ids: set[str] = field(default_factory=set)
    fragments: set[str] = field(default_factory=set)


class _ChapterReader(HTMLParser):
    """Collects a page's ids, its chapters (top-level sections) and its navigations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.chapters: list[_Chapter] = []
        self.navigations: list[_Navigation] = []
        self.sections = 0  # open <section> elements
        self.navs = 0  # open <nav> elements
        self.in_heading = 0  # open headings

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        chapter = self.chapters[-1] if self.sections and self.chapters else None
        if tag == "section":
            if not self.sections:
                chapter = _Chapter(values.get("id", ""))
                self.chapters.append(chapter)
            self.sections += 1
        elif tag == "nav":
            if not self.navs:
                self.navigations.append(_Navigation())
            self.navs += 1
        if values.get("id"):
            self.ids.add(values["id"])
            if self.navs:
                self.navigations[-1].ids.add(values["id"])
        fragment = _fragment(values.get("href", "")) if tag == "a" else ""
        if fragment and self.navs:
            self.navigations[-1].fragments.add(fragment)
        if chapter is not None and fragment:
            chapter.last_links.append(fragment)
        if tag in _HEADINGS and chapter is not None:
            self.in_heading += 1

    def handle_endtag(self, tag: str) -> None:
        chapter = self.chapters[-1] if self.sections and self.chapters else None
        if tag == "section" and self.sections:
            self.sections -= 1
        elif tag == "nav" and self.navs:
            self.navs -= 1
        elif tag in _HEADINGS and chapter is not None and self.in_heading:
            self.in_heading -= 1
            chapter.headings += 1
            chapter.last_links = []  # only links after the last heading count

    def handle_data(self, data: str) -> None:
        if self.in_heading and self.chapters and self.chapters[-1].headings == 0:
            self.chapters[-1].title.append(data)


def _fragment(address: str) -> str:
    """Return the id that a link to a part of the same page (``#id``) goes to, else ''."""
    parts = urlsplit(address)
    return "" if parts.scheme or parts.netloc or parts.path else unquote(parts.fragment)


def back_to_contents(html_file: Path, output: str) -> RuleResult:
    """Return ``web/back-to-contents`` for the page at ``html_file``: each chapter (a section
    with a heading, not inside another section) has, after its last heading, a link to the
    contents (the ``<nav>`` linking to the most chapters, or an element in it), whose target
    is on the page."""
    rule, where = "web/back-to-contents", str(html_file)
    if not html_file.is_file():
        return RuleResult(rule, where, False, f"{output}: {html_file} does not exist")
    reader = _ChapterReader()
    reader.feed(html_file.read_text(encoding="utf-8"))
    reader.close()
    chapters = [chapter for chapter in reader.chapters if chapter.headings]
    chapter_ids = {chapter.id for chapter in chapters}
    contents = max(reader.navigations, key=lambda nav: len(nav.fragments & chapter_ids),
                   default=None)
    if not chapters or contents is None or not contents.fragments & chapter_ids:
        found = "no chapters" if not chapters else "no navigation that links to the chapters"
        return RuleResult(rule, where, False, f"{output}: the page has {found}")
    unreached: list[str] = []
    nowhere: dict[str, None] = {}  # the addresses of links back that go to no element
    for chapter in chapters:
        if contents.ids & set(chapter.last_links):
            continue
        missing = [fragment for fragment in chapter.last_links if fragment not in reader.ids]
        if missing:
            nowhere[f"#{missing[-1]}"] = None
        else:
            unreached.append(f"'{' '.join(''.join(chapter.title).split()) or chapter.id}'")
    problems = [f"{output}: the link back to the contents goes to '{address}', which is not on "
                "the page" for address in nowhere]
    if unreached:
        problems.append(f"{output}: {len(unreached)} chapter(s) have no link back to the "
                        f"contents: {some(unreached, ', ')}")
    return RuleResult.from_problems(rule, where, problems,
                                    f"{output}: each of the {len(chapters)} chapters ends with "
                                    "a link back to the contents")
