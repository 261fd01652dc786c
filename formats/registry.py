"""The editions the build knows, by name: the one place to add an edition.

Each name maps to a package under :mod:`formats.editions` whose ``EDITION`` is an
:class:`~formats.core.contract.Edition`. The package is imported only when the edition is asked
for, so that a build of one edition does not pay for the libraries of the others. An edition's
package itself loads none of them: its writers, readers and rules are imported where they are
used, so that the build's main process, which asks every edition for its cache key (and whose
memory each worker it forks starts with), holds no renderer (tests/test_architecture.py).
"""

from __future__ import annotations

import importlib

from formats.core.contract import Edition

EDITIONS: dict[str, str] = {
    "standard": "formats.editions.standard",
    "large-print": "formats.editions.large_print",
    "easy-read": "formats.editions.easy_read",
    "word": "formats.editions.word",
    "audio": "formats.editions.audio",
    "braille": "formats.editions.braille",
    "epub": "formats.editions.epub",
}


class UnknownEdition(KeyError):
    """Raised for an edition name that is not in the registry."""

    def __str__(self) -> str:
        return f"unknown format '{self.args[0]}' (known formats: {', '.join(EDITIONS)})"


def edition(name: str) -> Edition:
    """Return the edition called ``name``; raise UnknownEdition for an unknown name."""
    if name not in EDITIONS:
        raise UnknownEdition(name)
    found: Edition = importlib.import_module(EDITIONS[name]).EDITION
    return found


def names() -> list[str]:
    """Return the names of every registered edition, in build order."""
    return list(EDITIONS)


def in_build_order(wanted: list[str]) -> list[str]:
    """Return ``wanted`` with every edition they need added, each after what it needs.

    Raises UnknownEdition for an unknown name.
    """
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for needed in edition(name).needs:
            visit(needed)
        ordered.append(name)

    for name in wanted:
        visit(name)
    return ordered
