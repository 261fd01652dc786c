"""The closed document model that every format renders.

A :class:`Document` is metadata plus a tree of :class:`Section` nodes. A section has a stable
id written in the source, a title, a level, a derived number and typed blocks. Inline text is a
tuple of inline nodes (:mod:`formats.core.model_inline`, re-exported here). The set of node
kinds is fixed: renderers handle each one, and nothing else. No renderer ever looks at source
text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from formats.core.easy_read_model import EasyRead, EasyReadPart, EasyReadPicture, SignOff

# The inline nodes are in their own module; every name of it is part of this one, and so are
# the Easy Read nodes.
from formats.core.model_inline import (
    MEDIA,
    PAGE_NUMBER,
    Emphasis,
    Image,
    Inline,
    Inlines,
    LineBreak,
    Link,
    Medium,
    MediumWords,
    Strong,
    Text,
)

__all__ = [
    "MEDIA", "PAGE_NUMBER", "Activity", "Block", "BulletList", "Checklist", "Colours", "Contact",
    "Document", "EasyRead", "EasyReadPart", "EasyReadPicture", "Edition", "Emphasis", "Figure",
    "Form", "FormQuestion", "GlossaryEntry", "Image", "Inline", "Inlines", "LexiconEntry",
    "LineBreak", "Link", "ListItem", "Location", "Medium", "MediumWords", "Metadata",
    "Paragraph", "Partner", "QuestionKind", "Quiz", "QuizAnswers", "Quote", "ReviewNote",
    "Section", "SectionKind", "SignOff", "Strong", "Table", "Text", "walk_blocks",
]

# ---------------------------------------------------------------------------------------------
# Where a node came from


@dataclass(frozen=True)
class Location:
    """A place in the source: a file (relative to the source folder) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


# ---------------------------------------------------------------------------------------------
# Block nodes


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    content: Inlines
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


@dataclass(frozen=True)
class ListItem:
    """One point of a list; it may hold paragraphs and nested lists."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class BulletList:
    """A bulleted (or, when ``ordered``, numbered) list."""

    items: tuple[ListItem, ...]
    ordered: bool
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: each point's blocks."""
        return tuple(item.blocks for item in self.items)


@dataclass(frozen=True)
class Checklist:
    """A checklist: points a reader ticks off, with its title, an introduction, and an id
    ("" when it has none) that the text may point to."""

    title: Inlines
    intro: tuple[Block, ...]
    items: tuple[Inlines, ...]
    location: Location
    id: str = ""

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: its introduction."""
        return (self.intro,)


@dataclass(frozen=True)
class Activity:
    """Something the reader is asked to do, with its own title and any blocks."""

    title: Inlines
    blocks: tuple[Block, ...]
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: its blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class Table:
    """A table with one header row. Cells are inline text; an empty cell is a space to write in.

    ``caption`` is empty for the table of a quiz or of suggested answers: the heading above
    labels it. ``id`` ("" when it has none) is what the text may point to.
    """

    caption: Inlines
    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    location: Location
    id: str = ""

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


@dataclass(frozen=True)
class Quiz:
    """A quiz in the body; ``answers_id`` is the id of the section holding its answers."""

    id: str
    number: int
    title: Inlines
    blocks: tuple[Block, ...]
    answers_id: str
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: its blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class QuizAnswers:
    """The suggested answers to the quiz ``quiz_id``."""

    quiz_id: str
    blocks: tuple[Block, ...]
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: its blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class Quote:
    """A quoted passage (a definition, an extract) with the source it comes from."""

    blocks: tuple[Block, ...]
    source: Inlines
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: the quoted blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the jargon appendix and what it means."""

    id: str
    term: str
    definition: tuple[Block, ...]
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block: the definition."""
        return (self.definition,)


QuestionKind = Literal["choice", "one-of", "yesno", "text", "parts"]


@dataclass(frozen=True)
class FormQuestion:
    """A question of a form, numbered as the original numbers it, and its parts.

    ``kind`` says how it is answered: ``choice`` (tick any of ``options``), ``one-of`` (tick
    one of ``options``), ``yesno`` (yes or no), ``text`` (write), or ``parts`` (only in its
    parts). A part is a question too, with its parent's ``number`` and its own ``letter``.
    """

    id: str
    number: int
    kind: QuestionKind
    prompt: Inlines
    options: tuple[str, ...]
    location: Location
    parts: tuple[FormQuestion, ...] = ()
    letter: str = ""

    @property
    def label(self) -> str:
        """Return the number as shown: "10", or "10 a" for a part."""
        return f"{self.number} {self.letter}" if self.letter else str(self.number)

    def all(self) -> tuple[FormQuestion, ...]:
        """Return the question and its parts, in order."""
        return (self, *self.parts)


@dataclass(frozen=True)
class Form:
    """A form to fill in, made of questions; its title is empty when the section's heading
    is the form's."""

    title: Inlines
    questions: tuple[FormQuestion, ...]
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


@dataclass(frozen=True)
class Figure:
    """A picture on its own, with alt text and an optional caption."""

    image: Image
    caption: Inlines
    location: Location

    def nested(self) -> tuple[tuple[Block, ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


Block = (
    Paragraph | BulletList | Checklist | Activity | Table | Quiz | QuizAnswers | Quote
    | GlossaryEntry | Form | Figure
)

# ---------------------------------------------------------------------------------------------
# Sections and the document

SectionKind = Literal["chapter", "appendix", "closing", "section"]


@dataclass(frozen=True)
class ReviewNote:
    """A note left in the source for a person to confirm something; listed by every build."""

    text: str
    location: Location


@dataclass(frozen=True)
class Section:
    """A titled part of the document with a stable id.

    ``number`` is derived from order ("2", "2.6", "b", "Appendix 4", or "" when unnumbered);
    ``label`` joins it to the title the way headings show it.
    """

    id: str
    title: str
    level: int
    kind: SectionKind
    number: str
    blocks: tuple[Block, ...]
    children: tuple[Section, ...]
    location: Location
    reviews: tuple[ReviewNote, ...] = ()

    @property
    def label(self) -> str:
        """Return the heading as shown: "2.6 What's different...", "b) Rewards and risks"."""
        if not self.number:
            return self.title
        if self.kind == "appendix":
            return f"{self.number}: {self.title}"
        if self.level == 3:
            return f"{self.number}) {self.title}"
        if self.level == 1:
            return f"{self.number}. {self.title}"
        return f"{self.number} {self.title}"

    def walk(self) -> Iterator[Section]:
        """Yield this section and every section inside it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Edition:
    number: int
    date: date


@dataclass(frozen=True)
class Contact:
    email: str
    website: str
    twitter: str = ""
    facebook: str = ""


@dataclass(frozen=True)
class Metadata:
    """Facts about the publication, from ``toolkit.yaml``."""

    title: str
    subtitle: str
    summary: str
    publisher: str
    language: str
    edition: Edition
    identifier: str
    rights: str
    contact: Contact
    formats: tuple[str, ...]
    alternative_formats: str
    reviews: tuple[ReviewNote, ...] = ()  # notes on fields of toolkit.yaml


@dataclass(frozen=True)
class LexiconEntry:
    """How the audio edition says a word: ``written`` is replaced by ``spoken``."""

    written: str
    spoken: str
    location: Location


@dataclass(frozen=True)
class Colours:
    """A partner's two colours, as ``#rrggbb``: ``primary`` for headings and links, ``accent``
    for bands and rules; each readable on white (at least 4.5:1)."""

    primary: str
    accent: str


@dataclass(frozen=True)
class Partner:
    """A publishing partner who regenerates the editions with their own details (from a
    profile file, kept apart from the source): name, logo, colours, contact details, a note
    about their edition and how readers ask them for other formats. In a partner's edition the
    metadata's contact details and other-formats statement are the partner's (see
    :func:`formats.core.profile.with_partner`)."""

    name: str
    logo: Image | None
    colours: Colours
    contact: Contact
    phone: str
    edition_note: str
    other_formats: str


@dataclass(frozen=True)
class Document:
    """The whole toolkit: metadata, chapters (each a Section tree) and the companion texts, and
    the partner whose edition this is (None for the publisher's own)."""

    meta: Metadata
    chapters: tuple[Section, ...]
    source_dir: Path
    source_hash: str
    easy_read: EasyRead | None = None
    lexicon: tuple[LexiconEntry, ...] = ()
    partner: Partner | None = None
    warnings: tuple[str, ...] = ()  # located, as "path:line: message": not errors, but said

    def sections(self) -> Iterator[Section]:
        """Yield every section of the standard edition in reading order."""
        for chapter in self.chapters:
            yield from chapter.walk()

    def sections_with_parent_numbers(self) -> list[tuple[Section, str]]:
        """Return every section in reading order with the number of the section it is in
        (so that "b" can be shown as "2.5 b"); the parent number of a chapter is ""."""
        found: list[tuple[Section, str]] = []

        def visit(section: Section, parent_number: str) -> None:
            found.append((section, parent_number))
            for child in section.children:
                visit(child, section.number)

        for chapter in self.chapters:
            visit(chapter, "")
        return found

    def section(self, section_id: str) -> Section:
        """Return the section with this id; raise KeyError when there is none."""
        for section in self.sections():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def reviews(self) -> list[ReviewNote]:
        """Return every review note of the source: those on ``toolkit.yaml``, those of the
        sections in reading order, then the Easy Read parts'."""
        extra = self.easy_read.reviews() if self.easy_read is not None else []
        return [*self.meta.reviews,
                *(note for section in self.sections() for note in section.reviews), *extra]

    def quizzes(self) -> list[Quiz]:
        """Return the quizzes in reading order."""
        return [block for section in self.sections() for block in walk_blocks(section.blocks)
                if isinstance(block, Quiz)]


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Yield every block and every block nested inside it, depth first."""
    for block in blocks:
        yield block
        for inner in block.nested():
            yield from walk_blocks(inner)
