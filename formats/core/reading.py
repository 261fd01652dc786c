"""A stretch of work in which readers may keep what they parsed of a file for the next reader.

The check reads an edition back and runs its rules on the same files, one after the other, in
one process: the PDF readers then share one parse of each file (pypdf reads a tagged PDF's whole
structure tree first). Outside such a stretch nothing is kept, so that a build's worker does
not carry a parsed PDF into its next edition, beside LibreOffice or the speech workers.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

_stretches = itertools.count(1)
_current: list[int | None] = [None]  # the stretch open now


@contextmanager
def reading_together() -> Iterator[int]:
    """Open a stretch in which readers may share what they parsed (nested: the outer one
    counts); yield its number."""
    outer = _current[0]
    if outer is None:
        _current[0] = next(_stretches)
    try:
        yield _current[0] or 0
    finally:
        if outer is None:
            _current[0] = None


def current_stretch() -> int | None:
    """Return the number of the stretch open now, or None when none is."""
    return _current[0]
