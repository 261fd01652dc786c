"""Give the memory a finished job freed back to the system, where the C library allows it;
and collect a large job's garbage once, at its end.

A worker process that built an edition (or spoke a section) has freed its arrays, but glibc
keeps freed heap for later, so the process still holds its highest need while it waits for,
or does, a smaller job: beside LibreOffice or another worker, that memory is counted twice.
``malloc_trim`` hands the free pages back, and :func:`keep_the_heap_small` has glibc hand
them back as it goes.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

_M_MMAP_THRESHOLD = -3  # mallopt's parameter (glibc's malloc.h)
_MMAP_THRESHOLD = 32 << 20  # bytes: a block at least this large is mapped on its own
NUMPY_HUGEPAGE = "NUMPY_MADVISE_HUGEPAGE"  # read by numpy when it is imported


@cache
def _glibc(name: str) -> Any:
    """Return the C library's function ``name`` (glibc's ``malloc_trim``, ``mallopt``), or
    None where there is no such function."""
    try:
        return getattr(ctypes.CDLL(None), name)  # the C library the interpreter is linked with
    except (OSError, AttributeError, TypeError):  # not glibc; Windows has no CDLL(None)
        return None


def keep_the_heap_small() -> None:
    """Make this process give freed memory back to the system as it goes (glibc only).

    glibc maps a large block on its own and unmaps it when freed; but when one is freed, it
    raises that threshold to the block's size (up to 32 MB), and its heap's trimming threshold
    to twice that: a speech worker that had mastered one section (arrays of 6-50 MB) kept
    20-40 MB of freed heap, and reached 162 MB on the next section, not 143. Setting the
    threshold turns that adjustment off; blocks of 32 MB or more are still mapped on their
    own, so few pages more are mapped and zeroed again than before."""
    mallopt = _glibc("mallopt")
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)


def give_back_free_memory() -> None:
    """Collect garbage, then hand the process's free heap back to the system (glibc only;
    elsewhere, only the collection)."""
    gc.collect()
    give_back_free_heap()


def give_back_free_heap() -> None:
    """Hand the free pages of the process's heap back to the system, wherever they are in it
    (glibc only): before a large helper program starts beside this process, say."""
    trim = _glibc("malloc_trim")
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


def small_pages_for_arrays() -> None:
    """Have numpy keep large arrays in ordinary pages, in this process and in every process it
    starts (they inherit the setting); a setting of the user's own is kept.

    numpy asks Linux for huge pages (2 MB) for each array of 4 MB or more. On the virtual
    machines measured, the first use of each huge page cost the kernel far more than the pages
    it replaces: mastering a 4.8-minute section took 0.9-1.3 s the first time in a process
    (0.5-0.9 s of it in the kernel), 0.31 s with ordinary pages; a cold build of every format
    took 25.7-26.4 s against 27.8-28.0 s, with the same peak memory."""
    os.environ.setdefault(NUMPY_HUGEPAGE, "0")
    numpy = sys.modules.get("numpy")  # imported already: numpy read the setting then
    switch = getattr(getattr(getattr(numpy, "_core", None), "multiarray", None),
                     "_set_madvise_hugepage", None)
    if switch is not None:
        switch(os.environ[NUMPY_HUGEPAGE] != "0")
