"""The formats the build knows, by name: the one place to add a format.

Each format is a module with ``NAME``, ``render(document, out_dir) -> list[Path]`` and
``read_back(out_dir) -> list[ReadBack]``; it may also define ``expected(document)`` (see
:mod:`formats.check`) when its sections are not the standard edition's.
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS: dict[str, str] = {
    "standard": "formats.standard",
    "large-print": "formats.large_print",
    "easy-read": "formats.easy_read",
    "word": "formats.word",
    "audio": "formats.audio",
}


class UnknownFormat(KeyError):
    """Raised for a format name that is not in the registry."""

    def __str__(self) -> str:
        return (f"unknown format '{self.args[0]}' (known formats: "
                f"{', '.join(FORMATS)})")


def format_module(name: str) -> ModuleType:
    """Return the module of the format ``name``; raise UnknownFormat for an unknown name."""
    if name not in FORMATS:
        raise UnknownFormat(name)
    return importlib.import_module(FORMATS[name])


def names() -> list[str]:
    """Return the names of every registered format, in build order."""
    return list(FORMATS)
