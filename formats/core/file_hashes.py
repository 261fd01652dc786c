"""The sha256 of a file's bytes, remembered by the file's identity and change times.

A no-op build compares every output file with the hash in the manifest, and the check keys
what it remembers by the files' hashes: 190 MB of audio and EPUB read and hashed two or three
times took longer than everything else they did. As git's index does, a hash is remembered
under the file's path, device, inode, size, modification and change times (the change time
cannot be set back by hand: any write changes it), and read again only when one of them
changed. A file written less than :data:`SETTLED_S` seconds ago is hashed but not remembered,
so that a second write within the file system's clock step is never taken for no change.

The memory lives in the tool's cache folder (see :func:`formats.core.caches.cache_root`); when
it cannot be written, files are simply hashed every time. What was written there more than
:data:`MAX_AGE_DAYS` days ago is deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from pathlib import Path

from formats.core.caches import prune_once, write_atomically

FOLDER = "file-hashes"
SETTLED_S = 2.0
MAX_AGE_DAYS = 30  # a hash remembered longer ago is deleted
_CHUNK = 1 << 20


def sha256_of(path: Path, cache_folder: Path | None) -> str:
    """Return the sha256 of the bytes of the file at ``path``, in hexadecimal: remembered in
    ``cache_folder`` (None: not remembered) while the file has not changed. Raises OSError when
    the file cannot be read."""
    status = path.stat()
    entry = None
    if cache_folder is not None:
        identity = "\0".join(str(value) for value in (
            path.resolve(), status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
            status.st_ctime_ns))
        name = hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()
        entry = cache_folder / FOLDER / name[:2] / name
        try:
            remembered = entry.read_text(encoding="ascii")
            if len(remembered) == 64:
                return remembered
        except OSError:
            pass
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
    found = digest.hexdigest()
    settled = time.time() - max(status.st_mtime, status.st_ctime) >= SETTLED_S
    if entry is not None and settled:
        _remember(entry, found)
    return found


def _remember(entry: Path, value: str) -> None:
    """Write ``value`` to ``entry``; a failure only means the file is hashed again."""
    prune_once(entry.parent.parent, MAX_AGE_DAYS)
    with contextlib.suppress(OSError):
        write_atomically(entry, value.encode("ascii"))
