"""Blocks in Word, one handler per kind of block (:data:`BLOCKS`).

Block titles (checklist, activity, quiz, form) are headings at the ``level`` given, one below
their section's, without bookmarks. The bookmark of a block with an id (a quiz, a checklist)
sits at the start of the paragraph after its heading, so that a bookmarked heading always
means a section; a table's is on its first paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from formats.core.dispatch import NodeTable, block_table
from formats.core.model import (
    Activity,
    Block,
    BulletList,
    Checklist,
    Figure,
    Form,
    GlossaryEntry,
    Inlines,
    Link,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Table,
    Text,
)
from formats.core.text import inline_text
from formats.outputs.docx.forms import tick_box_line, write_form
from formats.outputs.docx.inlines import (
    heading,
    inline_paragraph,
    keep_short_together,
    write_inlines,
)
from formats.outputs.docx.numbering import restarted_num_id
from formats.outputs.docx.pictures import picture_run
from formats.outputs.docx.profile import (
    GLOSSARY_DEFINITION,
    GLOSSARY_TERM,
    LIST_LEVELS,
    QUOTE_SOURCE,
)
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.tables import write_table
from formats.outputs.docx.xml import P_PR, child, element


def write_blocks(state: DocxState, blocks: tuple[Block, ...], level: int) -> None:
    """Write blocks; ``level`` is the heading level of any block title among them."""
    for block in blocks:
        BLOCKS[block](state, block, level)


def titled_heading(state: DocxState, level: int, kind: str, title: Inlines) -> DocxParagraph:
    """Add a block heading: "Checklist: title", or just "Checklist" without a title."""
    return heading(state, level, (Text(f"{kind}: " if title else kind), *title))


def _paragraph(state: DocxState, block: Paragraph, level: int) -> None:
    inline_paragraph(state, block.content)


def _bullet_list(state: DocxState, block: BulletList, level: int) -> None:
    bullet_list(state, block, 1, level)


def bullet_list(state: DocxState, block: BulletList, depth: int, level: int) -> None:
    """Write a list with the List Bullet (or List Number) style of its depth (1-3), a numbered
    one counting from 1; other blocks in its points have block titles at heading ``level``."""
    suffix = "" if min(depth, LIST_LEVELS) == 1 else f" {min(depth, LIST_LEVELS)}"
    style = ("List Number" if block.ordered else "List Bullet") + suffix
    num_id = restarted_num_id(state.doc, state.doc.styles[style]) if block.ordered else None
    for item in block.items:
        first = True
        for inner in item.blocks:
            if isinstance(inner, BulletList):
                bullet_list(state, inner, depth + 1, level)
            elif isinstance(inner, Paragraph):
                paragraph = state.paragraph(style if first else "List Continue" + suffix)
                if first and num_id is not None:
                    numbering = child(child(paragraph._p, "pPr", ("pPr",)), "numPr", P_PR)
                    numbering.append(element("w:ilvl", {"w:val": "0"}))
                    numbering.append(element("w:numId", {"w:val": num_id}))
                write_inlines(state, paragraph._p, inner.content)
                keep_short_together(paragraph, inner.content)
            else:
                BLOCKS[inner](state, inner, level)
            first = False
    if depth == 1 and state.last_paragraph is not None:
        # a paragraph's space after the whole list, not a list item's
        state.last_paragraph.paragraph_format.space_after = Pt(state.profile.space_after)


def _checklist(state: DocxState, block: Checklist, level: int) -> None:
    titled_heading(state, level, "Checklist", block.title)
    if block.id:
        state.bookmark_next_paragraph(block.id)
    write_blocks(state, block.intro, level + 1)
    for number, item in enumerate(block.items, start=1):
        tick_box_line(state, item, alias=inline_text(item), tag=f"checklist-{number}")


def _activity(state: DocxState, block: Activity, level: int) -> None:
    titled_heading(state, level, "Activity", block.title)
    write_blocks(state, block.blocks, level + 1)


def _quiz(state: DocxState, block: Quiz, level: int) -> None:
    titled_heading(state, level, f"Quiz {block.number}", block.title)
    state.bookmark_next_paragraph(block.id)
    write_blocks(state, block.blocks, level + 1)
    link_paragraph(state, f"#{block.answers_id}", f"Suggested answers to quiz {block.number}")


def _quiz_answers(state: DocxState, block: QuizAnswers, level: int) -> None:
    write_blocks(state, block.blocks, level)
    quiz = state.quizzes[block.quiz_id]
    link_paragraph(state, f"#{quiz.id}", f"Back to quiz {quiz.number}: {inline_text(quiz.title)}")


def link_paragraph(state: DocxState, target: str, text: str) -> None:
    """Add a paragraph that is one link (with space above, as it often follows a table), kept
    on the page of what it follows (a "Back to quiz 4" link had a page of its own after its
    table)."""
    _keep_last_block_with_next(state)
    paragraph = state.paragraph()
    if paragraph.paragraph_format.space_before is None:
        paragraph.paragraph_format.space_before = Pt(state.profile.space_after / 2)
    write_inlines(state, paragraph._p, (Link(target, (Text(text),)),))


def _keep_last_block_with_next(state: DocxState) -> None:
    """Keep the body's last paragraph, the paragraphs of its last table's last row, or every
    line of its last box to write in, with the paragraph that comes next (``w:keepNext``)."""
    body = state.doc.element.body
    last = next((node for node in reversed(body) if node.tag != qn("w:sectPr")), None)
    if last is None:
        return
    if last.tag == qn("w:tbl"):
        rows = last.findall(qn("w:tr"))
        paragraphs = list(rows[-1].iter(qn("w:p"))) if rows else []
    elif last.tag == qn("w:sdt"):
        paragraphs = list(last.iter(qn("w:p")))
    else:
        paragraphs = [last] if last.tag == qn("w:p") else []
    for paragraph in paragraphs:
        DocxParagraph(paragraph, None).paragraph_format.keep_with_next = True  # type: ignore[arg-type]


def _table(state: DocxState, block: Table, level: int) -> None:
    """Write a table (see :func:`write_table`); its id, when it has one, is a bookmark around
    its first paragraph (its caption, or its first cell)."""
    body = state.doc.element.body
    end = body.find(qn("w:sectPr"))
    last = end.getprevious() if end is not None else (body[-1] if len(body) else None)
    write_table(state, block, level)
    if not block.id:
        return
    added = last.itersiblings() if last is not None else iter(body)
    first = next((paragraph for node in added for paragraph in node.iter(qn("w:p"))), None)
    if first is not None:
        state.surround_with_bookmark(first, block.id)


def _quote(state: DocxState, block: Quote, level: int) -> None:
    """Write the quoted paragraphs in the Quote style and the source on the next line."""
    for inner in block.blocks:
        if isinstance(inner, Paragraph):
            inline_paragraph(state, inner.content, "Quote")
        else:
            BLOCKS[inner](state, inner, level)
    if block.source:
        inline_paragraph(state, (Text("\u2014 "), *block.source), QUOTE_SOURCE)


def _glossary_entry(state: DocxState, block: GlossaryEntry, level: int) -> None:
    """Write the term (bookmarked with the entry's id), then its meaning, indented."""
    term = state.paragraph(GLOSSARY_TERM)
    term._p.append(state.run(block.term))
    state.surround_with_bookmark(term._p, block.id)
    for inner in block.definition:
        if isinstance(inner, Paragraph):
            inline_paragraph(state, inner.content, GLOSSARY_DEFINITION)
        else:
            BLOCKS[inner](state, inner, level)


def _figure(state: DocxState, block: Figure, level: int) -> None:
    paragraph = state.paragraph()
    paragraph.paragraph_format.keep_with_next = bool(block.caption)
    paragraph._p.append(picture_run(state, block.image))
    if block.caption:
        inline_paragraph(state, block.caption, "Caption")


BLOCKS: NodeTable[Callable[[DocxState, Any, int], None]] = block_table("docx writer: blocks", {
    Paragraph: _paragraph, BulletList: _bullet_list, Checklist: _checklist, Activity: _activity,
    Quiz: _quiz, QuizAnswers: _quiz_answers, Quote: _quote, Table: _table,
    GlossaryEntry: _glossary_entry, Form: write_form, Figure: _figure,
})
