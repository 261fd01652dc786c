"""The Easy Read Word document: per part a Heading 1 (bookmarked with the part id) and a
two-column table without borders, a picture with alt text on the left and words on the right.

Read back independently of python-docx: the document XML is parsed with ElementTree.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from formats.editions.easy_read.parts import (
    WORD_LIST_ID, WORD_LIST_TITLE, Row, edition_title, file_stem, part_rows, require_easy_read,
)
from formats.core.model import (
    Document, Emphasis, GlossaryEntry, Inline, LineBreak, Link, Paragraph, Strong, Text,
)
from formats.core.contract import FoundSection, ReadBack
from formats.core.text import inline_text

OUTPUT = "easy-read/docx"
FONT = "Arial"
BODY_SIZE = Pt(18)
HEADING_SIZE = Pt(28)
PICTURE_WIDTH = Cm(2.8)
PICTURE_COLUMN = Cm(3.6)
WORDS_COLUMN = Cm(13.4)
LINK_COLOUR = RGBColor(0x0B, 0x4F, 0x8A)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def docx_name(document: Document) -> str:
    """Return the Word file's name: ``<title slug>-easy-read.docx``."""
    return f"{file_stem(document)}.docx"


# ---------------------------------------------------------------------------------------------
# Writing


def render_docx(document: Document, out_dir: Path) -> list[Path]:
    """Write the Easy Read Word document into ``out_dir``; return the file written."""
    easy_read = require_easy_read(document)
    doc = new_docx()
    set_styles(doc, document.meta.language)
    set_properties(doc, document)
    title_page(doc, document)
    bookmarks = _Bookmarks()
    for part in easy_read.parts:
        heading = part_heading(doc, part.title, part.id, bookmarks)
        heading.paragraph_format.page_break_before = True
        rows_table(doc, part_rows(part))
    word_list(doc, easy_read.word_list, bookmarks)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / docx_name(document)
    doc.save(str(target))
    return [target]


class _Bookmarks:
    """Hands out bookmark ids (unique numbers) for ``w:bookmarkStart``."""

    def __init__(self) -> None:
        self.next_id = 1

    def add(self, paragraph: DocxParagraph, name: str) -> None:
        """Put a bookmark called ``name`` around the whole paragraph."""
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        element = paragraph._p
        properties = element.pPr
        if properties is not None:
            properties.addnext(start)
        else:
            element.insert(0, start)
        element.append(end)


def set_styles(doc: DocxDocument, language: str) -> None:
    """Set the document language, a large sans-serif body and black, bold, large headings."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(10)
    normal.paragraph_format.line_spacing = 1.3
    for name, size in (("Title", Pt(36)), ("Subtitle", Pt(24)), ("Heading 1", HEADING_SIZE)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = size
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_after = Pt(18)
    for name in ("List Number",):
        doc.styles[name].font.size = BODY_SIZE
    if "Easy Read Link" not in [style.name for style in doc.styles]:
        link = doc.styles.add_style("Easy Read Link", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = LINK_COLOUR
        link.font.underline = True


def set_properties(doc: DocxDocument, document: Document) -> None:
    """Set the core properties: title, author, subject, language."""
    easy_read = require_easy_read(document)
    properties = doc.core_properties
    properties.title = edition_title(easy_read)
    properties.author = document.meta.publisher
    properties.subject = f"An Easy Read version of {document.meta.title}"
    properties.language = document.meta.language
    properties.identifier = f"{document.meta.identifier}:easy-read"


def title_page(doc: DocxDocument, document: Document) -> None:
    """Add the title, subtitle, where it comes from, who checked it and the list of parts."""
    easy_read = require_easy_read(document)
    doc.add_paragraph(easy_read.title, style="Title")
    if easy_read.subtitle:
        doc.add_paragraph(easy_read.subtitle, style="Subtitle")
    doc.add_paragraph(f"An Easy Read version of “{document.meta.title}” by "
                      f"{document.meta.publisher}.")
    if easy_read.checked_by:
        doc.add_paragraph(f"This guide was checked by {', '.join(easy_read.checked_by)}.")
    contact = doc.add_paragraph("You can ask for this guide in other formats. E-mail ")
    add_link(contact, f"mailto:{document.meta.contact.email}", document.meta.contact.email,
             bold=False)
    contact.add_run(".")
    doc.add_paragraph("What is in this guide", style="Heading 1")
    for part in easy_read.parts:
        add_link(doc.add_paragraph(style="List Number"), f"#{part.id}", part.title, bold=False)
    add_link(doc.add_paragraph(), f"#{WORD_LIST_ID}", WORD_LIST_TITLE, bold=False)


def part_heading(doc: DocxDocument, title: str, bookmark: str,
                 bookmarks: _Bookmarks) -> DocxParagraph:
    """Add a Heading 1 with a bookmark called ``bookmark``; return the paragraph."""
    heading = doc.add_paragraph(title, style="Heading 1")
    bookmarks.add(heading, bookmark)
    return heading


def rows_table(doc: DocxDocument, rows: list[Row]) -> None:
    """Add a borderless two-column table: a picture (with alt text) left, the words right."""
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    layout_table(table._tbl)
    for row in rows:
        cells = table.add_row().cells
        keep_row_together(table.rows[-1]._tr)
        cells[0].width, cells[1].width = PICTURE_COLUMN, WORDS_COLUMN
        if row.picture is not None:
            add_picture(cells[0], row.picture.path, row.picture.alt)
        add_inlines(cells[1].paragraphs[0], row.words)
    for column, width in zip(table.columns, (PICTURE_COLUMN, WORDS_COLUMN)):
        column.width = width


def layout_table(tbl: OxmlElement) -> None:
    """Mark a table as a layout table: no borders, fixed column widths, no header row."""
    properties = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "nil")
        borders.append(border)
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(borders)
        look.set(qn("w:firstRow"), "0")
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:val"), "0000")
    else:
        properties.append(borders)
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    borders.addnext(fixed)


def keep_row_together(tr: OxmlElement) -> None:
    """Stop a table row from breaking across pages (the picture stays with its words)."""
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def add_picture(cell: _Cell, path: Path, alt: str) -> None:
    """Put a picture in a cell with ``alt`` as its description (``wp:docPr/@descr``) only."""
    shape = cell.paragraphs[0].add_run().add_picture(str(path), width=PICTURE_WIDTH)
    shape._inline.docPr.set("descr", alt)


def add_inlines(paragraph: DocxParagraph, inlines: tuple[Inline, ...], bold: bool = False) -> None:
    """Add inline nodes to a paragraph as runs: bold for Strong and Emphasis, links as links."""
    for node in inlines:
        if isinstance(node, Text):
            run = paragraph.add_run(node.text)
            run.bold = bold or None
        elif isinstance(node, (Strong, Emphasis)):
            add_inlines(paragraph, node.children, bold=True)
        elif isinstance(node, Link):
            add_link(paragraph, node.target, inline_text(node.children), bold)
        elif isinstance(node, LineBreak):
            paragraph.add_run().add_break()


def add_link(paragraph: DocxParagraph, target: str, text: str, bold: bool) -> None:
    """Add a hyperlink: to a bookmark for ``#id``, else to the outside address."""
    link = OxmlElement("w:hyperlink")
    if target.startswith("#"):
        link.set(qn("w:anchor"), target[1:])
    else:
        link.set(qn("r:id"), paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK,
                                                      is_external=True))
    run = paragraph.add_run(text, style="Easy Read Link")
    run.bold = bold or None
    link.append(run._r)
    paragraph._p.append(link)


def word_list(doc: DocxDocument, entries: tuple[GlossaryEntry, ...],
              bookmarks: _Bookmarks) -> None:
    """Add the word list: a Heading 1, then each term in bold (bookmarked) and its meaning."""
    heading = part_heading(doc, WORD_LIST_TITLE, WORD_LIST_ID, bookmarks)
    heading.paragraph_format.page_break_before = True
    doc.add_paragraph("These are the hard words in this guide and what they mean.")
    for entry in entries:
        term = doc.add_paragraph()
        term.add_run(entry.term).bold = True
        term.paragraph_format.keep_with_next = True
        term.paragraph_format.space_after = Pt(2)
        bookmarks.add(term, entry.id)
        for block in entry.definition:
            if isinstance(block, Paragraph):
                add_inlines(doc.add_paragraph(), block.content)


# ---------------------------------------------------------------------------------------------
# Reading back


def _tag(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_W if prefix == 'w' else _WP}}}{local}"


def heading_style_ids(archive: zipfile.ZipFile) -> set[str]:
    """Return the ids of the styles named "heading 1" (any case) in the document's styles."""
    root = ElementTree.fromstring(archive.read("word/styles.xml"))
    ids = set()
    for style in root.iter(_tag("w:style")):
        name = style.find(_tag("w:name"))
        if name is not None and name.get(_tag("w:val"), "").lower() == "heading 1":
            ids.add(style.get(_tag("w:styleId"), ""))
    return ids


def element_text(element: ElementTree.Element) -> str:
    """Return the text of a paragraph or table (w:t, with tabs and breaks as spaces)."""
    parts: list[str] = []
    for node in element.iter():
        if node.tag == _tag("w:t"):
            parts.append(node.text or "")
        elif node.tag in (_tag("w:tab"), _tag("w:br")):
            parts.append(" ")
        elif node.tag == _tag("w:p"):
            parts.append("\n")
    return " ".join("".join(parts).split())


def paragraph_style(paragraph: ElementTree.Element) -> str:
    """Return the style id of a ``w:p`` ("" for the default)."""
    style = paragraph.find(f"{_tag('w:pPr')}/{_tag('w:pStyle')}")
    return style.get(_tag("w:val"), "") if style is not None else ""


def pictures_without_alt(element: ElementTree.Element) -> int:
    """Return how many pictures (``wp:docPr``) in an element have no description."""
    return sum(1 for doc_pr in element.iter(_tag("wp:docPr"))
               if not (doc_pr.get("descr") or "").strip())


class _Found:
    """A part being read: its id, heading, text pieces and problems."""

    def __init__(self, section_id: str, title: str) -> None:
        self.id = section_id
        self.title = title
        self.texts: list[str] = []
        self.problems: list[str] = []


def read_docx(path: Path, file: str) -> dict[str, FoundSection]:
    """Return the parts of a Word file: each Heading 1 with a bookmark, and what follows it."""
    with zipfile.ZipFile(path) as archive:
        headings = heading_style_ids(archive)
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(_tag("w:body"))
    found: list[_Found] = []
    current: _Found | None = None
    for element in body:
        if element.tag == _tag("w:p") and paragraph_style(element) in headings:
            names = [mark.get(_tag("w:name"), "") for mark in element.iter(_tag("w:bookmarkStart"))
                     if not mark.get(_tag("w:name"), "").startswith("_")]
            current = _Found(names[0], element_text(element)) if names else None
            if current is not None:
                found.append(current)
        elif current is not None and element.tag in (_tag("w:p"), _tag("w:tbl")):
            current.texts.append(element_text(element))
            missing = pictures_without_alt(element)
            if missing:
                current.problems.append(f"{missing} picture(s) without alt text")
    return {part.id: FoundSection(part.id, part.title, " ".join(part.texts),
                                  tuple(part.problems), file) for part in found}


def docx_name_in(out_dir: Path) -> str:
    """Return the name of the one Word file in ``out_dir``, or "" when there is not exactly one."""
    files = sorted(out_dir.glob("*.docx")) if out_dir.is_dir() else []
    return files[0].name if len(files) == 1 else ""


def read_back(out_dir: Path) -> ReadBack:
    """Return the parts found in the Easy Read Word file (bookmarked Heading 1s and their text)."""
    files = sorted(out_dir.glob("*.docx")) if out_dir.is_dir() else []
    if len(files) != 1:
        what = "no Word file" if not files else f"{len(files)} Word files"
        return ReadBack(OUTPUT, {}, (f"{what} in {out_dir} (expected one)",))
    try:
        sections = read_docx(files[0], files[0].name)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        return ReadBack(OUTPUT, {}, (f"{files[0]} cannot be read as a Word file: {error}",))
    problems = () if WORD_LIST_ID in sections else ("the word list was not found",)
    return ReadBack(OUTPUT, sections, problems)
