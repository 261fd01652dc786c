"""Rules on the words of any text output, whatever its file type: headings that say what they
are, captions that do not repeat them, and no words of print on a screen.

Each file type's reader finds the headings, the captions of tables (with the heading above
each one) and the words of a built file; the functions here judge what it found:

- ``text/heading-is-only-a-kind``: a heading that is only a block's kind ("Activity",
  "Checklist", "Quiz 3") means nothing in a list of headings or Word's navigation pane;
- ``text/caption-repeats-heading``: a table's caption says again what the heading above it
  says ("What should you do?" under "Quiz 2: What should you do?");
- ``text/print-words``: words that are only true on paper ("on the following page", "circle
  your answer") in an output read on a screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from formats.core.contract import RuleResult
from formats.core.text import normalise

HEADING_RULE = "text/heading-is-only-a-kind"
CAPTION_RULE = "text/caption-repeats-heading"
PRINT_WORDS_RULE = "text/print-words"

BLOCK_KINDS = ("activity", "checklist", "quiz", "table", "form", "question", "answers")
_ONLY_A_KIND = re.compile(rf"^(?:{'|'.join(BLOCK_KINDS)})(?: \d+)?$")
PRINT_WORDS = re.compile(
    r"\b(?:on the (?:following|next|previous|opposite) page|over the page|overleaf|"
    r"on page \d+|turn (?:over|to page \d+)|circle|underline)\b", re.I)
_CONTEXT = 30  # characters shown each side of a print word found


@dataclass
class TextFound:
    """What a reader found in one output file: its headings in order, each table caption with
    the heading above it ("" when none), and its words."""

    headings: list[str] = field(default_factory=list)
    captions: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""


def only_a_kind(heading: str) -> bool:
    """Return True when a heading says only what kind of block follows ("Activity", "Quiz 2")."""
    return bool(_ONLY_A_KIND.match(normalise(heading)))


_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\))\s+")  # "2.6 ", "3. ", "b) "


def _forms(text: str) -> set[str]:
    """Return the ways a heading or caption can be said: whole, without its number ("2.6
    What's different" is also "What's different"), and without what comes before its first
    colon ("Quiz 2: What should you do?" is also "What should you do?")."""
    forms = {normalise(text), normalise(_NUMBER.sub("", text))}
    if ":" in text:
        forms.add(normalise(text.split(":", 1)[1]))
    return forms - {""}


def repeats(caption: str, heading: str) -> bool:
    """Return True when a caption says what the heading above it says."""
    return bool(_forms(caption) & _forms(heading))


def print_words(text: str) -> list[str]:
    """Return each print-only phrase of ``text`` with a little of the text around it."""
    text = " ".join(text.split())
    found = []
    for match in PRINT_WORDS.finditer(text):
        around = text[max(0, match.start() - _CONTEXT):match.end() + _CONTEXT]
        found.append(f"'{match.group(0)}' in \"...{around}...\"")
    return found


def heading_rule(found: TextFound, where: str, output: str) -> RuleResult:
    """Return ``text/heading-is-only-a-kind`` on the headings of one file."""
    bad = [f"{output}: heading '{heading}' says only what kind of block follows"
           for heading in found.headings if only_a_kind(heading)]
    return RuleResult.from_problems(HEADING_RULE, where, bad,
                                    f"{output}: each of {len(found.headings)} headings says more "
                                    "than a block's kind")


def caption_rule(found: TextFound, where: str, output: str) -> RuleResult:
    """Return ``text/caption-repeats-heading`` on the table captions of one file."""
    bad = [f"{output}: caption '{caption}' repeats the heading '{heading}'"
           for caption, heading in found.captions if repeats(caption, heading)]
    return RuleResult.from_problems(CAPTION_RULE, where, bad,
                                    f"{output}: no caption of {len(found.captions)} repeats the "
                                    "heading above it")


def print_words_rule(found: TextFound, where: str, output: str) -> RuleResult:
    """Return ``text/print-words`` on the words of a file read on a screen."""
    return RuleResult.from_problems(PRINT_WORDS_RULE, where,
                                    [f"{output}: {phrase}" for phrase in print_words(found.text)],
                                    f"{output}: no words that are only true in print")


def text_rules(found: TextFound, where: str, output: str, screen: bool) -> list[RuleResult]:
    """Return the text rules on what was found in one file: the heading and caption rules,
    and on a ``screen`` (not print) the print-words rule."""
    results = [heading_rule(found, where, output), caption_rule(found, where, output)]
    if screen:
        results.append(print_words_rule(found, where, output))
    return results
