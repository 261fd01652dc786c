"""A worker hands the memory it freed back to the system."""

from __future__ import annotations

import gc
import platform
import weakref

from formats.core import free_memory


def test_glibc_is_asked_to_trim_the_heap() -> None:
    if platform.libc_ver()[0] == "glibc":
        assert free_memory._trim() is not None
    free_memory.give_back_free_memory()  # never raises, with or without glibc


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_large_job_runs_with_the_collector_paused_and_its_cycles_are_collected_after() -> None:
    assert gc.isenabled()
    with free_memory.garbage_collected_at_the_end():
        assert not gc.isenabled()
        cycle = weakref.ref(_Cycle())
        for _ in range(5000):  # more new objects than start a collection
            _Cycle()
        assert cycle() is not None  # nothing collected it while the block ran
    assert gc.isenabled()
    assert cycle() is None


def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with free_memory.garbage_collected_at_the_end():
            cycle = weakref.ref(_Cycle())
        assert not gc.isenabled()
        assert cycle() is not None
    finally:
        gc.enable()
