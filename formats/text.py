"""Plain text of model nodes, and the sentence matching that the coverage check relies on."""

from __future__ import annotations

import re
import unicodedata

from formats.model import (
    Activity, Block, BulletList, Checklist, Emphasis, Figure, Form, GlossaryEntry, Image, Inline,
    LineBreak, Link, Paragraph, Quiz, QuizAnswers, Quote, Section, Strong, Table, Text,
)


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """Return the words of inline nodes as one string (link text, not addresses; no pictures)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Strong, Emphasis, Link)):
            parts.append(inline_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append(" ")
        elif isinstance(node, Image):
            continue
    return "".join(parts)


def block_texts(block: Block) -> list[str]:
    """Return the pieces of text a block shows, in reading order (each piece ends a sentence)."""
    if isinstance(block, Paragraph):
        return [inline_text(block.content)]
    if isinstance(block, BulletList):
        return [text for item in block.items for inner in item.blocks for text in block_texts(inner)]
    if isinstance(block, Checklist):
        intro = [text for inner in block.intro for text in block_texts(inner)]
        return [inline_text(block.title), *intro, *(inline_text(item) for item in block.items)]
    if isinstance(block, Activity):
        return [inline_text(block.title), *blocks_texts(block.blocks)]
    if isinstance(block, Quiz):
        return [inline_text(block.title), *blocks_texts(block.blocks)]
    if isinstance(block, QuizAnswers):
        return blocks_texts(block.blocks)
    if isinstance(block, Quote):
        return [*blocks_texts(block.blocks), inline_text(block.source)]
    if isinstance(block, Table):
        cells = [*block.header, *(cell for row in block.rows for cell in row)]
        return [inline_text(block.caption), *(inline_text(cell) for cell in cells)]
    if isinstance(block, GlossaryEntry):
        return [block.term, *blocks_texts(block.definition)]
    if isinstance(block, Form):
        texts = [inline_text(block.title)]
        for question in block.questions:
            texts.append(inline_text(question.prompt))
            texts.extend(question.options)
        return texts
    if isinstance(block, Figure):
        return [block.image.alt, inline_text(block.caption)]
    raise TypeError(f"unknown block {type(block).__name__}")


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
