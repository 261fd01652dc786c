"""The build pipeline: lock, skip what has not changed, render in parallel, read back, publish.

Every edition has a cache key: the fingerprint of the parts of the model it renders, the code
and templates, and its settings (:meth:`Edition.cache_parts`). The output folder's manifest
records each edition's key; an edition whose key has not changed and whose files are still
there, unchanged, is kept as it is, with no rendering and no read-back (``cache=False`` builds
everything again); its record then takes the new source hash, as what it renders is the same
(the Easy Read edition is kept when a chapter is edited, the printed ones when the Easy Read
text is). The others are rendered in parallel worker processes (an edition that
needs another waits for it, and one whose memory estimate does not fit beside those running
waits for memory: :mod:`formats.check.memory_budget`), each into a staging copy of the output
folder (see :mod:`formats.check.output_folder`) and read back by its independent readers for
the manifest's list of sections per file. Only when every edition succeeded is the staging copy
swapped in, so that a failure, Ctrl-C or a killed build leaves the output folder as it was.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formats.check import memory_budget, output_folder
from formats.check.manifest import MANIFEST, edition_record, read_manifest, sha256, write_manifest
from formats.check.worker_start import worker_pool
from formats.core.contract import ReadBack
from formats.core.free_memory import (
    garbage_collected_at_the_end,
    give_back_free_memory,
    keep_the_heap_small,
)
from formats.core.hashing import code_version, fingerprint
from formats.core.helper_slot import slot_file
from formats.core.memo import remember_readbacks
from formats.core.model import Document
from formats.core.reading import reading_together
from formats.registry import edition, in_build_order

MANAGER_WAIT_S = 5.0  # a stopped pool's manager thread ends within milliseconds


@dataclass(frozen=True)
class Built:
    """One edition: its name, the files written, what they are, how long it took, and whether
    it was kept from the last build (nothing had changed)."""

    name: str
    files: tuple[Path, ...]
    description: str
    seconds: float
    kept: bool = False


@dataclass(frozen=True)
class _Done:
    """An edition built into a staging folder: what was built, its manifest record and what its
    readers found in it."""

    built: Built
    record: dict[str, Any]
    readbacks: list[ReadBack]


@dataclass(frozen=True)
class _Job:
    """What a worker process needs to build one edition into a staging folder."""

    name: str
    document: Document
    staging: Path
    key: str
    helper_lock: Path  # the build's helper slot (formats.core.helper_slot)


def cache_key(document: Document, name: str) -> str:
    """Return the cache key of the edition ``name`` for ``document``: what it renders, the
    code, and the keys of the editions it needs (it reads their files)."""
    return cache_keys(document, [name])[name]


def cache_keys(document: Document, names: list[str]) -> dict[str, str]:
    """Return the cache keys of the editions ``names`` (and of those they need), each part of
    the model fingerprinted once for them all (the printed editions share the chapters)."""
    parts: dict[int, tuple[object, str]] = {}  # by identity, the part held while it is used
    keys: dict[str, str] = {}

    def key_of(name: str) -> str:
        if name not in keys:
            chosen = edition(name)
            digests = []
            for part in chosen.cache_parts(document):
                if id(part) not in parts:
                    parts[id(part)] = (part, fingerprint(part, root=document.source_dir))
                digests.append(parts[id(part)][1])
            keys[name] = fingerprint(name, code_version(), *digests,
                                     *(key_of(needed) for needed in chosen.needs))
        return keys[name]

    for name in names:
        key_of(name)
    return keys


def workers() -> int:
    """Return how many editions are built at once: ``TOOLKIT_WORKERS``, else the number of
    processors this process may use."""
    wanted = os.environ.get("TOOLKIT_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


def build(document: Document, out_dir: Path, names: list[str], *,
          on_edition: Callable[[str], None] | None = None,
          on_wait: Callable[[str], None] | None = None, wait_for_lock: bool = True,
          cache: bool = True) -> list[Built]:
    """Build the editions ``names`` (and those they need) of ``document`` into ``out_dir``;
    return what was built or kept, in build order.

    ``on_edition`` is told the name of each edition as its build starts, ``on_wait`` who holds
    the output folder when another build does. Raises OutputError when the output folder
    cannot be written (or, without ``wait_for_lock``, is being built), and RenderError (or
    whatever an edition raised) when an edition fails; ``out_dir`` is then unchanged.
    """
    ordered = in_build_order(names)
    output_folder.prepare_parent(out_dir)
    with output_folder.locked(out_dir, wait=wait_for_lock, on_wait=on_wait):
        output_folder.recover(out_dir)
        earlier = read_manifest(out_dir).get("formats", {})
        keys = cache_keys(document, ordered)
        kept = [name for name in ordered
                if cache and _unchanged(out_dir, earlier.get(name), keys[name])]
        for name in kept:  # what it renders is as it was: it is built from this source too
            earlier[name] = {**earlier[name], "source_hash": document.source_hash}
        if len(kept) == len(ordered):
            if read_manifest(out_dir).get("source_hash") != document.source_hash:
                write_manifest(out_dir, document, earlier)  # an edit none of them renders
            return [_kept(out_dir, name, earlier[name]) for name in ordered]
        rebuilt = [name for name in ordered if name not in kept]
        folders = {edition(name).name for name in rebuilt}
        keep = ([entry.name for entry in out_dir.iterdir()
                 if entry.name not in folders and entry.name != MANIFEST]
                if out_dir.is_dir() else [])
        staging = output_folder.new_staging(out_dir, keep)
        try:
            done = _render_all(document, staging, rebuilt, keys, on_edition)
            records = {name: record for name, record in earlier.items()
                       if edition_folder(name) in keep}
            records.update({name: result.record for name, result in done.items()})
            write_manifest(staging, document, records)
            output_folder.swap_in(staging, out_dir)
            for name, result in done.items():
                _remember_readbacks(out_dir, staging, name, keys[name], result)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return [done[name].built if name in done else _kept(out_dir, name, earlier[name])
                for name in ordered]


def edition_folder(name: str) -> str:
    """Return the folder of the edition ``name`` in the output ("" for an unknown name)."""
    try:
        return edition(name).name
    except KeyError:
        return ""


def _unchanged(out_dir: Path, record: dict[str, Any] | None, key: str) -> bool:
    """Return True when an edition's record has this key and its files are all there, with
    the hashes recorded."""
    if record is None or record.get("cache_key") != key:
        return False
    for entry in record.get("files", []):
        path = out_dir / entry["path"]
        if not path.is_file() or path.stat().st_size != entry.get("size") \
                or sha256(path) != entry["sha256"]:
            return False
    return True


def _kept(out_dir: Path, name: str, record: dict[str, Any]) -> Built:
    files = tuple(out_dir / entry["path"] for entry in record["files"])
    return Built(name, files, record.get("description", ""), 0.0, kept=True)


def _render_all(document: Document, staging: Path, names: list[str], keys: dict[str, str],
                on_edition: Callable[[str], None] | None
                ) -> dict[str, _Done]:
    """Render ``names`` into ``staging``, in parallel where they do not need each other;
    return what each edition built. Raises what an edition raised."""
    with tempfile.TemporaryDirectory(prefix="toolkit-build-") as folder:
        return _render_each(document, staging, names, keys, on_edition,
                            Path(folder) / "helpers.lock")


def _render_each(document: Document, staging: Path, names: list[str], keys: dict[str, str],
                 on_edition: Callable[[str], None] | None, helper_lock: Path
                 ) -> dict[str, _Done]:
    """Render ``names`` into ``staging`` (see :func:`_render_all`), the editions' helper
    programs taking turns through the slot ``helper_lock`` (:mod:`formats.core.helper_slot`)."""
    done: dict[str, _Done] = {}
    count = min(workers(), len(names))
    if count <= 1:
        for name in names:
            if on_edition is not None:
                on_edition(name)
            done[name] = build_one(_Job(name, document, staging, keys[name], helper_lock))
            give_back_free_memory()  # the next edition is built in this process too
        return done
    chains = longest_chains(names)
    waiting = sorted(names, key=lambda name: -chains[name])
    estimates = {name: edition(name).memory_estimate_mb(document) for name in names}
    budget = memory_budget.budget_mb() - memory_budget.own_resident_mb()
    # each edition in a process of its own, forked for it and ended after it: a worker that
    # had built the audio or the Easy Read edition kept their libraries and heap (about 25 MB
    # more than a fresh one) while the next edition ran beside LibreOffice
    running: dict[Future[_Done], tuple[str, ProcessPoolExecutor]] = {}
    try:
        while waiting or running:
            for name in [name for name in waiting
                         if all(needed in done or needed not in names
                                for needed in edition(name).needs)]:
                if len(running) >= count:
                    break
                if not memory_budget.fits(estimates[name],
                                          (estimates[other] for other, _ in running.values()),
                                          budget):
                    continue  # it waits for memory; a smaller one may start beside them
                waiting.remove(name)
                if on_edition is not None:
                    on_edition(name)
                pool = worker_pool(1)
                running[pool.submit(build_one, _Job(name, document, staging, keys[name],
                                                    helper_lock))] = (name, pool)
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                name, pool = running.pop(future)
                pool.shutdown()
                done[name] = future.result()
    except BaseException:  # Ctrl-C: stop now; the staging folder is thrown away
        for _, pool in running.values():
            stop_workers(pool)
        raise
    return done


def longest_chains(names: list[str]) -> dict[str, float]:
    """Return, for each edition of ``names``, the seconds from its start to the end of the
    longest chain of editions that wait for it (itself included), by their ``build_seconds``:
    the build starts the edition with the longest chain first."""
    chains: dict[str, float] = {}

    def chain(name: str) -> float:
        if name not in chains:
            waiting_for_it = [other for other in names if name in edition(other).needs]
            chains[name] = edition(name).build_seconds + max(
                (chain(other) for other in waiting_for_it), default=0.0)
        return chains[name]

    for name in names:
        chain(name)
    return chains


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the worker processes of ``pool`` at once, instead
    of waiting for them (a worker writes only into a staging folder, or reads, so it may be
    stopped at any point).

    Then it waits (at most ``MANAGER_WAIT_S``) for the pool's manager thread, which closes the
    pool's wake-up pipe when it sees its workers gone: Python 3.11 wakes every pool's manager at
    exit, and one closing its pipe meanwhile printed a traceback (``OSError: Bad file
    descriptor``) after "Stopped (Ctrl-C)"."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # not public; shutdown
    manager = getattr(pool, "_executor_manager_thread", None)           # forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    if manager is not None:
        manager.join(MANAGER_WAIT_S)


def build_one(job: _Job) -> _Done:
    """Render one edition into its staging folder and read it back; return what was built,
    its manifest record and the read-backs (run in a worker process). Raises what the edition
    raised."""
    keep_the_heap_small()
    chosen = edition(job.name)
    started = time.perf_counter()
    folder = job.staging / chosen.name
    inputs = {needed: job.staging / edition(needed).name for needed in chosen.needs}
    with slot_file(job.helper_lock):
        written = sorted(set(chosen.render(job.document, folder, inputs)))
    # one stretch of reading, the collector paused: the read-back's readers share one parse of
    # each file (a PDF's bookmarks and its structure tree: the large-print PDF of a toolkit ten
    # times the size was parsed twice, 7.1 s against 3.9 s)
    with reading_together(), garbage_collected_at_the_end():
        description = chosen.describe(folder, written)
        readbacks = chosen.read_back(folder)
    record = edition_record(job.document, chosen.name, folder, written, readbacks)
    record.update({"cache_key": job.key, "description": description})
    built = Built(job.name, tuple(written), description, time.perf_counter() - started)
    return _Done(built, record, readbacks)


def readback_kind(name: str) -> str:
    """Return the name under which the read-backs of the edition ``name`` are remembered
    (:mod:`formats.core.memo`)."""
    return f"read-{name}"


def _remember_readbacks(out_dir: Path, staging: Path, name: str, key: str,
                        done: _Done) -> None:
    """Remember the read-backs of an edition just built and swapped into ``out_dir``, as the
    check would remember them after reading the same files, unless they name the staging
    folder (then the check reads the files itself)."""
    encoded = json.dumps([dataclasses.asdict(readback) for readback in done.readbacks])
    if str(staging) in encoded or staging.name in encoded:
        return
    known = {out_dir / entry["path"]: entry["sha256"] for entry in done.record["files"]}
    folder = out_dir / edition(name).name
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    if set(files) == set(known):  # the files the check will read are the ones hashed
        remember_readbacks(readback_kind(name), files, key, done.readbacks, known)
