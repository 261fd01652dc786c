"""The cache of finished sections: a section is synthesised again only when what decides its
sound changed (its passages' words and pauses, the engine, the voice, the rate or the
processing).

An entry is the section's MP3 frames and its passages' timings (``.json`` beside the ``.mp3``),
named by the SHA-256 of the words, the pauses and those settings. It
lives outside the output folder (see :func:`formats.editions.audio.settings.cache_folder`).
Entries are written to a temporary name and renamed, so parallel workers and interrupted builds
never leave half a file under a real name. Entries unused for ``MAX_AGE_DAYS`` are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from formats.core import caches
from formats.editions.audio.settings import Settings

MAX_AGE_DAYS = 60
SUFFIX = ".mp3"
TIMINGS_SUFFIX = ".json"


def key(text: object, settings: Settings) -> str:
    """Return the cache key of a section: a hash of what it says (its passages' words and
    pauses) and of the voice settings."""
    payload = json.dumps({"text": text, **settings.voice_key}, sort_keys=True,
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def entry(folder: Path, cache_key: str) -> Path:
    """Return where the entry of ``cache_key`` is (or would be) kept."""
    return folder / cache_key[:2] / f"{cache_key}{SUFFIX}"


def timings(path: Path) -> Path:
    """Return where the timings of an entry are kept."""
    return path.with_suffix(TIMINGS_SUFFIX)


def lookup(folder: Path, cache_key: str) -> Path | None:
    """Return the entry of ``cache_key`` when it and its timings exist (marking them used),
    else None."""
    path = entry(folder, cache_key)
    if not path.is_file() or not timings(path).is_file():
        return None
    os.utime(path)
    os.utime(timings(path))
    return path


def store(folder: Path, cache_key: str, data: bytes, spans: list[tuple[float, float]]) -> Path:
    """Write ``data`` and the passages' (start, end) as the entry of ``cache_key``
    (atomically, the timings first) and return its path."""
    path = entry(folder, cache_key)
    caches.write_atomically(timings(path), json.dumps(spans).encode("utf-8"))
    caches.write_atomically(path, data)
    return path


def prune(folder: Path, max_age_days: float = MAX_AGE_DAYS) -> int:
    """Remove entries (and stray partial files) unused for ``max_age_days`` (a lookup marks an
    entry used); return how many files were removed."""
    if not folder.is_dir():
        return 0
    return sum(caches.prune(folder, max_age_days, f"*{suffix}")
               for suffix in (SUFFIX, TIMINGS_SUFFIX, ".part"))
