"""Text of the model made ready to be said: addresses, print-only words, numbers, the lexicon,
then what engines read badly; and the words of inline nodes, with the links they hold.

A :class:`Line` is one passage as the transcript shows it (``text``) and as the engine gets it
(``speech``: the same words, with the lexicon's espeak-ng phonemes where it has them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from formats.core.addresses import ADDRESS, find_addresses
from formats.core.dispatch import NodeTable, inline_table
from formats.core.model import (
    Emphasis,
    Image,
    Inline,
    LineBreak,
    Link,
    MediumWords,
    Strong,
    Text,
)
from formats.editions.audio.addresses import part_as_said, said_length, say_addresses
from formats.editions.audio.clean import clean
from formats.editions.audio.lexicon import Lexicon
from formats.editions.audio.numerals import say_numbers
from formats.editions.audio.print_words import adapt

_WITHOUT_ADDRESS = re.compile(r"\s*\(\s*\)")


@dataclass(frozen=True)
class Line:
    """One passage: as the transcript shows it, and as the engine is given it."""

    text: str
    speech: str


@dataclass(frozen=True)
class LinkSaid:
    """A link (or an address written in the text) of a section: its words and full address."""

    words: str
    address: str
    section_id: str


@dataclass
class Wording:
    """Makes text ready to be said with one lexicon; collects the links it meets."""

    lexicon: Lexicon
    links: list[LinkSaid] = field(default_factory=list)
    internal: set[str] = field(default_factory=set)  # internal link targets met ("#id")
    section_id: str = ""

    def line(self, raw: str) -> Line:
        """Return a passage's raw words as said: addresses, print words, numbers, lexicon,
        cleaned."""
        for address in find_addresses(raw):
            known = {_plain(link.address) for link in self.links}
            if address.kind != "handle" and _plain(address.full) not in known:
                self._add_link(address.written.rstrip("/"), address.full)
        marked = say_addresses(raw, self._say_word, self._count)
        marked = self.lexicon.mark(say_numbers(adapt(marked)))
        cleaned = clean(marked)
        return Line(self.lexicon.words(cleaned), self.lexicon.speech(cleaned))

    def _say_word(self, word: str) -> str:
        marked = self.lexicon.mark(word)
        return part_as_said(word, marked, self.lexicon.words(marked))

    def _count(self, marked: str) -> int:
        return said_length(self.lexicon.words(marked).split())

    def inlines(self, nodes: tuple[Inline, ...]) -> str:
        """Return the words of inline nodes (a link's words, not its address), recording the
        links."""
        return "".join(_INLINE_WORDS[node](self, node) for node in nodes)

    def link(self, node: Link) -> str:
        """Return a link's words, recording where it goes; a web link whose words do not say
        where it is is followed by its address, which is then said as its site ("(on eye-liss
        dot co dot uk)"), as print shows the address after the words."""
        words = self.inlines(node.children)
        if node.is_internal:
            self.internal.add(node.target)
            return words
        bare = _WITHOUT_ADDRESS.sub("", ADDRESS.sub("", words))
        self._add_link(" ".join(bare.split()) or " ".join(words.split()), node.target)
        if node.target.startswith(("https://", "http://")) and not ADDRESS.search(words):
            return f"{words} ({node.target})"
        return words

    def _add_link(self, words: str, address: str) -> None:
        found = LinkSaid(words, address, self.section_id)
        if found not in self.links:
            self.links.append(found)


_INLINE_WORDS: NodeTable[Callable[[Wording, Any], str]] = inline_table("audio: inline words", {
    Text: lambda wording, node: node.text,
    Strong: lambda wording, node: wording.inlines(node.children),
    Emphasis: lambda wording, node: wording.inlines(node.children),
    Link: Wording.link,
    Image: lambda wording, node: node.alt,
    LineBreak: lambda wording, node: " ",
    # The words a listener needs where print says "on the following page" or "circle".
    MediumWords: lambda wording, node: (
        node.spoken if node.spoken is not None else wording.inlines(node.written)),
})


def _plain(address: str) -> str:
    """Return an address without its scheme, ``www.``, trailing slash or capitals."""
    return re.sub(r"^(?:https?://|mailto:)?(?:www\.)?", "", address.lower()).rstrip("/")
