"""The Easy Read web page: language, title, landmarks, contents, fonts, pictures, and its
link back to the full toolkit."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import build
from formats.editions.easy_read.rules import (
    html_pictures,
)
from tests.editions.easy_read.support import FIXTURE, change_alt_text, failed


class _Page(HTMLParser):
    """Collects tags with their attributes, and the rows of the Easy Read page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def parse_page(path: Path) -> _Page:
    """Return the parsed page."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_the_page_has_language_title_skip_link_landmarks_and_contents(fixture_build: Path) -> None:
    page = parse_page(fixture_build / "easy-read" / "index.html")
    tags = [tag for tag, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "en-GB"})
    assert page.title == "Mini toolkit in Easy Read"
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link == {"class": "skip-link", "href": "#main-content"}
    assert {"header", "nav", "main", "footer"} <= set(tags)
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert {"#er-what-it-is", "#er-try-it", "#word-list"} <= set(links)
    sections = [attrs["id"] for tag, attrs in page.tags if tag == "section"]
    assert sections == ["er-what-it-is", "er-try-it", "word-list"]
    pictures = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(pictures) == 8 and all(attrs["alt"] for attrs in pictures)
    for attrs in pictures:
        assert (fixture_build / "easy-read" / str(attrs["src"])).is_file()


def test_the_page_uses_big_sans_serif_text_from_bundled_fonts(fixture_build: Path) -> None:
    folder = fixture_build / "easy-read"
    css = (folder / "assets" / "easy-read.css").read_text(encoding="utf-8")
    body = re.search(r"\nbody \{(.*?)\}", css, re.S).group(1)
    assert "font-size: 1.5rem;" in body and "background: #ffffff;" in body
    assert 'font-family: "Atkinson Hyperlegible", Arial, "Liberation Sans", sans-serif;' in body
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert (folder / "assets" / url).stat().st_size > 10_000


def test_the_built_files_pass_the_file_rules(fixture_build: Path) -> None:
    from formats.editions.easy_read import file_rules
    results = file_rules(fixture_build / "easy-read")
    assert [result for result in results if not result.passed] == []
    assert {result.rule for result in results} >= {
        "easy-read/html-picture", "web/back-to-contents", "easy-read/pages",
        "easy-read/pdf-text-size",
        "easy-read/word/heading-styles", "easy-read/word/alt-text", "easy-read/word/language"}


def test_the_picture_rule_reads_the_built_page(fixture_copy: Path) -> None:
    folder = fixture_copy / "easy-read"
    assert failed(html_pictures(folder, "index.html"), "easy-read/html-picture") == []
    page = folder / "index.html"
    change_alt_text(page, "er-try-it", "A tick in a box", "")
    assert failed(html_pictures(folder, "index.html"), "easy-read/html-picture") == [
        ("index.html", "row 1 of part 'er-try-it' has no picture with alt text", "error")]


def test_the_easy_read_page_links_back_to_the_full_toolkit(fixture_copy: Path) -> None:
    from formats.outputs.html.link_rules import links_resolve

    page = fixture_copy / "easy-read" / "index.html"
    assert '<a href="../standard/index.html">Read the full toolkit, ' in page.read_text(
        encoding="utf-8")
    assert not links_resolve(page, "easy-read/html", fixture_copy).passed  # not built yet
    assert build.main(["build", "--source", str(FIXTURE), "--format", "standard",
                       "--out", str(fixture_copy)]) == 0
    assert links_resolve(page, "easy-read/html", fixture_copy).passed
