"""Starting a program that a test then stops with Ctrl-C (SIGINT)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ctrl_c_heard() -> Iterator[None]:
    """While the block runs, programs started get SIGINT's default action.

    A test run started where Ctrl-C is ignored (a shell's background job without job control)
    passes that on to every program it starts, which then rightly ignores the test's Ctrl-C,
    as a user's ``nohup`` or ``&`` would want. A handler of this process's own is not passed
    on: the program starts with the default. (Called in the main thread, as pytest runs tests.)
    """
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
