"""WeasyPrint's user-agent stylesheet without the rules for pseudo-elements our pages never make.

WeasyPrint's stylesheet for HTML styles six pseudo-elements of *every* element: ``::marker``
and the calls, markers and back-links of footnotes and notes (``::footnote-call``...). It then
computes a style for each of them, element by element, before laying anything out, and keeps
them until the PDF is written: for the bundled toolkit's standard PDF, 9,125 styles for 1,283
elements. Our stylesheets make no footnotes (``float: footnote``) and no notes
(``position: note()``), and only ``li`` elements are list items; so those rules are left out, and
``::marker`` is styled on ``li`` alone. Measured on the standard PDF of a toolkit ten times
longer (536 pages): its process held 570 MB at most, 526 MB now; the layout took 6 % less time;
every PDF is byte for byte the same (the styles left out were never used).

:data:`UNUSED_BY_OUR_STYLESHEETS` is what makes the rules dead; a test reads every stylesheet of
ours for it. Were WeasyPrint's stylesheet to change so that the rules are not found, its own
stylesheet is used, whole.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# What would make one of the left-out rules apply: a footnote, a note, a list item not an li.
UNUSED_BY_OUR_STYLESHEETS = re.compile(r"footnote|note\(|(?<![\w-])list-item(?![\w-])")
_LEFT_OUT = re.compile(r"^::(?:footnote-call|footnote-marker|note-call|note-marker|note-callback)"
                       r" \{[^}]*\}\n", re.MULTILINE)
# WeasyPrint's counter styles (disc, decimal...): defined once, when its own stylesheet was read
# (it refuses to have disc and decimal defined again); the lean stylesheet leaves them out.
_COUNTER_STYLES = re.compile(r"^@counter-style [^{]*\{[^}]*\}[^\n]*(?:\n|\Z)", re.MULTILINE)
_MARKER = "\n::marker {"
_LI_MARKER = "\nli::marker {"
_LEFT_OUT_COUNT = 5


@cache
def lean_stylesheet_text() -> str | None:
    """Return the text of WeasyPrint's user-agent stylesheet with the footnote and note rules
    left out and ``::marker`` on ``li`` alone, and without its counter styles (defined already:
    see _COUNTER_STYLES); None when those rules are not where expected."""
    from weasyprint.html import UA

    lean, left_out = _LEFT_OUT.subn("", UA)
    if left_out != _LEFT_OUT_COUNT or UA.count(_MARKER) != 1:
        return None
    return _COUNTER_STYLES.sub("", lean.replace(_MARKER, _LI_MARKER))


@cache
def _lean_stylesheet() -> Any:
    """Return the lean stylesheet (a WeasyPrint CSS), or None (see lean_stylesheet_text)."""
    from weasyprint import CSS
    from weasyprint.html import UA_COUNTER_STYLE

    text = lean_stylesheet_text()
    return None if text is None else CSS(string=text, counter_style=UA_COUNTER_STYLE)


def use_lean_stylesheet(page: Any) -> None:
    """Make WeasyPrint style the HTML document ``page`` with the lean user-agent stylesheet (and
    its own stylesheet for forms, where it uses one); leave it as it is when there is none."""
    from weasyprint.html import UA_FORM_STYLESHEET

    lean = _lean_stylesheet()
    if lean is None:
        return

    def stylesheets(forms: bool = False) -> list[Any]:
        return [lean, UA_FORM_STYLESHEET] if forms else [lean]

    page._ua_stylesheets = stylesheets
