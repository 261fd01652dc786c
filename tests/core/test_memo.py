"""The check's memory of what readers measured: remembered by the files' bytes and place, and
measured once when two processes ask at the same moment."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from formats.core import caches, memo
from formats.core.contract import ReadBack, RuleResult
from formats.core.memo import remembered_results


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TOOLKIT_CACHE", str(folder))
    return folder


def measured(count: list[int], path: Path) -> list[RuleResult]:
    count.append(1)
    return [RuleResult("x/size", str(path), True, f"{path.stat().st_size} bytes")]


def test_a_measurement_is_remembered_until_the_bytes_change(tmp_path: Path) -> None:
    path, count = tmp_path / "a.txt", list[int]()
    path.write_text("one", encoding="utf-8")
    first = remembered_results("test", [path], "s", lambda: measured(count, path))
    again = remembered_results("test", [path], "s", lambda: measured(count, path))
    assert (first, again, len(count)) == (again, first, 1)
    path.write_text("three", encoding="utf-8")
    changed = remembered_results("test", [path], "s", lambda: measured(count, path))
    assert (changed[0].message, len(count)) == ("5 bytes", 2)
    remembered_results("test", [path], "other settings", lambda: measured(count, path))
    assert len(count) == 3


def _slow_measure(path: Path, log: Path) -> None:
    def measure() -> list[RuleResult]:
        with log.open("a", encoding="utf-8") as out:
            out.write("measured\n")
        time.sleep(0.5)
        return [RuleResult("x/slow", str(path), True, "slow")]

    remembered_results("test", [path], "s", measure)


def test_two_processes_at_once_measure_the_same_files_once(tmp_path: Path) -> None:
    path, log = tmp_path / "a.txt", tmp_path / "log.txt"
    path.write_text("one", encoding="utf-8")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_slow_measure, args=(path, log)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert log.read_text(encoding="utf-8") == "measured\n"


def test_what_a_build_remembers_is_found_and_old_entries_go(
        tmp_path: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caches, "_PRUNED", set())  # as in a new process
    old = own_cache / memo.FOLDER / "read-test" / "old.json"
    old.parent.mkdir(parents=True)
    old.write_text("[]", encoding="utf-8")
    long_ago = time.time() - (memo.MAX_AGE_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    found = [ReadBack("test/txt", {}, ())]
    memo.remember_readbacks("read-test", [path], "s", found,
                            {path: hashlib.sha256(b"one").hexdigest()})

    def read_again() -> list[ReadBack]:
        raise AssertionError("read again although the build remembered it")

    assert memo.remembered_readbacks("read-test", [path], "s", read_again) == found
    assert not old.exists()
