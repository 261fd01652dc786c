"""The closed document model that every format renders.

A :class:`Document` is metadata plus a tree of :class:`Section` nodes. A section has a stable
id written in the source, a title, a level, a derived number and typed blocks. Inline text is a
tuple of inline nodes. The set of node kinds is fixed: renderers handle each one, and nothing
else. No renderer ever looks at source text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator, Literal, Union

from formats.core.easy_read_model import EasyRead, EasyReadPart, EasyReadPicture, SignOff

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
# Inline nodes


@dataclass(frozen=True)
class Text:
    """Plain words."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold emphasis (also the form of emphasis that large print uses for italics)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Emphasis:
    """Emphasis (italics in the standard editions, bold in large print)."""

    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Link:
    """A link. ``target`` is an absolute URL (``https:``, ``mailto:``) or ``#id`` of a node."""

    target: str
    children: tuple["Inline", ...]

    @property
    def is_internal(self) -> bool:
        return self.target.startswith("#")

    @property
    def display_address(self) -> str:
        """Return the address as a reader would type it (no scheme, no trailing slash)."""
        address = self.target
        for prefix in ("mailto:", "https://", "http://"):
            if address.startswith(prefix):
                address = address[len(prefix):]
        return address.rstrip("/")


@dataclass(frozen=True)
class Image:
    """An inline picture (``path`` absolute); an Easy Read one has its library name and meaning."""

    path: Path
    alt: str
    name: str = ""
    meaning: str = ""


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline = Union[Text, Strong, Emphasis, Link, Image, LineBreak]
Inlines = tuple[Inline, ...]

# ---------------------------------------------------------------------------------------------
# Block nodes


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    content: Inlines
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


@dataclass(frozen=True)
class ListItem:
    """One point of a list; it may hold paragraphs and nested lists."""

    blocks: tuple["Block", ...]


@dataclass(frozen=True)
class BulletList:
    """A bulleted (or, when ``ordered``, numbered) list."""

    items: tuple[ListItem, ...]
    ordered: bool
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: each point's blocks."""
        return tuple(item.blocks for item in self.items)


@dataclass(frozen=True)
class Checklist:
    """A checklist: points a reader ticks off, with an optional title and introduction."""

    title: Inlines
    intro: tuple["Block", ...]
    items: tuple[Inlines, ...]
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: its introduction."""
        return (self.intro,)


@dataclass(frozen=True)
class Activity:
    """Something the reader is asked to do, with its own title and any blocks."""

    title: Inlines
    blocks: tuple["Block", ...]
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: its blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class Table:
    """A table with one header row. Cells are inline text; an empty cell is a space to write in."""

    caption: Inlines
    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


@dataclass(frozen=True)
class Quiz:
    """A quiz in the body; ``answers_id`` is the id of the section holding its answers."""

    id: str
    number: int
    title: Inlines
    blocks: tuple["Block", ...]
    answers_id: str
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: its blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class QuizAnswers:
    """The suggested answers to the quiz ``quiz_id``."""

    quiz_id: str
    blocks: tuple["Block", ...]
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: its blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class Quote:
    """A quoted passage (a definition, an extract) with the source it comes from."""

    blocks: tuple["Block", ...]
    source: Inlines
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: the quoted blocks."""
        return (self.blocks,)


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the jargon appendix and what it means."""

    id: str
    term: str
    definition: tuple["Block", ...]
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block: the definition."""
        return (self.definition,)


QuestionKind = Literal["choice", "yesno", "text"]


@dataclass(frozen=True)
class FormQuestion:
    """A question of a form: tick-box choices, a yes/no (or similar) choice, or free text."""

    id: str
    number: int
    kind: QuestionKind
    prompt: Inlines
    options: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Form:
    """A form to fill in, made of questions."""

    title: Inlines
    questions: tuple[FormQuestion, ...]
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


@dataclass(frozen=True)
class Figure:
    """A picture on its own, with alt text and an optional caption."""

    image: Image
    caption: Inlines
    location: Location

    def nested(self) -> tuple[tuple["Block", ...], ...]:
        """Return the groups of blocks inside this block (none)."""
        return ()


Block = Union[
    Paragraph, BulletList, Checklist, Activity, Table, Quiz, QuizAnswers, Quote, GlossaryEntry,
    Form, Figure,
]

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
    children: tuple["Section", ...]
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

    def walk(self) -> Iterator["Section"]:
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
        """Return every review note of the source, in reading order (the Easy Read parts' last)."""
        extra = self.easy_read.reviews() if self.easy_read is not None else []
        return [note for section in self.sections() for note in section.reviews] + extra

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
