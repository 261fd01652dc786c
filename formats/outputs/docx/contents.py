"""The contents list (a pre-filled TOC field) and the page furniture: the header and the page
number in the footer."""

from __future__ import annotations

import itertools

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import child, element, field_end, field_runs

CONTENTS_LEVELS = 3  # the contents list: TOC \o "1-3"


def contents(state: DocxState, heading: DocxParagraph) -> None:
    """Insert after ``heading`` a TOC field pre-filled with links to every heading 1-3.

    The entries are what Word itself would put there (TOC \\o "1-3" \\h), so Word and
    LibreOffice show them before anyone updates fields; updating adds page numbers.
    """
    entries = contents_entries(state, heading)
    anchor = heading._p
    paragraphs: list[_Element] = []
    for level, text, name in entries:
        paragraph = element("w:p")
        child(paragraph, "pPr", ("pPr",)).append(
            element("w:pStyle", {"w:val": state.style_id(f"toc {level}")}))
        link = element("w:hyperlink", {"w:anchor": name, "w:history": "1"})
        link.append(state.run(text, "Hyperlink"))
        paragraph.append(link)
        paragraphs.append(paragraph)
    if not paragraphs:
        return
    begin, code, separate = field_runs('TOC \\o "1-3" \\h \\z \\u')
    paragraphs[0].find(qn("w:pPr")).addnext(begin)
    begin.addnext(code)
    code.addnext(separate)
    paragraphs[-1].append(field_end())
    for paragraph in paragraphs:
        anchor.addnext(paragraph)
        anchor = paragraph


def contents_entries(state: DocxState, after: DocxParagraph) -> list[tuple[int, str, str]]:
    """Return (level, text, bookmark) of every heading 1-3 but ``after`` (the contents
    heading), giving headings without a bookmark a hidden ``_Toc`` one, as Word does."""
    entries: list[tuple[int, str, str]] = []
    hidden = itertools.count(1)
    for paragraph in state.doc.paragraphs:
        level = heading_level(paragraph)
        if level is None or level > CONTENTS_LEVELS or paragraph._p is after._p:
            continue
        names = [mark.get(qn("w:name")) for mark in paragraph._p.iter(qn("w:bookmarkStart"))]
        visible = [name for name in names if not name.startswith("_")]
        if visible:
            name = visible[0]
        else:
            name = f"_Toc{next(hidden):08d}"
            state.surround_with_bookmark(paragraph._p, name)
        entries.append((level, paragraph.text, name))
    return entries


def heading_level(paragraph: DocxParagraph) -> int | None:
    """Return the level of a paragraph in a built-in Heading style, or None."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.startswith("Heading ") and name[8:].isdigit():
        return int(name[8:])
    return None


def page_header(state: DocxState, text: str) -> None:
    """Put ``text`` in the header of every page."""
    section = state.doc.sections[0]
    section.different_first_page_header_footer = False
    header = section.header.paragraphs[0]
    header.style = state.doc.styles["Header"]
    header._p.append(state.run(text))


def page_footer(state: DocxState) -> None:
    """Put "Page N" (a PAGE field) in the footer of every page."""
    section = state.doc.sections[0]
    section.different_first_page_header_footer = False
    footer = section.footer.paragraphs[0]
    footer.style = state.doc.styles["Footer"]
    footer._p.append(state.run("Page "))
    for piece in field_runs("PAGE"):
        footer._p.append(piece)
    footer._p.append(state.run("1"))
    footer._p.append(field_end())
