"""Measuring for the benchmark: a command's wall time and the peak memory of it and its
children (sampled from /proc), medians of repeated runs, and how much faster the machine's
processors do work together than one alone."""

from __future__ import annotations

import multiprocessing
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def family(root: int) -> dict[int, int]:
    """Return ``root`` and every process below it (from /proc), each with its parent.

    Each process's threads list their children (``/proc/PID/task/TID/children``), so only the
    family is read: scanning every process of the machine, 50 times a second, took about a
    tenth of a core from the build being measured. Without those lists (a kernel built
    without them), every process is scanned."""
    listed_by_threads = Path(f"/proc/{root}/task/{root}/children").exists()
    if not listed_by_threads and Path(f"/proc/{root}").exists():
        return _family_by_scanning(root)
    found: dict[int, int] = {}
    todo = [(root, 0)]
    while todo:
        pid, parent = todo.pop()
        found[pid] = parent
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:  # it has ended
            continue
        for task in tasks:
            try:
                listed = (task / "children").read_text()
            except OSError:  # the thread has ended
                continue
            todo.extend((int(child), pid) for child in listed.split())
    return found


def _family_by_scanning(root: int) -> dict[int, int]:
    """Return what :func:`family` returns, from every process's parent (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = {}, [(root, 0)]
    while todo:
        pid, parent = todo.pop()
        found[pid] = parent
        todo.extend((child, pid) for child in children.get(pid, []))
    return found


def resident_mb(parents: dict[int, int]) -> float:
    """Return the resident memory of processes together (``parents``: each one's parent), in
    MB. A process whose memory figures are its parent's, page for page, is the parent's own
    memory seen twice: a child between its (v)fork and the program it then runs (a build starts
    espeak-ng, ffmpeg and LibreOffice so); it is not counted."""
    statm = {}
    for pid in parents:
        try:
            statm[pid] = Path(f"/proc/{pid}/statm").read_text()
        except OSError:
            continue
    total = 0
    for pid, figures in statm.items():
        if statm.get(parents[pid]) == figures:
            continue
        try:
            total += int(figures.split()[1]) * PAGE_SIZE
        except (IndexError, ValueError):
            continue
    return total / 1024 / 1024


def run(command: list[str], env: dict[str, str] | None = None,
        cwd: Path | None = None, allowed: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Run a command; return its wall time (s) and the peak memory of it and its children (MB).

    Raises RuntimeError when it exits with a code not ``allowed`` (a failed build is never
    timed as if it had built).
    """
    started = time.perf_counter()
    # as on a user's machine, Python keeps the compiled modules (a sandbox may turn that off)
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(command, env={**environment, **(env or {})}, cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, resident_mb(family(process.pid)))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    if process.returncode not in allowed:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise RuntimeError(f"{' '.join(command[:4])} failed ({process.returncode}): "
                           f"{error[-500:]}")
    if process.stderr:
        process.stderr.close()
    return seconds, peak


def median_of(repeat: int, measure: Callable[[], tuple[float, float]]) -> tuple[float, float]:
    """Return the median time and the highest peak memory of ``repeat`` measurements."""
    found = [measure() for _ in range(repeat)]
    return statistics.median(time for time, _ in found), max(memory for _, memory in found)


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Return the wall time of an action in this process (memory is not measured: 0)."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started, 0.0


def _busy(rounds: int) -> float:
    """Return how long a pure-Python loop of ``rounds`` takes (CPU only)."""
    started, total = time.perf_counter(), 0
    for number in range(rounds):
        total += number * number
    return time.perf_counter() - started


def parallel_speedup(rounds: int = 40_000_000) -> tuple[int, float]:
    """Return the processors and how much faster they do as many loops at once as one does
    alone (the processors' count when each is a whole core; less on a shared virtual
    machine). Parallel work cannot gain more than this here."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    alone = min(_busy(rounds) for _ in range(2))
    with multiprocessing.get_context("spawn").Pool(count) as pool:
        pool.map(_busy, [rounds // 20] * count)  # started (and warmed) before they are timed
        together = max(pool.map(_busy, [rounds] * count))
    return count, count * alone / together
