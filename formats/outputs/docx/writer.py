"""Writes the document model into a python-docx document: title page, contents, chapters.

Every heading uses a built-in style (Title, Heading 1-6); a section's heading holds a bookmark
named after the section id, so links (and the coverage check) find it. Block titles (checklist,
activity, quiz, form) are headings one level below their section, without bookmarks. A quiz's
own bookmark sits at the start of the paragraph after its heading, so that a bookmarked heading
always means a section.
"""

from __future__ import annotations

import itertools

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from formats.core.model import (
    Activity, Block, BulletList, Checklist, Document, Emphasis, Figure, Form, FormQuestion,
    GlossaryEntry, Image, Inline, Inlines, LineBreak, Link, Paragraph, Quiz, QuizAnswers, Quote,
    Section, Strong, Table, Text, walk_blocks,
)
from formats.core.contract import RenderError
from formats.core.text import inline_text
from formats.outputs.docx.styles import (
    ANSWER_SPACE, CHECKLIST, FORM_QUESTION, GLOSSARY_DEFINITION, GLOSSARY_TERM, LIST_LEVELS,
    QUOTE_SOURCE, TABLE_STYLE, TABLE_TEXT, DocxProfile, abstract_num_id, style_num_id,
)
from formats.outputs.docx.xml import (
    P_PR, R_PR, TBL_PR, block_control, bookmark, checkbox, child, element, field_end,
    field_runs, run,
)

MAX_BOOKMARK = 40  # Word keeps at most 40 characters of a bookmark name
CONTENTS_LEVELS = 3  # the contents list: TOC \o "1-3"
ANSWER_LINES = 4  # empty lines in the box for a free-text answer
MARK_ORDER = ("Hyperlink", "Strong", "Emphasis")


class DocxWriter:
    """Fills an empty python-docx document (styles already set) with a toolkit document."""

    def __init__(self, doc: DocxDocument, document: Document, profile: DocxProfile) -> None:
        self.doc = doc
        self.document = document
        self.profile = profile
        self.quizzes = {quiz.id: quiz for quiz in document.quizzes()}
        self.bookmark_numbers = itertools.count(1)
        self.control_numbers = itertools.count(101)
        self.pending_bookmarks: list[str] = []
        self.last_paragraph: DocxParagraph | None = None
        self.style_ids = {style.name: style.style_id for style in doc.styles}

    # -- the whole document ---------------------------------------------------------------------

    def write(self) -> None:
        """Write the title page, the contents list, every chapter, the header and footer."""
        check_bookmark_names(self.document)
        self.title_page()
        contents_heading = self.doc.add_paragraph("Contents", style="TOC Heading")
        for chapter in self.document.chapters:
            self.section(chapter)
        self.contents(contents_heading)
        self.header_and_footer()

    def title_page(self) -> None:
        meta = self.document.meta
        self.doc.add_paragraph(meta.title, style="Title")
        self.doc.add_paragraph(meta.subtitle, style="Subtitle")
        if self.profile.edition_label:
            label = self.doc.add_paragraph()
            label._p.append(run(f"{self.profile.edition_label} edition", self.style_id("Strong")))
        self.doc.add_paragraph(meta.publisher)
        self.doc.add_paragraph(f"Edition {meta.edition.number}, published "
                               f"{meta.edition.date.day} {meta.edition.date:%B %Y}")
        self.doc.add_paragraph(meta.summary)
        formats = self.doc.add_paragraph()
        formats._p.append(run("Other formats: ", self.style_id("Strong")))
        formats._p.append(run(meta.alternative_formats))
        contact = self.doc.add_paragraph("E-mail: ")
        self.inlines(contact._p, (Link(f"mailto:{meta.contact.email}",
                                       (Text(meta.contact.email),)),))
        self.doc.add_paragraph(meta.rights)

    def contents(self, heading: DocxParagraph) -> None:
        """Insert after ``heading`` a TOC field pre-filled with links to every heading 1-3.

        The entries are what Word itself would put there (TOC \\o "1-3" \\h), so Word and
        LibreOffice show them before anyone updates fields; updating adds page numbers.
        """
        entries = self.contents_entries(heading)
        anchor = heading._p
        paragraphs: list[_Element] = []
        for level, text, name in entries:
            paragraph = element("w:p")
            child(paragraph, "pPr", ("pPr",)).append(
                element("w:pStyle", {"w:val": self.style_id(f"toc {level}")}))
            link = element("w:hyperlink", {"w:anchor": name, "w:history": "1"})
            link.append(run(text, self.style_id("Hyperlink")))
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

    def contents_entries(self, after: DocxParagraph) -> list[tuple[int, str, str]]:
        """Return (level, text, bookmark) of every heading 1-3 but ``after`` (the contents
        heading), giving headings without a bookmark a hidden ``_Toc`` one, as Word does."""
        entries: list[tuple[int, str, str]] = []
        hidden = itertools.count(1)
        for paragraph in self.doc.paragraphs:
            level = heading_level(paragraph)
            if level is None or level > CONTENTS_LEVELS or paragraph._p is after._p:
                continue
            names = [mark.get(qn("w:name")) for mark in paragraph._p.iter(qn("w:bookmarkStart"))]
            visible = [name for name in names if not name.startswith("_")]
            if visible:
                name = visible[0]
            else:
                name = f"_Toc{next(hidden):08d}"
                self.surround_with_bookmark(paragraph._p, name)
            entries.append((level, paragraph.text, name))
        return entries

    def header_and_footer(self) -> None:
        """Put the title in the header of every page and "Page N" in the footer."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = False
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        label = f" ({self.profile.edition_label.lower()})" if self.profile.edition_label else ""
        header.text = f"{self.document.meta.title}{label}"
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        footer._p.append(run("Page "))
        for piece in field_runs("PAGE"):
            footer._p.append(piece)
        footer._p.append(run("1"))
        footer._p.append(field_end())

    # -- sections and blocks --------------------------------------------------------------------

    def section(self, section: Section) -> None:
        """Write a section: its bookmarked heading, its blocks, then its sub-sections."""
        heading = self.heading(section.level, (Text(section.label),))
        self.surround_with_bookmark(heading._p, section.id)
        self.blocks(section.blocks, section.level + 1)
        for child_section in section.children:
            self.section(child_section)

    def blocks(self, blocks: tuple[Block, ...], level: int) -> None:
        """Write blocks; ``level`` is the heading level of any block title among them."""
        for block in blocks:
            self.block(block, level)

    def block(self, block: Block, level: int) -> None:
        """Write one block of any kind."""
        if isinstance(block, Paragraph):
            self.inlines(self.paragraph()._p, block.content)
        elif isinstance(block, BulletList):
            self.bullet_list(block, 1, level)
        elif isinstance(block, Checklist):
            self.checklist(block, level)
        elif isinstance(block, Activity):
            self.titled_heading(level, "Activity", block.title)
            self.blocks(block.blocks, level + 1)
        elif isinstance(block, Quiz):
            self.quiz(block, level)
        elif isinstance(block, QuizAnswers):
            self.quiz_answers(block, level)
        elif isinstance(block, Quote):
            self.quote(block, level)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, GlossaryEntry):
            self.glossary_entry(block, level)
        elif isinstance(block, Form):
            self.form(block, level)
        elif isinstance(block, Figure):
            self.figure(block)
        else:
            raise TypeError(f"unknown block {type(block).__name__}")

    def heading(self, level: int, content: Inlines) -> DocxParagraph:
        """Add a paragraph in the built-in style Heading ``level`` (at most 6)."""
        paragraph = self.paragraph(f"Heading {min(level, 6)}")
        self.inlines(paragraph._p, content)
        return paragraph

    def titled_heading(self, level: int, kind: str, title: Inlines) -> DocxParagraph:
        """Add a block heading: "Checklist: title", or just "Checklist" without a title."""
        return self.heading(level, (Text(f"{kind}: " if title else kind), *title))

    def bullet_list(self, block: BulletList, depth: int, level: int) -> None:
        """Write a list with the List Bullet (or List Number) style of its depth (1-3); other
        blocks in its points have block titles at heading ``level``."""
        suffix = "" if min(depth, LIST_LEVELS) == 1 else f" {min(depth, LIST_LEVELS)}"
        style = ("List Number" if block.ordered else "List Bullet") + suffix
        num_id = self.restarted_numbering(style) if block.ordered else None
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, BulletList):
                    self.bullet_list(inner, depth + 1, level)
                elif isinstance(inner, Paragraph):
                    paragraph = self.paragraph(style if first else "List Continue" + suffix)
                    if first and num_id is not None:
                        numbering = child(child(paragraph._p, "pPr", ("pPr",)), "numPr", P_PR)
                        numbering.append(element("w:ilvl", {"w:val": "0"}))
                        numbering.append(element("w:numId", {"w:val": num_id}))
                    self.inlines(paragraph._p, inner.content)
                else:
                    self.block(inner, level)
                first = False
        if depth == 1 and self.last_paragraph is not None:
            # a paragraph's space after the whole list, not a list item's
            self.last_paragraph.paragraph_format.space_after = Pt(self.profile.space_after)

    def restarted_numbering(self, style_name: str) -> str | None:
        """Return a new numbering id that counts from 1 with the numbering of a list style."""
        num_id = style_num_id(self.doc.styles[style_name])
        abstract = abstract_num_id(self.doc, num_id) if num_id else None
        if abstract is None:
            return None
        num = self.doc.part.numbering_part.element.add_num(int(abstract))
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return str(num.numId)

    def checklist(self, block: Checklist, level: int) -> None:
        self.titled_heading(level, "Checklist", block.title)
        self.blocks(block.intro, level + 1)
        for number, item in enumerate(block.items, start=1):
            self.tick_box_line(item, alias=inline_text(item), tag=f"checklist-{number}")

    def tick_box_line(self, content: Inlines, alias: str, tag: str) -> None:
        """Add a paragraph in the Checklist style: a tick box, a tab, then the words."""
        paragraph = self.paragraph(CHECKLIST)
        paragraph._p.append(checkbox(next(self.control_numbers), alias, tag))
        tab = element("w:r")
        tab.append(element("w:tab"))
        paragraph._p.append(tab)
        self.inlines(paragraph._p, content)

    def quiz(self, block: Quiz, level: int) -> None:
        self.titled_heading(level, f"Quiz {block.number}", block.title)
        self.pending_bookmarks.append(block.id)
        self.blocks(block.blocks, level + 1)
        self.link_paragraph(f"#{block.answers_id}", f"Suggested answers to quiz {block.number}")

    def quiz_answers(self, block: QuizAnswers, level: int) -> None:
        self.blocks(block.blocks, level)
        quiz = self.quizzes[block.quiz_id]
        self.link_paragraph(f"#{quiz.id}",
                            f"Back to quiz {quiz.number}: {inline_text(quiz.title)}")

    def link_paragraph(self, target: str, text: str) -> None:
        """Add a paragraph that is one link (with space above, as it often follows a table)."""
        paragraph = self.paragraph()
        if paragraph.paragraph_format.space_before is None:
            paragraph.paragraph_format.space_before = Pt(self.profile.space_after / 2)
        self.inlines(paragraph._p, (Link(target, (Text(text),)),))

    def quote(self, block: Quote, level: int) -> None:
        """Write the quoted paragraphs in the Quote style and the source on the next line."""
        for inner in block.blocks:
            if isinstance(inner, Paragraph):
                self.inlines(self.paragraph("Quote")._p, inner.content)
            else:
                self.block(inner, level)
        if block.source:
            self.inlines(self.paragraph(QUOTE_SOURCE)._p, (Text("\u2014 "), *block.source))

    def glossary_entry(self, block: GlossaryEntry, level: int) -> None:
        term = self.paragraph(GLOSSARY_TERM)
        term._p.append(run(block.term))
        self.surround_with_bookmark(term._p, block.id)
        for inner in block.definition:
            if isinstance(inner, Paragraph):
                self.inlines(self.paragraph(GLOSSARY_DEFINITION)._p, inner.content)
            else:
                self.block(inner, level)

    # -- tables ---------------------------------------------------------------------------------

    def table(self, block: Table) -> None:
        """Write a table under its caption, or as lines when it has too many columns."""
        columns = len(block.header)
        threshold = self.profile.tables_as_lists_from
        if threshold is not None and columns >= threshold:
            self.table_as_lines(block)
            return
        if block.caption:
            self.inlines(self.paragraph("Caption")._p, block.caption)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=columns)
        table.style = self.doc.styles[TABLE_STYLE]
        self.table_properties(table, inline_text(block.caption))
        for cell, content in zip(table.rows[0].cells, block.header):
            self.cell_text(cell, content)
        for row, cells in zip(table.rows[1:], block.rows):
            for cell, content in zip(row.cells, cells):
                self.cell_text(cell, content)
            if any(not content for content in cells):
                row.height = Cm(1.2 * self.profile.body_size / 12)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for row in table.rows:
            row._tr.get_or_add_trPr().append(element("w:cantSplit"))
        table.rows[0]._tr.get_or_add_trPr().append(element("w:tblHeader"))

    def cell_text(self, cell: _Cell, content: Inlines) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.style = self.doc.styles[TABLE_TEXT]
        self.inlines(paragraph._p, content)

    def table_properties(self, table: DocxTable, caption: str) -> None:
        """Set the table's width to the page, its look (a header row) and its alt title."""
        properties = table._tbl.tblPr
        child(properties, "tblW", TBL_PR, {"w:w": "5000", "w:type": "pct"})
        look = child(properties, "tblLook", TBL_PR)
        for name in list(look.attrib):
            del look.attrib[name]
        for name, value in (("w:val", "0420"), ("w:firstRow", "1"), ("w:lastRow", "0"),
                            ("w:firstColumn", "0"), ("w:lastColumn", "0"),
                            ("w:noHBand", "0"), ("w:noVBand", "1")):
            look.set(qn(name), value)
        if caption:
            child(properties, "tblCaption", TBL_PR, {"w:val": caption[:255]})

    def table_as_lines(self, block: Table) -> None:
        """Write each row as "header: value" lines (large print), an empty cell as a box."""
        if block.caption:
            self.inlines(self.paragraph("Caption")._p, block.caption)
        for row in block.rows:
            for index, (label, content) in enumerate(zip(block.header, row)):
                paragraph = self.paragraph()
                if index == 0:
                    paragraph.paragraph_format.space_before = Cm(0.5)
                paragraph.paragraph_format.keep_with_next = index < len(row) - 1
                self.inlines(paragraph._p, (Strong((*label, Text(":"))),))
                if content:
                    paragraph._p.append(run(" "))
                    self.inlines(paragraph._p, content)
                else:
                    self.answer_box(2, alias=f"{inline_text(label)}", tag="table-answer")

    # -- the form -------------------------------------------------------------------------------

    def form(self, block: Form, level: int) -> None:
        if block.title:
            self.heading(level, block.title)
        for question in block.questions:
            self.form_question(question)
        closing = self.paragraph()
        closing._p.append(run("When you have filled in the form, save it and send it by e-mail "
                              "to "))
        email = self.document.meta.contact.email
        self.inlines(closing._p, (Link(f"mailto:{email}", (Text(email),)), Text(".")))

    def form_question(self, question: FormQuestion) -> None:
        """Write a question: its prompt (bookmarked), then tick boxes or a box to write in."""
        prompt = self.paragraph(FORM_QUESTION)
        hint = {"choice": " (tick all that apply)", "yesno": " (tick one)", "text": ""}
        self.inlines(prompt._p, (Text(f"{question.number}. "), *question.prompt,
                                 Text(hint[question.kind])))
        self.surround_with_bookmark(prompt._p, question.id)
        if question.kind == "text":
            self.answer_box(ANSWER_LINES, alias=f"Your answer to question {question.number}",
                            tag=question.id)
            return
        for number, option in enumerate(question.options, start=1):
            self.tick_box_line((Text(option),), alias=f"{option} (question {question.number})",
                               tag=f"{question.id}-{number}")

    def answer_box(self, lines: int, alias: str, tag: str) -> None:
        """Add a bordered box of empty lines inside a content control titled ``alias``."""
        control, content = block_control(next(self.control_numbers), alias, tag)
        for line in range(lines):
            paragraph = element("w:p")
            properties = element("w:pPr")
            properties.append(element("w:pStyle", {"w:val": self.style_id(ANSWER_SPACE)}))
            if line == lines - 1:  # the box stays whole, but need not stay with what follows
                properties.append(element("w:keepNext", {"w:val": "0"}))
            paragraph.append(properties)
            content.append(paragraph)
        self.append_to_body(control)

    # -- pictures -------------------------------------------------------------------------------

    def figure(self, block: Figure) -> None:
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = bool(block.caption)
        paragraph._p.append(self.picture(block.image, self.text_width()))
        if block.caption:
            self.inlines(self.paragraph("Caption")._p, block.caption)

    def picture(self, image: Image, max_width: int, height: int | None = None) -> _Element:
        """Return a run holding the picture, at most ``max_width`` EMU wide, with alt text in
        ``wp:docPr/@descr`` only (LibreOffice joins title and description)."""
        try:
            native = DocxImage.from_file(str(image.path))
        except (UnrecognizedImageError, OSError) as error:
            raise RenderError(f"{image.path}: Word cannot hold this picture ({error}); use a PNG "
                              "or JPEG file") from error
        width = Emu(min(native.width, max_width)) if height is None else None
        inline = self.doc.part.new_pic_inline(str(image.path), width=width, height=height)
        inline.docPr.set("descr", image.alt)
        holder = element("w:r")
        drawing = element("w:drawing")
        drawing.append(inline)
        holder.append(drawing)
        return holder

    def text_width(self) -> int:
        section = self.doc.sections[-1]
        return int(section.page_width - section.left_margin - section.right_margin)

    # -- inline text ----------------------------------------------------------------------------

    def inlines(self, parent: _Element, nodes: Inlines, marks: tuple[str, ...] = ()) -> None:
        """Append runs (and links, pictures, breaks) for ``nodes`` to a paragraph or link."""
        for node in nodes:
            self.inline(parent, node, marks)

    def inline(self, parent: _Element, node: Inline, marks: tuple[str, ...]) -> None:
        if isinstance(node, Text):
            parent.append(self.styled_run(" ".join(node.text.split("\n")), marks))
        elif isinstance(node, Strong):
            self.inlines(parent, node.children, marks + ("Strong",))
        elif isinstance(node, Emphasis):
            self.inlines(parent, node.children, marks + ("Emphasis",))
        elif isinstance(node, Link):
            self.link(parent, node, marks)
        elif isinstance(node, LineBreak):
            holder = element("w:r")
            holder.append(element("w:br"))
            parent.append(holder)
        elif isinstance(node, Image):
            parent.append(self.picture(node, self.text_width(),
                                       height=int(Cm(2.0 * self.profile.body_size / 12))))
        else:
            raise TypeError(f"unknown inline {type(node).__name__}")

    def styled_run(self, text: str, marks: tuple[str, ...]) -> _Element:
        """Return a run whose character style is its strongest mark (link, strong, emphasis);
        further marks become direct bold (or italics, where the profile allows them)."""
        ordered = [mark for mark in MARK_ORDER if mark in marks]
        style_id = self.style_id(ordered[0]) if ordered else None
        rest = ordered[1:]
        bold = "Strong" in rest or ("Emphasis" in rest and not self.profile.italics)
        italic = "Emphasis" in rest and self.profile.italics
        return run(text, style_id, bold=bold, italic=italic)

    def link(self, parent: _Element, node: Link, marks: tuple[str, ...]) -> None:
        """Append a real ``w:hyperlink``: to a bookmark for ``#id``, else by relationship.

        Print readers cannot follow a link, so a web address that the link text does not
        already say follows it in brackets, as in the print editions.
        """
        if parent.tag == qn("w:hyperlink"):
            self.inlines(parent, node.children, marks)
            return
        if node.is_internal:
            link = element("w:hyperlink", {"w:anchor": node.target[1:], "w:history": "1"})
        else:
            relation = self.doc.part.relate_to(node.target, RELATIONSHIP_TYPE.HYPERLINK,
                                               is_external=True)
            link = element("w:hyperlink", {"r:id": relation, "w:history": "1"})
        self.inlines(link, node.children, marks + ("Hyperlink",))
        parent.append(link)
        text = inline_text(node.children)
        if not node.is_internal and node.display_address.lower() not in text.lower():
            parent.append(self.styled_run(f" ({node.display_address})",
                                          tuple(mark for mark in marks if mark != "Hyperlink")))

    # -- helpers --------------------------------------------------------------------------------

    def paragraph(self, style: str = "Normal") -> DocxParagraph:
        """Add a paragraph in ``style`` to the body; it takes any pending (quiz) bookmark."""
        paragraph = self.doc.add_paragraph(style=style)
        if paragraph._p.getprevious() is not None and \
                paragraph._p.getprevious().tag in (qn("w:tbl"), qn("w:sdt")):
            paragraph.paragraph_format.space_before = Pt(self.profile.space_after)
        while self.pending_bookmarks:
            start, end = bookmark(self.pending_bookmarks.pop(0), next(self.bookmark_numbers))
            paragraph._p.append(start)
            paragraph._p.append(end)
        self.last_paragraph = paragraph
        return paragraph

    def surround_with_bookmark(self, paragraph: _Element, name: str) -> None:
        """Put a bookmark ``name`` around everything the paragraph holds."""
        start, end = bookmark(name, next(self.bookmark_numbers))
        properties = paragraph.find(qn("w:pPr"))
        if properties is not None:
            properties.addnext(start)
        else:
            paragraph.insert(0, start)
        paragraph.append(end)

    def append_to_body(self, node: _Element) -> None:
        body = self.doc.element.body
        last = body.find(qn("w:sectPr"))
        if last is not None:
            last.addprevious(node)
        else:
            body.append(node)

    def style_id(self, name: str) -> str:
        """Return the id of the style called ``name`` (case as Word stores built-in names)."""
        if name in self.style_ids:
            return self.style_ids[name]
        for style_name, style_id in self.style_ids.items():
            if style_name.lower() == name.lower():
                return style_id
        raise KeyError(f"the reference document has no style '{name}'")


def heading_level(paragraph: DocxParagraph) -> int | None:
    """Return the level of a paragraph in a built-in Heading style, or None."""
    name = paragraph.style.name if paragraph.style is not None else ""
    if name.startswith("Heading ") and name[8:].isdigit():
        return int(name[8:])
    return None


def bookmark_names(document: Document) -> list[str]:
    """Return every name the Word edition bookmarks: sections, quizzes, terms, questions."""
    names = [section.id for section in document.sections()]
    for section in document.sections():
        for block in walk_blocks(section.blocks):
            if isinstance(block, (Quiz, GlossaryEntry)):
                names.append(block.id)
            elif isinstance(block, Form):
                names.extend(question.id for question in block.questions)
    return names


def check_bookmark_names(document: Document) -> None:
    """Raise RenderError naming the ids Word could not keep as bookmarks (too long, or not
    starting with a letter): links to them would jump to the top of the document."""
    bad = [name for name in bookmark_names(document)
           if len(name) > MAX_BOOKMARK or not name[:1].isalpha()]
    if bad:
        raise RenderError("Word bookmarks must start with a letter and have at most "
                          f"{MAX_BOOKMARK} characters; shorten these ids: {', '.join(bad)}")
