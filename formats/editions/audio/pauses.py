"""The silences between passages: one table, used to make the audio and to check it.

Each passage is followed by the pause of its kind; a passage that ends a block (a list, a
table, a quiz...) by at least ``PAUSES["end"]``; the last passage of a file by none (the file's
own silence follows, see :mod:`formats.editions.audio.settings`). An engine's own pauses, at
the end of a sentence or clause, last at most about half a second: every pause here is longer,
so a listener hears where a heading, a paragraph or a list item ends.
"""

from __future__ import annotations

from formats.core.passages import Passage

PAUSES: dict[str, float] = {  # seconds of silence after a passage of each kind
    "heading": 1.0,
    "paragraph": 0.75,
    "item": 0.6,
    "point": 0.6,
    "row": 0.7,
    "question": 0.75,
    "title": 0.6,
    "entry": 0.75,
    "figure": 0.75,
    "end": 0.9,  # after the last passage of a list, a table, a quiz...
}
# The Easy Read text is said more slowly, with longer pauses: after a part's heading (or the word
# list's), and after each row, word-list entry or sentence of its opening.
EASY_READ_PAUSES: dict[str, float] = {"heading": 1.5, "row": 1.0}
LONGEST_SPEECH_PAUSE_S = 0.5  # an engine's own pauses are shorter than every pause above
TOLERANCE_S = 0.06  # a measured pause may be this much shorter than the table's


def pause_after(passage: Passage) -> float:
    """Return the seconds of silence after a passage."""
    pause = PAUSES[passage.kind]
    return max(pause, PAUSES["end"]) if passage.closes else pause
