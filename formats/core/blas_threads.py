"""One OpenBLAS thread for each process that does matrix products on audio.

The build and the check already run a process a processor; OpenBLAS's own threads only wait
for each other there, spinning, and take processor time from the other processes (measured on
the check's true-peak products: 37 s of processor time for the bundled toolkit's files, 13 s
in one thread, in the same time).
"""

from __future__ import annotations

import functools


@functools.cache
def one_blas_thread() -> None:
    """Make OpenBLAS use one thread in this process, for good (done once a process)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
