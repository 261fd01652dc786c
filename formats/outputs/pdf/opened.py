"""One pypdf reader for each PDF, shared by the check's read-back and rules of an edition.

pypdf reads the whole catalog of a tagged PDF, with its structure tree, before anything else
(0.3 s for the large-print PDF on an idle machine); the read-back and each PDF rule opened the
same file again, up to four times. Measured, the check of the standard, large-print and Easy
Read editions took 24.5 s of processor time, and 19.2 s with one reader a file. Within a stretch
of :func:`formats.core.reading.reading_together` a reader is kept for the last few files, under
the hash of their bytes (a file written again is read again, however quickly it changed);
outside one, every call reads the file anew.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from pathlib import Path

from pypdf import PdfReader

from formats.core.reading import current_stretch

KEPT = 4  # readers of the last files read (a large-print PDF's is about 20 MB)

_readers: OrderedDict[str, PdfReader] = OrderedDict()
_kept_for: list[int | None] = [None]  # the stretch the readers kept belong to
_lock = threading.Lock()


def pdf_reader(path: Path) -> PdfReader:
    """Return a pypdf reader of the PDF at ``path``: within a stretch of reading together, the
    one made earlier in it when the file's bytes are the same. Raises OSError when the file
    cannot be read, and pypdf's errors when it is not a PDF. Callers only read it."""
    data = path.read_bytes()
    stretch = current_stretch()
    digest = hashlib.sha256(data).hexdigest()
    with _lock:
        if _kept_for[0] != stretch:
            _readers.clear()
            _kept_for[0] = stretch
        if stretch is not None and digest in _readers:
            _readers.move_to_end(digest)
            return _readers[digest]
    reader = PdfReader(io.BytesIO(data))
    if stretch is not None:
        with _lock:
            if _kept_for[0] == stretch:
                _readers[digest] = reader
                while len(_readers) > KEPT:
                    _readers.popitem(last=False)
    return reader
