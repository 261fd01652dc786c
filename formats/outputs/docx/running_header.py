"""The running header of the Word and large-print documents: the chapter each page is in.

Across a long document a reader loses their place when every header says the same title. The
title page and the contents are one page section, whose header is the document's title; each
chapter starts a page section of its own (a next-page section break in the paragraph before its
heading), whose header is a ``STYLEREF "Heading 1"`` field: Word shows in it the chapter
heading of the page it lays out. The field's result, written here, is that chapter's heading,
which is what a program that does not update fields shows (LibreOffice 7 shows the result as it
is), so that every page of a chapter names its chapter in both. A partner edition's header has
the partner's name at its right, as the large-print PDF's has.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Emu
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import element, field_end, field_runs

CHAPTER_STYLE = "Heading 1"  # the style of the chapters' headings (a section of level 1)
CHAPTER_FIELD = f'STYLEREF "{CHAPTER_STYLE}"'
REFERENCES = (qn("w:headerReference"), qn("w:footerReference"))


def chapter_headers(state: DocxState, chapters: Sequence[tuple[_Element, str]],
                    partner: str = "") -> None:
    """Start a page section at each chapter's heading (``chapters``: each heading's paragraph
    and its words, in reading order), whose header names the chapter (with ``partner`` at its
    right when given); the front matter's section keeps the header and footer it has."""
    body = state.doc.element.body
    last = body.find(qn("w:sectPr"))
    if last is None or not chapters:
        return
    for heading, _ in chapters:
        section_break_before(heading, last)
        # the section starts the chapter's page: the style's page break before the heading
        # is turned off, so that no program may break the page twice (a blank page)
        DocxParagraph(heading, None).paragraph_format.page_break_before = False  # type: ignore[arg-type]
    for section in state.doc.sections[1:]:
        for reference in list(section._sectPr):
            if reference.tag in REFERENCES:
                section._sectPr.remove(reference)  # the footer goes on from the front matter
    for section, (_, label) in zip(state.doc.sections[1:], chapters, strict=True):
        section.start_type = WD_SECTION.NEW_PAGE
        section.header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.style = state.doc.styles["Header"]
        chapter_field(state, paragraph._p, label)
        if partner:
            at_right(state, paragraph)
            holder = element("w:r")
            holder.append(element("w:tab"))
            paragraph._p.append(holder)
            paragraph._p.append(state.run(partner))


def at_right(state: DocxState, paragraph: DocxParagraph) -> None:
    """Give the header ``paragraph`` one tab stop, at the right margin (the Header style's own
    stops, a centre one among them, cleared)."""
    stops = paragraph.paragraph_format.tab_stops
    for stop in state.doc.styles["Header"].paragraph_format.tab_stops:
        stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Emu(state.text_width()), WD_TAB_ALIGNMENT.RIGHT)


def section_break_before(heading: _Element, last: _Element) -> None:
    """End a page section just before ``heading``: in the paragraph before it, or in an empty
    paragraph put there when the heading follows something else (a table, a box to write in)
    or a paragraph holding a field (LibreOffice showed no page numbers in the footer of a
    section that ended inside the contents list's field); the section is laid out as ``last``
    (the body's final section) is."""
    before = heading.getprevious()
    if before is None or before.tag != qn("w:p") or any(
            True for _ in before.iter(qn("w:sectPr"), qn("w:fldChar"), qn("w:fldSimple"))):
        before = OxmlElement("w:p")
        heading.addprevious(before)
    before.set_sectPr(copy.deepcopy(last))  # type: ignore[attr-defined]  # a CT_P


def chapter_field(state: DocxState, paragraph: _Element, label: str) -> None:
    """Append to ``paragraph`` a STYLEREF field of the chapters' heading style whose result,
    until Word updates it, is ``label``."""
    paragraph.extend(field_runs(CHAPTER_FIELD))
    paragraph.append(state.run(label))
    paragraph.append(field_end())
