"""``epub/overlays``: every passage of the toolkit (or of the Easy Read guide) can be listened
to in its EPUB.

Read back from the EPUB (:mod:`formats.outputs.epub.overlay_reader`), each ``par`` of the media
overlays highlights an element; the section it is in is the nearest ``<section id>`` around
that element. Each section must have as many highlighted passages as the model gives it
(:func:`formats.core.passages.section_passages`: its heading, paragraphs, list items, table
rows...), each a different element. Whether the clips lie inside their files is the read-back's
business (a problem of ``epub/epub``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.names import some
from formats.core.passages import section_passages
from formats.outputs.epub.names import XHTML_NS
from formats.outputs.epub.overlay_reader import read_overlays
from formats.outputs.epub.reader import EpubError, open_epub
from formats.outputs.html.easy_read import WORD_LIST_ID, WORD_LIST_TITLE

RULE = "epub/overlays"
_SECTION = f"{{{XHTML_NS}}}section"


def toolkit_passages(document: Document) -> dict[str, tuple[str, int]]:
    """Return, for every section, its label and how many passages it has."""
    return {section.id: (section.label, len(section_passages(section)))
            for section in document.sections()}


def easy_read_passages(document: Document) -> dict[str, tuple[str, int]]:
    """Return, for every part of the Easy Read text and its word list, its title and how many
    passages it has: its heading and rows; the word list's heading, first sentence and
    entries."""
    easy_read = document.easy_read
    if easy_read is None:
        return {}
    return {**{part.id: (part.title, 1 + len(part.rows)) for part in easy_read.parts},
            WORD_LIST_ID: (WORD_LIST_TITLE, 2 + len(easy_read.word_list))}


def overlay_rule(path: Path, wanted: Mapping[str, tuple[str, int]]) -> RuleResult:
    """Return ``epub/overlays`` for the EPUB at ``path``: passed when every section of
    ``wanted`` ({section id: (label, number of passages)}) has a highlighted, timed passage
    for each of its passages."""
    try:
        book = open_epub(path)
        overlays = read_overlays(path)
    except (EpubError, OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        return RuleResult(RULE, str(path), False, f"the EPUB cannot be read: {error}")
    if not overlays.pars:
        return RuleResult(RULE, str(path), False, "the EPUB has no media overlays: build the "
                          "audio edition with it")
    heard: dict[str, set[str]] = {}
    for name, pars in overlays.pars.items():
        content = book.documents.get(name)
        elements = {str(node.get("id")): node for node in content.iter() if node.get("id")} \
            if content is not None else {}
        for par in pars:
            found = elements.get(par.element_id)
            section = next(found.iterancestors(_SECTION), None) if found is not None else None
            if found is not None and found.tag == _SECTION:
                section = found
            if section is not None:
                heard.setdefault(str(section.get("id")), set()).add(par.element_id)
    short = [f"{label} ({len(heard.get(section_id, set()))} of {count})"
             for section_id, (label, count) in wanted.items()
             if len(heard.get(section_id, set())) != count]
    total = sum(len(found) for found in heard.values())
    if short:
        return RuleResult(RULE, str(path), False, f"{len(short)} section(s) do not have one "
                          f"highlighted passage per passage of the text: {some(short)}")
    return RuleResult(RULE, str(path), True, f"{total} passages in {len(wanted)} sections, "
                      f"each highlighted while it is read, in {len(overlays.pars)} overlays")
