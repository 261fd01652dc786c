"""The Easy Read edition's own text, in ``easy-read/``: ``easy-read.yaml`` (title, parts, word
list, who checked it), the parts (rows of a picture and words, each covering sections of the
standard edition) and the word list (a glossary). Rows name their pictures from the picture
library (:mod:`.picture_library`).

The sign-off is kept in the source: ``checked-by`` in ``easy-read.yaml`` (who checked the text,
when, and the short hashes of the parts and sections they checked) and ``checked-against`` in a
part's front matter (the hash of each covered section when an editor re-read the part beside
it). ``build.py easy-read-checked`` writes both (:mod:`formats.core.sign_off`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.blocks import BlockContext
from formats.core.load.chapters import SectionBuilder
from formats.core.load.files import key_line, list_field, read_fields, read_front_matter, read_text
from formats.core.load.inlines import InlineContext, inline_text, inlines
from formats.core.load.markdown import parse_blocks
from formats.core.load.picture_library import LIBRARY, read_picture_library
from formats.core.load.references import claim_id
from formats.core.load.state import LoadState
from formats.core.model import (
    Block,
    EasyRead,
    EasyReadPart,
    EasyReadPicture,
    Figure,
    GlossaryEntry,
    Inline,
    Location,
    Paragraph,
    SignOff,
)

FOLDER = "easy-read"
SETTINGS = "easy-read.yaml"
SHORT_HASH = re.compile(r"[0-9a-f]{12}")
SIGN_OFF_FIELDS = ("by", "date", "parts", "sections")
HOW_TO_SIGN_OFF = "build.py easy-read-checked writes it"


@dataclass(frozen=True)
class PartContext(BlockContext):
    """Where the blocks of an Easy Read part are read: pictures are named from the library."""

    pictures: Mapping[str, EasyReadPicture] = field(default_factory=dict)

    def inlines(self, node: SyntaxTreeNode, location: Location) -> tuple[Inline, ...]:
        """Return the inline nodes of ``node``, pictures taken from the library."""
        return inlines(node, InlineContext(self.state, self.path, location, self.pictures))

    def inline_text(self, text: str, location: Location) -> tuple[Inline, ...]:
        """Return the inline nodes of a short piece of Markdown, pictures from the library."""
        return inline_text(text, InlineContext(self.state, self.path, location, self.pictures))


def read_easy_read(state: LoadState) -> EasyRead | None:
    """Return the Easy Read edition; None when the source has none (no ``easy-read.yaml``) or
    its settings cannot be read."""
    folder = state.source_dir / FOLDER
    settings = folder / SETTINGS
    if not settings.is_file():
        return None
    here = state.at(settings)
    text, fields = read_fields(state, settings, here)
    if fields is None:
        return None
    for name in ("title", "parts", "word-list"):
        if not fields.get(name):
            state.problems.add(here, f"missing metadata field '{name}'")
    library = read_picture_library(state)
    if library is None:
        state.problems.add(here, f"the picture library {LIBRARY} does not exist: Easy Read "
                                 "rows name their pictures there")
    parts: list[EasyReadPart] = []
    names = list_field(state, fields, "parts", state.at(settings, key_line(text, "parts")))
    for index, name in enumerate(names):
        path = folder / str(name)
        if not path.is_file():
            state.problems.add(state.at(settings, key_line(text, "parts") + 1 + index),
                               f"Easy Read part '{name}' does not exist")
            continue
        part = read_part(state, path, len(parts) + 1, library or {})
        if part is not None:
            parts.append(part)
    words = read_word_list(state, folder / str(fields["word-list"])) \
        if fields.get("word-list") else ()
    sign_off = read_sign_off(state, fields.get("checked-by"),
                             state.at(settings, key_line(text, "checked-by")))
    return EasyRead(str(fields.get("title", "")), str(fields.get("subtitle", "")), sign_off,
                    tuple(parts), words, here, tuple((library or {}).values()),
                    " ".join(str(fields.get("picture-credit") or "").split()))


def read_part(state: LoadState, path: Path, number: int,
              pictures: Mapping[str, EasyReadPicture] | None = None) -> EasyReadPart | None:
    """Return the Easy Read part in the file at ``path``; None when it cannot be read or its
    front matter (id, title, covers, checked-against) lacks an id or a title. Its rows name
    their pictures in ``pictures`` (the library); ``::: review`` notes are kept with the part."""
    text = read_text(state, path)
    if text is None:
        return None
    nodes = parse_blocks(text)
    front = read_front_matter(state, path, nodes)
    if front is None:
        return None
    for name in ("id", "title", "covers"):
        if not front.get(name):
            state.problems.add(state.at(path), f"missing metadata field '{name}'")
    if not (front.get("id") and front.get("title")):
        return None
    location = state.at(path, 2)
    claim_id(state, str(front["id"]), location)
    notes = SectionBuilder(str(front["id"]), str(front["title"]), 1, "chapter", "", location)
    context = PartContext(state, path, notes, pictures=pictures or {})
    rows: list[Paragraph] = []
    for node in nodes[1:]:
        for block in context.blocks(node):
            row = _row(block)
            if row is None:
                state.problems.add(block.location, "an Easy Read part holds rows of a picture "
                                                   "and words, one paragraph each")
            else:
                rows.append(row)
    if not rows:
        state.problems.add(location, f"Easy Read part '{front['id']}' has no rows")
    covers = tuple(list_field(state, front, "covers", state.at(path, 2)))
    against_at = state.at(path, 1 + key_line(nodes[0].content, "checked-against"))
    against = hashes(state, front.get("checked-against"), "checked-against", against_at)
    return EasyReadPart(str(front["id"]), number, str(front["title"]), covers, tuple(rows),
                        location, against, tuple(notes.reviews))


def _row(block: Block) -> Paragraph | None:
    """Return ``block`` as a row of an Easy Read part: a paragraph as it is, a picture alone
    as a row without words; None for any other block."""
    if isinstance(block, Paragraph):
        return block
    if isinstance(block, Figure):
        return Paragraph((block.image,), block.location)
    return None


def hashes(state: LoadState, value: Any, name: str, at: Location) -> tuple[tuple[str, str], ...]:
    """Return a mapping of ids to short hashes (12 hex digits, in quotes) as ``(id, hash)``
    pairs; anything else is a problem at ``at`` (an absent or empty value is no pairs)."""
    if not value:
        return ()
    if not isinstance(value, dict):
        state.problems.add(at, f"'{name}' maps ids to hashes, one a line: 'an-id: "
                               f"\"0123456789ab\"' ({HOW_TO_SIGN_OFF})")
        return ()
    pairs = []
    for key, digest in value.items():
        if not isinstance(digest, str) or not SHORT_HASH.fullmatch(digest):
            state.problems.add(at, f"'{name}': the hash of '{key}' must be 12 hex digits in "
                                   f"quotes, not {digest!r} ({HOW_TO_SIGN_OFF})")
            continue
        pairs.append((str(key), digest))
    return tuple(pairs)


def read_sign_off(state: LoadState, value: Any, at: Location) -> SignOff | None:
    """Return who checked the Easy Read text (``checked-by``): by, date, parts, sections; None
    while it is empty. Anything else is a problem at ``at``."""
    if not value:
        return None
    if not isinstance(value, dict) or not all(value.get(name) for name in SIGN_OFF_FIELDS):
        state.problems.add(at, "'checked-by' needs by (who checked the text), date "
                               f"(YYYY-MM-DD), parts and sections ({HOW_TO_SIGN_OFF})")
        return None
    if not isinstance(value["date"], datetime.date):
        state.problems.add(at, f"'checked-by': date must be a day, YYYY-MM-DD, not "
                               f"{value['date']!r}")
        return None
    return SignOff(" ".join(str(value["by"]).split()), value["date"],
                   hashes(state, value["parts"], "checked-by: parts", at),
                   hashes(state, value["sections"], "checked-by: sections", at))


def read_word_list(state: LoadState, path: Path) -> tuple[GlossaryEntry, ...]:
    """Return the glossary entries of the word list at ``path`` (other blocks are left out)."""
    text = read_text(state, path)
    if text is None:
        return ()
    context = BlockContext(state, path)
    return tuple(block for node in parse_blocks(text) for block in context.blocks(node)
                 if isinstance(block, GlossaryEntry))
