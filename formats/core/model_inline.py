"""The inline nodes of the model: words, their marks, links, pictures, line breaks and words
that depend on the medium. :mod:`formats.core.model` re-exports every name here; import them
from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# ---------------------------------------------------------------------------------------------
# Inline nodes


@dataclass(frozen=True)
class Text:
    """Plain words."""

    text: str


@dataclass(frozen=True)
class Strong:
    """Bold emphasis (also the form of emphasis that large print uses for italics)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emphasis:
    """Emphasis (italics in the standard editions, bold in large print)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A link. ``target`` is an absolute URL (``https:``, ``mailto:``) or ``#id`` of a node."""

    target: str
    children: tuple[Inline, ...]

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


Medium = Literal["paged", "reflowable", "spoken"]
MEDIA: tuple[Medium, ...] = ("paged", "reflowable", "spoken")
PAGE_NUMBER = "[page]"  # in a paged form: where the page number of the target goes


@dataclass(frozen=True)
class MediumWords:
    """Words whose truth depends on the medium ("on the following page", "circle", "below").

    ``written`` are the words as the source has them, said wherever a medium has no form of its
    own; ``paged`` (print: PDF, large print), ``reflowable`` (screens: web, Word, EPUB) and
    ``spoken`` (audio) are the words for that medium ("" says nothing there). ``target`` is the
    ``#id`` the words point to: a link on screen, and in print the page of the target, written
    :data:`PAGE_NUMBER` in the paged form ("on page [page]").
    """

    written: tuple[Inline, ...]
    paged: str | None = None
    reflowable: str | None = None
    spoken: str | None = None
    target: str | None = None

    def form(self, medium: Medium | None) -> str | None:
        """Return the words of ``medium``, or None where the written words stand (also for
        ``medium`` None)."""
        return getattr(self, medium) if medium is not None else None


Inline = Text | Strong | Emphasis | Link | Image | LineBreak | MediumWords
Inlines = tuple[Inline, ...]
