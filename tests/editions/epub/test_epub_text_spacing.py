"""epub/text-spacing: a reading system lets its reader space the text out (WCAG 1.4.12), and
nothing of an EPUB's documents may then be cut off. The web page's rule had never been run on
the EPUB's documents, which have a stylesheet of their own: the EPUB kept a list of rules of
its own, and this one was not in it. The EPUB's rules are now the web page's but those about
a web page as a whole. A stylesheet that gives paragraphs a fixed height fails it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.editions.epub import rules as epub_rules
from formats.outputs.html.browser import run_checks
from formats.outputs.html.rules import PUBLICATION_CHECKS, check_text_spacing

pytestmark = pytest.mark.slow  # Chromium

RULE = "web/text-spacing"  # named epub/text-spacing in the EPUB's check
STYLESHEET = Path("EPUB/css/epub.css")
DOCUMENT = Path("EPUB/01-start.xhtml")  # the mini toolkit's first chapter
FIXED_HEIGHT = "\np { height: 1.5em; overflow: hidden; }\n"  # room for one line, no more


def test_every_rule_of_the_web_page_runs_on_the_epub_but_those_about_a_whole_page() -> None:
    # the text-spacing rule was left out of the EPUB's own list of rules; the list is now the
    # web page's, less the rules named as about a web page as a whole
    assert check_text_spacing in epub_rules.CHECKS
    assert [check.__name__ for check in PUBLICATION_CHECKS
            if check not in epub_rules.CHECKS] == [
        "check_skip_link", "check_landmarks", "check_other_formats", "check_form_answers"]


def test_the_epub_loses_nothing_when_its_text_is_spaced_out(mini_epub_unpacked: Path) -> None:
    page = mini_epub_unpacked / DOCUMENT
    [result] = run_checks(page, DOCUMENT.name, (check_text_spacing,))
    assert (result.rule, result.passed) == (RULE, True)


def test_an_epub_whose_paragraphs_have_a_fixed_height_fails(
        mini_epub_unpacked: Path, tmp_path: Path) -> None:
    copy = tmp_path / "fixed"
    shutil.copytree(mini_epub_unpacked, copy)
    with (copy / STYLESHEET).open("a", encoding="utf-8") as css:
        css.write(FIXED_HEIGHT)
    [result] = run_checks(copy / DOCUMENT, DOCUMENT.name, (check_text_spacing,))
    assert (result.rule, result.passed) == (RULE, False)
    assert result.message.startswith("01-start.xhtml loses content with increased text "
                                     "spacing: text is cut off: ")
