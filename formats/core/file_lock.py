"""An exclusive lock on a file, held while a block runs, for processes and threads alike."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_POLL_S = 0.05  # how often a holder that may give up tries the lock again


@contextmanager
def exclusive_lock(path: Path, give_up: threading.Event | None = None) -> Iterator[bool]:
    """Hold an exclusive lock on the file ``path`` (made if missing) while the block runs,
    waiting while another process or thread holds it; yield True, or False when ``give_up``
    was set while waiting (the lock is then not held). Where the file cannot be opened, the
    block runs unlocked (True)."""
    try:
        lock = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield True
        return
    try:
        yield _wait_for(lock, give_up)
    finally:
        os.close(lock)  # closing the file lets the lock go


def _wait_for(lock: int, give_up: threading.Event | None) -> bool:
    """Return True once ``lock`` is held, False when ``give_up`` is set while it is not."""
    if give_up is None:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return True
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if give_up.wait(_POLL_S):
                return False
