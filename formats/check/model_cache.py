"""The document model, cached between runs: a rebuild with nothing changed need not parse the
source again.

The cache is keyed by the source folder's place, the hash of every file in it (names and
contents) and the hash of the code: any edit, or a new version of the tool, loads the source
again. It lives in the user's cache folder (``TOOLKIT_CACHE`` or ``~/.cache/all-together-now``)
and is written atomically, so an interrupted build never leaves half a file; a file that cannot
be read back is ignored and written again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from formats.core.caches import cache_root, prune, write_atomically
from formats.core.hashing import code_version
from formats.core.load import load, source_hash
from formats.core.model import Document

FOLDER = "models"
MAX_AGE_DAYS = 14  # models of older sources are deleted when a new one is stored


def load_cached(source_dir: Path) -> Document:
    """Return the document in ``source_dir``, from the cache when the source and the code are
    unchanged. Raises SourceError, as :func:`formats.core.load.load` does."""
    key = hashlib.sha256("\0".join((str(source_dir.resolve()), source_hash(source_dir),
                                    code_version())).encode()).hexdigest()
    path = cache_root() / FOLDER / f"{key}.pickle"
    try:
        with path.open("rb") as stored:
            document = pickle.load(stored)
        if isinstance(document, Document):
            os.utime(path)  # used now: keep it
            return document
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass
    document = load(source_dir)
    try:
        write_atomically(path, pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
        prune(path.parent, MAX_AGE_DAYS)  # models, and a stray .part an interrupted run left
    except OSError:
        pass  # no cache folder: the next build loads the source again
    return document
