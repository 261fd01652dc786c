"""The tool's cache folder, and the one way old entries are deleted from its caches.

Every cache (the audio sections, the document models, what readers measured, the files'
hashes) lives under :func:`cache_root` and keeps an entry only while it is young: each build
writes new files and new sources, so old entries are never asked for again, and one still in
use is only made again.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

_PRUNED: set[tuple[Path, str]] = set()


def cache_root() -> Path:
    """Return the folder of the tool's caches: ``TOOLKIT_CACHE``, else the user's cache
    folder (``XDG_CACHE_HOME`` or ``~/.cache``) / all-together-now."""
    chosen = os.environ.get("TOOLKIT_CACHE", "").strip()
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "all-together-now"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it (``.part``), renamed when
    whole: a reader, another worker or an interrupted build never meets half an entry. Raises
    OSError when the folder cannot be written (the caller then makes the entry again next
    time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prune(folder: Path, max_age_days: float, pattern: str = "*") -> int:
    """Delete the files matching ``pattern`` under ``folder`` (at any depth) last written
    more than ``max_age_days`` ago; return how many were deleted."""
    oldest = time.time() - max_age_days * 86400
    removed = 0
    for path in folder.rglob(pattern):
        try:
            if path.is_file() and path.stat().st_mtime < oldest:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def prune_once(folder: Path, max_age_days: float, pattern: str = "*") -> int:
    """:func:`prune`, at most once a process for the same folder and pattern (for caches
    written many times a build)."""
    if (folder, pattern) in _PRUNED:
        return 0
    _PRUNED.add((folder, pattern))
    return prune(folder, max_age_days, pattern)
