"""A worker hands the memory it freed back to the system."""

from __future__ import annotations

import gc
import platform
import subprocess
import sys
import weakref

from formats.core import free_memory
from tests.conftest import ROOT


def test_glibc_is_asked_to_trim_the_heap() -> None:
    if platform.libc_ver()[0] == "glibc":
        assert free_memory._glibc("malloc_trim") is not None
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


HEAP_AFTER_A_LARGE_BLOCK = """
import sys
from formats.core.free_memory import keep_the_heap_small
if sys.argv[1] == "kept-small":
    keep_the_heap_small()
large = bytearray(24 << 20)  # mapped on its own, then unmapped
del large
blocks = [bytearray(1 << 20) for _ in range(24)]  # 24 MB more, in blocks of 1 MB
del blocks
with open("/proc/self/statm") as statm:
    print(int(statm.read().split()[1]) * 4096 >> 20)
"""


def resident_mb_after_large_blocks(how: str) -> int:
    done = subprocess.run([sys.executable, "-c", HEAP_AFTER_A_LARGE_BLOCK, how], check=True,
                          capture_output=True, text=True, cwd=ROOT)
    return int(done.stdout)


def test_a_process_that_freed_a_large_block_gives_smaller_ones_back_too() -> None:
    if platform.libc_ver()[0] != "glibc":
        free_memory.keep_the_heap_small()  # does nothing, and never raises
        return
    assert free_memory._glibc("mallopt") is not None
    # glibc alone keeps the 1 MB blocks' heap once a 24 MB block was freed; kept small, not
    assert resident_mb_after_large_blocks("kept-small") + 16 < resident_mb_after_large_blocks(
        "as-glibc-does")


_HUGE_PAGES_AFTER_THE_COMMAND_LINE = (
    "import subprocess, sys, build, numpy; build.main(['list']); "
    "print(numpy._core.multiarray._get_madvise_hugepage()); "
    "subprocess.run([sys.executable, '-c', "
    "'import numpy; print(numpy._core.multiarray._get_madvise_hugepage())'], check=True)")


def _huge_pages_in_a_build_process(environment: dict[str, str]) -> list[str]:
    """Return what numpy says of huge pages in a process that imported numpy, then ran
    ``build.py list``, and in a process that one started after."""
    done = subprocess.run([sys.executable, "-c", _HUGE_PAGES_AFTER_THE_COMMAND_LINE],
                          cwd=ROOT, env=environment, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip().splitlines()[-2:]


def test_the_command_line_has_numpy_use_small_pages_and_keeps_a_users_choice() -> None:
    import os

    plain = {key: value for key, value in os.environ.items()
             if key != free_memory.NUMPY_HUGEPAGE}
    assert _huge_pages_in_a_build_process(plain) == ["False", "False"]
    assert _huge_pages_in_a_build_process({**plain, free_memory.NUMPY_HUGEPAGE: "1"}) == [
        "True", "True"]
