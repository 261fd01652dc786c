"""The special symbols a BRF file of this project may use, how each is found, what it means.

The transcriber's notes page lists every symbol of :data:`SYMBOLS` that the body of the file
uses, each shown at the start of a line and followed by what it means; the rule
``braille/transcriber-note`` checks that every symbol used is listed. The emphasis and note
indicators are also what the reader takes out of the text before back-translating it (they
carry no words, and liblouis back-translates some of them as stray digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from formats.outputs.brf.geometry import BOX_LINE, CONTINUATION, PRINT_PAGE_CHANGE


@dataclass(frozen=True)
class Symbol:
    """A special symbol: its cells as the notes page shows them, its meaning in print words,
    and a pattern that finds it in a line of the body."""

    cells: str
    meaning: str
    pattern: re.Pattern[str]


def _sign(cells: str) -> re.Pattern[str]:
    return re.compile(re.escape(cells))


_EMPHASES = (("^", "bold"), (".", "italic"), ("_", "underlined"))
_INDICATOR_KINDS = (("2", "symbol indicator: the next letter is {}"),
                    ("1", "word indicator: the next word is {}"),
                    ("7", "passage indicator: {} text starts"),
                    ("'", "terminator: {} text ends"))

SYMBOLS: tuple[Symbol, ...] = (
    *(Symbol(prefix + sign, f"{name} {meaning.format(name)}", _sign(prefix + sign))
      for prefix, name in _EMPHASES for sign, meaning in _INDICATOR_KINDS),
    Symbol("@.<", "opening transcriber's note indicator", _sign("@.<")),
    Symbol("@.>", "closing transcriber's note indicator", _sign("@.>")),
    Symbol("7777777", "box line: a full line of these opens and closes a box (an activity, "
           "a checklist or a quiz)", BOX_LINE),
    Symbol("-------", "print page change indicator: a line of these ends with the number of "
           "the print page that starts there", PRINT_PAGE_CHANGE),
    Symbol(CONTINUATION, "at the end of a line: the word goes on at the start of the next "
           "line", re.compile(r"\S" + re.escape(CONTINUATION) + "$")),
)

# Emphasis and transcriber's note indicators, which the reader removes before back-translating.
INDICATORS = re.compile(r"[\^._][127']|@\.[<>]")


def symbols_used(lines: list[str]) -> list[Symbol]:
    """Return the symbols of :data:`SYMBOLS` that occur in ``lines``, in catalogue order."""
    stripped = [line.strip() for line in lines]
    return [symbol for symbol in SYMBOLS
            if any(symbol.pattern.search(line) for line in stripped)]
