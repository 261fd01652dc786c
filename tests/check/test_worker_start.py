"""How worker processes are started (formats/check/worker_start.py): forked by the building
process by default; by a fork server of one thread while the live preview runs."""

from __future__ import annotations

import os
import sys

from formats.check.worker_start import worker_pool, workers_started_by


def test_workers_are_forked_by_this_process_by_default() -> None:
    with worker_pool(1) as pool:
        assert pool.submit(os.getppid).result(timeout=60) == os.getpid()


def test_a_fork_server_forks_the_workers_with_its_modules_imported() -> None:
    with workers_started_by("forkserver", ["formats.check.pipeline"]), worker_pool(1) as pool:
        parent = pool.submit(os.getppid).result(timeout=60)
        imported = pool.submit(_imported, "formats.check.pipeline").result(timeout=60)
    assert parent != os.getpid()  # the fork server's child, not this process's
    assert imported
    with worker_pool(1) as pool:  # after the block, forked again
        assert pool.submit(os.getppid).result(timeout=60) == os.getpid()


def _imported(name: str) -> bool:
    return name in sys.modules
