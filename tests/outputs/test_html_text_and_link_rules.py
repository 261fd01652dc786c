"""The text rules and the link rules on built web pages: they pass on the mini toolkit's page,
and each fails, naming what it found, on a page made to break it."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.outputs.html.link_rules import back_to_contents, links_resolve, other_formats_links
from formats.outputs.html.text_rules import html_text_rules, read_text
from tests.conftest import Builds


def _page(folder: Path, body: str) -> Path:
    page = folder / "standard" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<!DOCTYPE html><html lang="en-GB"><head><title>T</title>'
                    f'<script>var s = "on the following page";</script></head><body>{body}'
                    f"</body></html>", encoding="utf-8")
    return page


def failed(results: list[RuleResult]) -> dict[str, str]:
    return {result.rule: result.message for result in results if not result.passed}


def test_every_text_and_link_rule_passes_on_the_built_page(mini_document: Document,
                                                          built: Builds) -> None:
    page = built(mini_document, "standard") / "index.html"
    results = [*html_text_rules(page, "standard/html"),
               links_resolve(page, "standard/html", page.parent.parent),
               other_formats_links(page, "standard/html", ("standard",), "standard"),
               back_to_contents(page, "standard/html")]
    assert failed(results) == {}
    assert [result.rule for result in results] == [
        "text/heading-is-only-a-kind", "text/caption-repeats-heading", "text/print-words",
        "web/links-resolve", "web/other-formats-links", "web/back-to-contents"]


def test_the_reader_finds_headings_captions_under_them_and_words(tmp_path: Path) -> None:
    found = read_text(_page(tmp_path, "<h1>Title</h1><h3>Quiz 1: <em>Which?</em></h3>"
                                      "<table><caption>Which?</caption><tr><td>A</td></tr></table>"
                                      "<p>Words <b>here</b>.</p>").read_text(encoding="utf-8"))
    assert found.headings == ["Title", "Quiz 1: Which?"]
    assert found.captions == [("Which?", "Quiz 1: Which?")]
    assert found.text == "T Title Quiz 1: Which? Which? A Words here."  # the title, no script


def test_each_text_rule_fails_on_a_page_that_breaks_it(tmp_path: Path) -> None:
    page = _page(tmp_path, "<h1>Title</h1><h2>Activity</h2><p>Look at the checklist on the "
                           "following page.</p><h3>Quiz 2: What should you do?</h3><table>"
                           "<caption>What should you do?</caption><tr><td>A</td></tr></table>")
    assert failed(html_text_rules(page, "test/html")) == {
        "text/heading-is-only-a-kind": "test/html: heading 'Activity' says only what kind of "
                                       "block follows",
        "text/caption-repeats-heading": "test/html: caption 'What should you do?' repeats the "
                                        "heading 'Quiz 2: What should you do?'",
        "text/print-words": "test/html: 'on the following page' in \"...ctivity Look at the "
                            "checklist on the following page. Quiz 2: What should you do? ...\""}
    assert "text/print-words" not in failed(html_text_rules(page, "test/html", screen=False))


def test_a_missing_page_is_one_failed_result(tmp_path: Path) -> None:
    assert html_text_rules(tmp_path / "none.html", "test/html") == [
        RuleResult("text/page", str(tmp_path / "none.html"), False,
                   f"test/html: {tmp_path / 'none.html'} does not exist")]


def test_links_must_lead_to_a_built_file_or_an_element_of_the_page(tmp_path: Path) -> None:
    (tmp_path / "word").mkdir()
    (tmp_path / "word" / "t.docx").write_bytes(b"docx")
    (tmp_path / "outside.pdf").write_bytes(b"pdf")
    page = _page(tmp_path, '<h1 id="top">T</h1><a href="#top">up</a> <a href="../word/t.docx">'
                           'Word</a> <a href="../audio/t.mp3">Audio</a> <a href="#gone">gone</a> '
                           '<a href="https://example.org/x">web</a> <a href="mailto:a@b.org">m</a>'
                           ' <img src="pictures/p.png" alt="P"> <a href="../../outside.pdf">x</a>'
                           ' <a href="../word/t.docx#part">Word, part</a>')
    result = links_resolve(page, "test/html", tmp_path)
    assert (result.rule, result.passed) == ("web/links-resolve", False)
    assert result.message == (
        "test/html: '../audio/t.mp3': no such file in the output; test/html: '#gone': no element "
        "has that id; test/html: 'pictures/p.png': no such file in the output and 1 more")
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "t.mp3").write_bytes(b"mp3")
    (tmp_path / "standard" / "pictures").mkdir()
    (tmp_path / "standard" / "pictures" / "p.png").write_bytes(b"png")
    page.write_text(page.read_text(encoding="utf-8").replace(' <a href="#gone">gone</a>', "")
                    .replace(' <a href="../../outside.pdf">x</a>', ""), encoding="utf-8")
    assert links_resolve(page, "test/html", tmp_path).passed


@pytest.mark.parametrize(("box", "missing"), [
    ('<a href="t.pdf">PDF</a><a href="../word/t.docx">Word</a>', []),
    ('<a href="../word/t.docx">Word</a>', ["standard"]),
    ('<a href="t.pdf">PDF</a>', ["word"]),
    ("", ["standard", "word"]),
])
def test_the_other_formats_box_links_to_every_edition_offered(tmp_path: Path, box: str,
                                                              missing: list[str]) -> None:
    page = _page(tmp_path, f'<aside class="other-formats"><h2>Other formats</h2><ul><li>{box}'
                           '</li><li><img src="x.png" alt="x"></li></ul></aside>'
                           '<a href="../audio/t.mp3">not in the box</a>')
    result = other_formats_links(page, "test/html", ("standard", "word"), "standard")
    assert result.passed is not missing
    if missing:
        assert result.message == "; ".join(f"test/html: the Other formats box has no link to "
                                           f"the {name} edition" for name in missing)


def test_the_other_formats_box_links_to_each_file_offered_and_each_link_leads_to_one(
        tmp_path: Path) -> None:
    """The first Easy Read page offered neither its booklets nor the Easy Read recording."""
    folder = tmp_path / "easy-read"
    folder.mkdir()
    page = _page(tmp_path, '<aside class="other-formats"><ul><li><a href="b-booklet-1-of-2.pdf">'
                           'Booklet 1 of 2</a></li><li><a href="../epub/b.epub">E-book</a></li>'
                           '</ul></aside>').rename(folder / "index.html")
    (folder / "b-booklet-1-of-2.pdf").write_bytes(b"pdf")
    (folder / "b-booklet-2-of-2.pdf").write_bytes(b"pdf")
    (tmp_path / "audio" / "easy-read").mkdir(parents=True)
    (tmp_path / "audio" / "easy-read" / "b-complete.mp3").write_bytes(b"mp3")
    files = [folder / "b-booklet-1-of-2.pdf", folder / "b-booklet-2-of-2.pdf",
             tmp_path / "audio" / "easy-read" / "b-complete.mp3"]
    result = other_formats_links(page, "easy-read/html", (), "easy-read", files, resolve=True)
    assert (result.rule, result.passed, result.message) == (
        "web/other-formats-links", False,
        "easy-read/html: the Other formats box has no link to b-booklet-2-of-2.pdf; "
        "easy-read/html: the Other formats box has no link to ../audio/easy-read/b-complete.mp3; "
        "easy-read/html: the Other formats box links to '../epub/b.epub', which is not in the "
        "output")


BACK = '<p class="back-to-contents"><a href="#contents">Back to contents</a></p>'


def test_each_chapter_of_the_built_page_ends_with_a_link_back_to_the_contents(
        mini_document: Document, built: Builds, tmp_path: Path) -> None:
    page = built(mini_document, "standard") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<nav class="contents" id="contents"' in html and html.count(BACK) == 2
    assert back_to_contents(page, "standard/html") == RuleResult(
        "web/back-to-contents", str(page), True,
        "standard/html: each of the 2 chapters ends with a link back to the contents")
    before = tmp_path / "index.html"  # the page as it was before the links
    before.write_text(html.replace(f"{BACK}\n", ""), encoding="utf-8")
    assert failed([back_to_contents(before, "standard/html")]) == {
        "web/back-to-contents": "standard/html: 2 chapter(s) have no link back to the contents: "
                                "'1. Getting started', 'Appendix 1: Suggested answers'"}


_NAV = ('<nav{}><h2 id="contents-heading">Contents</h2><a href="#one">1</a><a href="#two">2</a>'
        "</nav>")


@pytest.mark.parametrize(("nav_id", "one", "two", "message"), [
    (' id="contents"', BACK, BACK, ""),
    (' id="contents"', BACK, '<a href="#contents-heading">Contents</a>', ""),  # in the nav
    ("", BACK, BACK, "test/html: the link back to the contents goes to '#contents', which is not "
                     "on the page"),
    (' id="contents"', BACK, '<a href="#one">Chapter 1</a>', "test/html: 1 chapter(s) have no "
                                                              "link back to the contents: 'Two'"),
    (' id="contents"', "", "", "test/html: 2 chapter(s) have no link back to the contents: "
                               "'One', 'Two'"),
])
def test_a_chapter_needs_a_link_to_the_contents_after_its_last_heading(
        tmp_path: Path, nav_id: str, one: str, two: str, message: str) -> None:
    page = _page(tmp_path, f'{_NAV.format(nav_id)}<main><section id="one"><h2>One</h2><p>A.</p>'
                           f'<section id="one-a"><h3>One, a</h3><p>B.</p></section>{one}</section>'
                           f'<section id="two"><h2>Two</h2><p>C.</p>{two}</section></main>')
    result = back_to_contents(page, "test/html")
    assert (result.passed, result.message if message else "") == (not message, message)


def test_a_link_before_the_last_heading_or_without_contents_does_not_count(
        tmp_path: Path) -> None:
    nav = _NAV.format(' id="contents"')
    early = _page(tmp_path, f'{nav}<section id="one"><h2>One</h2>{BACK}'
                            '<section id="one-a"><h3>One, a</h3><p>B.</p></section></section>'
                            f'<section id="two"><h2>Two</h2>{BACK}</section>')
    assert failed([back_to_contents(early, "test/html")]) == {
        "web/back-to-contents": "test/html: 1 chapter(s) have no link back to the contents: "
                                "'One'"}
    alone = _page(tmp_path, f'<section id="one"><h2>One</h2>{BACK}</section>')
    assert failed([back_to_contents(alone, "test/html")]) == {
        "web/back-to-contents": "test/html: the page has no navigation that links to the "
                                "chapters"}
