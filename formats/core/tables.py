"""A table as labelled cells: the one re-flowing of a table that every edition shares.

Where a table does not fit (a phone, large print, a braille line of 40 cells) or cannot be seen
(speech), each row becomes a list of its cells, each with its column header as a label. An
empty cell is a space for the reader to write in. A cell that says no more than its label
("True / False?" under "True or False?") is given once: its words without the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from formats.core.model import Document, Inlines, Table, walk_blocks
from formats.core.text import inline_text

_WORD = re.compile(r"\w+")
_JOINING_WORDS = {"or", "and"}  # "True or False?" offers the same choice as "True / False"
_SENTENCE_END = ("?", ":", "!", ".")


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
        """Return True when the cell says no more than its label ("True / False?" under
        "True or False?"), so that reading both would say the same words twice."""
        return not self.is_write_in and _words(self.content) == _words(self.label)

    @property
    def label_colon(self) -> str:
        """Return ":" to put after the label before the cell's words, or "" when the label
        already ends a sentence ("True or False?")."""
        return "" if inline_text(self.label).strip().endswith(_SENTENCE_END) else ":"


def _words(inlines: Inlines) -> list[str]:
    return [word for word in _WORD.findall(inline_text(inlines).lower())
            if word not in _JOINING_WORDS]


def labelled_rows(table: Table) -> list[list[LabelledCell]]:
    """Return each row of the table as its cells labelled with their column headers."""
    return [[LabelledCell(label, cell) for label, cell in zip(table.header, row, strict=False)]
            for row in table.rows]


def write_in_count(table: Table) -> int:
    """Return how many cells of the table are spaces for the reader's answer."""
    return sum(cell.is_write_in for row in labelled_rows(table) for cell in row)


def document_write_ins(document: Document) -> int:
    """Return how many table cells of the standard edition's sections are spaces for the
    reader's answer (the quizzes' empty cells)."""
    return sum(write_in_count(block) for section in document.sections()
               for block in walk_blocks(section.blocks) if isinstance(block, Table))


def section_write_ins(document: Document) -> dict[str, int]:
    """Return, by section id, how many cells of the section's own tables (not its
    subsections') are spaces for the reader's answer; sections with none are left out."""
    counts = {section.id: sum(write_in_count(block) for block in walk_blocks(section.blocks)
                              if isinstance(block, Table))
              for section in document.sections()}
    return {section_id: count for section_id, count in counts.items() if count}
