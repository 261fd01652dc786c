"""What the Easy Read outputs and rules share: names, sizes, the word list, and (from
:mod:`formats.outputs.html.easy_read`) rows split into picture and words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formats.core.dispatch import NodeTable, inline_table
from formats.core.model import (
    Document,
    EasyRead,
    EasyReadPart,
    Emphasis,
    GlossaryEntry,
    Image,
    Inline,
    LineBreak,
    Link,
    Location,
    MediumWords,
    Strong,
    Text,
)
from formats.core.names import easy_read_stem
from formats.core.text import inline_text, normalise, sentences
from formats.outputs.html.easy_read import Row, part_rows

MAX_PAGES = 24
# The name of one booklet of several: ``<stem>-booklet-N-of-M.pdf`` (or ``.docx``).
BOOKLET_NAME = re.compile(r"-booklet-(\d+)-of-(\d+)\.(pdf|docx)$")


@dataclass(frozen=True)
class Booklet:
    """One booklet (a PDF file and a Word file): its number, how many there are, and the parts
    it holds."""

    number: int
    count: int
    parts: tuple[EasyReadPart, ...]


def row_text(row: Row) -> str:
    """Return the words of a row as plain text."""
    return " ".join(inline_text(row.words).split())


def part_sentences(part: EasyReadPart) -> tuple[str, ...]:
    """Return the sentences of a part's rows, in order."""
    return tuple(sentences([inline_text(paragraph.content) for paragraph in part.rows]))


def bold_phrases(inlines: tuple[Inline, ...]) -> list[str]:
    """Return the text of every bold (Strong) phrase in some inlines, in order."""
    return [phrase for node in inlines for phrase in _BOLD_PHRASES[node](node)]


def _no_phrases(node: object) -> list[str]:
    return []


_BOLD_PHRASES: NodeTable[Callable[[Any], list[str]]] = inline_table("easy read: bold phrases", {
    Strong: lambda node: [" ".join(inline_text(node.children).split())],
    Emphasis: lambda node: bold_phrases(node.children),
    Link: lambda node: bold_phrases(node.children),
    MediumWords: lambda node: bold_phrases(node.written),
    Text: _no_phrases, Image: _no_phrases, LineBreak: _no_phrases,
})


def singular_forms(phrase: str) -> set[str]:
    """Return a phrase normalised, and with its last word's simple plural taken off."""
    base = normalise(re.sub(r"\([^)]*\)", " ", phrase))
    forms = {base}
    for ending, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        if base.endswith(ending) and len(base) > len(ending) + 1:
            forms.add(base[: -len(ending)] + replacement)
    return forms


def in_word_list(phrase: str, entries: tuple[GlossaryEntry, ...]) -> bool:
    """Return True when a phrase is a word-list term (any case; a simple plural allowed)."""
    return in_terms(phrase, [entry.term for entry in entries])


def in_terms(phrase: str, terms: Iterable[str]) -> bool:
    """Return True when a phrase is one of ``terms`` (any case; a simple plural allowed)."""
    wanted = singular_forms(phrase)
    return any(wanted & singular_forms(term) for term in terms)


def term_pattern(term: str) -> re.Pattern[str]:
    """Return a pattern finding a word-list term in normalised text: the whole term, its last
    word also in a simple plural ("partners", "bodies")."""
    words = normalise(re.sub(r"\([^)]*\)", " ", term)).split()
    if not words:
        return re.compile(r"(?!)")
    last = re.escape(words[-1])
    if words[-1].endswith("y"):
        last = f"(?:{last}|{re.escape(words[-1][:-1])}ies)"
    else:
        last = f"{last}(?:s|es)?"
    return re.compile(r"\b" + r"\s".join([*map(re.escape, words[:-1]), last]) + r"\b")


def terms_used(text: str, entries: Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """Return the word-list entries whose term occurs in ``text`` (any case, bold or not)."""
    plain = normalise(text)
    return [entry for entry in entries if term_pattern(entry.term).search(plain)]


def bold_in_parts(parts: Iterable[EasyReadPart]) -> list[str]:
    """Return every bold phrase of some parts' rows, in order."""
    return [phrase for part in parts for row in part_rows(part)
            for phrase in bold_phrases(row.words)]


def parts_text(parts: Iterable[EasyReadPart]) -> str:
    """Return the words of every row of some parts, as one plain text."""
    return " ".join(row_text(row) for part in parts for row in part_rows(part))


def words_for(easy_read: EasyRead, parts: tuple[EasyReadPart, ...]) -> tuple[GlossaryEntry, ...]:
    """Return the word-list entries a booklet of ``parts`` needs, so that it stands alone.

    Those whose term its parts use (bold or not), and those no part uses (so that every entry
    is in some booklet); the whole list when the booklet holds every part.
    """
    if len(parts) == len(easy_read.parts):
        return easy_read.word_list
    here = {entry.id for entry in terms_used(parts_text(parts), easy_read.word_list)}
    anywhere = {entry.id for entry in terms_used(parts_text(easy_read.parts),
                                                 easy_read.word_list)}
    bold_here = bold_in_parts(parts)
    return tuple(entry for entry in easy_read.word_list
                 if entry.id in here or entry.id not in anywhere
                 or any(in_word_list(phrase, (entry,)) for phrase in bold_here))


def source_place(document: Document, location: Location) -> str:
    """Return ``path:line`` of a source location, the path including the source folder."""
    return f"{document.source_dir / location.path}:{location.line}"


def file_stem(document: Document) -> str:
    """Return the stem of the Easy Read files: ``<title slug>-easy-read``."""
    return easy_read_stem(document.meta.title)


def booklet_stem(document: Document, booklet: Booklet) -> str:
    """Return the stem of a booklet's files: ``<stem>``, or ``<stem>-booklet-N-of-M`` when the
    guide is split."""
    if booklet.count == 1:
        return file_stem(document)
    return f"{file_stem(document)}-booklet-{booklet.number}-of-{booklet.count}"


def booklet_title(title: str, booklet: Booklet) -> str:
    """Return a booklet's title (of its PDF and its Word file): the edition's ``title``, with
    ", booklet N of M" when the guide is split."""
    if booklet.count == 1:
        return title
    return f"{title}, booklet {booklet.number} of {booklet.count}"


def booklet_files(out_dir: Path, suffix: str) -> list[Path]:
    """Return the files ending in ``suffix`` (".pdf", ".docx") in ``out_dir``: one, or the
    booklets in the order of their numbers (a file not named as a booklet first)."""
    if not out_dir.is_dir():
        return []
    return sorted(out_dir.glob(f"*{suffix}"), key=_booklet_order)


def _booklet_order(path: Path) -> tuple[int, str]:
    found = BOOKLET_NAME.search(path.name)
    return (int(found[1]) if found else 0), path.stem


