"""easy-read/row-measure-320: on a phone an Easy Read row's words get a measure a reader can
follow. The web page's rows had an 80 px picture and a 12 px gap at 320 CSS px: 204 px of
24 px text, three words a line; the Easy Read EPUB's, a 4em picture and a 1em gap. The old
narrow rules are put back after the stylesheet, and the rule fails them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.easy_read import html as html_output
from formats.editions.epub import rules as epub_rules
from formats.editions.epub.easy_read import STYLESHEET, render_easy_read_contents
from formats.outputs.html.browser import run_checks
from formats.outputs.html.row_rules import RULE, check_row_measure

pytestmark = pytest.mark.slow  # Chromium

# The narrow rules of the web page's stylesheet before the fix, and of the EPUB's (its rows
# had no narrow rule: these are its wide ones).
OLD_WEB = ("@media (max-width: 30em) { .width { padding: 0 0.75rem; } .row { gap: 0.75rem; } "
           ".row .picture { flex-basis: 80px; width: 80px; } }")
OLD_EPUB = ("@media (max-width: 30em) { .row { gap: 1em; } "
            ".row .picture { flex-basis: 4em; width: 4em; } }")


@pytest.fixture(scope="module")
def page(er_page_folder: Path) -> Path:
    """Return the folder of the fixture's Easy Read web page (only the page)."""
    return er_page_folder


@pytest.fixture(scope="module")
def epub_folder(er_fixture: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding the fixture's Easy Read EPUB documents and resources, unzipped
    (only the contents: no book, no audio)."""
    out = tmp_path_factory.mktemp("easy-read-epub")
    contents = render_easy_read_contents(er_fixture)
    for resource in (*contents.documents, *contents.resources):
        (out / resource.path).parent.mkdir(parents=True, exist_ok=True)
        data = resource.data
        (out / resource.path).write_bytes(data if isinstance(data, bytes) else data.read_bytes())
    return out


def _with_old_rules(folder: Path, copy: Path, stylesheet: str, old: str) -> Path:
    """Return a copy of ``folder`` with ``old`` put after its ``stylesheet``'s rules."""
    shutil.copytree(folder, copy)
    with (copy / stylesheet).open("a", encoding="utf-8") as css:
        css.write(f"\n{old}\n")
    return copy


def _measure(page: Path, output: str) -> list[RuleResult]:
    return run_checks(page, output, (check_row_measure,))


def test_the_web_page_gives_each_row_ten_times_its_text_size(page: Path) -> None:
    index = page / html_output.PAGE
    assert _measure(index, "easy-read/html") == [RuleResult(
        RULE, str(index), True, "easy-read/html: at 320 CSS px, each of the 8 Easy Read rows "
        "leaves its words at least 9.5 times their text size (the narrowest: 240 px, 10.0 "
        "times its 24 px text)")]


def test_the_web_page_with_the_old_80_px_pictures_fails(page: Path, tmp_path: Path) -> None:
    old = _with_old_rules(page, tmp_path / "old", f"assets/{html_output.STYLESHEET}", OLD_WEB)
    index = old / html_output.PAGE
    assert _measure(index, "easy-read/html") == [RuleResult(
        RULE, str(index), False, "easy-read/html: at 320 CSS px, 8 of the 8 Easy Read rows "
        "leave their words less than 9.5 times their text size: row 1 of 'What is it?' (\"This "
        "guide is about co-production. Co-production...\"): 204 px, 8.5 times its 24 px "
        "text; row 2 of 'What is it?' (\"Disabled People\u2019s Organisations (DPOs) are "
        "groups...\"): 204 px, 8.5 times its 24 px text; row 3 of 'What is it?' (\"A report "
        "from 2009 says it...\"): 204 px, 8.5 times its 24 px text and 5 more")]


def test_each_part_of_the_easy_read_epub_gives_its_rows_a_measure(epub_folder: Path) -> None:
    assert check_row_measure in epub_rules.CHECKS
    part = epub_folder / "01-er-what-it-is.xhtml"
    assert _measure(part, "01-er-what-it-is.xhtml") == [RuleResult(
        RULE, str(part), True, "01-er-what-it-is.xhtml: at 320 CSS px, each of the 4 Easy Read "
        "rows leaves its words at least 9.5 times their text size (the narrowest: 237 px, "
        "10.6 times its 22 px text)")]
    title_page = next(epub_folder.glob("*title*.xhtml"))
    assert _measure(title_page, title_page.name) == []  # no rows: nothing to say


def test_the_easy_read_epub_with_its_old_4em_pictures_fails(epub_folder: Path,
                                                           tmp_path: Path) -> None:
    old = _with_old_rules(epub_folder, tmp_path / "old", STYLESHEET, OLD_EPUB)
    part = old / "01-er-what-it-is.xhtml"
    [result] = _measure(part, "01-er-what-it-is.xhtml")
    assert (result.rule, result.passed) == (RULE, False)
    assert result.message.startswith(
        "01-er-what-it-is.xhtml: at 320 CSS px, 4 of the 4 Easy Read rows leave their words "
        "less than 9.5 times their text size: row 1 of 'What is it?' (\"This guide is about "
        "co-production. Co-production...\"): 192 px, 8.6 times its 22 px text;")
