"""What a format's ``read_back`` returns: the sections an independent reader found in its files."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FoundSection:
    """A section found in an output: its id, the heading as read, and its text.

    ``text`` is every word found for the section (its own text, not its sub-sections'), or None
    for outputs without text (audio), which report what they measured in ``problems`` instead.
    """

    id: str
    title: str
    text: str | None
    problems: tuple[str, ...] = ()
    file: str = ""  # the file it was found in, relative to the format's folder


@dataclass(frozen=True)
class ReadBack:
    """What one output (one file type of a format, e.g. ``standard/html``) holds."""

    output: str
    sections: dict[str, FoundSection] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # problems with the output as a whole (a file missing...)


class RenderError(Exception):
    """A format could not be written (a tool failed, an accessibility error was logged...)."""


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one conformance rule on one output file (or the source).

    ``rule`` is a short stable name ("easy-read/sentence-length"), ``where`` a file or a
    ``path:line`` location, ``level`` "error" (fails the check) or "warning" (reported; fails only
    with --strict), ``message`` says what was found.
    """

    rule: str
    where: str
    passed: bool
    message: str = ""
    level: str = "error"
