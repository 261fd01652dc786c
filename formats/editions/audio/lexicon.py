"""The pronunciation lexicon: whole-word replacements made before synthesis.

An entry of ``source/lexicon.yaml`` is ``WRITTEN: words``, optionally followed by options after
a bar: ``WRITTEN: words | match case | [[phonemes]]``.

- ``words`` are what the transcript shows and what every engine says ("eye-liss");
- ``match case``: the written form matches only with its capitals as written ("US" but not
  "us"); without it, any capitals match ("ILiS", "ilis", "ILIS");
- ``[[phonemes]]``: espeak-ng phonemes (``espeak-ng -x`` shows them) said instead of the words
  by an engine that reads them, where spelling cannot get a word right.

A written form may be a word, an abbreviation with full stops ("e.g."), a part of a web
address ("gdaonline") or a handle ("ilisproject"): the addresses are split into their parts
before the lexicon is applied.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from formats.core.model import LexiconEntry

_SENTENCE_GOES_ON = re.compile(r"\s*[a-z,;:]")
_PHONEMES = re.compile(r"^\[\[[^\[\]]+\]\]$")
MATCH_CASE = "match case"
_MARK_BASE = 0xF0000  # private-use characters stand for an entry until the text is finished


@dataclass(frozen=True)
class Said:
    """How an entry is said: its words, its espeak-ng phonemes ("" if none), and whether its
    written form matches only with its capitals."""

    words: str
    phonemes: str
    match_case: bool


def parse_entry(entry: LexiconEntry) -> Said:
    """Return how an entry is said; raise ValueError for an option that is not known."""
    words, *options = [part.strip() for part in entry.spoken.split("|")]
    phonemes, match_case = "", False
    for option in options:
        if option.lower() == MATCH_CASE:
            match_case = True
        elif _PHONEMES.match(option):
            phonemes = option
        else:
            raise ValueError(f"{entry.location}: lexicon entry '{entry.written}' has an unknown "
                             f"option '{option}' (use '{MATCH_CASE}' or [[phonemes]])")
    return Said(" ".join(words.split()), phonemes, match_case)


@dataclass(frozen=True)
class Lexicon:
    """A compiled lexicon: ``mark`` replaces every written form by a mark that ``words`` or
    ``speech`` later turn into how to say it."""

    entries: tuple[tuple[str, Said], ...]  # written form, how it is said
    exact: dict[str, int]  # written form (match case) -> entry index
    folded: dict[str, int]  # lower-cased written form -> entry index
    pattern: re.Pattern[str] | None

    def mark(self, text: str) -> str:
        """Return ``text`` with every whole-word written form replaced by its entry's mark.

        A written form that ends a sentence with its own full stop ("etc.") keeps the full
        stop after its mark, so that the sentence still ends.
        """
        if self.pattern is None:
            return text

        def replace(match: re.Match[str]) -> str:
            written = match.group(0)
            index = self.exact.get(written)
            if index is None:
                index = self.folded.get(written.lower())
            if index is None:  # a match-case entry met with other capitals
                return written
            said = chr(_MARK_BASE + index)
            if (written.endswith(".") and not self.entries[index][1].words.endswith(".")
                    and not _SENTENCE_GOES_ON.match(text[match.end():])):
                said += "."
            return said

        return self.pattern.sub(replace, text)

    def words(self, text: str) -> str:
        """Return marked text with each mark replaced by its entry's words."""
        return self._unmark(text, lambda said: said.words)

    def speech(self, text: str) -> str:
        """Return marked text with each mark replaced by its entry's phonemes (its words when it
        has none), for an engine that reads espeak-ng phonemes."""
        return self._unmark(text, lambda said: said.phonemes or said.words)

    def apply(self, text: str) -> str:
        """Return ``text`` with every written form replaced by its words."""
        return self.words(self.mark(text))

    def _unmark(self, text: str, form: Callable[[Said], str]) -> str:
        if not self.entries:
            return text
        return re.sub(f"[{chr(_MARK_BASE)}-{chr(_MARK_BASE + len(self.entries) - 1)}]",
                      lambda match: form(self.entries[ord(match.group(0)) - _MARK_BASE][1]),
                      text)


def compile_lexicon(entries: tuple[LexiconEntry, ...]) -> Lexicon:
    """Return the lexicon of these entries (longest written form first, so "DPOs" before "DPO").

    Raise ValueError for an entry with an unknown option.
    """
    parsed = tuple((entry.written, parse_entry(entry)) for entry in entries)
    if not parsed:
        return Lexicon((), {}, {}, None)
    exact = {written: index for index, (written, said) in enumerate(parsed)}
    folded: dict[str, int] = {}
    for index, (written, said) in enumerate(parsed):
        if not said.match_case:
            folded.setdefault(written.lower(), index)
    alternatives = "|".join(re.escape(written) for written in sorted(exact, key=len, reverse=True))
    return Lexicon(parsed, exact, folded,
                   re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", re.IGNORECASE))


def written_pattern(written: str, match_case: bool) -> re.Pattern[str]:
    """Return the pattern of a written form as a whole word (with its capitals when
    ``match_case``)."""
    return re.compile(rf"(?<![\w.]){re.escape(written)}(?!\w)", 0 if match_case else re.I)
