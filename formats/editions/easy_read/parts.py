"""What the Easy Read outputs and rules share: rows split into picture and words, names, sizes."""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from formats.core.contract import RenderError
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
    Paragraph,
    Strong,
    Text,
)
from formats.core.names import slug
from formats.core.text import inline_text, normalise, sentences

NOT_CHECKED = "Not yet checked by people with learning disabilities"
WORD_LIST_ID = "word-list"
WORD_LIST_TITLE = "Word list"
MAX_PAGES = 24
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Row:
    """One row of a part: its picture (or None) and its words, with where it is in the source."""

    picture: Image | None
    words: tuple[Inline, ...]
    location: Location


def split_row(paragraph: Paragraph) -> Row:
    """Return the row of a paragraph: its first top-level picture, and every other inline."""
    picture = next((node for node in paragraph.content if isinstance(node, Image)), None)
    words = [node for node in paragraph.content if node is not picture]
    while words and isinstance(words[0], Text) and not words[0].text.strip():
        words.pop(0)
    if words and isinstance(words[0], Text):
        words[0] = Text(words[0].text.lstrip())
    return Row(picture, tuple(words), paragraph.location)


def part_rows(part: EasyReadPart) -> list[Row]:
    """Return the rows of a part, each split into picture and words."""
    return paragraph_rows(part.rows)


def paragraph_rows(paragraphs: Iterable[Paragraph]) -> list[Row]:
    """Return the rows of some paragraphs, each split into picture and words."""
    return [split_row(paragraph) for paragraph in paragraphs]


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


def require_easy_read(document: Document) -> EasyRead:
    """Return the document's Easy Read text; raise RenderError when the source has none."""
    if document.easy_read is None:
        raise RenderError(f"{document.source_dir / 'easy-read' / 'easy-read.yaml'} does not "
                          "exist: the Easy Read edition needs its own text")
    return document.easy_read


def checked_line(easy_read: EasyRead) -> str:
    """Return what every output says about the check: "Checked by NAMES on 1 December 2026"
    once people have checked the text, NOT_CHECKED until then."""
    sign_off = easy_read.checked_by
    if sign_off is None:
        return NOT_CHECKED
    return f"Checked by {sign_off.by} on {sign_off.date.day} {sign_off.date:%B %Y}"


_HYPHENATED = re.compile(r"\w+(?:[-\u2010]\w+)+")
_TAG = re.compile(r"(<[^>]*>)")


def keep_hyphens(html: Any) -> Markup:
    """Return HTML (a plain string is escaped first) with every hyphenated word of its text,
    not of its tags, in a no-wrap span, so that no line breaks at the hyphen."""
    pieces = _TAG.split(str(escape(html)))
    return Markup("".join(piece if piece.startswith("<") else
                          _HYPHENATED.sub(r'<span class="nowrap">\g<0></span>', piece)
                          for piece in pieces))


def edition_title(easy_read: EasyRead) -> str:
    """Return the title the files carry: the Easy Read title, with ": Easy Read" added unless it
    says so already."""
    if "easy read" in easy_read.title.lower():
        return easy_read.title
    return f"{easy_read.title}: Easy Read"


def source_place(document: Document, location: Location) -> str:
    """Return ``path:line`` of a source location, the path including the source folder."""
    return f"{document.source_dir / location.path}:{location.line}"


def file_stem(document: Document) -> str:
    """Return the stem of the Easy Read files: ``<title slug>-easy-read``."""
    return f"{slug(document.meta.title)}-easy-read"


def png_size(path: Path) -> tuple[int, int]:
    """Return (width, height) in pixels of a PNG file; raise ValueError when it is not a PNG."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or not head.startswith(_PNG_SIGNATURE) or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG picture")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def check_pictures(document: Document) -> None:
    """Raise RenderError naming every row whose picture is not a PNG file (Word needs PNG)."""
    easy_read = require_easy_read(document)
    problems = []
    for part in easy_read.parts:
        for row in part_rows(part):
            if row.picture is None:
                continue
            try:
                png_size(row.picture.path)
            except ValueError:
                problems.append(f"{source_place(document, row.location)}: picture "
                                f"'{row.picture.path.name}' is not a PNG file: save it as PNG")
    if problems:
        raise RenderError("\n".join(problems))
