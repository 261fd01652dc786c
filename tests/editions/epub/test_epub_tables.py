"""epub/words-whole-320: on a phone no word of an EPUB's table is broken across lines. The
EPUB's cells could break anywhere (``overflow-wrap: anywhere``) and its tables kept their
columns at 320 CSS px: the real toolkit's quiz answers read "Rewar-ds", "betwee-n", 64 words
broken in three documents. Its tables now become lists of labelled rows on a narrow screen,
as the web page's do. The old table rules are put back in the stylesheet, and the rule fails
them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.editions.epub import rules as epub_rules
from formats.outputs.html.browser import run_checks
from formats.outputs.html.rules import check_words_whole
from formats.outputs.html.stylesheets import NARROW_TABLES

pytestmark = pytest.mark.slow  # Chromium

RULE = "web/words-whole-320"  # named epub/words-whole-320 in the EPUB's check
STYLESHEET = Path("EPUB/css/epub.css")
DOCUMENT = Path("EPUB/01-start.xhtml")  # the mini toolkit's chapter with two tables
# the EPUB's table cells before the fix, and no narrow rule for its tables
OLD_CELLS = ("th, td { border: 1px solid #b1b4b6; padding: 0.4em; text-align: left; "
             "vertical-align: top; overflow-wrap: anywhere; hyphens: auto; }")


def with_old_table_rules(folder: Path, copy: Path) -> Path:
    """Return a copy of ``folder`` whose stylesheet has the table rules from before the fix."""
    shutil.copytree(folder, copy)
    css = (copy / STYLESHEET).read_text(encoding="utf-8")
    css, cells = re.subn(r"^th, td \{[^}]*\}$", OLD_CELLS, css, flags=re.M)
    narrow = NARROW_TABLES.read_text(encoding="utf-8")
    assert (cells, css.count(narrow)) == (1, 1)
    css = css.replace(narrow, "")
    (copy / STYLESHEET).write_text(css, encoding="utf-8")
    return copy


def test_the_epub_breaks_no_word_of_its_tables_on_a_phone(mini_epub_unpacked: Path) -> None:
    assert check_words_whole in epub_rules.CHECKS
    page = mini_epub_unpacked / DOCUMENT
    assert run_checks(page, DOCUMENT.name, (check_words_whole,)) == [RuleResult(
        RULE, str(page), True, "01-start.xhtml breaks no word of a table or heading across "
        "lines at 320 CSS px")]


def test_the_epub_with_its_old_table_rules_fails(mini_epub_unpacked: Path, tmp_path: Path) -> None:
    page = with_old_table_rules(mini_epub_unpacked, tmp_path / "old") / DOCUMENT
    [result] = run_checks(page, DOCUMENT.name, (check_words_whole,))
    assert (result.rule, result.passed) == (RULE, False)
    assert result.message.startswith("01-start.xhtml breaks ")
    assert "'Consultation' in th of the table" in result.message
