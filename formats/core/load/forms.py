"""``:::: form`` blocks into the model's forms: questions numbered as the original numbers them,
each with the answers it offers and its parts (``::: part``), lettered a, b, c...

A question is ``::: question KIND #id`` (``:::: question`` when it holds parts); a question
answered only in its parts leaves KIND out. A part is ``::: part KIND #id``. Its first
paragraphs are its prompt; for ``choice`` and ``one-of`` a bullet list gives the answers to
tick; ``yesno`` answers are yes and no.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.markdown import typeset
from formats.core.load.references import claim_id
from formats.core.model import Block, Form, FormQuestion, Inline, Location, QuestionKind, Text

if TYPE_CHECKING:
    from formats.core.load.blocks import BlockContext

QUESTION_KINDS = ("choice", "one-of", "yesno", "text")
PART_LETTERS = "abcdefghijklmnopqrstuvwxyz"
YES_NO = ("yes", "no")


def read_form(node: SyntaxTreeNode, context: BlockContext, location: Location,
              rest: str) -> list[Block]:
    """Return a form titled by REST (no title when the section's heading is the form's); it
    holds only ``::: question`` blocks."""
    questions: list[FormQuestion] = []
    for child in node.children:
        if _words(child)[:1] != ["question"]:
            context.state.problems.add(context.location(child), "a form holds only '::: "
                                                                "question KIND #id' blocks")
            continue
        context.state.question_count += 1
        question = _question(child, context, context.state.question_count, "")
        if question is not None:
            questions.append(question)
    return [Form(context.inline_text(rest, location), tuple(questions), location)]


def _words(node: SyntaxTreeNode) -> list[str]:
    """Return the words of a ``::: TYPE ...`` line (none for another node)."""
    return node.info.split() if node.type == "container_block" else []


def _question(node: SyntaxTreeNode, context: BlockContext, number: int,
              letter: str) -> FormQuestion | None:
    """Return question ``number`` (or its part ``letter``); None (with a problem) when its
    first line is malformed or its id cannot be claimed."""
    location = context.location(node)
    problems = context.state.problems
    block_type = "part" if letter else "question"
    words = _words(node)[1:]
    if len(words) == 1 and words[0].startswith("#") and not letter:
        words = ["parts", *words]
    if len(words) != 2 or words[0] not in QUESTION_KINDS + (() if letter else ("parts",)) \
            or not words[1].startswith("#"):
        problems.add(location, f"write a {block_type} as '::: {block_type} KIND #id' with KIND "
                               f"one of: {', '.join(QUESTION_KINDS)}"
                     + ("" if letter else " (leave KIND out when it is answered in its parts)"))
        return None
    kind, question_id = cast(QuestionKind, words[0]), words[1][1:]
    if not claim_id(context.state, question_id, location):
        return None
    prompt: tuple[Inline, ...] = ()
    options: list[str] = []
    parts: list[FormQuestion] = []
    for child in node.children:
        if child.type == "paragraph" and not parts:
            prompt = prompt + ((Text(" "),) if prompt else ()) + context.inlines(
                child.children[0], location)
        elif child.type == "bullet_list" and not parts:
            options.extend(typeset(item.children[0].children[0].content)
                           for item in child.children if item.children)
        elif _words(child)[:1] == ["part"] and not letter and len(parts) < len(PART_LETTERS):
            part = _question(child, context, number, PART_LETTERS[len(parts)])
            if part is not None:
                parts.append(part)
        else:
            problems.add(context.location(child), f"a {block_type} holds its words, then the "
                                                  "answers to tick, then its parts")
    question = FormQuestion(question_id, number, kind, prompt, tuple(options), location,
                            tuple(parts), letter)
    _check(context, question)
    if kind == "yesno" and not options:
        return replace(question, options=YES_NO)
    return question


def _check(context: BlockContext, question: FormQuestion) -> None:
    """Add a problem for a question without words, a choice without answers, a yes/no with
    other answers, or a question answered in its parts without any."""
    problems, location, kind = context.state.problems, question.location, question.kind
    if not question.prompt:
        problems.add(location, f"question '{question.id}' has no text")
    if kind in ("choice", "one-of") and not question.options:
        problems.add(location, f"{kind} question '{question.id}' needs a list of answers to "
                               "tick")
    if kind == "yesno" and question.options and \
            tuple(option.lower() for option in question.options) != YES_NO:
        problems.add(location, f"yesno question '{question.id}' answers yes or no: for "
                               f"{', '.join(question.options)} write 'one-of'")
    if kind == "parts" and not question.parts:
        problems.add(location, f"question '{question.id}' has no KIND and no '::: part' "
                               "blocks: how is it answered?")
