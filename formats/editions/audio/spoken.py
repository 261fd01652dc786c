"""What the audio edition says, generated from the document model (never from another edition).

Each section is said as its number and title ("Section 2.1. What is co-production?") and then
its own blocks: lists announced with their length, checklists as checklists, tables row by row
with their column headers, quizzes followed by where their answers are, links as their text,
forms as questions with their options. The lexicon is applied, then the text is cleaned of what
an engine reads badly. One line of the result is one block, for the transcript's sake.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Callable

from formats.core.dispatch import NodeTable, block_table
from formats.core.model import (
    Activity, Block, BulletList, Checklist, Document, Figure, Form, FormQuestion, GlossaryEntry,
    Paragraph, Quiz, QuizAnswers, Quote, Section, Table,
)
from formats.core.text import inline_text
from formats.editions.audio.clean import clean, spell_addresses
from formats.editions.audio.lexicon import Lexicon, compile_lexicon

OPENING_ID = "_opening"  # not a valid section id, so it never clashes with one
OPENING_TITLE = "About this recording"
_ENDS_SENTENCE = (".", "?", "!", ":")


@dataclass(frozen=True)
class SpokenSection:
    """One file's worth of speech: the section id, its chapter title and what is said."""

    id: str
    index: int  # 1-based position in reading order; 0 for the opening
    label: str  # the title of its chapter mark, e.g. "2.1 What is co-production?"
    text: str  # what is said, one block a line, lexicon applied and cleaned


def script(document: Document) -> list[SpokenSection]:
    """Return what is said for every section of the document, in reading order."""
    speaker = _Speaker(document)
    return [speaker.section(section, parent_number, index)
            for index, (section, parent_number) in enumerate(numbered_sections(document), start=1)]


def opening(document: Document, seconds: float) -> SpokenSection:
    """Return the opening: title, publisher, what the recording holds and how long it lasts."""
    meta = document.meta
    lines = [_sentence(meta.title), _sentence(meta.subtitle),
             _sentence(f"Published by {meta.publisher}"),
             _sentence(f"Edition {meta.edition.number}, {_date(meta.edition.date)}"),
             _sentence(f"This recording contains {_contents(document)}, in "
                       f"{_count(len(list(document.sections())), 'section')}"),
             _sentence(f"It lasts {_duration(seconds)}"),
             "Each section is a separate track, and the complete book has a chapter for each "
             "section."]
    return SpokenSection(OPENING_ID, 0, OPENING_TITLE, _finish("\n".join(lines),
                                                               compile_lexicon(document.lexicon)))


def heading(section: Section, parent_number: str) -> str:
    """Return how a section's heading is said: "Chapter 2. Defining co-production."."""
    title = section.title
    if section.level == 1 and section.kind == "chapter" and section.number:
        return _sentence(f"Chapter {section.number}. {title}")
    if section.level == 1 and section.number:
        return _sentence(f"{section.number}. {title}")
    if section.number and section.level == 3 and parent_number:
        return _sentence(f"Section {parent_number} {section.number}. {title}")
    if section.number:
        return _sentence(f"Section {section.number}. {title}")
    return _sentence(title)


def chapter_label(section: Section, parent_number: str) -> str:
    """Return the title of a section's chapter mark: its label, with a letter's parent number."""
    if section.level == 3 and section.number and parent_number:
        return f"{parent_number} {section.label}"
    return section.label


def numbered_sections(document: Document) -> list[tuple[Section, str]]:
    """Return every section with its parent's number, in reading order."""
    return document.sections_with_parent_numbers()


def _finish(text: str, lexicon: Lexicon) -> str:
    """Return text ready for an engine: addresses spelt, lexicon applied, then cleaned."""
    return clean(lexicon.apply(spell_addresses(text)))


def _sentence(text: str) -> str:
    """Return text on one line, ending with a full stop unless it already ends a sentence."""
    text = " ".join(text.split())
    if text and not text.endswith(_ENDS_SENTENCE):
        text += "."
    return text


def _labelled(label: str, value: str) -> str:
    """Return "label: value." (no colon after a label that already ends a sentence)."""
    label = " ".join(label.split())
    joiner = " " if label.endswith(_ENDS_SENTENCE) else ": "
    return _sentence(f"{label}{joiner}{value}")


def _count(number: int, thing: str, plural: str = "") -> str:
    """Return "1 point", "4 points"."""
    return f"{number} {thing if number == 1 else (plural or thing + 's')}"


def _contents(document: Document) -> str:
    """Return "5 chapters, 5 appendices and a closing page"."""
    kinds = [chapter.kind for chapter in document.chapters]
    parts = []
    if kinds.count("chapter"):
        parts.append(_count(kinds.count("chapter"), "chapter"))
    if kinds.count("appendix"):
        parts.append(_count(kinds.count("appendix"), "appendix", "appendices"))
    closing = kinds.count("closing")
    if closing:
        parts.append("a closing page" if closing == 1 else _count(closing, "closing page"))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _duration(seconds: float) -> str:
    """Return a length as said: "about 1 hour and 12 minutes", "about 2 minutes"."""
    minutes = max(1, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"about {_count(hours, 'hour')} and {_count(minutes, 'minute')}"
    if hours:
        return f"about {_count(hours, 'hour')}"
    return f"about {_count(minutes, 'minute')}"


def _date(when: datetime.date) -> str:
    return f"{when.day} {when:%B %Y}"


class _Speaker:
    """Says the blocks of one document (it knows its quizzes and where their answers are)."""

    def __init__(self, document: Document) -> None:
        self.lexicon = compile_lexicon(document.lexicon)
        self.quizzes = {quiz.id: quiz for quiz in document.quizzes()}
        self.chapter_of = {section.id: chapter for chapter in document.chapters
                           for section in chapter.walk()}

    def section(self, section: Section, parent_number: str, index: int) -> SpokenSection:
        lines = [heading(section, parent_number), *self.blocks(section.blocks)]
        return SpokenSection(section.id, index, chapter_label(section, parent_number),
                             _finish("\n".join(lines), self.lexicon))

    def blocks(self, blocks: tuple[Block, ...], in_quiz: bool = False) -> list[str]:
        return [line for block in blocks for line in self.block(block, in_quiz)]

    def block(self, block: Block, in_quiz: bool = False) -> list[str]:
        """Return the lines said for one block."""
        return _SAID[block](self, block, in_quiz)

    def paragraph(self, block: Paragraph, in_quiz: bool) -> list[str]:
        return [_sentence(inline_text(block.content))]

    def activity(self, block: Activity, in_quiz: bool) -> list[str]:
        title = _sentence(inline_text(block.title))
        return [f"Activity: {title}" if title else "Activity.", *self.blocks(block.blocks),
                "End of activity."]

    def quote(self, block: Quote, in_quiz: bool) -> list[str]:
        source = _sentence(inline_text(block.source))
        return [f"A quotation from {source}" if source else "A quotation.",
                *self.blocks(block.blocks), "End of quotation."]

    def quiz_answers(self, block: QuizAnswers, in_quiz: bool) -> list[str]:
        quiz = self.quizzes.get(block.quiz_id)
        said = (_labelled(f"Suggested answers to quiz {quiz.number}", inline_text(quiz.title))
                if quiz else "Suggested answers.")
        return [said, *self.blocks(block.blocks)]

    def glossary_entry(self, block: GlossaryEntry, in_quiz: bool) -> list[str]:
        return [_labelled(block.term, " ".join(self.blocks(block.definition)))]

    def figure(self, block: Figure, in_quiz: bool) -> list[str]:
        caption = _sentence(inline_text(block.caption))
        return [_labelled("Picture", block.image.alt), *([caption] if caption else [])]

    def bullet_list(self, block: BulletList, in_quiz: bool) -> list[str]:
        kind = "A numbered list" if block.ordered else "A list"
        lines = [f"{kind} of {_count(len(block.items), 'point')}."]
        for number, item in enumerate(block.items, start=1):
            said = self.blocks(item.blocks, in_quiz)
            if block.ordered and said:
                said[0] = f"{number}. {said[0]}"
            lines.extend(said)
        return lines

    def checklist(self, block: Checklist, in_quiz: bool) -> list[str]:
        title = _sentence(inline_text(block.title))
        return [f"Checklist: {title}" if title else "Checklist.", *self.blocks(block.intro),
                f"A checklist of {_count(len(block.items), 'point')}.",
                *(_sentence(inline_text(item)) for item in block.items)]

    def table(self, block: Table, in_quiz: bool) -> list[str]:
        caption = inline_text(block.caption)
        lines = [_sentence(f"Table: {caption}" if caption else "Table") + " "
                 + _sentence(_count(len(block.rows), "row"))]
        headers = [inline_text(cell) or f"Column {number}"
                   for number, cell in enumerate(block.header, start=1)]
        for number, row in enumerate(block.rows, start=1):
            said = [f"Row {number}."]
            for header, cell in zip(headers, row):
                value = inline_text(cell).strip()
                if value:
                    said.append(_labelled(header, value))
                elif in_quiz:
                    said.append(_labelled(header, "space for your answer"))
            lines.append(" ".join(said))
        return lines

    def quiz(self, block: Quiz, in_quiz: bool) -> list[str]:
        return [_labelled(f"Quiz {block.number}", inline_text(block.title)),
                *self.blocks(block.blocks, in_quiz=True),
                f"The suggested answers are in {self.where(block.answers_id)}."]

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

    def form(self, block: Form, in_quiz: bool) -> list[str]:
        title = _sentence(inline_text(block.title))
        lines = [f"Form: {title}" if title else "Form.",
                 f"It has {_count(len(block.questions), 'question')}."]
        for question in block.questions:
            lines.append(f"Question {question.number}. {_sentence(inline_text(question.prompt))} "
                         f"{_how_to_answer(question)}")
        return lines


_SAID: NodeTable[Callable[[_Speaker, Any, bool], list[str]]] = block_table("audio: spoken blocks", {
    Paragraph: _Speaker.paragraph, BulletList: _Speaker.bullet_list,
    Checklist: _Speaker.checklist, Activity: _Speaker.activity, Quote: _Speaker.quote,
    Table: _Speaker.table, Quiz: _Speaker.quiz, QuizAnswers: _Speaker.quiz_answers,
    GlossaryEntry: _Speaker.glossary_entry, Form: _Speaker.form, Figure: _Speaker.figure,
})


def _how_to_answer(question: FormQuestion) -> str:
    """Return how a form question is answered, with its options."""
    options = [" ".join(option.split()) for option in question.options]
    if question.kind == "text" or not options:
        return "Space for your answer."
    if question.kind == "yesno":
        return _sentence("Answer " + (options[0] if len(options) == 1 else
                                      ", ".join(options[:-1]) + " or " + options[-1]))
    return " ".join([f"{_count(len(options), 'answer')} to choose from.",
                     *(_sentence(option) for option in options)])
