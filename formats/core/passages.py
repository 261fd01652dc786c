"""The passages of a section: the units an edition reads out, or highlights, one at a time.

A passage is a section's heading, a paragraph, a list item, a table's caption or one of its
rows, a checklist point, a form question, a glossary entry, a figure, or the title of a block
that has one (a checklist, an activity, a quiz, a form; a quotation's source). Each has a
stable ``ref`` made of the section id and the 1-based indexes that lead to it:

=================================  ===============================================
``what-is-co-production/h``        the section's heading
``what-is-co-production/b3``       its third block (a paragraph, or a block's title)
``what-is-co-production/b3/i2``    the second item of that list (its first paragraph)
``what-is-co-production/b3/i2/b2`` the second block inside that item (a nested list...)
``what-is-co-production/b4/r1``    the first row of a table (under its header)
``what-is-co-production/b5/p2``    the second point of a checklist
``what-is-co-production/b6/q1``    the first question of a form
``what-is-co-production/b7/b1``    the first block inside an activity, quiz, quote...
=================================  ===============================================

The audio edition times each passage; the EPUB edition marks the same passages with the same
refs. Nothing here says how a passage is said or shown: a passage is a model node and where it
is. Only a section's own blocks are its passages, not its sub-sections'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from formats.core.dispatch import NodeTable, block_table
from formats.core.model import (
    Activity,
    Block,
    BulletList,
    Checklist,
    Figure,
    Form,
    GlossaryEntry,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Section,
    Table,
)

PassageKind = Literal["heading", "paragraph", "item", "title", "row", "point", "question",
                      "entry", "figure"]


@dataclass(frozen=True)
class Within:
    """A block a passage is inside, and the 1-based number of the item, row, point or question
    of it that leads to the passage (0 for a block's own title or a block without items)."""

    block: Block
    number: int


@dataclass(frozen=True)
class Passage:
    """One passage of a section.

    ``node`` is what the passage holds: the Section (``heading``), a Paragraph (``paragraph``),
    a ListItem (``item``: its first paragraph), the block whose title it is (``title``: a
    Checklist, Activity, Quiz or Form's title, a Table's caption, a Quote's source), a row's
    cells (``row``), a checklist point's inlines (``point``), a FormQuestion (``question``), a
    GlossaryEntry (``entry``) or a Figure (``figure``). ``within`` lists the blocks it is inside,
    outermost first; ``opens`` the blocks that start with it (outermost first) and ``closes``
    those that end with it (innermost first).
    """

    ref: str
    kind: PassageKind
    node: Any
    within: tuple[Within, ...] = ()
    opens: tuple[Block, ...] = ()
    closes: tuple[Block, ...] = ()

    @property
    def number(self) -> int:
        """Return its number among its block's items, rows, points or questions (0 if none)."""
        return self.within[-1].number if self.within else 0


def section_passages(section: Section) -> list[Passage]:
    """Return the passages of a section's heading and own blocks, in reading order."""
    return [Passage(f"{section.id}/h", "heading", section),
            *_blocks(section.blocks, section.id, ())]


def _blocks(blocks: tuple[Block, ...], prefix: str, within: tuple[Within, ...],
            first: int = 1) -> list[Passage]:
    """Return the passages of some blocks, numbered from ``first`` under ``prefix``."""
    return [passage for number, block in enumerate(blocks, start=first)
            for passage in _PASSAGES[block](block, f"{prefix}/b{number}", within)]


def _framed(block: Block, passages: list[Passage]) -> list[Passage]:
    """Return the passages of a block with the block recorded as opened by the first and
    closed by the last."""
    if not passages:
        return passages
    passages[0] = dataclasses.replace(passages[0], opens=(block, *passages[0].opens))
    passages[-1] = dataclasses.replace(passages[-1], closes=(*passages[-1].closes, block))
    return passages


def _titled(block: Any, title: Any, ref: str, within: tuple[Within, ...]) -> list[Passage]:
    """Return the title passage of a block when it has a title, else none."""
    return [Passage(ref, "title", block, (*within, Within(block, 0)))] if title else []


def _paragraph(block: Paragraph, ref: str, within: tuple[Within, ...]) -> list[Passage]:
    return [Passage(ref, "paragraph", block, within)]


def _list(block: BulletList, ref: str, within: tuple[Within, ...]) -> list[Passage]:
    passages: list[Passage] = []
    for number, item in enumerate(block.items, start=1):
        inside = (*within, Within(block, number))
        item_ref = f"{ref}/i{number}"
        rest = item.blocks
        if rest and isinstance(rest[0], Paragraph):
            passages.append(Passage(item_ref, "item", item, inside))
            passages += _blocks(rest[1:], item_ref, inside, first=2)
        else:
            passages += _blocks(rest, item_ref, inside)
    return _framed(block, passages)


def _checklist(block: Checklist, ref: str, within: tuple[Within, ...]) -> list[Passage]:
    passages = _titled(block, block.title, ref, within)
    passages += _blocks(block.intro, ref, (*within, Within(block, 0)))
    passages += [Passage(f"{ref}/p{number}", "point", item, (*within, Within(block, number)))
                 for number, item in enumerate(block.items, start=1)]
    return _framed(block, passages)


def _table(block: Table, ref: str, within: tuple[Within, ...]) -> list[Passage]:
    passages = _titled(block, block.caption, ref, within)
    passages += [Passage(f"{ref}/r{number}", "row", row, (*within, Within(block, number)))
                 for number, row in enumerate(block.rows, start=1)]
    return _framed(block, passages)


def _form(block: Form, ref: str, within: tuple[Within, ...]) -> list[Passage]:
    """A form's title, then each question and each of its parts (``q10``, ``q10/a``...)."""
    passages = _titled(block, block.title, ref, within)
    for number, question in enumerate(block.questions, start=1):
        inside = (*within, Within(block, number))
        passages.append(Passage(f"{ref}/q{number}", "question", question, inside))
        passages += [Passage(f"{ref}/q{number}/{part.letter}", "question", part, inside)
                     for part in question.parts]
    return _framed(block, passages)


def _titled_blocks(title_of: Callable[[Any], Any], inner_of: Callable[[Any], tuple[Block, ...]]
                   ) -> Callable[[Any, str, tuple[Within, ...]], list[Passage]]:
    """Return how to find the passages of a block made of an optional title and blocks."""
    def passages_of(block: Any, ref: str, within: tuple[Within, ...]) -> list[Passage]:
        found = _titled(block, title_of(block), ref, within)
        found += _blocks(inner_of(block), ref, (*within, Within(block, 0)))
        return _framed(block, found)
    return passages_of


def _single(kind: PassageKind) -> Callable[[Any, str, tuple[Within, ...]], list[Passage]]:
    """Return how to find the passage of a block that is one passage of ``kind``."""
    return lambda block, ref, within: [Passage(ref, kind, block, within)]


_PASSAGES: NodeTable[Callable[[Any, str, tuple[Within, ...]], list[Passage]]] = block_table(
    "passages: blocks", {
        Paragraph: _paragraph,
        BulletList: _list,
        Checklist: _checklist,
        Activity: _titled_blocks(lambda block: block.title, lambda block: block.blocks),
        Table: _table,
        Quiz: _titled_blocks(lambda block: block.title, lambda block: block.blocks),
        QuizAnswers: _titled_blocks(lambda block: None, lambda block: block.blocks),
        Quote: _titled_blocks(lambda block: block.source, lambda block: block.blocks),
        GlossaryEntry: _single("entry"),
        Form: _form,
        Figure: _single("figure"),
    })
