"""Words that only make sense on paper, said the way a listener can follow them.

Until the source says what to say instead (its spoken forms), the audio edition rewrites the
phrases of print that a listener cannot act on: where something is on the page ("below", "on
the following page", "overleaf", "above"), how to mark a printed answer ("circle your answer",
"(you can tick, circle or underline)"), how text looks ("in bold letters": the source gives
the words to say instead), and a picture word ("diagram", "chart") that introduces
what the audio reads as a table. ``PRINT_ONLY`` lists the words a transcript must never hold.
"""

from __future__ import annotations

import re
from functools import partial

PRINT_ONLY = ("page", "pages", "below", "overleaf", "circle", "tick", "ticks", "ticking",
              "underline", "in bold", "bold letters", "bold type", "in italics")
PRINT_ONLY_WORD = re.compile(rf"\b(?:{'|'.join(PRINT_ONLY)})\b", re.IGNORECASE)

_MARKING = r"(?:tick|circle|underline)"
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), said) for pattern, said in (
        # "(you can tick, circle or underline)": how to mark paper, nothing to say
        (rf"\s*\((?:[\w ]*?\b)?{_MARKING}(?:,? (?:or |and )?{_MARKING})*\)", ""),
        # "Circle your answer." -> "Choose your answer."
        (rf"\b{_MARKING}(?:,? (?:or |and )?{_MARKING})* (your|the|an?) (answers?|options?)\b",
         r"choose \1 \2"),
        (rf"\b{_MARKING}(?:,? (?:or |and )?{_MARKING})* (any|all|one|the ones?)\b",
         r"choose \1"),
        (r"\bon the (?:following|next) pages?\b", "coming next"),
        (r"\b(?:on )?the (?:previous|preceding) pages?\b", "earlier"),
        (r"\boverleaf\b", "coming next"),
        (r"\bbelow are\b", "here are"),
        (r"\b((?:the|these|those) (?:[\w'-]+ ){0,3}?[\w'-]+) below\b", r"\1 coming next"),
        (r"\bbelow\b", "later"),
        (r"\bon (?:this|that|the same) page\b", "here"),
        (r"\b(?:the )?pages? \d+(?:\s*(?:-|–|to)\s*\d+)?\b", "another part"),
    ))
_PICTURE_WORD = re.compile(r"\b(?:a |the )?(?:diagram|chart|figure|picture|graphic)\b",
                           re.IGNORECASE)


def adapt(text: str) -> str:
    """Return ``text`` with its print-only phrases said for a listener."""
    for pattern, said in _REWRITES:
        text = pattern.sub(partial(_keep_capital, said=said), text)
    return text


def as_table(text: str) -> str:
    """Return the words introducing a table with a picture word ("as a diagram") saying
    "as a table" instead."""
    return _PICTURE_WORD.sub(lambda match: _keep_capital(match, "a table"), text)


def _keep_capital(match: re.Match[str], said: str) -> str:
    """Return the replacement of a match, capitalised when the match started with a capital."""
    replaced = match.expand(said)
    if match.group(0)[:1].isupper() and replaced:
        return replaced[0].upper() + replaced[1:]
    return replaced
