"""The build's one slot for memory-hungry helper programs: one group of them at a time.

An edition may start programs beside its own process: LibreOffice to lay a Word file out
(about 200 MB), the speech workers of the audio edition (about 200 MB each). Started together
by editions built side by side, they only compete for the same cores and add up their memory.
So, during a build, each holds the build's helper slot while it runs: a lock file that the
pipeline names for its worker processes (:func:`slot_file`). Two LibreOffice runs take turns
too (the Word edition's and the large-print one's): measured on a toolkit ten times larger,
the printed editions' build peaked at 1365 MB with turns and 1521 MB without, and a
one-section edit took as long with turns as without. Outside a build (an edition rendered on
its own, a test) there is no slot and nothing waits.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from formats.core.file_lock import exclusive_lock

_SLOT: list[Path] = []  # the lock file of the build this process works for, when there is one


@contextmanager
def slot_file(path: Path) -> Iterator[None]:
    """Make ``path`` the lock file of the helper slot in this process while the block runs."""
    _SLOT.append(path)
    try:
        yield
    finally:
        _SLOT.remove(path)


@contextmanager
def helper_slot(give_up: threading.Event | None = None) -> Iterator[bool]:
    """Hold the build's helper slot while the block runs, waiting for it while another helper
    holds it; yield True, or False when ``give_up`` was set while waiting (the slot is then not
    held). Outside a build, or where the lock file cannot be opened, hold nothing and yield
    True."""
    if not _SLOT:
        yield True
        return
    with exclusive_lock(_SLOT[-1], give_up) as held:
        yield held
