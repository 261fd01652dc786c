"""Give the memory a finished job freed back to the system, where the C library allows it.

A worker process that built an edition (or spoke a section) has freed its arrays, but glibc
keeps the freed heap for later, so the process still holds its highest need while it waits
for, or does, a smaller job: beside LibreOffice or another worker, that memory is counted
twice. ``malloc_trim`` hands the free pages back.
"""

from __future__ import annotations

import ctypes
import gc
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
