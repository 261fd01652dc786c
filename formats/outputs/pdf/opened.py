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

import io
from pathlib import Path

from pypdf import PdfReader

from formats.core.reading import parsed_once


def pdf_reader(path: Path, data: bytes | None = None) -> PdfReader:
    """Return a pypdf reader of the PDF at ``path`` (whose bytes are ``data``, when read
    already): within a stretch of reading together, the one made earlier in it when the file's
    bytes are the same. Raises OSError when the file cannot be read, and pypdf's errors when it
    is not a PDF. Callers only read it."""
    return parsed_once("pypdf", path, lambda _, found: PdfReader(io.BytesIO(found)), data)
