"""The web rules: axe-core, reflow, text spacing and the page's fixed parts, found by Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.outputs.html.rules import other_formats_statement, web_rules

WEB_RULES = ["web/axe", "web/reflow-320", "web/words-whole-320", "web/text-spacing", "web/lang",
             "web/title", "web/skip-link", "web/landmarks", "web/other-formats",
             "web/form-answers", "web/form-boxes-named", "web/link-names"]

GOOD_HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A test page</title>
<style>
body { margin: 0; font-family: sans-serif; }
.clipped { height: 1.2em; overflow: hidden; }
</style>
</head>
"""
GOOD_BODY = """<body>
<a href="#main-content">Skip to main content</a>
<header><p>A publisher</p></header>
<nav aria-label="Contents"><a href="#part">Part one</a></nav>
<main id="main-content">
<h1>A test page</h1>
<section id="part"><h2>Part one</h2><p>Words of part one.</p>{extra}</section>
<p>You can ask for this page in other formats: large print, Easy Read or audio.</p>
</main>
<footer><p>Free to copy.</p></footer>
</body>
</html>
"""
BARE_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title> </title></head>
<body><div><p>Only words, and <a href="https://www.example.org/">a link</a>.</p></div></body>
</html>
"""


def _page(folder: Path, name: str, extra: str = "") -> Path:
    page = folder / f"{name}.html"
    page.write_text(GOOD_HEAD + GOOD_BODY.replace("{extra}", extra), encoding="utf-8")
    return page


def _by_rule(results: list[RuleResult]) -> dict[str, RuleResult]:
    return {result.rule: result for result in results}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-rules")


@pytest.fixture(scope="module")
def mini_results(mini_document: Document, built) -> list[RuleResult]:
    return web_rules(built(mini_document, "standard") / "index.html", "standard/html")


@pytest.mark.slow
def test_mini_web_page_has_one_result_for_every_web_rule(mini_results: list[RuleResult]) -> None:
    assert [result.rule for result in mini_results] == WEB_RULES


@pytest.mark.slow
@pytest.mark.parametrize("rule", WEB_RULES)
def test_mini_web_page_passes(mini_results: list[RuleResult], rule: str) -> None:
    result = _by_rule(mini_results)[rule]
    assert result.passed, result.message
    assert result.level == "error"
    assert result.where.endswith("index.html")


@pytest.mark.slow
def test_mini_web_page_has_no_axe_violations(mini_results: list[RuleResult]) -> None:
    assert _by_rule(mini_results)["web/axe"].message == (
        "standard/html: 0 axe-core violations (wcag2a, wcag2aa, wcag21aa, wcag22aa, "
        "best-practice)")


@pytest.mark.slow
def test_good_test_page_passes_every_rule(pages: Path) -> None:
    results = web_rules(_page(pages, "good"), "test/html")
    assert [(result.rule, result.passed) for result in results] == [
        (rule, True) for rule in WEB_RULES
        if rule not in ("web/form-answers", "web/form-boxes-named")]  # it has no form


@pytest.mark.slow
def test_picture_without_alt_text_fails_axe_image_alt(pages: Path) -> None:
    page = _page(pages, "no-alt", '<img src="picture.png" width="20" height="20">')
    results = _by_rule(web_rules(page, "test/html"))
    assert "web/axe" not in results
    failed = results["web/axe/image-alt"]
    assert (failed.passed, failed.level, failed.where) == (False, "error", str(page))
    assert failed.message.startswith(
        "test/html: Images must have alternative text [critical]: 1 element(s): img (https://")
    assert [rule for rule, result in results.items() if not result.passed] == ["web/axe/image-alt"]


@pytest.fixture(scope="module")
def wide_results(pages: Path) -> tuple[Path, dict[str, RuleResult]]:
    page = _page(pages, "wide", '<div class="wide" style="width: 600px">A wide box.</div>')
    return page, _by_rule(web_rules(page, "test/html"))


@pytest.mark.slow
def test_element_600_px_wide_fails_reflow(wide_results: tuple[Path, dict[str, RuleResult]]) -> None:
    page, results = wide_results
    assert results["web/reflow-320"] == RuleResult(
        "web/reflow-320", str(page), False,
        "test/html scrolls sideways at 320 CSS px: the page is 600 px wide; too wide: "
        "div.wide (right edge at 600 px)")


@pytest.mark.slow
def test_element_600_px_wide_fails_text_spacing_too(
        wide_results: tuple[Path, dict[str, RuleResult]]) -> None:
    page, results = wide_results
    assert results["web/text-spacing"] == RuleResult(
        "web/text-spacing", str(page), False,
        "test/html loses content with increased text spacing: it scrolls sideways at 320 CSS px: "
        "the page is 600 px wide; too wide: div.wide (right edge at 600 px)")


@pytest.mark.slow
def test_box_of_fixed_height_that_cuts_off_spaced_text_fails_text_spacing(pages: Path) -> None:
    page = _page(pages, "clipped", '<p class="clipped">Words in a box one line high.</p>')
    results = _by_rule(web_rules(page, "test/html"))
    assert results["web/reflow-320"].passed
    failed = results["web/text-spacing"]
    assert not failed.passed
    assert failed.message.startswith(
        "test/html loses content with increased text spacing: text is cut off: p.clipped (content ")
    assert " at 1280 px; p.clipped (content " in failed.message
    assert failed.message.endswith(" at 320 px")


# The 2.6 table as it was: three columns a third of 320 px each, words allowed to break anywhere.
SQUEEZED_TABLE = """<style>
table.squeezed { width: 100%; table-layout: fixed; border-collapse: collapse; }
table.squeezed { font-size: 1.25rem; }
table.squeezed td, table.squeezed th { overflow-wrap: anywhere; padding: 0.5rem; }
</style>
<table class="squeezed"><caption>Compared</caption>
<thead><tr><th scope="col">Information</th><th scope="col">Consultation</th>
<th scope="col">Co-production</th></tr></thead>
<tbody><tr><td>No relationship</td><td>Minimal contact</td><td>Equal partners</td></tr></tbody>
</table>"""


@pytest.mark.slow
def test_table_that_breaks_words_at_320_px_fails_words_whole(pages: Path) -> None:
    page = _page(pages, "squeezed", SQUEEZED_TABLE)
    results = _by_rule(web_rules(page, "test/html"))
    assert results["web/reflow-320"].passed
    failed = results["web/words-whole-320"]
    assert not failed.passed
    assert failed.message.startswith("test/html breaks 4 word(s) across lines at 320 CSS px: "
                                      "'Information' in th of the table 'Compared', "
                                      "'Consultation' in th of the table 'Compared', ")
    assert [rule for rule, result in results.items() if not result.passed] == [
        "web/words-whole-320"]


@pytest.mark.slow
def test_long_heading_word_broken_at_320_px_fails_words_whole(pages: Path) -> None:
    page = _page(pages, "long-word", '<h3 id="long" style="overflow-wrap: anywhere; '
                 'font-size: 3rem">Incomprehensibilities</h3>')
    failed = _by_rule(web_rules(page, "test/html"))["web/words-whole-320"]
    assert failed == RuleResult("web/words-whole-320", str(page), False,
                                "test/html breaks 1 word(s) across lines at 320 CSS px: "
                                "'Incomprehensibilities' in h3#long")


@pytest.mark.slow
def test_table_whose_rows_become_labelled_lists_keeps_words_whole(pages: Path) -> None:
    page = _page(pages, "reflowed", SQUEEZED_TABLE.replace(
        "</style>", "@media (max-width: 40em) { table.squeezed, table.squeezed tr, "
        "table.squeezed td { display: block; } table.squeezed thead { display: none; } }</style>"))
    passed = _by_rule(web_rules(page, "test/html"))["web/words-whole-320"]
    assert passed == RuleResult("web/words-whole-320", str(page), True,
                                "test/html breaks no word of a table or heading across lines at "
                                "320 CSS px")


BARE_MESSAGES = {
    "web/lang": "test/html does not say its language: <html> has no lang attribute",
    "web/title": "test/html has no <title>",
    "web/skip-link": "test/html has no skip link: the first thing the keyboard reaches is <a> "
                     "\"a link\"",
    "web/landmarks": "test/html has no header, nav, main, footer landmark(s)",
    "web/other-formats": "test/html does not say how to get other formats (large print, Easy "
                         "Read, audio, BSL)",
}


@pytest.fixture(scope="module")
def bare_results(pages: Path) -> tuple[Path, dict[str, RuleResult]]:
    page = pages / "bare.html"
    page.write_text(BARE_PAGE, encoding="utf-8")
    return page, _by_rule(web_rules(page, "test/html"))


@pytest.mark.slow
@pytest.mark.parametrize("rule", list(BARE_MESSAGES))
def test_bare_page_fails(bare_results: tuple[Path, dict[str, RuleResult]], rule: str) -> None:
    page, results = bare_results
    assert results[rule] == RuleResult(rule, str(page), False, BARE_MESSAGES[rule])


@pytest.mark.slow
def test_bare_page_fails_axe_on_language_and_title(
        bare_results: tuple[Path, dict[str, RuleResult]]) -> None:
    _, results = bare_results
    assert {"web/axe/html-has-lang", "web/axe/document-title"} <= set(results)


@pytest.mark.slow
@pytest.mark.parametrize("target, message", [
    ("#nowhere", "test/html: the skip link \"Skip to main content\" points to #nowhere, which is "
                 "not on the page"),
    ("#part-two", "test/html: the first link \"Skip to main content\" goes to #part-two, not to "
                  "the main content"),
], ids=["target-missing", "target-outside-main"])
def test_skip_link_that_does_not_reach_the_main_content_fails(pages: Path, target: str,
                                                              message: str) -> None:
    page = pages / f"skip-{target[1:]}.html"
    body = GOOD_BODY.replace('href="#main-content"', f'href="{target}"').replace(
        "<footer>", '<footer id="part-two">')
    page.write_text(GOOD_HEAD + body.replace("{extra}", ""), encoding="utf-8")
    results = _by_rule(web_rules(page, "test/html"))
    assert results["web/skip-link"] == RuleResult("web/skip-link", str(page), False, message)


def test_missing_chromium_fails_plainly(pages: Path, tmp_path: Path) -> None:
    page = _page(pages, "unchecked")
    chromium = tmp_path / "no-such-chromium"
    assert web_rules(page, "test/html", chromium=chromium) == [RuleResult(
        "web/chromium", str(page), False,
        f"Chromium is not installed ({chromium}): web pages were not checked")]


def test_missing_playwright_fails_plainly(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(pages, "unchecked")
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert web_rules(page, "test/html") == [RuleResult(
        "web/chromium", str(page), False,
        "Playwright is not installed (Python module playwright.sync_api not found): web pages "
        "were not checked")]


def test_missing_page_fails(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    assert web_rules(page, "test/html") == [RuleResult(
        "web/page", str(page), False, f"test/html: {page} does not exist")]


@pytest.mark.slow
def test_chromium_that_does_not_start_fails(pages: Path) -> None:
    page = _page(pages, "unchecked")
    [result] = web_rules(page, "test/html", chromium=Path("/bin/true"))
    assert (result.rule, result.passed) == ("web/chromium", False)
    assert result.message.startswith("Chromium could not be started (/bin/true): ")
    assert result.message.endswith(": web pages were not checked")


@pytest.mark.parametrize("text, said", [
    ("You can ask for this toolkit in other formats.", "\"other formats\""),
    ("To get this guide in another format, e-mail us.", "\"another format\""),
    ("It is in Alternative\n Formats too.", "\"Alternative Formats\""),
    ("Ask us for large print or Easy Read.", "easy read, large print"),
    ("Listen to the audio version.", ""),
    ("This page has a format of its own.", ""),
], ids=["other-formats", "another-format", "alternative-formats", "two-format-names",
        "one-format-name", "no-statement"])
def test_statement_about_other_formats(text: str, said: str) -> None:
    assert other_formats_statement(text) == said


def test_with_the_browser_rules_turned_off_each_page_is_a_warning_never_a_pass(
        pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_BROWSER_RULES", "0")
    page = pages / "switched-off.html"
    page.write_text("<!DOCTYPE html><html lang=\"en\"><title>t</title><p>x</p></html>",
                    encoding="utf-8")
    assert web_rules(page, "standard/html") == [RuleResult(
        "web/chromium", str(page), False, "the browser rules are turned off "
        "(TOOLKIT_BROWSER_RULES=0): this page was not checked in a browser", "warning")]
