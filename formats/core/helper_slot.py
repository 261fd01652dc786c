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

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_POLL_S = 0.05  # how often a helper that may give up looks at the slot again
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
    held). Outside a build, where the lock file cannot be opened or where there are no file
    locks (Windows), hold nothing and yield True."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    try:
        lock = os.open(_SLOT[-1], os.O_RDWR | os.O_CREAT, 0o600) if _SLOT else None
    except OSError:
        lock = None
    if lock is None:
        yield True
        return
    try:
        yield _wait_for(lock, fcntl, give_up)
    finally:
        os.close(lock)  # closing the file lets the lock go


def _wait_for(lock: int, fcntl: Any, give_up: threading.Event | None) -> bool:
    """Return True once ``lock`` is held, False when ``give_up`` is set first."""
    if give_up is None:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return True
    while not give_up.is_set():
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            give_up.wait(_POLL_S)
    return False
