"""Give the memory a finished job freed back to the system, where the C library allows it;
and collect a large job's garbage once, at its end.

A worker process that built an edition (or spoke a section) has freed its arrays, but glibc
keeps the freed heap for later, so the process still holds its highest need while it waits
for, or does, a smaller job: beside LibreOffice or another worker, that memory is counted
twice. ``malloc_trim`` hands the free pages back.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache


@cache
def _trim() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    """Return glibc's ``malloc_trim``, or None where there is no such function."""
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the interpreter is linked with
    except (OSError, AttributeError, TypeError):  # not glibc; Windows has no CDLL(None)
        return None


def give_back_free_memory() -> None:
    """Collect garbage, then hand the process's free heap back to the system (glibc only;
    elsewhere, only the collection)."""
    gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)


@contextmanager
def garbage_collected_at_the_end() -> Iterator[None]:
    """Run the block with Python's cycle collector paused, then collect what the block left,
    once (the collector stays off if it was off).

    Laying out a long document makes millions of objects that live until it is written: the
    collector, run every 700 new objects, went over them again and again (about a tenth of a
    large-print PDF's time). Paused, everything the block makes stays in the youngest
    generation, and one collection of that generation alone finds the block's cycles, so the
    memory they held is free again before the next document (as much as with the collector
    running: measured on the large-print and Easy Read editions)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)
