"""The contract of an edition, written as code, and the records that cross it.

An edition (a package under :mod:`formats.editions`, named in :mod:`formats.registry`) is an
:class:`Edition`: it ``render``\\ s the document model into its folder, ``read_back``\\ s the files
in that folder with independent readers (never with what the renderer meant to write), says what
it must hold for each standard section (``expected``) and which conformance ``rules`` its files
must pass. The check (:mod:`formats.check`) only ever talks to editions through this class.

An edition may need another edition's output (an EPUB with synchronised audio needs the audio
edition's clips): it names those editions in ``needs``, and the pipeline builds them first and
hands their folders to ``render`` in ``inputs``, so that no edition imports another.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal, NamedTuple

from formats.core.model import MEDIA, Document, Medium
from formats.core.names import some
from formats.core.text import inline_text, section_texts, sentences, text_characters

RuleLevel = Literal["error", "warning"]


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
    file: str = ""  # the file it was found in, relative to the edition's folder


@dataclass(frozen=True)
class ReadBack:
    """What one output (one file type of an edition, e.g. ``standard/html``) holds."""

    output: str
    sections: dict[str, FoundSection] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # problems with the output as a whole (a file missing...)


@dataclass(frozen=True)
class Expected:
    """What an output must hold for one standard section: the id to look for, title, sentences.

    ``sentences`` are those of a screen; ``by_medium`` gives them for each medium where words
    depend on it (print says "on page 14" where a screen says "below").
    """

    found_id: str
    title: str
    sentences: tuple[str, ...]
    by_medium: Mapping[Medium, tuple[str, ...]] = field(default_factory=dict)

    def sentences_in(self, medium: Medium) -> tuple[str, ...]:
        """Return the sentences an output of ``medium`` must hold."""
        return self.by_medium.get(medium, self.sentences)


class Verdict(NamedTuple):
    """The outcome of one rule before it is named and placed: passed or not, what was found."""

    passed: bool
    message: str


def passed(message: str) -> Verdict:
    """Return a passing verdict saying what was found."""
    return Verdict(True, message)


def failed(problems: list[str]) -> Verdict:
    """Return a failing verdict naming the first problems and how many more there are."""
    return Verdict(False, some(problems))


class RenderError(Exception):
    """An edition could not be written (a tool failed, an accessibility error was logged...)."""


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
    level: RuleLevel = "error"

    @classmethod
    def from_problems(cls, rule: str, where: str, problems: list[str], passed_message: str,
                      level: RuleLevel = "error") -> RuleResult:
        """Return a passing result saying ``passed_message`` when there is no problem, else a
        failing one naming the first problems and how many more there are."""
        if not problems:
            return cls(rule, where, True, passed_message, level)
        return cls(rule, where, False, some(problems), level)


def standard_expected(document: Document) -> dict[str, Expected]:
    """Return, for every standard section, its id, heading title and sentences in each
    medium."""
    expected: dict[str, Expected] = {}
    for section in document.sections():
        by_medium = {medium: tuple(sentences(section_texts(section, medium)))
                     for medium in MEDIA}
        expected[section.id] = Expected(section.id, section.title, by_medium["reflowable"],
                                        by_medium)
    return expected


def easy_read_expected(document: Document) -> dict[str, Expected]:
    """Return, for every standard section, the Easy Read part that covers it: its id, title and
    sentences (in each medium, where its words depend on it: the audio says what print shows in
    bold). A section that no part covers gets an empty id, so every output reports it
    missing."""
    parts = document.easy_read.parts if document.easy_read is not None else ()
    result: dict[str, Expected] = {}
    for section in document.sections():
        part = next((part for part in parts if section.id in part.covers), None)
        if part is None:
            result[section.id] = Expected("", section.title, ())
            continue
        by_medium = {medium: tuple(sentences([inline_text(row.content, medium)
                                              for row in part.rows])) for medium in MEDIA}
        result[section.id] = Expected(part.id, part.title, tuple(sentences(
            [inline_text(row.content) for row in part.rows])), by_medium)
    return result


class Edition(ABC):
    """One edition of the toolkit: what the pipeline and the check may ask of it.

    Subclasses set ``name`` (also its folder in the output) and implement ``render`` and
    ``read_back``; ``expected``, ``rules`` and ``needs`` have defaults.
    """

    name: ClassVar[str]
    needs: ClassVar[tuple[str, ...]] = ()  # editions whose built folders ``render`` reads
    # The medium of each output ("standard/pdf": "paged"); an output not named is a screen's.
    media: ClassVar[Mapping[str, Medium]] = {}
    # Roughly how many seconds its check takes on the bundled toolkit: the check starts the
    # longest first, so that the last to finish is a short one (it orders, it never skips).
    check_seconds: ClassVar[float] = 1.0
    # Roughly how many seconds a cold build of it takes on the bundled toolkit: the build
    # starts the longest chain of editions first (the audio, which the EPUB needs), so that it
    # is not left running alone at the end (it orders, it never skips).
    build_seconds: ClassVar[float] = 1.0
    # Roughly the most memory, in MB, that building it holds at once (its process and the
    # programs it runs): ``memory_mb``, and ``memory_mb_per_100k`` more for each 100,000
    # characters of text (the bundled toolkit has about 64,000). The build starts an edition
    # only while its estimate fits beside those of the editions running (it orders, it never
    # skips: see :mod:`formats.check.memory_budget`).
    memory_mb: ClassVar[float] = 150.0
    memory_mb_per_100k: ClassVar[float] = 0.0

    def memory_estimate_mb(self, document: Document) -> float:
        """Return roughly the most memory, in MB, that building this edition of ``document``
        holds at once (see :attr:`memory_mb`)."""
        return self.memory_mb + self.memory_mb_per_100k * text_characters(document) / 100_000

    @abstractmethod
    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the edition's files into ``out_dir``; return every file written.

        ``inputs`` maps each edition named in ``needs`` to its built folder. Raises
        RenderError when the edition cannot be written.
        """

    def render_preview(self, document: Document, out_dir: Path) -> list[Path]:
        """Write what the live preview shows of the edition before its other files are made
        (its web page, with the page's assets) into ``out_dir``; return the files (by default
        none: an edition without a web page). The same files :meth:`render` writes. Raises
        RenderError when they cannot be written."""
        del document, out_dir
        return []

    @abstractmethod
    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return, per output file type, what an independent reader finds in ``out_dir``."""

    def expected(self, document: Document) -> dict[str, Expected]:
        """Return what each output must hold for every standard section (by default the
        section itself: its id, title and sentences)."""
        return standard_expected(document)

    def expected_for(self, document: Document, output: str) -> dict[str, Expected]:
        """Return what the output ``output`` must hold for every standard section: by default
        :meth:`expected`, the same for every output; an edition with an output of the Easy
        Read text says so here."""
        del output
        return self.expected(document)

    def medium(self, output: str) -> Medium:
        """Return the medium of one of this edition's outputs: the words that depend on the
        medium are checked in its form ("reflowable" unless :attr:`media` says otherwise)."""
        return self.media.get(output, "reflowable")

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the conformance rules checked on the built files (by default none)."""
        del document, out_dir
        return []

    def session(self) -> AbstractContextManager[object]:
        """Return what the check holds open while it runs this edition's rules and those of
        the editions after it (a browser that checks every web page, say); by default
        nothing."""
        return nullcontext()

    def cache_parts(self, document: Document) -> tuple[object, ...]:
        """Return the parts of the model (and settings) this edition's files depend on: when
        their fingerprint, and the code, have not changed since the last build, the edition is
        not built again. By default: everything in the document (see :func:`printed_parts`
        and :func:`easy_read_parts` for editions that render less)."""
        return (document.meta, document.partner, document.chapters, document.easy_read,
                document.lexicon)

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return what was built in ``out_dir``, in a few words, for the build's summary line
        (by default how many files)."""
        del out_dir
        return f"{len(files)} file{'s' if len(files) != 1 else ''}"


def printed_parts(document: Document) -> tuple[object, ...]:
    """Return the parts of the model an edition of the toolkit's own text renders (the web
    page and PDF, large print, Word, braille): its details, the partner and the chapters, not
    the Easy Read text nor the pronunciation lexicon, so that an edit to those leaves it as it
    is."""
    return (document.meta, document.partner, document.chapters)


def easy_read_parts(document: Document) -> tuple[object, ...]:
    """Return the parts of the model the Easy Read edition renders: its details, the partner,
    the Easy Read text, the quizzes its blocks may show, and the ids of the toolkit's sections
    (which its parts cover), not the chapters' text, so that an edit to a chapter leaves it."""
    return (document.meta, document.partner, document.easy_read, tuple(document.quizzes()),
            tuple(section.id for section in document.sections()))
