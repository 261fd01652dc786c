"""``easy-read/hyphens-kept``: on the Easy Read web page, no hyphenated word is broken across
two lines at its hyphen ("e-" / "book"), at 320 CSS px or at the desktop width, as Chromium lays
the page out (standards.md, Easy Read: never break a hyphenated word across lines, in any Easy
Read output). The PDFs have ``easy-read/pdf-line-ends``; this is the page's.

Every text of the page a reader sees is looked at (rows, headings, the contents, the list of other
ways to get the guide...), not only the words the writer marked: a word a template wrote without
its no-wrap span ("e-book" in a new link) fails it.
"""

from __future__ import annotations

from typing import Any

from formats.core.contract import RuleResult
from formats.core.names import some
from formats.outputs.html.browser import DESKTOP
from formats.outputs.html.rules import NARROW

RULE = "easy-read/hyphens-kept"

# Every hyphenated word of the page's visible text whose characters lie on more than one line,
# with the part (or other place) it is in.
_BROKEN_JS = """
() => {
  const out = [];
  const hyphenated = /[\\p{L}\\p{N}]+(?:[-\\u2010\\u2011][\\p{L}\\p{N}]+)+/gu;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent) continue;
    const box = parent.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden on purpose
    for (const match of node.data.matchAll(hyphenated)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
      if (rects.some(r => Math.abs(r.top - rects[0].top) > r.height / 2)) {
        const place = parent.closest("[data-title], section[id], aside, nav, header, footer");
        const named = place ? (place.dataset.title || place.id || place.tagName.toLowerCase())
                            : "the page";
        out.push("'" + match[0] + "' in " + named);
      }
    }
  }
  return out;
}
"""


def check_hyphens_kept(page: Any, where: str, output: str) -> list[RuleResult]:
    """Return ``easy-read/hyphens-kept``: passed when, at 320 CSS px and at the desktop width,
    no hyphenated word of the page is broken across lines. Leaves the page at the desktop
    width."""
    broken: list[str] = []
    for viewport in (NARROW, DESKTOP):
        page.set_viewport_size(viewport)
        broken += [f"{word} at {viewport['width']} px" for word in page.evaluate(_BROKEN_JS)]
    page.set_viewport_size(DESKTOP)
    if broken:
        return [RuleResult(RULE, where, False, f"{output}: {len(broken)} hyphenated word(s) "
                           f"broken across lines at the hyphen: {some(broken)}")]
    return [RuleResult(RULE, where, True, f"{output}: no hyphenated word is broken across "
                       f"lines, at {NARROW['width']} or {DESKTOP['width']} CSS px")]
