"""A stretch of work in which readers may keep what they parsed of a file for the next reader.

The check reads an edition back and runs its rules on the same files, one after the other, in
one thread: the PDF readers then share one parse of each file (pypdf reads a tagged PDF's whole
structure tree first). Outside such a stretch (and in another thread) nothing is kept, so that a
build's worker does not carry a parsed PDF into its next edition, beside LibreOffice or the
speech workers.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_stretches = itertools.count(1)


class _Open(threading.local):
    """The number of the stretch open in this thread, if one is."""

    number: int | None = None


_open = _Open()


@contextmanager
def reading_together() -> Iterator[int]:
    """Open a stretch in which this thread's readers may share what they parsed (nested: the
    outer one counts); yield its number."""
    outer = _open.number
    number = outer if outer is not None else next(_stretches)
    _open.number = number
    try:
        yield number
    finally:
        _open.number = outer


def current_stretch() -> int | None:
    """Return the number of the stretch open in this thread, or None when none is."""
    return _open.number
