"""A Word document being written: the python-docx document, the toolkit it holds, the profile
of its look, and the helpers every writing function shares (paragraphs, runs, bookmarks, style
ids). The functions of :mod:`.blocks`, :mod:`.inlines`, :mod:`.tables`, :mod:`.forms`,
:mod:`.pictures` and :mod:`.contents` take it as their first argument."""

from __future__ import annotations

import itertools

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from formats.core.contract import RenderError
from formats.core.link_names import shared_link_names
from formats.core.model import Document, Quiz
from formats.outputs.docx.profile import DocxProfile
from formats.outputs.docx.xml import bookmark, run


class DocxState:
    """Fills an empty python-docx document (styles already set) for one document model."""

    def __init__(self, doc: DocxDocument, document: Document, profile: DocxProfile) -> None:
        self.doc = doc
        self.document = document
        self.profile = profile
        self.quizzes: dict[str, Quiz] = {quiz.id: quiz for quiz in document.quizzes()}
        # a link whose words are also those of a link to another place: its name, by (words,
        # target); Word shows it as the link's ScreenTip (:mod:`formats.core.link_names`)
        self.link_names = shared_link_names(document, "reflowable")
        self.bookmark_numbers = itertools.count(1)
        self.control_numbers = itertools.count(101)
        self.pending_bookmarks: list[str] = []
        self.last_paragraph: DocxParagraph | None = None
        self.style_ids = {style.name: style.style_id for style in doc.styles}
        default = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default_paragraph_style = default.style_id if default is not None else None

    def paragraph(self, style: str = "Normal") -> DocxParagraph:
        """Add a paragraph in ``style`` to the body; it takes any pending (quiz) bookmark, and
        space above when it follows a table or a content control.

        The paragraph is what python-docx's ``add_paragraph(style=style)`` makes, made without
        its lookups: python-docx looks for the body's last section properties among all the
        body's elements and for the default style among all styles at each paragraph (about a
        third of the time the toolkit's Word text took to write). Raises KeyError for a style
        the document lacks."""
        p = OxmlElement("w:p")
        self.append_to_body(p)
        self.set_style(p, style)
        paragraph = DocxParagraph(p, self.doc._body)  # type: ignore[arg-type]  # a CT_P
        previous = p.getprevious()
        if previous is not None and previous.tag in (qn("w:tbl"), qn("w:sdt")):
            paragraph.paragraph_format.space_before = Pt(self.profile.space_after)
        while self.pending_bookmarks:
            start, end = bookmark(self.pending_bookmarks.pop(0), next(self.bookmark_numbers))
            paragraph._p.append(start)
            paragraph._p.append(end)
        self.last_paragraph = paragraph
        return paragraph

    def text_paragraph(self, text: str, style: str = "Normal") -> DocxParagraph:
        """Add a paragraph in ``style`` holding plain ``text``; return it."""
        paragraph = self.paragraph(style)
        paragraph._p.append(self.run(text))
        return paragraph

    def run(self, text: str, style: str | None = None, bold: bool = False,
            italic: bool = False) -> _Element:
        """Return a run of ``text`` in the character style called ``style`` (if any), with
        direct bold or italics, its hyphens written as the profile asks."""
        style_id = self.style_id(style) if style else None
        return run(text, style_id, bold=bold, italic=italic,
                   no_break_hyphens=self.profile.no_break_hyphens)

    def bookmark_next_paragraph(self, name: str) -> None:
        """Put a bookmark ``name`` at the start of the next paragraph added."""
        self.pending_bookmarks.append(name)

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
        """Add a block-level element (a paragraph, a content control) at the end of the body,
        before the body's section properties (its last element, when it has them)."""
        body = self.doc.element.body
        last = body[-1] if len(body) else None
        if last is not None and last.tag != qn("w:sectPr"):
            last = body.find(qn("w:sectPr"))
        if last is not None:
            last.addprevious(node)
        else:
            body.append(node)

    def set_style(self, p: _Element, style: str) -> None:
        """Give the paragraph element ``p`` the paragraph style called ``style``, as
        python-docx's ``Paragraph.style`` does (no ``w:pStyle`` for the default style, whose
        ``w:pPr`` stays). Raises KeyError for a style the document lacks."""
        style_id = self.style_id(style)
        properties = p.get_or_add_pPr()  # type: ignore[attr-defined]
        properties.style = None if style_id == self.default_paragraph_style else style_id

    def style_id(self, name: str) -> str:
        """Return the id of the style called ``name`` (case as Word stores built-in names).

        Raises KeyError when the document has no such style.
        """
        if name in self.style_ids:
            return self.style_ids[name]
        for style_name, style_id in self.style_ids.items():
            if style_name.lower() == name.lower():
                return style_id
        raise KeyError(f"the reference document has no style '{name}'")

    def text_width(self) -> int:
        """Return the width (EMU) between the margins of the last page section.

        Raise RenderError when that section does not give its page width and side margins.
        """
        section = self.doc.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        if width is None or left is None or right is None:
            raise RenderError("Word: the last page section does not give its page width and "
                              "side margins")
        return int(width - left - right)
