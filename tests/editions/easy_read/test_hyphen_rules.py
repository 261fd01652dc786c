"""easy-read/hyphens-kept: on the Easy Read web page no hyphenated word breaks at its hyphen, at
320 CSS px or at the desktop width. The page's list of other ways to get the guide first said
"e-book" without its no-wrap span, and at 320 px it broke into "e-" / "book"."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.editions.easy_read.hyphen_rules import check_hyphens_kept
from formats.outputs.html.browser import run_checks


def _page(folder: Path, link_words: str) -> Path:
    page = folder / "index.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><title>T</title><style>'
        'body { font: 24px sans-serif; margin: 0; } aside { width: 11em; }'
        '.nowrap { white-space: nowrap; }</style></head><body><aside><ul><li><a href="x.epub">'
        f'{link_words}</a></li></ul></aside><p class="visually-hidden" style="width: 1px; '
        'overflow: hidden; position: absolute">a long-hidden well-known aside</p></body></html>',
        encoding="utf-8")
    return page


@pytest.mark.slow  # Chromium
@pytest.mark.parametrize("words, message", [
    ('This guide as an <span class="nowrap">e-book</span> (EPUB)',
     "easy-read/html: no hyphenated word is broken across lines, at 320 or 1280 CSS px"),
    ("This guide as an e-book (EPUB)",
     "easy-read/html: 2 hyphenated word(s) broken across lines at the hyphen: 'e-book' in "
     "aside at 320 px; 'e-book' in aside at 1280 px"),
], ids=["kept-whole", "broken-at-320"])
def test_a_hyphenated_word_broken_across_lines_fails(tmp_path: Path, words: str,
                                                      message: str) -> None:
    [result] = run_checks(_page(tmp_path, words), "easy-read/html", (check_hyphens_kept,))
    assert (result.rule, result.passed, result.message) == (
        "easy-read/hyphens-kept", message.startswith("easy-read/html: no "), message)
