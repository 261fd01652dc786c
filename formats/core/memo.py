"""What an independent reader measured on a built file, remembered by the file's hash.

Reading a file back can be slow (decoding 80 minutes of audio, every character of a 100-page
PDF, EPUBCheck). A measurement depends only on the file's bytes, the reader's code and its
settings, so it is remembered under the file's sha256, the code's hash and the settings, and a
later check of the same file reads the answer back instead of measuring again. What a renderer
meant to write is never remembered: only what a reader found in the file.

The memory lives in the tool's cache folder (:func:`formats.core.caches.cache_root`)
and is written atomically; a damaged entry is measured again, and entries older than 30 days
are deleted (:func:`formats.core.caches.prune_once`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from formats.core.caches import cache_root, prune_once, write_atomically
from formats.core.contract import FoundSection, ReadBack, RuleResult
from formats.core.file_hashes import sha256_of
from formats.core.file_lock import exclusive_lock
from formats.core.hashing import code_version

FOLDER = "measured"
MAX_AGE_DAYS = 30  # what older builds' files measured is deleted
T = TypeVar("T")


def file_hash(paths: list[Path], known: Mapping[Path, str] | None = None) -> str:
    """Return one sha256 of the names and bytes of some files (a missing file counts as such);
    ``known`` may give files' sha256 already worked out (by the build that wrote them)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        found = (known or {}).get(path) or (sha256_of(path, cache_root()) if path.is_file()
                                             else None)
        digest.update(bytes.fromhex(found) if found else b"-")
    return digest.hexdigest()


def _entry(kind: str, paths: list[Path], settings: str,
           known: Mapping[Path, str] | None = None) -> Path:
    """Return the file that remembers the measurement ``kind`` of ``paths`` with ``settings``:
    named by the files' bytes, the code, the settings and the files' place."""
    key = hashlib.sha256("\0".join((kind, settings, file_hash(paths, known), code_version(),
                                    *(str(path.resolve()) for path in paths))).encode())
    return cache_root() / FOLDER / kind / f"{key.hexdigest()}.json"


def _remembered(kind: str, paths: list[Path], settings: str, measure: Callable[[], T],
                encode: Callable[[T], Any], decode: Callable[[Any], T]) -> T:
    """Return what ``measure`` gives for the files ``paths``, measured once for the same
    bytes, code, ``settings`` and place, and remembered (as ``encode`` makes it JSON) after."""
    entry = _entry(kind, paths, settings)
    with _measuring(entry):  # another process measuring the same: wait, then read its answer
        try:
            return decode(json.loads(entry.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            pass
        found = measure()
        prune_once(cache_root() / FOLDER, MAX_AGE_DAYS)
        with contextlib.suppress(OSError):  # nowhere to remember it: measured again next time
            write_atomically(entry, json.dumps(encode(found)).encode("utf-8"))
        return found


@contextlib.contextmanager
def _measuring(entry: Path) -> Iterator[None]:
    """Hold a lock on ``entry`` (a file beside it) while the block runs, so that two checks
    at once (two test workers, a preview and a check) measure the same file once; without a
    cache folder to lock in, the block runs unlocked."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        yield
        return
    with exclusive_lock(entry.with_suffix(".lock")):
        yield


def remembered_results(kind: str, paths: list[Path], settings: str,
                       measure: Callable[[], list[RuleResult]]) -> list[RuleResult]:
    """Return the rule results ``measure`` gives for the files ``paths``, measured once for
    the same bytes, code and ``settings``, and remembered after that.

    ``kind`` names the measurement ("rules-audio"); results that name the files' folder are
    remembered with it, so the same files elsewhere are measured again.
    """
    return _remembered(kind, paths, settings, measure,
                       lambda results: [dataclasses.asdict(result) for result in results],
                       lambda stored: [RuleResult(**item) for item in stored])


def remembered_readbacks(kind: str, paths: list[Path], settings: str,
                         read: Callable[[], list[ReadBack]]) -> list[ReadBack]:
    """Return what the independent readers ``read`` find in the files ``paths``, read once for
    the same bytes, code and ``settings``, and remembered after that."""
    return _remembered(kind, paths, settings, read,
                       lambda found: [dataclasses.asdict(readback) for readback in found],
                       lambda stored: [_readback(item) for item in stored])


def remember_readbacks(kind: str, paths: list[Path], settings: str, found: list[ReadBack],
                       known: Mapping[Path, str]) -> None:
    """Remember what the independent readers found in the files ``paths`` just written, with
    their sha256 ``known``, as :func:`remembered_readbacks` would after reading them: the
    build reads back what it wrote, and the check then reads the same bytes no more."""
    entry = _entry(kind, paths, settings, known)
    prune_once(cache_root() / FOLDER, MAX_AGE_DAYS)  # each build adds entries: old ones go
    with contextlib.suppress(OSError):
        write_atomically(entry, json.dumps([dataclasses.asdict(readback)
                                            for readback in found]).encode("utf-8"))


def _readback(stored: dict[str, Any]) -> ReadBack:
    sections = {key: FoundSection(**{**value, "problems": tuple(value["problems"])})
                for key, value in stored["sections"].items()}
    return ReadBack(stored["output"], sections, tuple(stored["problems"]))
