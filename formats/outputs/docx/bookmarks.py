"""Which ids a Word document bookmarks, and the names Word can keep as bookmarks.

Every section is bookmarked with its id, and so is every block that carries ids of its own
(:data:`BLOCK_IDS`): quizzes, checklists and tables with an id, glossary terms, form questions
and their parts. Links to ``#id`` jump to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from formats.core.contract import RenderError
from formats.core.dispatch import NodeTable, block_table
from formats.core.model import (
    Activity,
    BulletList,
    Checklist,
    Document,
    Figure,
    Form,
    GlossaryEntry,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Table,
    walk_blocks,
)

MAX_BOOKMARK = 40  # Word keeps at most 40 characters of a bookmark name


def _no_ids(block: object) -> tuple[str, ...]:
    return ()


BLOCK_IDS: NodeTable[Callable[[Any], tuple[str, ...]]] = block_table("docx: ids a block carries", {
    Paragraph: _no_ids, BulletList: _no_ids, Activity: _no_ids,
    QuizAnswers: _no_ids, Quote: _no_ids, Figure: _no_ids,
    Checklist: lambda block: (block.id,) if block.id else (),
    Table: lambda block: (block.id,) if block.id else (),
    Quiz: lambda block: (block.id,),
    GlossaryEntry: lambda block: (block.id,),
    Form: lambda block: tuple(asked.id for question in block.questions for asked in question.all()),
})


def bookmark_names(document: Document) -> list[str]:
    """Return every name the Word edition bookmarks: sections, then the ids their blocks carry
    (quizzes, terms, questions), section by section."""
    names = [section.id for section in document.sections()]
    for section in document.sections():
        for block in walk_blocks(section.blocks):
            names.extend(BLOCK_IDS[block](block))
    return names


def check_bookmark_names(names: Iterable[str]) -> None:
    """Raise RenderError naming the ids Word could not keep as bookmarks (too long, or not
    starting with a letter): links to them would jump to the top of the document."""
    bad = [name for name in names if len(name) > MAX_BOOKMARK or not name[:1].isalpha()]
    if bad:
        raise RenderError("Word bookmarks must start with a letter and have at most "
                          f"{MAX_BOOKMARK} characters; shorten these ids: {', '.join(bad)}")
