"""easy-read/row-measure-320 on small hand-made pages: the measure is the words box's width over
its text size at 320 CSS px, and a failure names the row by its part and first words. The
Easy Read web page and EPUB themselves: tests/editions/easy_read/test_row_measure.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.outputs.html.browser import run_checks
from formats.outputs.html.row_rules import RULE, check_row_measure

pytestmark = pytest.mark.slow  # Chromium

# 320 px wide, no margin: the words of a row get 320 - picture - gap px of 20 px text.
PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>T</title><style>
body {{ margin: 0; font: 20px sans-serif; }}
.row {{ display: flex; gap: 10px; }} .row .picture {{ flex: 0 0 {picture}px; height: 20px; }}
.row .words {{ flex: 1 1 0; min-width: 0; margin: 0; }}
</style></head><body>
<section id="one"><h1>Part <em>one</em></h1>
<div class="row"><div class="picture"></div><p class="words">We meet once a month to plan
the work together.</p></div></section>
<section data-title="Part two"><div class="row"><div class="picture"></div><p class="words">
Short.</p></div></section>
<div class="row"><div class="picture"></div><p class="words">A row in no part.</p></div>
</body></html>"""


def _checked(folder: Path, picture: int) -> list[RuleResult]:
    page = folder / "page.html"
    page.write_text(PAGE.format(picture=picture), encoding="utf-8")
    return run_checks(page, "test/html", (check_row_measure,))


@pytest.mark.parametrize("picture, passed, said", [
    (120, True, "test/html: at 320 CSS px, each of the 3 Easy Read rows leaves its words at "
                "least 9.5 times their text size (the narrowest: 190 px, 9.5 times its 20 px "
                "text)"),
    (121, False, "test/html: at 320 CSS px, 3 of the 3 Easy Read rows leave their words less "
                 "than 9.5 times their text size: row 1 of 'Part one' (\"We meet once a month "
                 "to...\"): 189 px, 9.4 times its 20 px text; row 1 of 'Part two' "
                 "(\"Short.\"): 189 px, 9.4 times its 20 px text; a row (\"A row in no "
                 "part.\"): 189 px, 9.4 times its 20 px text"),
], ids=["9.5-times-passes", "a-pixel-less-fails"])
def test_the_words_need_9_5_times_their_text_size(tmp_path: Path, picture: int, passed: bool,
                                                  said: str) -> None:
    [result] = _checked(tmp_path, picture)
    assert (result.rule, result.passed, result.message) == (RULE, passed, said)


def test_a_page_without_rows_has_nothing_for_the_rule(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body>'
                    "<p>No rows here.</p></body></html>", encoding="utf-8")
    assert run_checks(page, "test/html", (check_row_measure,)) == []
