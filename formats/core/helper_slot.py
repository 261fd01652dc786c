"""The build's slot for memory-hungry helper programs: LibreOffice or the speech workers.

An edition may start programs beside its own process: LibreOffice to lay a Word file out
(about 200 MB), the speech workers of the audio edition (about 200 MB each). Started together
by editions built side by side, they only compete for the same cores and add up their memory.
So, during a build, each holds the build's helper slot while it runs: a lock file that the
pipeline names for its worker processes (:func:`slot_file`). The speech workers hold it alone;
LibreOffice runs share it with each other (an edit rebuilds two Word files, each laid out in a
second or two, and nothing else). Outside a build (an edition rendered on its own, a test)
there is no slot and nothing waits.
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
def helper_slot(give_up: threading.Event | None = None, *, shared: bool = False
                ) -> Iterator[bool]:
    """Hold the build's helper slot while the block runs (``shared``: with other shared
    holders), waiting for it while a holder it cannot share with has it; yield True, or False
    when ``give_up`` was set while waiting (the slot is then not held). Outside a build, where
    the lock file cannot be opened or where there are no file locks (Windows), hold nothing
    and yield True."""
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
        yield _wait_for(lock, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, fcntl, give_up)
    finally:
        os.close(lock)  # closing the file lets the lock go


def _wait_for(lock: int, kind: int, fcntl: Any, give_up: threading.Event | None) -> bool:
    """Return True once ``lock`` is held (``kind``: shared or exclusive), False when
    ``give_up`` is set first."""
    if give_up is None:
        fcntl.flock(lock, kind)
        return True
    while not give_up.is_set():
        try:
            fcntl.flock(lock, kind | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            give_up.wait(_POLL_S)
    return False
