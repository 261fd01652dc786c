"""Words that only make sense on paper, said the way a listener can follow them.

Until the source says what to say instead (its spoken forms), the audio edition rewrites the
phrases of print that a listener cannot act on: where something is on the page ("below", "on
the following page", "overleaf", "above"), how to mark a printed answer ("circle your answer",
"(you can tick, circle or underline)"), how text looks ("in bold letters": the source gives
the words to say instead), where to write an answer ("please tell us about it here.": the
place is a space on the paper or a box on the screen; a listener is told to say it in their
answer), and a picture word ("diagram", "chart") that introduces what the audio reads as a
table. ``PRINT_ONLY_WORD`` finds the words a transcript must never hold: the words of
``PRINT_ONLY``, and "here" ending a sentence, which points at a place on the page or a link a
listener cannot see ("Here are some tips" and "here: Inclusion Scotland's web-site" say what
they point at).
"""

from __future__ import annotations

import re
from functools import partial

PRINT_ONLY = ("page", "pages", "below", "overleaf", "circle", "tick", "ticks", "ticking",
              "underline", "in bold", "bold letters", "bold type", "in italics")
# "here" with nothing after it but the end of its sentence
_POINTING_HERE = r"here(?=[.!?](?:\s|$)|$)"
PRINT_ONLY_WORD = re.compile(rf"\b(?:{'|'.join(PRINT_ONLY)}|{_POINTING_HERE})\b", re.IGNORECASE)

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
        # "please tell us about it here." -> "... about it in your answer."
        (r"\b(tell us|write|say)((?: about (?:it|them|this|that))?) here(?=[.!?](?:\s|$)|$)",
         r"\1\2 in your answer"),
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
