"""The pronunciation lexicon: whole-word, case-sensitive replacements made before synthesis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from formats.core.model import LexiconEntry

_SENTENCE_GOES_ON = re.compile(r"\s*[a-z,;:]")


@dataclass(frozen=True)
class Lexicon:
    """A compiled lexicon: ``apply`` replaces every written form by how to say it."""

    spoken: dict[str, str]
    pattern: re.Pattern[str] | None

    def apply(self, text: str) -> str:
        """Return ``text`` with every whole-word, case-sensitive written form replaced.

        A written form that ends a sentence with its own full stop ("etc.") keeps the full
        stop after its spoken form, so that the sentence still ends.
        """
        if self.pattern is None:
            return text

        def replace(match: re.Match[str]) -> str:
            written = match.group(0)
            said = self.spoken[written]
            if written.endswith(".") and not said.endswith("."):
                rest = text[match.end():]
                if not _SENTENCE_GOES_ON.match(rest):
                    said += "."
            return said

        return self.pattern.sub(replace, text)


def compile_lexicon(entries: tuple[LexiconEntry, ...]) -> Lexicon:
    """Return the lexicon of these entries (longest written form first, so "DPOs" before "DPO")."""
    spoken = {entry.written: " ".join(entry.spoken.split()) for entry in entries}
    if not spoken:
        return Lexicon({}, None)
    alternatives = "|".join(re.escape(written)
                            for written in sorted(spoken, key=len, reverse=True))
    return Lexicon(spoken, re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"))
