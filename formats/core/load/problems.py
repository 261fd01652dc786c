"""The problems found while loading: each is located as ``path:line: message``.

The loader keeps every problem it finds and raises :class:`SourceError` once, at the end, so
that an editor can fix a whole batch at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from formats.core.model import Location

_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")  # with the spaces around it


class SourceError(Exception):
    """The source has problems; ``problems`` holds each as ``path:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Problems:
    """Collects located problems while loading, in the order they are found.

    ``display_root`` is the source folder as the caller named it: problems name files under it.
    """

    display_root: Path
    items: list[str] = field(default_factory=list)

    def where(self, location: Location) -> str:
        """Return ``location`` as a problem names it: ``SOURCE/path:line``."""
        return f"{self.display_root / location.path}:{location.line}"

    def add(self, location: Location, message: str) -> None:
        """Record ``message`` as a problem at ``location``, on one line (a heading or value that
        runs over lines in the source is quoted with its line breaks as spaces)."""
        self.items.append(f"{self.where(location)}: {_LINE_BREAK.sub(' ', message.strip())}")
