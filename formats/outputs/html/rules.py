"""Web conformance rules: what a browser finds when it opens a built web page.

The page is opened from its file (``file://``) in headless Chromium driven by Playwright, and
checked as the project's accessibility rules ask for a web page (WCAG 2.2 AA):

- ``web/axe``: axe-core with the tags wcag2a, wcag2aa, wcag21aa, wcag22aa and best-practice, at a
  desktop width and at 320 CSS px; one failed ``web/axe/<id>`` result per violated axe rule;
- ``web/reflow-320``: at 320 CSS px wide the page does not scroll sideways;
- ``web/words-whole-320``: at 320 CSS px wide no word of a table cell, caption or heading is
  broken across lines (each word's DOM range lies on one line);
- ``web/text-spacing``: with line height 1.5, paragraph spacing 2em, letter spacing 0.12em and
  word spacing 0.16em forced on every element, no element cuts off its content and the page
  still does not scroll sideways at 320 CSS px;
- ``web/lang``, ``web/title``, ``web/skip-link``, ``web/landmarks``, ``web/other-formats``: the
  page says its language, has a title, a skip link to the main content, the header, navigation,
  main and footer landmarks, and a statement about other formats;
- ``web/link-names``: no two links named alike go to different places
  (:mod:`formats.outputs.html.link_name_rules`).

When Chromium or Playwright is missing, the result is one failed ``web/chromium`` rule: a web
page is never passed unchecked.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from formats.core.contract import RuleResult
from formats.core.names import some
from formats.outputs.html.browser import (  # noqa: F401 (run_checks and browser_session: here too)
    CHROMIUM,
    DESKTOP,
    Check,
    Page,
    browser_session,
    run_checks,
)
from formats.outputs.html.form_rules import check_form_answers, check_form_boxes_named
from formats.outputs.html.link_name_rules import check_link_names

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
NARROW = {"width": 320, "height": 640}

# WCAG 2.2 success criterion 1.4.12: the values a reader may force without losing content.
TEXT_SPACING_CSS = """
*, *::before, *::after {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""

OTHER_FORMATS = re.compile(r"\b(other|another|alternative|accessible|different)\s+formats?\b",
                           re.I)
FORMAT_NAMES = re.compile(r"\b(large print|easy read|audio|braille|BSL|British Sign Language)\b",
                          re.I)


# ---------------------------------------------------------------------------------------------
# JavaScript run in the page

_SELECTOR_JS = """
  const selectorOf = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      s += '.' + el.className.trim().split(/\\s+/).join('.');
    return s;
  };
"""

_WIDEST_JS = """
(limit) => {""" + _SELECTOR_JS + """
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > limit + 0.5 && r.width > 0 && r.height > 0) {
      const childOver = Array.from(el.children).some(
        c => c.getBoundingClientRect().right > limit + 0.5);
      if (!childOver) out.push(selectorOf(el) + ' (right edge at ' + Math.round(r.right) + ' px)');
    }
  }
  return out;
}
"""

_CLIPPED_JS = """
() => {""" + _SELECTOR_JS + """
  const cut = new Set(['hidden', 'clip']);
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    const cutX = cut.has(cs.overflowX), cutY = cut.has(cs.overflowY);
    if (!cutX && !cutY) continue;
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;  // visually hidden on purpose
    if (cs.clip.startsWith('rect(0') || cs.clipPath === 'inset(50%)') continue;
    const overX = cutX && el.scrollWidth > el.clientWidth + 1;
    const overY = cutY && el.scrollHeight > el.clientHeight + 1;
    if (overX || overY) {
      out.push(selectorOf(el) + ' (content ' + el.scrollWidth + 'x' + el.scrollHeight +
               ' px in a box of ' + el.clientWidth + 'x' + el.clientHeight + ' px)');
    }
  }
  return out;
}
"""

# Every word (letters and digits; a hyphen or a space ends it) of the text of table cells,
# captions and headings whose DOM range spans more than one line. Visually hidden text is left
# out: it is one pixel wide on purpose.
_BROKEN_WORDS_JS = """
() => {""" + _SELECTOR_JS + """
  const out = [];
  const hidden = (el) => {
    const r = el.getBoundingClientRect();
    return r.width <= 1 || r.height <= 1;
  };
  const placeOf = (el) => {
    const table = el.closest('table');
    const caption = table && table.caption ? table.caption.textContent.trim() : '';
    return caption ? selectorOf(el) + " of the table '" + caption + "'" : selectorOf(el);
  };
  for (const el of document.querySelectorAll('td, th, caption, h1, h2, h3, h4, h5, h6')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement || hidden(node.parentElement)) continue;
      for (const match of node.data.matchAll(/[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}'\u2019]*/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
        const lines = rects.filter(r => Math.abs(r.top - rects[0].top) > r.height / 2);
        if (lines.length) out.push("'" + match[0] + "' in " + placeOf(el));
      }
    }
  }
  return out;
}
"""

_FIRST_FOCUSABLE_JS = """
() => {
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
  for (const el of document.querySelectorAll(focusable)) {
    if (el.tabIndex < 0 || el.disabled) continue;
    const href = el.tagName === 'A' ? el.getAttribute('href') : null;
    let target = null, inMain = false;
    if (href && href.startsWith('#') && href.length > 1) {
      target = document.getElementById(decodeURIComponent(href.slice(1)));
      const main = document.querySelector('main, [role=main]');
      inMain = !!(target && main &&
                  (target === main || main.contains(target) || target.contains(main)));
    }
    return {tag: el.tagName.toLowerCase(), href: href, text: el.textContent.trim(),
            targetExists: !!target, reachesMain: inMain};
  }
  return null;
}
"""

_LANDMARKS = {
    "header": "header, [role=banner]",
    "nav": "nav, [role=navigation]",
    "main": "main, [role=main]",
    "footer": "footer, [role=contentinfo]",
}

# ---------------------------------------------------------------------------------------------
# The public functions


def web_rules(html_file: Path, output: str, chromium: Path = CHROMIUM) -> list[RuleResult]:
    """Return the results of every web rule on ``html_file`` (a page of the output ``output``).

    Returns one failed ``web/chromium`` result when Chromium or Playwright is missing or the
    browser cannot open the page; never raises for a broken page.
    """
    return run_checks(html_file, output, PUBLICATION_CHECKS, chromium)




# ---------------------------------------------------------------------------------------------
# The checks


def check_axe(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return one failed ``web/axe/<id>`` per axe rule violated at the desktop width or at
    320 CSS px, or one passing ``web/axe``. Leaves the page at the desktop width."""
    violations: dict[str, dict[str, Any]] = {}
    for viewport in (DESKTOP, NARROW):
        page.set_viewport_size(viewport)
        for violation in _axe_violations(page):
            known = violations.setdefault(violation["id"], {**violation, "nodes": []})
            seen = {tuple(node["target"]) for node in known["nodes"]}
            known["nodes"].extend(node for node in violation["nodes"]
                                  if tuple(node["target"]) not in seen)
    page.set_viewport_size(DESKTOP)
    if not violations:
        return [RuleResult("web/axe", where, True,
                           f"{output}: 0 axe-core violations ({', '.join(AXE_TAGS)})")]
    return [RuleResult(f"web/axe/{rule_id}", where, False,
                       f"{output}: {_violation_message(violation)}")
            for rule_id, violation in sorted(violations.items())]


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    """Return axe-core's violations on the page as it is now (every page the browser opens
    has axe in it: :mod:`formats.outputs.html.browser`; only the violations are gathered in
    full and sent back: axe finds the same ones)."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return list(page.evaluate("options => axe.run(document, options).then(r => r.violations)",
                              options))


def _violation_message(violation: dict[str, Any]) -> str:
    """Return an axe violation as one line: what is wrong, how many elements, the first ones."""
    nodes = violation["nodes"]
    targets = [" ".join(str(part) for part in node["target"]) for node in nodes]
    impact = f" [{violation['impact']}]" if violation.get("impact") else ""
    return (f"{violation['help']}{impact}: {len(nodes)} element(s): {some(targets, ', ')} "
            f"({violation['helpUrl']})")


def check_reflow(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/reflow-320``: passed when the page does not scroll sideways at 320 CSS px."""
    page.set_viewport_size(NARROW)
    overflow = _sideways_overflow(page)
    page.set_viewport_size(DESKTOP)
    if overflow:
        return [RuleResult("web/reflow-320", where, False,
                           f"{output} scrolls sideways at 320 CSS px: {overflow}")]
    return [RuleResult("web/reflow-320", where, True,
                       f"{output} fits 320 CSS px without scrolling sideways")]


def check_words_whole(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/words-whole-320``: passed when, at 320 CSS px, no word in a table cell, a
    caption or a heading is broken across lines (measured with DOM ranges)."""
    page.set_viewport_size(NARROW)
    broken = page.evaluate(_BROKEN_WORDS_JS)
    page.set_viewport_size(DESKTOP)
    if broken:
        return [RuleResult("web/words-whole-320", where, False,
                           f"{output} breaks {len(broken)} word(s) across lines at 320 CSS px: "
                           f"{some(broken, ', ')}")]
    return [RuleResult("web/words-whole-320", where, True, f"{output} breaks no word of a table "
                       "or heading across lines at 320 CSS px")]


def _sideways_overflow(page: Page) -> str:
    """Return how the page, at its current viewport, is wider than 320 CSS px, or ''."""
    width = int(page.evaluate("document.documentElement.scrollWidth"))
    limit = NARROW["width"]
    if width <= limit:
        return ""
    widest = page.evaluate(_WIDEST_JS, limit)
    return f"the page is {width} px wide; too wide: {some(widest, ', ') or 'the page itself'}"


def check_text_spacing(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/text-spacing``: passed when forced text spacing cuts nothing off (at the
    desktop width and at 320 CSS px) and the page still fits 320 CSS px. Leaves the spacing on."""
    page.add_style_tag(content=TEXT_SPACING_CSS)
    clipped: list[str] = []
    for viewport in (DESKTOP, NARROW):
        page.set_viewport_size(viewport)
        clipped.extend(f"{item} at {viewport['width']} px" for item in page.evaluate(_CLIPPED_JS))
    overflow = _sideways_overflow(page)
    page.set_viewport_size(DESKTOP)
    found = ([f"text is cut off: {some(clipped, '; ')}"] if clipped else []) + (
        [f"it scrolls sideways at 320 CSS px: {overflow}"] if overflow else [])
    if found:
        return [RuleResult("web/text-spacing", where, False,
                           f"{output} loses content with increased text spacing: "
                           + "; and ".join(found))]
    return [RuleResult("web/text-spacing", where, True,
                       f"{output} loses nothing with increased text spacing (line height 1.5, "
                       "paragraph spacing 2em, letter 0.12em, word 0.16em)")]


def check_lang(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/lang``: passed when ``<html lang>`` is set."""
    lang = (page.evaluate("document.documentElement.getAttribute('lang')") or "").strip()
    if lang:
        return [RuleResult("web/lang", where, True, f"{output} says its language: lang=\"{lang}\"")]
    return [RuleResult("web/lang", where, False,
                       f"{output} does not say its language: <html> has no lang attribute")]


def check_title(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/title``: passed when the page has a non-empty ``<title>``."""
    title = page.title().strip()
    if title:
        return [RuleResult("web/title", where, True, f"{output} has the title \"{title}\"")]
    return [RuleResult("web/title", where, False, f"{output} has no <title>")]


def check_skip_link(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/skip-link``: passed when the first thing a keyboard reaches is a link to the
    main content (an element that is, holds or is inside ``<main>``)."""
    first = page.evaluate(_FIRST_FOCUSABLE_JS)
    if first is None:
        return [RuleResult("web/skip-link", where, False,
                           f"{output} has no skip link: nothing on the page takes the keyboard")]
    if first["href"] is None or not first["href"].startswith("#"):
        return [RuleResult("web/skip-link", where, False,
                           f"{output} has no skip link: the first thing the keyboard reaches is "
                           f"<{first['tag']}> \"{first['text'][:60]}\"")]
    if not first["targetExists"]:
        return [RuleResult("web/skip-link", where, False,
                           f"{output}: the skip link \"{first['text']}\" points to "
                           f"{first['href']}, which is not on the page")]
    if not first["reachesMain"]:
        return [RuleResult("web/skip-link", where, False,
                           f"{output}: the first link \"{first['text']}\" goes to "
                           f"{first['href']}, not to the main content")]
    return [RuleResult("web/skip-link", where, True,
                       f"{output} starts with the skip link \"{first['text']}\" to "
                       f"{first['href']}")]


def check_landmarks(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/landmarks``: passed when the header, nav, main and footer landmarks exist."""
    missing = [name for name, selector in _LANDMARKS.items()
               if not page.evaluate("(s) => !!document.querySelector(s)", selector)]
    if missing:
        return [RuleResult("web/landmarks", where, False,
                           f"{output} has no {', '.join(missing)} landmark(s)")]
    return [RuleResult("web/landmarks", where, True,
                       f"{output} has the {', '.join(_LANDMARKS)} landmarks")]


def check_other_formats(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/other-formats``: passed when the page says how to get other formats (see
    :func:`other_formats_statement`)."""
    said = other_formats_statement(str(page.evaluate(
        "document.body ? document.body.innerText : ''")))
    if said:
        return [RuleResult("web/other-formats", where, True,
                           f"{output} has a statement about other formats ({said})")]
    return [RuleResult("web/other-formats", where, False,
                       f"{output} does not say how to get other formats (large print, Easy Read, "
                       "audio, BSL)")]


def other_formats_statement(text: str) -> str:
    """Return what in ``text`` tells the reader about other formats, or '' when nothing does.

    A statement speaks of "other", "another", "alternative", "accessible" or "different"
    format(s), or names at least two of large print, Easy Read, audio, braille and BSL.
    """
    text = " ".join(text.split())
    phrase = OTHER_FORMATS.search(text)
    if phrase:
        return f"\"{phrase.group(0)}\""
    named = sorted({match.group(0).lower() for match in FORMAT_NAMES.finditer(text)})
    return ", ".join(named) if len(named) >= 2 else ""


PUBLICATION_CHECKS: tuple[Check, ...] = (
    check_axe, check_reflow, check_words_whole, check_text_spacing, check_lang, check_title,
    check_skip_link, check_landmarks, check_other_formats, check_form_answers,
    check_form_boxes_named, check_link_names,
)
# Any page (a report, a help page): the publication checks but whole words and other formats.
PAGE_CHECKS: tuple[Check, ...] = tuple(check for check in PUBLICATION_CHECKS
                                       if check not in (check_words_whole, check_other_formats))
