"""What the audio edition says, passage by passage, generated from the document model.

A section is said as the passages of :func:`formats.core.passages.section_passages`: its
heading (with its number or kind, see :mod:`formats.editions.audio.headings`), then each
paragraph, list item, table row, checklist point, form question... A block that holds other
passages is announced with the first of them ("A list of 4 points.") and closed with the last
("End of list."). Tables are read row by row by their header names, leaving out empty cells (a
space to write in), cells that only repeat their header, and "Row N" when the first column
names the row; a quiz says its title once, where its answers are once, and asks the listener
to pause the recording instead of reading out spaces to write in. Each passage is followed by
the pause of :mod:`formats.editions.audio.pauses`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from formats.core.dispatch import NodeTable, block_table
from formats.core.model import (
    Activity,
    Block,
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
from formats.core.passages import Passage, section_passages
from formats.core.text import normalise
from formats.editions.audio.blocks_said import PAUSE_FOR_ACTIVITY, BlockWords
from formats.editions.audio.files import CLOSING_REF
from formats.editions.audio.headings import Place, chapter_label, contents, heading, places
from formats.editions.audio.lexicon import compile_lexicon
from formats.editions.audio.pauses import pause_after
from formats.editions.audio.wording import Line, LinkSaid, Wording

OPENING_TITLE = "About this recording"


@dataclass(frozen=True)
class SpokenPassage:
    """One passage as said: its ref, kind, transcript text, engine input and the pause after."""

    ref: str
    kind: str
    text: str
    speech: str
    pause: float


@dataclass(frozen=True)
class SpokenSection:
    """One file's worth of speech: the section id, its chapter title and its passages."""

    id: str
    index: int  # 1-based position in reading order; 0 for the opening
    label: str  # the title of its chapter mark, e.g. "2.1 What is co-production?"
    passages: tuple[SpokenPassage, ...]

    @property
    def text(self) -> str:
        """Return the transcript: one passage a line."""
        return "\n".join(passage.text for passage in self.passages)


@dataclass(frozen=True)
class Script:
    """Everything the audio edition says: every section, and the links they hold."""

    sections: list[SpokenSection]
    links: list[LinkSaid]


def script(document: Document) -> list[SpokenSection]:
    """Return what is said for every section of the document, in reading order."""
    return full_script(document).sections


def full_script(document: Document) -> Script:
    """Return what is said for every section, the last one closing the recording (naming the
    partner of a partner's edition), and the links met on the way."""
    speaker = Speaker(document)
    sections = [speaker.section(place, index)
                for index, place in enumerate(places(document), start=1)]
    if sections:
        last = sections[-1]
        partner = document.partner
        closing = speaker.said(CLOSING_REF, "paragraph", f"End of {document.meta.title}."
                               + (f" This edition was published by {partner.name}."
                                  if partner is not None else ""), 0.0)
        sections[-1] = SpokenSection(last.id, last.index, last.label,
                                     (*last.passages, closing))
    return Script(sections, speaker.wording.links)


class Speaker:
    """Says the passages of one document (it knows its quizzes and where their answers are)."""

    def __init__(self, document: Document) -> None:
        self.wording = Wording(compile_lexicon(document.lexicon))
        self.words = BlockWords(self.wording, document)
        self.words.already_said = self.already_said
        self.said_in_section: list[str] = []

    def section(self, place: Place, index: int) -> SpokenSection:
        """Return one section said passage by passage."""
        section = place.section
        self.wording.section_id = section.id
        self.wording.internal.clear()
        self.said_in_section = []
        self.words.before_tables = _before_tables(section.blocks)
        lines: list[SpokenPassage] = []
        for passage in section_passages(section):
            raw = (self.heading(place) if passage.kind == "heading"
                   else self.passage(passage))
            lines.append(self.said(passage.ref, passage.kind, raw, pause_after(passage)))
        return SpokenSection(section.id, index, chapter_label(place), tuple(lines))

    def said(self, ref: str, kind: str, raw: str, pause: float) -> SpokenPassage:
        """Return a passage's raw words made ready to be said."""
        line: Line = self.wording.line(raw)
        self.said_in_section.append(normalise(line.text))
        return SpokenPassage(ref, kind, line.text, line.speech, pause)

    def heading(self, place: Place) -> str:
        return " ".join(part for part in (heading(place), contents(place)) if part)

    def passage(self, passage: Passage) -> str:
        """Return the raw words of a passage: what opens, the passage, what closes."""
        parts = []
        for block in passage.opens:
            parts.append(_OPENINGS[block](self.words, block, passage))
            self.said_in_section.append(normalise(parts[-1]))
        parts.append(_KINDS[passage.kind](self, passage))
        del self.said_in_section[len(self.said_in_section) - len(passage.opens):]
        parts += [_ENDINGS[block](self.words, block, passage) for block in passage.closes]
        return " ".join(part for part in parts if part)

    def already_said(self, words: str) -> bool:
        """Return True when every word of ``words`` was said in this section already."""
        wanted = set(normalise(words).split())
        heard = set(" ".join(self.said_in_section).split())
        return bool(wanted) and wanted <= heard

    def title(self, passage: Passage) -> str:
        return _TITLES[passage.node](self, passage.node)


def _before_tables(blocks: tuple[Block, ...]) -> set[int]:
    """Return the ids of the paragraphs that come just before a table (in any group of
    blocks of the section), which introduce it."""
    found: set[int] = set()
    groups = [blocks] + [group for block in walk_blocks(blocks) for group in block.nested()]
    for group in groups:
        for before, after in pairwise(group):
            if isinstance(before, Paragraph) and isinstance(after, Table):
                found.add(id(before))
    return found


def _no_title(speaker: Speaker, block: Any) -> str:
    return ""


_TITLES: NodeTable[Callable[[Speaker, Any], str]] = block_table("audio: block titles", {
    Paragraph: _no_title, BulletList: _no_title, QuizAnswers: _no_title,
    GlossaryEntry: _no_title, Figure: _no_title,
    Checklist: lambda speaker, block: speaker.words.checklist_title(block),
    Activity: lambda speaker, block: speaker.words.activity_title(block),
    Table: lambda speaker, block: speaker.words.table_caption(
        block, speaker.already_said(speaker.wording.inlines(block.caption))),
    Quiz: lambda speaker, block: speaker.words.quiz_title(block),
    Quote: lambda speaker, block: speaker.words.quote_source(block),
    Form: lambda speaker, block: speaker.words.form_title(block),
})

_KINDS: dict[str, Callable[[Speaker, Passage], str]] = {
    "paragraph": lambda speaker, passage: speaker.words.paragraph(passage.node),
    "item": lambda speaker, passage: speaker.words.item(passage),
    "title": Speaker.title,
    "row": lambda speaker, passage: speaker.words.row(passage),
    "point": lambda speaker, passage: speaker.words.point(passage.node),
    "question": lambda speaker, passage: speaker.words.question(passage.node),
    "entry": lambda speaker, passage: speaker.words.entry(passage.node),
    "figure": lambda speaker, passage: speaker.words.figure(passage.node),
}


def _nothing(words: BlockWords, block: Any, passage: Passage) -> str:
    return ""


_OPENINGS: NodeTable[Callable[[BlockWords, Any, Passage], str]] = block_table(
    "audio: block openings", {
        Paragraph: _nothing, GlossaryEntry: _nothing, Figure: _nothing,
        BulletList: BlockWords.list_opening,
        Checklist: lambda words, block, passage: "" if block.title else
        words.checklist_title(block),
        Activity: lambda words, block, passage: "" if block.title else "Activity.",
        Table: lambda words, block, passage: "" if block.caption else
        words.table_caption(block, True),
        Quiz: lambda words, block, passage: "" if block.title else f"Quiz {block.number}.",
        QuizAnswers: BlockWords.answers_opening,
        Quote: lambda words, block, passage: "" if block.source else "A quotation.",
        Form: lambda words, block, passage: "" if block.title else words.form_title(block),
    })

_ENDINGS: NodeTable[Callable[[BlockWords, Any, Passage], str]] = block_table(
    "audio: block endings", {
        Paragraph: _nothing, GlossaryEntry: _nothing, Figure: _nothing,
        BulletList: BlockWords.list_ending,
        Checklist: lambda words, block, passage: "End of checklist.",
        Activity: lambda words, block, passage: PAUSE_FOR_ACTIVITY + " End of activity.",
        Table: lambda words, block, passage: "End of table.",
        Quiz: BlockWords.quiz_ending,
        QuizAnswers: lambda words, block, passage: "End of the suggested answers.",
        Quote: lambda words, block, passage: "End of quotation.",
        Form: lambda words, block, passage: "End of form.",
    })
