"""The Easy Read text made into HTML, for every edition that shows it (the Easy Read web page,
booklets and the Easy Read EPUB): rows split into picture and words, hyphenated words kept on
one line, the line about who checked the text, the title, and the templates' context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fontpkg_atkinson_hyperlegible as atkinson
from jinja2 import Environment
from markupsafe import Markup, escape

from formats.core.contract import RenderError
from formats.core.model import (
    Document,
    EasyRead,
    EasyReadPart,
    Image,
    Inline,
    Location,
    Paragraph,
    Text,
)
from formats.core.png import png_size
from formats.outputs.html.templating import PictureCopier, environment, page_context

NOT_CHECKED = "Not yet checked by people with learning disabilities"
WORD_LIST_ID = "word-list"
WORD_LIST_TITLE = "Word list"
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
_HYPHENATED = re.compile(r"\w+(?:[-\u2010]\w+)+")
_TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class Row:
    """One row of a part: its picture (or None) and its words, with where it is in the source."""

    picture: Image | None
    words: tuple[Inline, ...]
    location: Location


def split_row(paragraph: Paragraph) -> Row:
    """Return the row of a paragraph: its first top-level picture, and every other inline."""
    picture = next((node for node in paragraph.content if isinstance(node, Image)), None)
    words = [node for node in paragraph.content if node is not picture]
    while words and isinstance(words[0], Text) and not words[0].text.strip():
        words.pop(0)
    if words and isinstance(words[0], Text):
        words[0] = Text(words[0].text.lstrip())
    return Row(picture, tuple(words), paragraph.location)


def part_rows(part: EasyReadPart) -> list[Row]:
    """Return the rows of a part, each split into picture and words."""
    return paragraph_rows(part.rows)


def paragraph_rows(paragraphs: Iterable[Paragraph]) -> list[Row]:
    """Return the rows of some paragraphs, each split into picture and words."""
    return [split_row(paragraph) for paragraph in paragraphs]


def require_easy_read(document: Document) -> EasyRead:
    """Return the document's Easy Read text; raise RenderError when the source has none."""
    if document.easy_read is None:
        raise RenderError(f"{document.source_dir / 'easy-read' / 'easy-read.yaml'} does not "
                          "exist: the Easy Read edition needs its own text")
    return document.easy_read


def checked_line(easy_read: EasyRead) -> str:
    """Return what every output says about the check: "Checked by NAMES on 1 December 2026"
    once people have checked the text, NOT_CHECKED until then."""
    sign_off = easy_read.checked_by
    if sign_off is None:
        return NOT_CHECKED
    return f"Checked by {sign_off.by} on {sign_off.date.day} {sign_off.date:%B %Y}"


def keep_hyphens(html: Any) -> Markup:
    """Return HTML (a plain string is escaped first) with every hyphenated word of its text,
    not of its tags, in a no-wrap span, so that no line breaks at the hyphen."""
    pieces = _TAG.split(str(escape(html)))
    return Markup("".join(piece if piece.startswith("<") else
                          _HYPHENATED.sub(r'<span class="nowrap">\g<0></span>', piece)
                          for piece in pieces))


def edition_title(easy_read: EasyRead) -> str:
    """Return the title the files carry: the Easy Read title, with ": Easy Read" added unless it
    says so already."""
    if "easy read" in easy_read.title.lower():
        return easy_read.title
    return f"{easy_read.title}: Easy Read"



def easy_read_environment(pictures: PictureCopier | None = None) -> Environment:
    """Return the shared jinja2 environment with the Easy Read filters added."""
    env = environment(pictures)
    env.filters["rows"] = paragraph_rows
    env.filters["png_size"] = png_size
    env.filters["keep_hyphens"] = keep_hyphens
    return env


def font_files() -> list[Path]:
    """Return the Atkinson Hyperlegible font files (regular and bold) bundled with the package."""
    return [atkinson.ROOT / "files" / name for name in FONT_FILES]


def context(document: Document, **extra: Any) -> dict[str, Any]:
    """Return what the Easy Read templates need: metadata, the partner, the Easy Read text, who
    checked it, word-list names."""
    easy_read = require_easy_read(document)
    values: dict[str, Any] = {"easy_read": easy_read, "parts": easy_read.parts,
                              "title": edition_title(easy_read),
                              "checked": checked_line(easy_read),
                              "word_list_id": WORD_LIST_ID, "word_list_title": WORD_LIST_TITLE}
    values.update(extra)
    return page_context(document, **values)
