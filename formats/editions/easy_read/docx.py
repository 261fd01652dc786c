"""The Easy Read Word document, written through the one Word writer (:mod:`formats.outputs.docx`)
and read back by its one reader.

A title page (who checked the guide, the partner of a partner's edition, how to ask for other
formats, the imprint and the pictures' credit), then on a page of its own the contents: a TOC
field listing the parts and the word list with their page numbers, as in every Word document of
the toolkit (:mod:`formats.outputs.docx.contents`); then per part a Heading 1 bookmarked with the
part id and a borderless layout table, a row per idea: the picture (with alt text) on the left,
the words on the right; the word list at the end. The core gives it
what it gives every Word document: A4 with UK margins, page numbers in the footer, headings in
the body's font, Word's automatic hyphenation off. Its look is :data:`EASY_READ`: Arial (which
Word has everywhere; Word files cannot carry the PDF's Atkinson Hyperlegible) 18pt throughout,
headings 28pt bold and black, no italics, and the hyphen inside a word ("co-production")
written as a non-breaking hyphen, so that no line ends at it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from docx.text.paragraph import Paragraph as DocxParagraph

from formats.core.contract import ReadBack
from formats.core.model import Document, EasyRead, Link, Text
from formats.editions.easy_read.parts import file_stem
from formats.outputs.docx.blocks import write_blocks
from formats.outputs.docx.bookmarks import check_bookmark_names
from formats.outputs.docx.contents import contents, number_contents, page_footer
from formats.outputs.docx.document import core_properties, new_document, save, toolkit_properties
from formats.outputs.docx.inlines import bookmarked_heading, heading, inline_paragraph
from formats.outputs.docx.pictures import picture_run
from formats.outputs.docx.profile import UK_MARGIN_CM, DocxProfile
from formats.outputs.docx.reader import read_back_docx
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.styles import recolour
from formats.outputs.docx.tables import layout_table, picture_beside_words
from formats.outputs.html.easy_read import (
    WORD_LIST_ID,
    WORD_LIST_TITLE,
    Row,
    checked_line,
    edition_title,
    part_rows,
    require_easy_read,
)

OUTPUT = "easy-read/docx"
CONTENTS_TITLE = "What is in this guide"
PICTURE_WIDTH_CM = 2.8
PICTURE_COLUMN_CM = 3.6
EASY_READ = DocxProfile(
    name="easy read", font="Arial", body_size=18, heading_sizes=(28, 24, 22, 20, 20, 20),
    title_size=36, subtitle_size=24, small_size=16, line_spacing=1.3, space_after=10,
    margin_cm=UK_MARGIN_CM, list_indent_cm=1.1, italics=False, tables_as_lists_from=None,
    restyle=True, edition_label="Easy Read", minimum_size=16, heading_colour="000000",
    link_colour="0B4F8A", no_break_hyphens=True)


def docx_name(document: Document) -> str:
    """Return the Word file's name: ``<title slug>-easy-read.docx``."""
    return f"{file_stem(document)}.docx"


def render_docx(document: Document, out_dir: Path) -> list[Path]:
    """Write the Easy Read Word document into ``out_dir``; return the file written.

    Raises RenderError when there is no Easy Read text, an id cannot be a Word bookmark or a
    picture cannot go into Word.
    """
    easy_read = require_easy_read(document)
    check_bookmark_names([*(part.id for part in easy_read.parts), WORD_LIST_ID,
                          *(entry.id for entry in easy_read.word_list)])
    state = DocxState(new_document(EASY_READ, document.meta.language), document, EASY_READ)
    if document.partner is not None:  # their colour for links; headings stay black
        recolour(state.doc, EASY_READ.heading_colour,
                 document.partner.colours.primary.lstrip("#").upper())
    contents_heading = title_page(state, easy_read)
    for part in easy_read.parts:
        bookmarked_heading(state, 1, (Text(part.title),), part.id)
        rows_table(state, part_rows(part))
    bookmarked_heading(state, 1, (Text(WORD_LIST_TITLE),), WORD_LIST_ID)
    state.text_paragraph("These are the hard words in this guide and what they mean.")
    write_blocks(state, easy_read.word_list, 2)
    contents(state, contents_heading)
    page_footer(state)
    core_properties(state.doc, dataclasses.replace(
        toolkit_properties(document, EASY_READ), title=edition_title(easy_read),
        subject=f"An Easy Read version of {document.meta.title}",
        comments=f"An Easy Read version of {document.meta.title}",
        keywords=f"Easy Read; {document.meta.title}",
        identifier=f"{document.meta.identifier}:easy-read"))
    target = out_dir / docx_name(document)
    save(state.doc, target, document.meta.edition.date)
    number_contents(target)
    return [target]


def title_page(state: DocxState, easy_read: EasyRead) -> DocxParagraph:
    """Add the title page (title, subtitle, where the guide comes from, who checked it, the
    partner of a partner's edition, how to ask for other formats, the imprint and the pictures'
    credit), then the heading of the contents on a page of its own; return that heading (the
    contents go after it once every part is written)."""
    meta = state.document.meta
    partner = state.document.partner
    state.text_paragraph(easy_read.title, "Title")
    if easy_read.subtitle:
        state.text_paragraph(easy_read.subtitle, "Subtitle")
    state.text_paragraph(f"An Easy Read version of “{meta.title}” by {meta.publisher}.")
    state.text_paragraph(f"{checked_line(easy_read)}.")
    if partner is not None:
        if partner.logo is not None:
            state.paragraph()._p.append(picture_run(state, partner.logo, height_cm=2.5))
        state.text_paragraph(f"You can get this guide from {partner.name}.")
    inline_paragraph(state, (Text("You can ask for this guide in other formats. E-mail "),
                             Link(f"mailto:{meta.contact.email}", (Text(meta.contact.email),)),
                             Text(".")))
    if partner is not None and partner.phone:
        state.text_paragraph(f"Phone {partner.phone}.")
    state.text_paragraph(f"{meta.publisher}. Edition {meta.edition.number}, "
                         f"{meta.edition.date.day} {meta.edition.date:%B %Y}.")
    if partner is not None:
        state.text_paragraph(f"This edition: {partner.name}. {partner.edition_note}")
    state.text_paragraph(meta.rights)
    if easy_read.picture_credit:
        state.text_paragraph(easy_read.picture_credit)
    return heading(state, 1, (Text(CONTENTS_TITLE),))


def rows_table(state: DocxState, rows: list[Row]) -> None:
    """Add a borderless layout table: a picture (with alt text) left, the words right."""
    table = layout_table(state, PICTURE_COLUMN_CM)
    for row in rows:
        picture_beside_words(state, table, row.picture, row.words, PICTURE_WIDTH_CM)


def docx_name_in(out_dir: Path) -> str:
    """Return the name of the one Word file in ``out_dir``, or "" when there is not exactly one."""
    files = sorted(out_dir.glob("*.docx")) if out_dir.is_dir() else []
    return files[0].name if len(files) == 1 else ""


def read_back(out_dir: Path) -> ReadBack:
    """Return the parts the .docx reader finds in the Easy Read Word file (bookmarked headings
    and their text); a missing word list is a problem of the file."""
    found = read_back_docx(out_dir, "*.docx", OUTPUT)
    if found.problems or WORD_LIST_ID in found.sections:
        return found
    return dataclasses.replace(found, problems=("the word list was not found",))
