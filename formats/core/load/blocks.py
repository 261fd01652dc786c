"""Markdown blocks into the model's blocks: one reader per markdown-it block node type.

A ``::: TYPE`` container is read by :mod:`formats.core.load.containers`. Markdown the toolkit
does not use (a bare quotation or table, a rule, HTML, code) is a problem that says what to
write instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.containers import BLOCK_TYPES, container
from formats.core.load.inlines import InlineContext, inline_text, inlines
from formats.core.load.markdown import first_line, typeset
from formats.core.load.references import claim_id, split_id
from formats.core.load.state import LoadState
from formats.core.model import (
    Block,
    BulletList,
    Figure,
    GlossaryEntry,
    Image,
    Inline,
    ListItem,
    Location,
    Paragraph,
)

if TYPE_CHECKING:
    from formats.core.load.chapters import SectionBuilder


@dataclass(frozen=True)
class BlockContext:
    """Where blocks are read: the load, the file, the section they go in (None where there
    is none: in a glossary definition, in Easy Read files), and whether a heading above
    labels their tables.

    Blocks that hold blocks (``::: TYPE`` blocks above all) read them through :meth:`blocks`,
    so that :mod:`formats.core.load.containers` needs no import of this module.
    """

    state: LoadState
    path: Path
    section: SectionBuilder | None = None
    under_heading: bool = False  # in a quiz or answers: a table is labelled by the heading

    def location(self, node: SyntaxTreeNode) -> Location:
        """Return where ``node`` starts in the file (its first line when it has no map)."""
        return self.state.at(self.path, first_line(node))

    def blocks(self, node: SyntaxTreeNode) -> list[Block]:
        """Return the model blocks of one syntax node (a review note adds none)."""
        read = BLOCK_READERS.get(node.type, _unknown)
        return read(node, self, self.location(node))

    def child_blocks(self, node: SyntaxTreeNode) -> list[Block]:
        """Return the model blocks of every child of ``node``, in order."""
        return [block for child in node.children for block in self.blocks(child)]

    def outside_section(self) -> BlockContext:
        """Return this context for blocks that belong to no section."""
        return replace(self, section=None)

    def labelled_by_heading(self) -> BlockContext:
        """Return this context for the blocks of a quiz or answers: their tables need no
        caption, the heading above labels them."""
        return replace(self, under_heading=True)

    def inlines(self, node: SyntaxTreeNode, location: Location) -> tuple[Inline, ...]:
        """Return the inline nodes of ``node``, with problems reported at ``location``."""
        return inlines(node, InlineContext(self.state, self.path, location))

    def inline_text(self, text: str, location: Location) -> tuple[Inline, ...]:
        """Return the inline nodes of a short piece of Markdown (a title or a caption)."""
        return inline_text(text, InlineContext(self.state, self.path, location))


BlockReader = Callable[[SyntaxTreeNode, BlockContext, Location], list[Block]]


def _paragraph(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return a paragraph, or a figure when the paragraph is one picture alone."""
    content = context.inlines(node.children[0], location)
    images = [item for item in content if isinstance(item, Image)]
    if len(images) == 1 and len(content) == 1:
        return [Figure(images[0], (), location)]
    return [Paragraph(content, location)]


def _list(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return a bulleted or numbered list; each point holds blocks."""
    items = tuple(ListItem(tuple(context.child_blocks(item))) for item in node.children)
    return [BulletList(items, node.type == "ordered_list", location)]


def _glossary(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return the entries of a definition list: each term ends with its ``{#id}``. A term
    without a usable id is a problem, and its definition is left out."""
    entries: list[Block] = []
    term = ""
    term_id: str | None = None
    term_location = context.state.at(context.path)
    for child in node.children:
        if child.type == "dt":
            term_location = context.location(child)
            term, term_id = split_id(child.children[0].content)
            if term_id is None:
                context.state.problems.add(term_location, f"glossary term '{term}' has no id: "
                                                          "end it with {#term-some-id}")
            elif not claim_id(context.state, term_id, term_location):
                term_id = None
        elif child.type == "dd" and term_id is not None:
            definition = tuple(context.outside_section().child_blocks(child))
            entries.append(GlossaryEntry(term_id, typeset(term), definition, term_location))
    return entries


def _quotation(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return nothing: a bare ``>`` quotation is a problem (it would lose its source)."""
    context.state.problems.add(location, "use '::: quote SOURCE' for a quotation, so that it "
                                         "keeps its source")
    return []


def _bare_table(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return nothing: a table outside ``::: table CAPTION`` is a problem (it has no caption)."""
    context.state.problems.add(location, "a table needs a caption: wrap it in '::: table "
                                         "CAPTION'")
    return []


def _not_used(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return nothing: Markdown the toolkit does not use is a problem that names what to use."""
    context.state.problems.add(location, f"unknown block type '{node.type}' (write plain text, "
                                         "lists or '::: TYPE' blocks: "
                                         f"{', '.join(BLOCK_TYPES)})")
    return []


def _unknown(node: SyntaxTreeNode, context: BlockContext, location: Location) -> list[Block]:
    """Return nothing: any other node (a heading inside a block) is a problem."""
    context.state.problems.add(location, f"unknown block type '{node.type}'")
    return []


BLOCK_READERS: dict[str, BlockReader] = {
    "paragraph": _paragraph,
    "bullet_list": _list,
    "ordered_list": _list,
    "dl": _glossary,
    "container_block": container,
    "blockquote": _quotation,
    "table": _bare_table,
    "hr": _not_used,
    "html_block": _not_used,
    "code_block": _not_used,
    "fence": _not_used,
}
