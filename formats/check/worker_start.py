"""How the build's and the check's worker processes are started.

By default they are forked from the process that builds (the system's way on Linux: quick, and
the model is not imported again). The live preview (``build.py serve``) builds while other
threads of its process write pages and answer requests; a process forked while another thread
holds a lock (a template cache's, an output stream's) would wait for it for ever. So the
preview has its workers started by a fork server (:func:`workers_started_by`): a process of one
thread, started once, that forks each worker with the modules named already imported.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.context import BaseContext

_METHODS: list[BaseContext] = []  # the way chosen while a block of workers_started_by runs


@contextmanager
def workers_started_by(method: str, preload: Sequence[str] = ()) -> Iterator[None]:
    """Start the worker processes by ``method`` (``"forkserver"``, ``"spawn"``, ``"fork"``)
    while the block runs; a fork server imports the modules of ``preload`` before it forks.
    Raises ValueError when the system has no such method."""
    context = multiprocessing.get_context(method)
    if method == "forkserver" and preload:
        context.set_forkserver_preload(list(preload))
    _METHODS.append(context)
    try:
        yield
    finally:
        _METHODS.remove(context)


def worker_pool(count: int) -> ProcessPoolExecutor:
    """Return a pool of ``count`` worker processes, started the way chosen (forked by
    default)."""
    return ProcessPoolExecutor(max_workers=count,
                               mp_context=_METHODS[-1] if _METHODS else None)
