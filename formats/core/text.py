"""Plain text of model nodes, and the sentence matching that the coverage check relies on."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

from formats.core.dispatch import NodeTable, block_table, inline_table
from formats.core.model import (
    Activity, Block, BulletList, Checklist, Emphasis, Figure, Form, GlossaryEntry, Image, Inline,
    LineBreak, Link, Paragraph, Quiz, QuizAnswers, Quote, Section, Strong, Table, Text,
)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """Return the words of inline nodes as one string (link text, not addresses; no pictures)."""
    return "".join(_INLINE_TEXT[node](node) for node in inlines)


_INLINE_TEXT: NodeTable[Callable[[Any], str]] = inline_table("plain text: inlines", {
    Text: lambda node: node.text,
    Strong: lambda node: inline_text(node.children),
    Emphasis: lambda node: inline_text(node.children),
    Link: lambda node: inline_text(node.children),
    LineBreak: lambda node: " ",
    Image: lambda node: "",
})


def block_texts(block: Block) -> list[str]:
    """Return the pieces of text a block shows, in reading order (each piece ends a sentence)."""
    return _BLOCK_TEXTS[block](block)


def _checklist_texts(block: Checklist) -> list[str]:
    return [inline_text(block.title), *blocks_texts(block.intro),
            *(inline_text(item) for item in block.items)]


def _table_texts(block: Table) -> list[str]:
    cells = [*block.header, *(cell for row in block.rows for cell in row)]
    return [inline_text(block.caption), *(inline_text(cell) for cell in cells)]


def _form_texts(block: Form) -> list[str]:
    texts = [inline_text(block.title)]
    for question in block.questions:
        texts.append(inline_text(question.prompt))
        texts.extend(question.options)
    return texts


_BLOCK_TEXTS: NodeTable[Callable[[Any], list[str]]] = block_table("plain text: blocks", {
    Paragraph: lambda block: [inline_text(block.content)],
    BulletList: lambda block: [text for item in block.items for text in blocks_texts(item.blocks)],
    Checklist: _checklist_texts,
    Activity: lambda block: [inline_text(block.title), *blocks_texts(block.blocks)],
    Quiz: lambda block: [inline_text(block.title), *blocks_texts(block.blocks)],
    QuizAnswers: lambda block: blocks_texts(block.blocks),
    Quote: lambda block: [*blocks_texts(block.blocks), inline_text(block.source)],
    Table: _table_texts,
    GlossaryEntry: lambda block: [block.term, *blocks_texts(block.definition)],
    Form: _form_texts,
    Figure: lambda block: [block.image.alt, inline_text(block.caption)],
})


def blocks_texts(blocks: tuple[Block, ...]) -> list[str]:
    """Return the texts of several blocks, in order."""
    return [text for block in blocks for text in block_texts(block)]


def section_texts(section: Section) -> list[str]:
    """Return the texts of a section's own blocks (not of its sub-sections)."""
    return [text for text in blocks_texts(section.blocks) if text.strip()]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")


def sentences(texts: list[str]) -> list[str]:
    """Return the sentences of some texts: each text split after . ! or ? before a capital."""
    found: list[str] = []
    for text in texts:
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            if normalise(sentence):
                found.append(sentence.strip())
    return found


_ADDRESS = re.compile(r"(https?://\S+|www\.\S+|\S+@\S+\.\S+|@\w+)")
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Return text reduced to lower-case words separated by single spaces.

    Web and e-mail addresses are dropped (print editions show them after link text, the web
    edition inside links), as are punctuation and differences of whitespace, so that the same
    sentence read back from any format compares equal.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _ADDRESS.sub(" ", text)
    text = _NON_WORD.sub(" ", text.lower()).replace("_", " ")
    return " ".join(text.split())


def missing_sentences(expected: list[str], found_text: str) -> list[str]:
    """Return the expected sentences whose normalised words do not occur in ``found_text``."""
    haystack = f" {normalise(found_text)} "
    return [sentence for sentence in expected if f" {normalise(sentence)} " not in haystack]
