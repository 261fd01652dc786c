"""The Easy Read edition's own text, in ``easy-read/``: ``easy-read.yaml`` (title, parts, word
list), the parts (rows of a picture and words, each covering sections of the standard edition)
and the word list (a glossary)."""

from __future__ import annotations

from pathlib import Path

from formats.core.load.blocks import BlockContext
from formats.core.load.files import key_line, list_field, read_fields, read_front_matter, read_text
from formats.core.load.markdown import parse_blocks
from formats.core.load.references import claim_id
from formats.core.load.state import LoadState
from formats.core.model import Block, EasyRead, EasyReadPart, Figure, GlossaryEntry, Paragraph

FOLDER = "easy-read"
SETTINGS = "easy-read.yaml"


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
    parts: list[EasyReadPart] = []
    names = list_field(state, fields, "parts", state.at(settings, key_line(text, "parts")))
    for index, name in enumerate(names):
        path = folder / str(name)
        if not path.is_file():
            state.problems.add(state.at(settings, key_line(text, "parts") + 1 + index),
                               f"Easy Read part '{name}' does not exist")
            continue
        part = read_part(state, path, len(parts) + 1)
        if part is not None:
            parts.append(part)
    words = read_word_list(state, folder / str(fields["word-list"])) \
        if fields.get("word-list") else ()
    checked_by = fields.get("checked-by") or []
    return EasyRead(str(fields.get("title", "")), str(fields.get("subtitle", "")),
                    tuple(str(name) for name in checked_by), tuple(parts), words, here)


def read_part(state: LoadState, path: Path, number: int) -> EasyReadPart | None:
    """Return the Easy Read part in the file at ``path``; None when it cannot be read or its
    front matter (id, title, covers) lacks an id or a title."""
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
    context = BlockContext(state, path)
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
    return EasyReadPart(str(front["id"]), number, str(front["title"]), covers, tuple(rows),
                        location)


def _row(block: Block) -> Paragraph | None:
    """Return ``block`` as a row of an Easy Read part: a paragraph as it is, a picture alone
    as a row without words; None for any other block."""
    if isinstance(block, Paragraph):
        return block
    if isinstance(block, Figure):
        return Paragraph((block.image,), block.location)
    return None


def read_word_list(state: LoadState, path: Path) -> tuple[GlossaryEntry, ...]:
    """Return the glossary entries of the word list at ``path`` (other blocks are left out)."""
    text = read_text(state, path)
    if text is None:
        return ()
    context = BlockContext(state, path)
    return tuple(block for node in parse_blocks(text) for block in context.blocks(node)
                 if isinstance(block, GlossaryEntry))
