"""``easy-read/row-measure-320``: at 320 CSS px wide, every Easy Read row (``.row``: a picture
beside its words, ``.words``) leaves its words a measure a reader can follow, at least
MIN_MEASURE_EM times their text size wide, as Chromium lays the page out.

Easy Read keeps its text big (24 px on the web page) and its sentences short, but a line of
two or three words breaks a sentence up word by word. On a phone the web page's rows had an
80 px picture and a 12 px gap: 204 px of words, 8.5 times their 24 px text, three words a full
line on average and one line in four of one or two words. The Easy Read EPUB's rows (a 4em
picture and a 1em gap) left 8.6 times theirs. At 9.5 times (228 px of 24 px text, about 18
letters) lines hold about four words. The rule is for the Easy Read web page and each document
of the Easy Read EPUB; a document without rows (a title page, a word list, a page of another
edition) gives no result.
"""

from __future__ import annotations

from typing import Any

from formats.core.contract import RuleResult
from formats.core.names import some
from formats.outputs.html.browser import DESKTOP
from formats.outputs.html.rules import NARROW

RULE = "easy-read/row-measure-320"
MIN_MEASURE_EM = 9.5
FIRST_WORDS = 6

# Every row's words box: the part it is in (its title), its number in the part, its width,
# its text size and its first words.
_ROWS_JS = """
(firstWords) => Array.from(document.querySelectorAll('.row')).flatMap((row) => {
  const words = row.querySelector('.words');
  if (!words) return [];
  const part = row.closest('section');
  const heading = part ? part.querySelector('h1, h2, h3') : null;
  const title = part ? (part.dataset.title || (heading ? heading.textContent : '') || part.id)
                     : '';
  const index = part ? Array.from(part.querySelectorAll('.row')).indexOf(row) + 1 : 0;
  const said = words.textContent.trim().split(/\\s+/);
  return [{part: title.trim().replace(/\\s+/g, ' '), index,
           width: words.getBoundingClientRect().width,
           size: parseFloat(getComputedStyle(words).fontSize),
           first: said.slice(0, firstWords).join(' ') + (said.length > firstWords ? '...' : '')}];
})
"""


def narrow_rows(page: Any) -> list[dict[str, Any]]:
    """Return every Easy Read row of the page at 320 CSS px: its part's title (``part``), its
    number in the part (``index``), its words box's width and text size in CSS px (``width``,
    ``size``) and its first words (``first``). Leaves the page at the desktop width."""
    page.set_viewport_size(NARROW)
    rows = list(page.evaluate(_ROWS_JS, FIRST_WORDS))
    page.set_viewport_size(DESKTOP)
    return rows


def _row_said(row: dict[str, Any]) -> str:
    """Return where a row is and how wide its words are, for a message."""
    place = f"row {row['index']} of '{row['part']}'" if row["part"] else "a row"
    return (f"{place} (\"{row['first']}\"): {row['width']:.0f} px, "
            f"{row['width'] / row['size']:.1f} times its {row['size']:.0f} px text")


def check_row_measure(page: Any, where: str, output: str) -> list[RuleResult]:
    """Return ``easy-read/row-measure-320``: passed when, at 320 CSS px, every Easy Read row's
    words box is at least MIN_MEASURE_EM times its text size wide; failed naming each narrower
    row (its part, number and first words) and its width. Returns [] for a page without
    rows. Leaves the page at the desktop width."""
    rows = narrow_rows(page)
    if not rows:
        return []
    # half a pixel is left for rounding: a box of 227.6 px is 228 px on the screen
    narrow = [row for row in rows if row["width"] < MIN_MEASURE_EM * row["size"] - 0.5]
    width = NARROW["width"]
    if narrow:
        return [RuleResult(RULE, where, False,
                           f"{output}: at {width} CSS px, {len(narrow)} of the {len(rows)} "
                           f"Easy Read rows leave their words less than {MIN_MEASURE_EM} times "
                           f"their text size: {some(_row_said(row) for row in narrow)}")]
    least = min(rows, key=lambda row: row["width"] / row["size"])
    return [RuleResult(RULE, where, True,
                       f"{output}: at {width} CSS px, each of the {len(rows)} Easy Read rows "
                       f"leaves its words at least {MIN_MEASURE_EM} times their text size "
                       f"(the narrowest: {least['width']:.0f} px, "
                       f"{least['width'] / least['size']:.1f} times its "
                       f"{least['size']:.0f} px text)")]
