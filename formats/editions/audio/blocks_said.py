"""The raw words of each kind of passage and of the openings and endings of blocks.

Raw words are the model's words with the audio's announcements around them; the
:class:`~formats.editions.audio.wording.Wording` then makes them ready to be said.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from formats.core.model import (
    Block,
    BulletList,
    Checklist,
    Document,
    Figure,
    Form,
    FormQuestion,
    GlossaryEntry,
    Inline,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Table,
)
from formats.core.passages import Passage
from formats.core.text import normalise
from formats.editions.audio.headings import count, joined, sentence
from formats.editions.audio.print_words import as_table
from formats.editions.audio.wording import Wording

PAUSE_TO_ANSWER = "Pause the recording to think about your answers."
# what follows an activity may be its answer (a checklist): the listener is offered the time
PAUSE_FOR_ACTIVITY = "Pause the recording now if you want to do this activity."
_ENDS_SENTENCE = (".", "?", "!", ":")
_Kind = TypeVar("_Kind", bound=Block)


def _inside(passage: Passage, kind: type[_Kind]) -> _Kind:
    """Return the block a passage is directly inside: a list for an item, a table for a row.

    Raise TypeError when it is another kind of block (the passages were made wrong).
    """
    block = passage.within[-1].block
    if not isinstance(block, kind):
        raise TypeError(f"passage {passage.ref} is inside a {type(block).__name__}, not a "
                        f"{kind.__name__}")
    return block


def labelled(label: str, value: str) -> str:
    """Return "label: value." (no colon after a label that already ends a sentence)."""
    label = " ".join(label.split())
    joiner = " " if label.endswith(_ENDS_SENTENCE) else ": "
    return sentence(f"{label}{joiner}{value}")


class BlockWords:
    """Says the blocks of one document: it knows its quizzes, where their answers are, and
    (through the speaker) what a section has said already."""

    def __init__(self, wording: Wording, document: Document) -> None:
        self.wording = wording
        self.quizzes = {quiz.id: quiz for quiz in document.quizzes()}
        self.chapter_of = {section.id: chapter for chapter in document.chapters
                           for section in chapter.walk()}
        self.before_tables: set[int] = set()
        self.already_said: Callable[[str], bool] = lambda words: False
        self._names_rows: dict[int, bool] = {}

    def words(self, inlines: tuple[Inline, ...]) -> str:
        return " ".join(self.wording.inlines(inlines).split())

    # -- passages --------------------------------------------------------------------------

    def paragraph(self, block: Paragraph) -> str:
        words = sentence(self.words(block.content))
        return as_table(words) if id(block) in self.before_tables else words

    def item(self, passage: Passage) -> str:
        first = passage.node.blocks[0]
        words = self.paragraph(first)
        listed = _inside(passage, BulletList)
        return f"{passage.number}. {words}" if listed.ordered else words

    def point(self, inlines: tuple[Inline, ...]) -> str:
        return sentence(self.words(inlines))

    def row(self, passage: Passage) -> str:
        """Return a table row said by its header names: no empty cell, no cell equal to its
        header, and "Row N" only when the first column does not name the rows."""
        table = _inside(passage, Table)
        headers = [self.words(cell) for cell in table.header]
        said = [] if self._first_column_names_rows(table) else [f"Row {passage.number}."]
        for number, cell in enumerate(passage.node):
            header = headers[number] if number < len(headers) else ""
            value = self.words(cell)
            if not value or self._same(value, header):
                continue
            said.append(labelled(header, value) if header else sentence(value))
        return " ".join(said)

    def question(self, question: FormQuestion) -> str:
        prompt = sentence(self.words(question.prompt))
        number = f"Part {question.letter}." if question.letter else f"Question {question.number}."
        parts = (f"It has {count(len(question.parts), 'part')}." if question.kind == "parts"
                 else "")
        return " ".join(part for part in (number, prompt, parts, _how_to_answer(question))
                        if part)

    def entry(self, block: GlossaryEntry) -> str:
        definition = " ".join(self.paragraph(inner) if isinstance(inner, Paragraph)
                              else "" for inner in block.definition)
        return labelled(block.term, definition)

    def figure(self, block: Figure) -> str:
        caption = sentence(self.words(block.caption))
        return " ".join(part for part in (labelled("Picture", block.image.alt), caption) if part)

    # -- titles ----------------------------------------------------------------------------

    def checklist_title(self, block: Checklist) -> str:
        title = sentence(self.words(block.title))
        points = count(len(block.items), "point")
        return f"Checklist: {title} It has {points}." if title else f"A checklist of {points}."

    def activity_title(self, block: object) -> str:
        return f"Activity: {sentence(self.words(block.title))}"  # type: ignore[attr-defined]

    def table_caption(self, block: Table, leave_out_caption: bool) -> str:
        caption = sentence(self.words(block.caption))
        rows = count(len(block.rows), "row")
        if caption and not leave_out_caption:
            return f"Table: {caption} It has {rows}."
        return f"A table of {rows}."

    def quiz_title(self, block: Quiz) -> str:
        return labelled(f"Quiz {block.number}", self.words(block.title))

    def quote_source(self, block: Quote) -> str:
        return f"A quotation from {sentence(self.words(block.source))}"

    def form_title(self, block: Form) -> str:
        title = sentence(self.words(block.title))
        questions = count(len(block.questions), "question")
        return " ".join([f"Form: {title}" if title else "A form.", f"It has {questions}.",
                         "Pause the recording after each question to think about your "
                         "answer."])

    # -- openings and endings --------------------------------------------------------------

    def list_opening(self, block: BulletList, passage: Passage) -> str:
        kind = "numbered list" if block.ordered else "list"
        points = count(len(block.items), "point")
        outer = _outer_item(block, passage)
        if outer:
            return f"Inside point {outer}, a {kind} of {points}."
        return f"A {kind} of {points}."

    def list_ending(self, block: BulletList, passage: Passage) -> str:
        return "End of the inner list." if _outer_item(block, passage) else "End of list."

    def answers_opening(self, block: QuizAnswers, passage: Passage) -> str:
        quiz = self.quizzes.get(block.quiz_id)
        if quiz is None:
            return "Suggested answers."
        title = self.words(quiz.title)
        if self.already_said(f"quiz {quiz.number} {title}"):
            return "Suggested answers."
        return labelled(f"Suggested answers to quiz {quiz.number}", title)

    def quiz_ending(self, block: Quiz, passage: Passage) -> str:
        parts = [PAUSE_TO_ANSWER]
        if f"#{block.answers_id}" not in self.wording.internal:
            parts.append(f"The suggested answers are in {self.where(block.answers_id)}.")
        return " ".join([*parts, "End of quiz."])

    def where(self, section_id: str) -> str:
        """Return where a section is, as said: "appendix 4", "chapter 2"."""
        chapter = self.chapter_of.get(section_id)
        if chapter is None:
            return "the appendix"
        if chapter.kind == "chapter":
            return f"chapter {chapter.number}"
        if chapter.number:
            return chapter.number[0].lower() + chapter.number[1:]
        return chapter.title

    # -- helpers ---------------------------------------------------------------------------

    def _same(self, value: str, header: str) -> bool:
        """Return True when a cell only repeats its header ("True / False" under "True or
        False?"), as said."""
        return bool(header) and normalise(self.wording.line(value).text) == normalise(
            self.wording.line(header).text)

    def _first_column_names_rows(self, table: Table) -> bool:
        """Return True when every row's first cell has words and no two are the same."""
        if id(table) not in self._names_rows:
            firsts = [normalise(self.words(row[0])) if row else "" for row in table.rows]
            self._names_rows[id(table)] = all(firsts) and len(set(firsts)) == len(firsts) \
                and not all(first.isdigit() for first in firsts)
        return self._names_rows[id(table)]


def _outer_item(block: BulletList, passage: Passage) -> int:
    """Return the number of the point of another list that this list is inside (0 if none)."""
    outer = 0
    for within in passage.within:
        if within.block is block:
            return outer
        if isinstance(within.block, BulletList):
            outer = within.number
    return outer


def _how_to_answer(question: FormQuestion) -> str:
    """Return how a form question is answered, with its options ("" for free text): as many
    as apply, or one ("one-of"), as print says with its boxes and the web with its controls."""
    options = [" ".join(option.split()) for option in question.options]
    if question.kind in ("text", "parts") or not options:
        return ""
    if question.kind == "yesno":
        return sentence("Answer " + joined(options, "or"))
    how = "choose one" if question.kind == "one-of" else "choose any that apply"
    return f"{count(len(options), 'answer')}, {how}: " + "; ".join(options) + "."
