"""A stretch of work in which readers may keep what they parsed of a file for the next reader.

The check reads an edition back and runs its rules on the same files, one after the other, in
one thread: the PDF readers then share one parse of each file (pypdf reads a tagged PDF's whole
structure tree first). Outside such a stretch (and in another thread) nothing is kept, so that a
build's worker does not carry a parsed PDF into its next edition, beside LibreOffice or the
speech workers.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

KEPT = 8  # what was parsed of the last few files (a large-print PDF's pypdf reader: 20 MB)
T = TypeVar("T")

_stretches = itertools.count(1)


class _Open(threading.local):
    """The number of the stretch open in this thread, if one is."""

    number: int | None = None


_open = _Open()


@contextmanager
def reading_together() -> Iterator[int]:
    """Open a stretch in which this thread's readers may share what they parsed (nested: the
    outer one counts); yield its number. What the stretch kept is let go when it ends (a
    build's worker may render its next edition in the same process)."""
    outer = _open.number
    number = outer if outer is not None else next(_stretches)
    _open.number = number
    try:
        yield number
    finally:
        _open.number = outer
        if outer is None and _kept.stretch == number:
            _kept.stretch, _kept.parsed = None, OrderedDict()


def current_stretch() -> int | None:
    """Return the number of the stretch open in this thread, or None when none is."""
    return _open.number


class _Kept(threading.local):
    """What this thread's readers parsed in its stretch, by what and by the file's bytes."""

    stretch: int | None = None
    parsed: OrderedDict[tuple[str, str], Any]

    def __init__(self) -> None:
        self.parsed = OrderedDict()


_kept = _Kept()


def parsed_once(kind: str, path: Path, parse: Callable[[Path, bytes], T],
                data: bytes | None = None) -> T:
    """Return ``parse(path, its bytes)``: within a stretch of reading together, what an earlier
    call in it returned for the same ``kind`` and the same bytes (a file written again is
    parsed again, however quickly it changed); outside one, parsed anew each time. ``data``
    are the file's bytes when the caller has read them already. Raises OSError when the file
    cannot be read, and what ``parse`` raises. Callers only read what they are given."""
    data = path.read_bytes() if data is None else data
    stretch = current_stretch()
    if _kept.stretch != stretch:  # what an earlier stretch kept is let go
        _kept.stretch, _kept.parsed = stretch, OrderedDict()
    if stretch is None:
        return parse(path, data)
    key = (kind, hashlib.sha256(data).hexdigest())
    if key in _kept.parsed:
        _kept.parsed.move_to_end(key)
        found: T = _kept.parsed[key]
        return found
    made = _kept.parsed[key] = parse(path, data)
    while len(_kept.parsed) > KEPT:
        _kept.parsed.popitem(last=False)
    return made
