"""Writes the toolkit as the Word and large-print documents: a title page, the contents list,
then every chapter (:mod:`.blocks` says what each kind of block becomes).

Every heading uses a built-in style (Title, Heading 1-6); a section's heading holds a bookmark
named after the section id, so links (and the coverage check) find it.
"""

from __future__ import annotations

from lxml.etree import _Element

from formats.core.model import Link, Section, Text
from formats.outputs.docx.blocks import write_blocks
from formats.outputs.docx.bookmarks import bookmark_names, check_bookmark_names
from formats.outputs.docx.contents import contents, page_footer, page_header
from formats.outputs.docx.inlines import bookmarked_heading, write_inlines
from formats.outputs.docx.pictures import picture_run
from formats.outputs.docx.running_header import chapter_headers
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.styles import recolour


def write_toolkit(state: DocxState) -> None:
    """Write the title page, the contents list, every chapter, the header and footer: the
    title in the header of the title page and contents, the chapter in each chapter's.

    Raises RenderError when an id cannot be a Word bookmark or a picture cannot go into Word.
    """
    check_bookmark_names(bookmark_names(state.document))
    partner = state.document.partner
    if partner is not None:
        colour = partner.colours.primary.lstrip("#").upper()
        recolour(state.doc, colour, colour)
    title_page(state)
    contents_heading = state.text_paragraph("Contents", "TOC Heading")
    chapters = [(write_section(state, chapter), chapter.label)
                for chapter in state.document.chapters]
    contents(state, contents_heading)
    label = state.profile.edition_label
    by = f", {partner.name}" if partner is not None else ""
    page_header(state, f"{state.document.meta.title}{f' ({label.lower()})' if label else ''}"
                       f"{by}")
    page_footer(state)
    chapter_headers(state, chapters, partner.name if partner is not None else "")


def title_page(state: DocxState) -> None:
    """Write the title, subtitle, edition, publisher, summary, other formats and contact."""
    meta = state.document.meta
    state.text_paragraph(meta.title, "Title")
    state.text_paragraph(meta.subtitle, "Subtitle")
    if state.profile.edition_label:
        label = state.paragraph()
        label._p.append(state.run(f"{state.profile.edition_label} edition", "Strong"))
    state.text_paragraph(meta.publisher)
    state.text_paragraph(f"Edition {meta.edition.number}, published "
                         f"{meta.edition.date.day} {meta.edition.date:%B %Y}")
    partner = state.document.partner
    if partner is not None:
        if partner.logo is not None:
            state.paragraph()._p.append(picture_run(state, partner.logo, height_cm=2.5))
        state.text_paragraph(f"This edition is published by {partner.name}. "
                             f"{partner.edition_note}")
    state.text_paragraph(meta.summary)
    formats = state.paragraph()
    formats._p.append(state.run("Other formats: ", "Strong"))
    formats._p.append(state.run(meta.alternative_formats))
    contact = state.text_paragraph("E-mail: ")
    write_inlines(state, contact._p, (Link(f"mailto:{meta.contact.email}",
                                           (Text(meta.contact.email),)),))
    if partner is not None and partner.phone:
        state.text_paragraph(f"Phone: {partner.phone}")
    state.text_paragraph(meta.rights)


def write_section(state: DocxState, section: Section) -> _Element:
    """Write a section: its bookmarked heading, its blocks, then its sub-sections; return the
    paragraph of its heading."""
    heading = bookmarked_heading(state, section.level, (Text(section.label),), section.id)
    write_blocks(state, section.blocks, section.level + 1)
    for child_section in section.children:
        write_section(state, child_section)
    return heading._p
