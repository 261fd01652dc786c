"""The Easy Read web page as a keyboard and magnifier user meets it: each part and the word list
end with a link back to "What is in this guide"; the booklets, on paper, have none."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.easy_read import html as html_output
from formats.editions.easy_read.parts import Booklet, part_sentences
from formats.editions.easy_read.pdf import booklet_html
from formats.outputs.html.link_rules import back_to_contents
from formats.outputs.html.reader import read_sections
from tests.editions.easy_read.support import failed

BACK = ('<p class="back-to-contents"><a href="#contents">Go back to what is in this guide</a>'
        "</p>")


@pytest.fixture(scope="module")
def page(er_page_folder: Path) -> Path:
    """Return the fixture's Easy Read web page (only the page: no booklet, no Word file)."""
    return er_page_folder / html_output.PAGE


def test_each_part_and_the_word_list_end_with_a_link_back_to_the_contents(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert '<nav class="contents" id="contents" aria-labelledby="contents-heading">' in html
    assert '<h2 id="contents-heading">What is in this guide</h2>' in html  # the link's words
    for end in ("er-what-it-is", "er-try-it", "word-list"):
        start = html.index(f'<section id="{end}"')
        assert html[start:html.index("</section>", start)].rstrip().endswith(BACK), end
    assert back_to_contents(page, "easy-read/html") == RuleResult(
        "web/back-to-contents", str(page), True,
        "easy-read/html: each of the 3 chapters ends with a link back to the contents")


def test_the_page_without_the_links_fails(page: Path, tmp_path: Path) -> None:
    before = tmp_path / "index.html"  # the page as it was before the links
    before.write_text(page.read_text(encoding="utf-8").replace(f"\n{BACK}", ""),
                      encoding="utf-8")
    assert failed([back_to_contents(before, "easy-read/html")], "web/back-to-contents") == [
        (str(before), "easy-read/html: 3 chapter(s) have no link back to the contents: 'What "
                      "is it?', 'Try it', 'Word list'", "error")]


def test_the_link_is_read_back_after_a_parts_words_not_in_them(page: Path,
                                                              er_fixture: Document) -> None:
    assert er_fixture.easy_read is not None
    found = read_sections(page.read_text(encoding="utf-8"))
    last = part_sentences(er_fixture.easy_read.parts[0])[-1]  # "Then you are ready."
    assert found["er-what-it-is"].text.endswith(f" {last} Go back to what is in this guide")


def test_the_booklets_have_no_link_back(er_fixture: Document) -> None:
    assert er_fixture.easy_read is not None
    parts = tuple(er_fixture.easy_read.parts)
    html = booklet_html(er_fixture, Booklet(1, 1, parts), [parts])
    assert 'class="back-to-contents"' not in html and "Go back to" not in html


@pytest.mark.slow  # builds every edition of the toolkit
def test_each_part_of_the_real_page_ends_with_a_link_back(real_dist: Path) -> None:
    page = real_dist / "easy-read" / html_output.PAGE
    result = back_to_contents(page, "easy-read/html")
    assert result.passed, result.message
