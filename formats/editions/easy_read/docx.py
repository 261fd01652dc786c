"""The Easy Read Word documents, written through the one Word writer
(:mod:`formats.outputs.docx`) and read back by its one reader.

The Word file comes as the PDF comes: one document, or, when the PDF is split into booklets of
at most 24 pages, one document per booklet (``<stem>-booklet-N-of-M.docx``) holding the parts
of the PDF booklet of the same number, so that a supporter who prints or adapts the Word file
gets the booklet the reader has. Each is a title page (the booklet's number, how hard words are
shown, who checked the guide, the partner of a partner's edition, how to ask for other formats,
the imprint and the pictures' credit), then on a page of its own the contents: a TOC field
listing its parts (with their numbers in the whole guide, "5. ...") and the word list with their
page numbers, as in every Word document of the toolkit (:mod:`formats.outputs.docx.contents`),
and what the other booklets hold; then per part a Heading 1 bookmarked with the part id and a
borderless layout table, a row per idea: the picture (with alt text) on the left, the words on
the right; its own word list at the end (the words its parts use). The core gives it
what it gives every Word document: A4 with UK margins, page numbers in the footer, headings in
the body's font, Word's automatic hyphenation off. Its look is :data:`EASY_READ`: Arial (which
Word has everywhere; Word files cannot carry the PDF's Atkinson Hyperlegible) 18pt throughout,
headings 28pt bold and black, no italics, and the hyphen inside a word ("co-production")
written as a non-breaking hyphen, so that no line ends at it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from docx.text.paragraph import Paragraph as DocxParagraph

from formats.core.contract import FoundSection, ReadBack
from formats.core.model import Document, EasyRead, EasyReadPart, Link, Strong, Text
from formats.editions.easy_read.parts import (
    Booklet,
    booklet_files,
    booklet_stem,
    booklet_title,
    words_for,
)
from formats.outputs.docx.blocks import write_blocks
from formats.outputs.docx.bookmarks import check_bookmark_names
from formats.outputs.docx.contents import contents, number_contents_of, page_footer
from formats.outputs.docx.document import core_properties, new_document, save, toolkit_properties
from formats.outputs.docx.inlines import (
    bookmarked_heading,
    heading,
    inline_paragraph,
    keep_short_together,
)
from formats.outputs.docx.numbering import restarted_num_id
from formats.outputs.docx.parts import READ_ERRORS
from formats.outputs.docx.pictures import picture_run
from formats.outputs.docx.profile import UK_MARGIN_CM, DocxProfile
from formats.outputs.docx.reader import read_docx
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.styles import recolour
from formats.outputs.docx.tables import layout_table, picture_beside_words
from formats.outputs.docx.xml import P_PR, child, element
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
CONTENTS_TITLE = "What is in this {scope}"
PICTURE_WIDTH_CM = 2.8
PICTURE_COLUMN_CM = 3.6
EASY_READ = DocxProfile(
    name="easy read", font="Arial", body_size=18, heading_sizes=(28, 24, 22, 20, 20, 20),
    title_size=36, subtitle_size=24, small_size=16, line_spacing=1.3, space_after=10,
    margin_cm=UK_MARGIN_CM, list_indent_cm=1.1, italics=False, tables_as_lists_from=None,
    restyle=True, edition_label="Easy Read", minimum_size=16, heading_colour="000000",
    link_colour="0B4F8A", no_break_hyphens=True)


def docx_name(document: Document, booklet: Booklet | None = None) -> str:
    """Return a Word file's name: ``<title slug>-easy-read.docx`` for the whole guide, or
    ``<title slug>-easy-read-booklet-N-of-M.docx`` for a ``booklet`` of several."""
    whole = Booklet(1, 1, ())
    return f"{booklet_stem(document, booklet or whole)}.docx"


def render_docx(document: Document, out_dir: Path,
                booklets: Sequence[Booklet] = ()) -> list[Path]:
    """Write the Easy Read Word document into ``out_dir``, or one per booklet of ``booklets``
    (the PDF's: :func:`formats.editions.easy_read.pdf.render_booklets`); return the files
    written, in the booklets' order.

    Raises RenderError when there is no Easy Read text, an id cannot be a Word bookmark, a
    picture cannot go into Word, or LibreOffice cannot lay a file out to number its contents.
    """
    easy_read = require_easy_read(document)
    check_bookmark_names([*(part.id for part in easy_read.parts), WORD_LIST_ID,
                          *(entry.id for entry in easy_read.word_list)])
    planned = list(booklets) or [Booklet(1, 1, easy_read.parts)]
    groups = [booklet.parts for booklet in planned]
    written = [render_booklet(document, booklet, groups, out_dir) for booklet in planned]
    number_contents_of(written)  # one LibreOffice run lays every booklet out
    return written


def render_booklet(document: Document, booklet: Booklet, groups: list[tuple[EasyReadPart, ...]],
                   out_dir: Path) -> Path:
    """Write the Word document of one booklet (``groups``: the parts of every booklet) into
    ``out_dir``, its contents' page numbers still to be written (:func:`number_contents_of`);
    return its file. Raises RenderError when a picture cannot go into Word."""
    easy_read = require_easy_read(document)
    scope = "booklet" if booklet.count > 1 else "guide"
    state = DocxState(new_document(EASY_READ, document.meta.language), document, EASY_READ)
    if document.partner is not None:  # their colour for links; headings stay black
        recolour(state.doc, EASY_READ.heading_colour,
                 document.partner.colours.primary.lstrip("#").upper())
    contents_heading = title_page(state, easy_read, booklet)
    other_booklets(state, booklet, groups)
    for part in booklet.parts:
        bookmarked_heading(state, 1, (Text(part.title),), part.id)
        rows_table(state, part_rows(part))
    bookmarked_heading(state, 1, (Text(WORD_LIST_TITLE),), WORD_LIST_ID)
    state.text_paragraph(f"These are the hard words in this {scope} and what they mean.")
    write_blocks(state, words_for(easy_read, booklet.parts), 2)
    contents(state, contents_heading, {part.id: f"{part.number}. " for part in booklet.parts})
    page_footer(state)
    title = booklet_title(edition_title(easy_read), booklet)
    core_properties(state.doc, dataclasses.replace(
        toolkit_properties(document, EASY_READ), title=title,
        subject=f"An Easy Read version of {document.meta.title}",
        comments=f"An Easy Read version of {document.meta.title}",
        keywords=f"Easy Read; {document.meta.title}",
        identifier=f"{document.meta.identifier}:easy-read"
                   + (f":booklet-{booklet.number}" if booklet.count > 1 else "")))
    target = out_dir / docx_name(document, booklet)
    save(state.doc, target, document.meta.edition.date)
    return target


def title_page(state: DocxState, easy_read: EasyRead, booklet: Booklet) -> DocxParagraph:
    """Add the title page (title, subtitle, "Booklet N of M" when split, where the guide comes
    from, how hard words are shown, who checked it, the partner of a partner's edition, how to
    ask for other formats, the imprint and the pictures' credit), then the heading of the
    contents on a page of its own; return that heading (the contents go after it once every
    part is written)."""
    meta = state.document.meta
    partner = state.document.partner
    scope = "booklet" if booklet.count > 1 else "guide"
    state.text_paragraph(easy_read.title, "Title")
    if easy_read.subtitle:
        state.text_paragraph(easy_read.subtitle, "Subtitle")
    if booklet.count > 1:
        state.text_paragraph(f"Booklet {booklet.number} of {booklet.count}", "Subtitle")
    state.text_paragraph(f"An Easy Read version of “{meta.title}” by {meta.publisher}.")
    hard_words_note(state, scope)
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
    return heading(state, 1, (Text(CONTENTS_TITLE.format(scope=scope)),))


def hard_words_note(state: DocxState, scope: str) -> None:
    """Add the note the PDF's title page gives (``hard_words_note`` of the Easy Read macros):
    hard words are in bold, explained in the next sentence and in the word list; a reader
    given only booklet 3 has not read part 1, which says it too."""
    inline_paragraph(state, (
        Text(f"Hard words in this {scope} are in "), Strong((Text("bold letters"),)),
        Text(". We explain them in the next sentence. You can also find the hard words in the "
             "word list at the end.")))


def other_booklets(state: DocxState, booklet: Booklet,
                   groups: list[tuple[EasyReadPart, ...]]) -> None:
    """Add, after the contents, what every other booklet holds ("Booklet 2 has:", then its
    parts with their numbers), as the PDF booklets' contents page does; nothing when the guide
    is one booklet."""
    if booklet.count < 2:
        return
    style = "List Number"
    for number, group in enumerate(groups, start=1):
        if number == booklet.number or not group:
            continue
        state.text_paragraph(f"Booklet {number} has:")
        # the parts of a booklet follow each other: one list counting from the first's number
        num_id = restarted_num_id(state.doc, state.doc.styles[style], group[0].number)
        for part in group:
            paragraph = state.paragraph(style)
            if num_id is not None:
                numbering = child(child(paragraph._p, "pPr", ("pPr",)), "numPr", P_PR)
                numbering.append(element("w:ilvl", {"w:val": "0"}))
                numbering.append(element("w:numId", {"w:val": num_id}))
            title = " ".join(part.title.split())
            paragraph._p.append(state.run(title))
            keep_short_together(paragraph, (Text(title),))


def rows_table(state: DocxState, rows: list[Row]) -> None:
    """Add a borderless layout table: a picture (with alt text) left, the words right."""
    table = layout_table(state, PICTURE_COLUMN_CM)
    for row in rows:
        picture_beside_words(state, table, row.picture, row.words, PICTURE_WIDTH_CM)


def docx_files(out_dir: Path) -> list[Path]:
    """Return the Easy Read Word files in ``out_dir`` (one, or the booklets in order)."""
    return booklet_files(out_dir, ".docx")


def read_back(out_dir: Path) -> ReadBack:
    """Return the parts the .docx reader finds in the Easy Read Word files (bookmarked headings
    and their text; a part is there when one booklet holds it). No Word file, a file that is
    not a Word document, or a booklet without its word list is a problem of the output."""
    files = docx_files(out_dir)
    if not files:
        return ReadBack(OUTPUT, {}, (f"no file matching *.docx in {out_dir}",))
    sections: dict[str, FoundSection] = {}
    problems: list[str] = []
    lacking: list[str] = []
    for path in files:
        try:
            found = read_docx(path, out_dir)
        except READ_ERRORS as error:
            problems.append(f"{path.name} cannot be opened as a Word document: {error}")
            continue
        if WORD_LIST_ID not in found:
            lacking.append(path.name)
        for section_id, section in found.items():
            sections.setdefault(section_id, section)
    if lacking:
        problems.append("the word list was not found" if len(files) == 1
                        else f"the word list was not found in {', '.join(lacking)}")
    return ReadBack(OUTPUT, sections, tuple(problems))
