"""``::: TYPE`` blocks into the model's blocks: one reader per type, in a table by type name.

A container's first line is ``::: TYPE REST``; what REST holds depends on the type (a title, a
caption, a source, ``#quiz-id Title``). Its inner blocks are read through the
:class:`~formats.core.load.blocks.BlockContext` it is given.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, cast

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.references import add_answers, add_quiz, claim_id
from formats.core.model import (
    Activity, Block, Checklist, Form, FormQuestion, Inline, Location, QuestionKind, Quiz,
    QuizAnswers, Quote, ReviewNote, Table, Text,
)

if TYPE_CHECKING:
    from formats.core.load.blocks import BlockContext

QUESTION_KINDS = ("choice", "yesno", "text")
QUIZ_HEADING = re.compile(r"#(\S+)\s*(.*)$")

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


def _table(node: SyntaxTreeNode, context: BlockContext, location: Location,
           rest: str) -> list[Block]:
    """Return the one table of the block, captioned by REST (a problem when there is none)."""
    tables = [child for child in node.children if child.type == "table"]
    if len(tables) != 1 or len(node.children) != 1:
        context.state.problems.add(location, "a '::: table' block holds exactly one table")
        return []
    if not rest:
        context.state.problems.add(location, "a '::: table' block needs a caption after 'table'")
    return [table(tables[0], context, context.inline_text(rest, location))]


def table(node: SyntaxTreeNode, context: BlockContext, caption: tuple[Inline, ...]) -> Table:
    """Return a Markdown table: its first row is the header; an empty cell stays empty."""
    location = context.location(node)
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    for part in node.children:
        for row in part.children:
            rows.append(tuple(context.inlines(cell.children[0], location)
                              if cell.children else () for cell in row.children))
    return Table(caption, rows[0], tuple(rows[1:]), location)


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
    return [Checklist(context.inline_text(rest, location), tuple(intro), tuple(items), location)]


def _quiz_heading(block_type: str, rest: str, context: BlockContext,
                  location: Location) -> tuple[str, str] | None:
    """Return the quiz id and title of ``#quiz-id Title``; None (a problem) without an id."""
    match = QUIZ_HEADING.match(rest)
    if not match:
        context.state.problems.add(location, f"a '::: {block_type}' block needs an id: "
                                             f"'::: {block_type} #quiz-id ...'")
        return None
    return match.group(1), match.group(2).strip()


def _quiz_blocks(node: SyntaxTreeNode, context: BlockContext, title: str,
                 location: Location) -> list[Block]:
    """Return a quiz's blocks; a bare table in a quiz takes the quiz title as caption."""
    blocks: list[Block] = []
    for child in node.children:
        if child.type == "table":
            caption = title or "Suggested answers"
            blocks.append(table(child, context, context.inline_text(caption, location)))
        else:
            blocks.extend(context.blocks(child))
    return blocks


def _quiz(node: SyntaxTreeNode, context: BlockContext, location: Location,
          rest: str) -> list[Block]:
    """Return a numbered quiz ``::: quiz #quiz-id Title`` (its answers are linked later)."""
    heading = _quiz_heading("quiz", rest, context, location)
    if heading is None:
        return []
    quiz_id, title = heading
    inner = _quiz_blocks(node, context, title, location)
    if not title:
        context.state.problems.add(location, "a quiz needs a title: '::: quiz #quiz-id Title'")
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
    quiz_id, title = heading
    inner = _quiz_blocks(node, context, title, location)
    section_id = context.section.id if context.section is not None else None
    add_answers(context.state, quiz_id, location, section_id)
    return [QuizAnswers(quiz_id, tuple(inner), location)]


def _activity(node: SyntaxTreeNode, context: BlockContext, location: Location,
              rest: str) -> list[Block]:
    """Return an activity titled by REST, holding the inner blocks."""
    return [Activity(context.inline_text(rest, location), tuple(context.child_blocks(node)),
                     location)]


def _quote(node: SyntaxTreeNode, context: BlockContext, location: Location,
           rest: str) -> list[Block]:
    """Return a quotation whose source is REST (a problem when there is none)."""
    if not rest:
        context.state.problems.add(location, "a quote needs its source: '::: quote SOURCE'")
    return [Quote(tuple(context.child_blocks(node)), context.inline_text(rest, location),
                  location)]


def _form(node: SyntaxTreeNode, context: BlockContext, location: Location,
          rest: str) -> list[Block]:
    """Return a form titled by REST; it holds only ``::: question KIND #id`` blocks."""
    questions: list[FormQuestion] = []
    for child in node.children:
        question = _form_question(child, context)
        if question is not None:
            questions.append(question)
    return [Form(context.inline_text(rest, location), tuple(questions), location)]


def _form_question(node: SyntaxTreeNode, context: BlockContext) -> FormQuestion | None:
    """Return a numbered question of a form; None (with a problem) when it is not a
    ``::: question KIND #id`` block or its id cannot be claimed."""
    location = context.location(node)
    problems = context.state.problems
    words = node.info.split() if node.type == "container_block" else []
    if words[:1] != ["question"]:
        problems.add(location, "a form holds only '::: question KIND #id' blocks")
        return None
    if len(words) < 3 or words[1] not in QUESTION_KINDS or not words[2].startswith("#"):
        problems.add(location, "write a question as '::: question KIND #id' with KIND one of: "
                               f"{', '.join(QUESTION_KINDS)}")
        return None
    kind, question_id = cast(QuestionKind, words[1]), words[2][1:]
    if not claim_id(context.state, question_id, location):
        return None
    prompt: tuple[Inline, ...] = ()
    options: list[str] = []
    for part in node.children:
        if part.type == "paragraph":
            prompt = prompt + ((Text(" "),) if prompt else ()) + context.inlines(
                part.children[0], location)
        elif part.type == "bullet_list":
            options.extend(item.children[0].children[0].content for item in part.children)
    if kind == "yesno" and not options:
        options = ["yes", "no"]
    if kind == "choice" and not options:
        problems.add(location, f"choice question '{question_id}' needs a list of answers to "
                               "tick")
    if not prompt:
        problems.add(location, f"question '{question_id}' has no text")
    context.state.question_count += 1
    return FormQuestion(question_id, context.state.question_count, kind, prompt, tuple(options),
                        location)


CONTAINER_READERS: dict[str, ContainerReader] = {
    "activity": _activity,
    "answers": _answers,
    "checklist": _checklist,
    "form": _form,
    "question": _question,
    "quiz": _quiz,
    "quote": _quote,
    "review": _review,
    "table": _table,
}
BLOCK_TYPES = tuple(sorted(CONTAINER_READERS))
