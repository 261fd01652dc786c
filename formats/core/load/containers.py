"""``::: TYPE`` blocks into the model's blocks: one reader per type, in a table by type name.

A container's first line is ``::: TYPE REST``; what REST holds depends on the type (a title, a
caption, a source, ``#quiz-id Title``). Its inner blocks are read through the
:class:`~formats.core.load.blocks.BlockContext` it is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.forms import read_form
from formats.core.load.references import add_answers, add_quiz, claim_id
from formats.core.model import (
    Activity,
    Block,
    Checklist,
    Inline,
    Location,
    Quiz,
    QuizAnswers,
    Quote,
    ReviewNote,
    Table,
)

if TYPE_CHECKING:
    from formats.core.load.blocks import BlockContext

QUIZ_HEADING = re.compile(r"#(\S+)\s*(.*)$")
BLOCK_ID = re.compile(r"^#(\S+)\s*(.*)$")  # an optional "#id" before a title or caption

ContainerReader = Callable[[SyntaxTreeNode, "BlockContext", Location, str], list[Block]]


def container(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return the blocks of a ``::: TYPE`` block; an unknown TYPE is a problem."""
    words = node.info.split(maxsplit=1)
    block_type = words[0] if words else ""
    rest = words[1].strip() if len(words) > 1 else ""
    read = CONTAINER_READERS.get(block_type)
    if read is None:
        context.state.problems.add(location, f"unknown block type '{block_type}' (expected one "
                                             f"of: {', '.join(BLOCK_TYPES)})")
        return []
    return read(node, context, location, rest)


def _review(node: SyntaxTreeNode, context: BlockContext, location: Location,
            rest: str) -> list[Block]:
    """Return no block: the note (its paragraphs) is kept with the section, for a person to
    confirm before publishing."""
    note = " ".join(child.children[0].content for child in node.children
                    if child.type == "paragraph")
    if context.section is not None:
        context.section.reviews.append(ReviewNote(" ".join(note.split()), location))
    return []


def _question(node: SyntaxTreeNode, context: BlockContext, location: Location,
              rest: str) -> list[Block]:
    """Return nothing: a question outside a form is a problem."""
    context.state.problems.add(location, "a '::: question' block belongs inside a ':::: form'")
    return []


def _part(node: SyntaxTreeNode, context: BlockContext, location: Location,
          rest: str) -> list[Block]:
    """Return nothing: a part outside a question is a problem."""
    context.state.problems.add(location, "a '::: part' block belongs inside a '::: question'")
    return []


def block_id(context: BlockContext, rest: str, location: Location) -> tuple[str, str]:
    """Return the id that REST starts with ("" when none; a problem when it cannot be
    claimed) and the rest of REST."""
    match = BLOCK_ID.match(rest)
    if not match:
        return "", rest
    found = match.group(1) if claim_id(context.state, match.group(1), location) else ""
    return found, match.group(2).strip()


def _table(node: SyntaxTreeNode, context: BlockContext, location: Location,
           rest: str) -> list[Block]:
    """Return the one table of ``::: table #id Caption`` (id optional). Without a caption
    it is a problem, except in a quiz or answers, whose heading labels the table."""
    tables = [child for child in node.children if child.type == "table"]
    if len(tables) != 1 or len(node.children) != 1:
        context.state.problems.add(location, "a '::: table' block holds exactly one table")
        return []
    table_id, caption = block_id(context, rest, location)
    if not caption and not context.under_heading:
        context.state.problems.add(location, "a '::: table' block needs a caption after 'table'")
    return [table(tables[0], context, context.inline_text(caption, location), table_id)]


def table(node: SyntaxTreeNode, context: BlockContext, caption: tuple[Inline, ...],
          table_id: str = "") -> Table:
    """Return a Markdown table: its first row is the header; an empty cell stays empty."""
    location = context.location(node)
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for part in node.children:
        for row in part.children:
            rows.append(tuple(context.inlines(cell.children[0], location)
                              if cell.children else () for cell in row.children))
    return Table(caption, rows[0], tuple(rows[1:]), location, table_id)


def _title(context: BlockContext, block: str, title: str, location: Location,
           example: str) -> None:
    """Add a problem when ``block`` ("an activity") has no title: its heading would say only
    what kind of block it is."""
    if not title:
        context.state.problems.add(location, f"{block} needs a title that says what it is "
                                             f"about: '{example}'")


def _checklist(node: SyntaxTreeNode, context: BlockContext, location: Location,
               rest: str) -> list[Block]:
    """Return a checklist: one bullet list of one-line points, any other blocks its intro."""
    lists = [child for child in node.children if child.type == "bullet_list"]
    if len(lists) != 1:
        context.state.problems.add(location, "a checklist holds one bullet list of points")
        return []
    items = []
    for item in lists[0].children:
        paragraphs = [child for child in item.children if child.type == "paragraph"]
        if len(paragraphs) != 1 or len(item.children) != 1:
            context.state.problems.add(location, "each checklist point is one line of text")
            continue
        items.append(context.inlines(paragraphs[0].children[0], location))
    intro = [block for child in node.children if child is not lists[0]
             for block in context.blocks(child)]
    checklist_id, title = block_id(context, rest, location)
    _title(context, "a checklist", title, location, "::: checklist Title")
    return [Checklist(context.inline_text(title, location), tuple(intro), tuple(items), location,
                      checklist_id)]


def _quiz_heading(block_type: str, rest: str, context: BlockContext,
                  location: Location) -> tuple[str, str] | None:
    """Return the quiz id and title of ``#quiz-id Title``; None (a problem) without an id."""
    match = QUIZ_HEADING.match(rest)
    if not match:
        context.state.problems.add(location, f"a '::: {block_type}' block needs an id: "
                                             f"'::: {block_type} #quiz-id ...'")
        return None
    return match.group(1), match.group(2).strip()


def _quiz_blocks(node: SyntaxTreeNode, context: BlockContext) -> list[Block]:
    """Return the blocks of a quiz or of its answers; their tables have no caption: the
    heading above (the quiz's, or the answers' section's) labels them."""
    inner = context.labelled_by_heading()
    blocks: list[Block] = []
    for child in node.children:
        if child.type == "table":
            blocks.append(table(child, inner, ()))
        else:
            blocks.extend(inner.blocks(child))
    return blocks


def _quiz(node: SyntaxTreeNode, context: BlockContext, location: Location,
          rest: str) -> list[Block]:
    """Return a numbered quiz ``::: quiz #quiz-id Title`` (its answers are linked later)."""
    heading = _quiz_heading("quiz", rest, context, location)
    if heading is None:
        return []
    quiz_id, title = heading
    inner = _quiz_blocks(node, context)
    _title(context, "a quiz", title, location, "::: quiz #quiz-id Title")
    number = add_quiz(context.state, quiz_id, location)
    if number is None:
        return []
    return [Quiz(quiz_id, number, context.inline_text(title, location), tuple(inner), "",
                 location)]


def _answers(node: SyntaxTreeNode, context: BlockContext, location: Location,
             rest: str) -> list[Block]:
    """Return the answers ``::: answers #quiz-id`` to a quiz, recorded with their section."""
    heading = _quiz_heading("answers", rest, context, location)
    if heading is None:
        return []
    quiz_id, _ = heading
    inner = _quiz_blocks(node, context)
    section_id = context.section.id if context.section is not None else None
    add_answers(context.state, quiz_id, location, section_id)
    return [QuizAnswers(quiz_id, tuple(inner), location)]


def _activity(node: SyntaxTreeNode, context: BlockContext, location: Location,
              rest: str) -> list[Block]:
    """Return an activity titled by REST, holding the inner blocks."""
    _title(context, "an activity", rest, location, "::: activity Title")
    return [Activity(context.inline_text(rest, location), tuple(context.child_blocks(node)),
                     location)]


def _quote(node: SyntaxTreeNode, context: BlockContext, location: Location,
           rest: str) -> list[Block]:
    """Return a quotation whose source is REST (a problem when there is none)."""
    if not rest:
        context.state.problems.add(location, "a quote needs its source: '::: quote SOURCE'")
    return [Quote(tuple(context.child_blocks(node)), context.inline_text(rest, location),
                  location)]


CONTAINER_READERS: dict[str, ContainerReader] = {
    "activity": _activity,
    "answers": _answers,
    "checklist": _checklist,
    "form": read_form,
    "part": _part,
    "question": _question,
    "quiz": _quiz,
    "quote": _quote,
    "review": _review,
    "table": _table,
}
BLOCK_TYPES = tuple(sorted(CONTAINER_READERS))
