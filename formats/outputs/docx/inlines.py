"""Inline text in Word: runs whose character style is their strongest mark, real links (to a
bookmark or by relationship), line breaks and small pictures; one handler per kind of inline
(:data:`INLINES`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from formats.core.dispatch import NodeTable, inline_table
from formats.core.link_names import key as link_key
from formats.core.model import (
    Emphasis,
    Image,
    Inlines,
    LineBreak,
    Link,
    MediumWords,
    Strong,
    Text,
)
from formats.core.text import SHORT_BLOCK_CHARACTERS, inline_text
from formats.outputs.docx.parts import SHORT_BLOCK_STYLES
from formats.outputs.docx.pictures import picture_run
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import element

MARK_ORDER = ("Hyperlink", "Strong", "Emphasis")
Marks = tuple[str, ...]


def write_inlines(state: DocxState, parent: _Element, nodes: Inlines, marks: Marks = ()) -> None:
    """Append runs (and links, pictures, breaks) for ``nodes`` to a paragraph or link."""
    for node in nodes:
        INLINES[node](state, parent, node, marks)


def styled_run(state: DocxState, text: str, marks: Marks) -> _Element:
    """Return a run whose character style is its strongest mark (link, strong, emphasis);
    further marks become direct bold (or italics, where the profile allows them)."""
    ordered = [mark for mark in MARK_ORDER if mark in marks]
    rest = ordered[1:]
    bold = "Strong" in rest or ("Emphasis" in rest and not state.profile.italics)
    italic = "Emphasis" in rest and state.profile.italics
    return state.run(text, ordered[0] if ordered else None, bold=bold, italic=italic)


def _text(state: DocxState, parent: _Element, node: Text, marks: Marks) -> None:
    parent.append(styled_run(state, " ".join(node.text.split("\n")), marks))


def _strong(state: DocxState, parent: _Element, node: Strong, marks: Marks) -> None:
    write_inlines(state, parent, node.children, (*marks, "Strong"))


def _emphasis(state: DocxState, parent: _Element, node: Emphasis, marks: Marks) -> None:
    write_inlines(state, parent, node.children, (*marks, "Emphasis"))


def _link(state: DocxState, parent: _Element, node: Link, marks: Marks) -> None:
    """Append a real ``w:hyperlink``: to a bookmark for ``#id``, else by relationship.

    Print readers cannot follow a link, so a web address that the link text does not already
    say follows it in brackets, as in the print editions. A link whose words are also those of
    a link to another place ("appendix 4") gets its name as a ScreenTip (``w:tooltip``: "appendix
    4 (Quiz 2: What should you do?)"): a Word link has no name but its words, and the ScreenTip
    is where Word says more (shown over the link; screen readers that read ScreenTips say it).
    """
    if parent.tag == qn("w:hyperlink"):
        write_inlines(state, parent, node.children, marks)
        return
    text = inline_text(node.children)
    if node.is_internal:
        link = element("w:hyperlink", {"w:anchor": node.target[1:], "w:history": "1"})
        name = state.link_names.get((link_key(text), node.target))
        if name:
            link.set(qn("w:tooltip"), name)
    else:
        relation = state.doc.part.relate_to(node.target, RELATIONSHIP_TYPE.HYPERLINK,
                                            is_external=True)
        link = element("w:hyperlink", {"r:id": relation, "w:history": "1"})
    write_inlines(state, link, node.children, (*marks, "Hyperlink"))
    parent.append(link)
    if not node.is_internal and node.display_address.lower() not in text.lower():
        parent.append(styled_run(state, f" ({node.display_address})",
                                 tuple(mark for mark in marks if mark != "Hyperlink")))


def _medium_words(state: DocxState, parent: _Element, node: MediumWords, marks: Marks) -> None:
    """Append words that depend on the medium in their form for a screen (Word reflows: it
    has no fixed pages), as a link when they point to a part of the toolkit. A space the
    words start or end with stays outside the link."""
    words = node.form("reflowable")
    content: Inlines = node.written if words is None else (Text(words.strip()),)
    if words is not None and not words.strip():
        if words:
            write_inlines(state, parent, (Text(words),), marks)
        return
    lead = words[:len(words) - len(words.lstrip())] if words else ""
    tail = words[len(words.rstrip()):] if words else ""
    if lead:
        write_inlines(state, parent, (Text(lead),), marks)
    if node.target and parent.tag != qn("w:hyperlink"):
        write_inlines(state, parent, (Link(node.target, content),), marks)
    else:
        write_inlines(state, parent, content, marks)
    if tail:
        write_inlines(state, parent, (Text(tail),), marks)


def _line_break(state: DocxState, parent: _Element, node: LineBreak, marks: Marks) -> None:
    holder = element("w:r")
    holder.append(element("w:br"))
    parent.append(holder)


def _image(state: DocxState, parent: _Element, node: Image, marks: Marks) -> None:
    """Append a picture in the text, two lines of body text high."""
    parent.append(picture_run(state, node, height_cm=2.0 * state.profile.body_size / 12))


INLINES: NodeTable[Callable[[DocxState, _Element, Any, Marks], None]] = inline_table(
    "docx writer: inlines", {
        Text: _text, Strong: _strong, Emphasis: _emphasis, Link: _link,
        LineBreak: _line_break, Image: _image, MediumWords: _medium_words,
    })


def inline_paragraph(state: DocxState, content: Inlines, style: str = "Normal") -> DocxParagraph:
    """Add a paragraph in ``style`` holding ``content``; return it. A short paragraph of a list
    or a quotation (at most ``SHORT_BLOCK_CHARACTERS``) keeps its lines together on one page
    (``w:keepLines``), as print keeps a short block whole."""
    paragraph = state.paragraph(style)
    write_inlines(state, paragraph._p, content)
    if style.startswith(SHORT_BLOCK_STYLES):
        keep_short_together(paragraph, content)
    return paragraph


def keep_short_together(paragraph: DocxParagraph, content: Inlines) -> None:
    """Keep the lines of ``paragraph`` (a list's or a quotation's, holding ``content``) together
    on one page (``w:keepLines``) when its words are at most ``SHORT_BLOCK_CHARACTERS``."""
    if len(inline_text(content)) <= SHORT_BLOCK_CHARACTERS:
        paragraph.paragraph_format.keep_together = True


def heading(state: DocxState, level: int, content: Inlines) -> DocxParagraph:
    """Add a paragraph in the built-in style Heading ``level`` (at most 6); return it."""
    return inline_paragraph(state, content, f"Heading {min(level, 6)}")


def bookmarked_heading(state: DocxState, level: int, content: Inlines, name: str) -> DocxParagraph:
    """Add a heading (see :func:`heading`) holding a bookmark ``name``: a section's heading."""
    paragraph = heading(state, level, content)
    state.surround_with_bookmark(paragraph._p, name)
    return paragraph
