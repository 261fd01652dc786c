"""Content hashes of parts of the model: one function for every use.

- :func:`section_hash`: a section's own words (its title and the text of its blocks, not its
  sub-sections'), for the Easy Read sign-off (which version of a section was checked) and for
  ``build.py diff``.
- :func:`part_hash`: an Easy Read part's title, rows and pictures (for the sign-off).
- :func:`fingerprint`: any parts of the model (and the files they point to), for the build
  cache: an edition is rebuilt only when the fingerprint of what it renders changed.

Hashes never depend on where the source folder is: a copy of the source elsewhere gives the
same hashes.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from formats.core.model import EasyReadPart, Section
from formats.core.text import section_texts

SHORT = 12  # hex digits shown where a person reads or copies a hash
# Typography that does not change what a text says: curly quotes and apostrophes hash as
# straight ones, so that a change of quote style asks nobody to check the text again.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def words_only(text: str) -> str:
    """Return text as the sign-off hashes compare it: whitespace made single, quotes straight."""
    return " ".join(text.translate(_QUOTES).split())


def _digest(*pieces: str) -> str:
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def section_hash(section: Section) -> str:
    """Return the hash of a section's own words: its title and its blocks' text, normalised
    for whitespace and quotes (the first SHORT hex digits are enough to tell versions apart)."""
    return _digest(section.id, words_only(section.title),
                   *(words_only(text) for text in section_texts(section)))


def part_hash(part: EasyReadPart) -> str:
    """Return the hash of an Easy Read part as a reader meets it: its title, and each row's
    words (bold and links included) and picture (its name, alt text, meaning and the picture
    file's bytes), quotes and whitespace as :func:`words_only` compares them. Not its
    ``covers`` or ``checked_against``: the sign-off writes those."""
    digest = hashlib.sha256()
    for piece in (part.id, words_only(part.title)):
        _feed(digest, piece, None)
    for row in part.rows:
        _feed(digest, row.content, None, as_read=True)
    return digest.hexdigest()


def short(digest: str) -> str:
    """Return the first SHORT hex digits of a hash: what the sign-off records."""
    return digest[:SHORT]


def fingerprint(*parts: Any, root: Path | None = None) -> str:
    """Return one hash of parts of the model (dataclasses, tuples, strings...), including the
    bytes of every file a ``Path`` in them points to.

    Paths are hashed relative to ``root`` when they are inside it, so that the same source in
    another folder gives the same fingerprint.
    """
    digest = hashlib.sha256()
    for part in parts:
        _feed(digest, part, root.resolve() if root is not None else None)
    return digest.hexdigest()


def _feed(digest: Any, value: Any, root: Path | None, as_read: bool = False) -> None:
    """Add ``value`` to ``digest``: a path relative to ``root``, with the bytes of the file it
    points to. ``as_read``: as a reader meets it, a path by its file name alone and text as
    :func:`words_only` gives it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        digest.update(type(value).__name__.encode())
        for field in dataclasses.fields(value):
            digest.update(field.name.encode())
            _feed(digest, getattr(value, field.name), root, as_read)
    elif isinstance(value, (tuple, list)):
        digest.update(b"[")
        for item in value:
            _feed(digest, item, root, as_read)
        digest.update(b"]")
    elif isinstance(value, str) and as_read:
        digest.update(repr(words_only(value)).encode("utf-8"))
        digest.update(b"\0")
    elif isinstance(value, Path):
        shown = Path(value.name) if as_read else value
        if root is not None and value.is_absolute():
            try:
                shown = value.resolve().relative_to(root)
            except ValueError:
                shown = Path(value.name)
        digest.update(shown.as_posix().encode())
        if value.is_file():
            digest.update(hashlib.sha256(value.read_bytes()).digest())
    else:
        digest.update(repr(value).encode("utf-8"))
        digest.update(b"\0")


_CODE: list[str] = []


def code_version() -> str:
    """Return the hash of the code and templates of the ``formats`` package: any change to
    how an edition is made changes it (computed once a process)."""
    if not _CODE:
        package = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(package).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        _CODE.append(digest.hexdigest())
    return _CODE[0]
