"""Plain text of model nodes, and the sentence matching that the coverage check relies on."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from formats.core.dispatch import NodeTable, block_table, inline_table
from formats.core.model import (
    PAGE_NUMBER,
    Activity,
    Block,
    BulletList,
    Checklist,
    Document,
    Emphasis,
    Figure,
    Form,
    GlossaryEntry,
    Image,
    Inline,
    LineBreak,
    Link,
    Medium,
    MediumWords,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Section,
    Strong,
    Table,
    Text,
)


def inline_text(inlines: tuple[Inline, ...], medium: Medium | None = None) -> str:
    """Return the words of inline nodes as one string (link text, not addresses; no pictures).

    Words that depend on the medium are those of ``medium`` (the written words where it has
    no form of its own, and for ``medium`` None); a paged form keeps :data:`PAGE_NUMBER` where
    its page number goes.
    """
    return "".join(_INLINE_TEXT[node](node, medium) for node in inlines)


def _medium_words(node: MediumWords, medium: Medium | None) -> str:
    form = node.form(medium)
    return inline_text(node.written, medium) if form is None else form


_INLINE_TEXT: NodeTable[Callable[[Any, Medium | None], str]] = inline_table(
    "plain text: inlines", {
        Text: lambda node, medium: node.text,
        Strong: lambda node, medium: inline_text(node.children, medium),
        Emphasis: lambda node, medium: inline_text(node.children, medium),
        Link: lambda node, medium: inline_text(node.children, medium),
        LineBreak: lambda node, medium: " ",
        Image: lambda node, medium: "",
        MediumWords: _medium_words,
    })


def block_texts(block: Block, medium: Medium | None = None) -> list[str]:
    """Return the pieces of text a block shows in ``medium`` (see :func:`inline_text`), in
    reading order (each piece ends a sentence)."""
    return _BLOCK_TEXTS[block](block, medium)


def _checklist_texts(block: Checklist, medium: Medium | None) -> list[str]:
    return [inline_text(block.title, medium), *blocks_texts(block.intro, medium),
            *(inline_text(item, medium) for item in block.items)]


def _table_texts(block: Table, medium: Medium | None) -> list[str]:
    cells = [*block.header, *(cell for row in block.rows for cell in row)]
    return [inline_text(block.caption, medium), *(inline_text(cell, medium) for cell in cells)]


def _form_texts(block: Form, medium: Medium | None) -> list[str]:
    texts = [inline_text(block.title, medium)]
    for question in block.questions:
        for asked in question.all():
            texts.append(inline_text(asked.prompt, medium))
            texts.extend(asked.options)
    return texts


_BLOCK_TEXTS: NodeTable[Callable[[Any, Medium | None], list[str]]] = block_table(
    "plain text: blocks", {
        Paragraph: lambda block, medium: [inline_text(block.content, medium)],
        BulletList: lambda block, medium: [text for item in block.items
                                           for text in blocks_texts(item.blocks, medium)],
        Checklist: _checklist_texts,
        Activity: lambda block, medium: [inline_text(block.title, medium),
                                         *blocks_texts(block.blocks, medium)],
        Quiz: lambda block, medium: [inline_text(block.title, medium),
                                     *blocks_texts(block.blocks, medium)],
        QuizAnswers: lambda block, medium: blocks_texts(block.blocks, medium),
        Quote: lambda block, medium: [*blocks_texts(block.blocks, medium),
                                      inline_text(block.source, medium)],
        Table: _table_texts,
        GlossaryEntry: lambda block, medium: [block.term,
                                              *blocks_texts(block.definition, medium)],
        Form: _form_texts,
        Figure: lambda block, medium: [block.image.alt, inline_text(block.caption, medium)],
    })


def blocks_texts(blocks: tuple[Block, ...], medium: Medium | None = None) -> list[str]:
    """Return the texts of several blocks in ``medium``, in order."""
    return [text for block in blocks for text in block_texts(block, medium)]


SHORT_BLOCK_CHARACTERS = 300  # the words of a short block, which print never splits
_PRINTED_EXTRA = 40  # characters print adds to a block's words: a bullet, quotation marks


def is_short(blocks: tuple[Block, ...]) -> bool:
    """Return True when ``blocks`` (a list point's, a quotation's) make a short block: their
    words, with what print adds, may be at most ``SHORT_BLOCK_CHARACTERS`` long (about four
    lines of standard print, six of large print), which a page never splits
    (``pdf/short-blocks-whole``)."""
    return len(" ".join(blocks_texts(blocks))) <= SHORT_BLOCK_CHARACTERS + _PRINTED_EXTRA


def has_short_lead(blocks: tuple[Block, ...]) -> bool:
    """Return True when ``blocks`` (a list point's) hold a list, and the blocks before it make a
    short block (:func:`is_short`): a tagged PDF's list point holds those blocks, its inner list
    following it."""
    lead = tuple(itertools.takewhile(lambda block: not isinstance(block, BulletList), blocks))
    return len(lead) < len(blocks) and is_short(lead)


def section_texts(section: Section, medium: Medium | None = None) -> list[str]:
    """Return the texts of a section's own blocks in ``medium`` (not of its sub-sections)."""
    return [text for text in blocks_texts(section.blocks, medium) if text.strip()]


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
    """Return the expected sentences whose normalised words do not occur in ``found_text``.

    :data:`PAGE_NUMBER` in a sentence (a page reference of print) matches any number.
    """
    haystack = f" {normalise(found_text)} "
    return [sentence for sentence in expected if not _occurs(sentence, haystack)]


def _occurs(sentence: str, haystack: str) -> bool:
    """Return True when ``sentence`` occurs in a normalised, space-framed ``haystack``."""
    if PAGE_NUMBER not in sentence:
        return f" {normalise(sentence)} " in haystack
    tokens: list[str] = []
    for index, piece in enumerate(sentence.split(PAGE_NUMBER)):
        if index:
            tokens.append(r"\d+")
        if normalise(piece):
            tokens.append(re.escape(normalise(piece)))
    return re.search(f" {' '.join(tokens)} ", haystack) is not None


def text_characters(document: Document) -> int:
    """Return how many characters of text the standard edition's sections hold (the bundled
    toolkit has about 64,000): the measure of a toolkit's size that the build's memory
    estimates grow with."""
    return sum(len(text) for section in document.sections() for text in section_texts(section))
