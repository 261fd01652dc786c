"""The model of the Easy Read text (:mod:`formats.core.model` re-exports every class): its parts
of rows, its picture library, and who checked it.

Kept apart from the model of the standard text; the classes it refers to (rows are paragraphs,
pictures images) are the model's, named here for type checkers only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from formats.core.model import GlossaryEntry, Image, Location, Paragraph, ReviewNote


@dataclass(frozen=True)
class EasyReadPicture:
    """An entry of the Easy Read picture library: the picture (name, alt text, meaning), the
    word stems every row showing it holds, what it shows ("a dollar sign") and its licence."""

    image: Image
    says: tuple[str, ...]
    shows: tuple[str, ...]
    licence: str
    location: Location



@dataclass(frozen=True)
class SignOff:
    """Who checked the Easy Read text, on which day, and the short hashes of the parts and of
    the standard sections they cover, as ``(id, hash)`` pairs."""

    by: str
    date: date
    parts: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class EasyReadPart:
    """A part of the Easy Read edition: rows of picture and words, covering standard sections;
    ``checked_against``: the short hash of each section when an editor re-read the part beside
    it, as ``(section id, hash)`` pairs; ``reviews``: notes for a person to confirm."""

    id: str
    number: int
    title: str
    covers: tuple[str, ...]
    rows: tuple[Paragraph, ...]
    location: Location
    checked_against: tuple[tuple[str, str], ...] = ()
    reviews: tuple[ReviewNote, ...] = ()


@dataclass(frozen=True)
class EasyRead:
    """The Easy Read edition: its title, who checked it (None until someone has), its parts,
    word list, picture library and the credit its pictures' licence asks outputs to show."""

    title: str
    subtitle: str
    checked_by: SignOff | None
    parts: tuple[EasyReadPart, ...]
    word_list: tuple[GlossaryEntry, ...]
    location: Location
    pictures: tuple[EasyReadPicture, ...] = ()
    picture_credit: str = ""

    def reviews(self) -> list[ReviewNote]:
        """Return the review notes of every part, in reading order."""
        return [note for part in self.parts for note in part.reviews]
