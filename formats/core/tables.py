"""A table as labelled cells: the one re-flowing of a table that every edition shares.

Where a table does not fit (a phone, large print, a braille line of 40 cells) or cannot be seen
(speech), each row becomes a list of its cells, each with its column header as a label. An
empty cell is a space for the reader to write in.
"""

from __future__ import annotations

from dataclasses import dataclass

from formats.core.model import Inlines, Table
from formats.core.text import inline_text


@dataclass(frozen=True)
class LabelledCell:
    """One cell with the header of its column: ``content`` is empty for a space to write in."""

    label: Inlines
    content: Inlines

    @property
    def is_write_in(self) -> bool:
        """Return True for an empty cell: a space for the reader's answer."""
        return not inline_text(self.content).strip()

    @property
    def repeats_label(self) -> bool:
        """Return True when the cell says no more than its label ("True or False?" under
        "True or False?"), so that reading both would say the same words twice."""
        return _words(self.content) == _words(self.label)


def _words(inlines: Inlines) -> str:
    return " ".join(inline_text(inlines).lower().split()).strip(" ?:.!")


def labelled_rows(table: Table) -> list[list[LabelledCell]]:
    """Return each row of the table as its cells labelled with their column headers."""
    return [[LabelledCell(label, cell) for label, cell in zip(table.header, row, strict=False)]
            for row in table.rows]
