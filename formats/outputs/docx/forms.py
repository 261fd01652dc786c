"""Filling in, in Word: tick boxes (``w14:checkbox`` content controls) for checklists and form
choices, bordered boxes to write in (rich-text content controls), and the feedback form."""

from __future__ import annotations

from docx.shared import Pt

from formats.core.model import Form, FormQuestion, Inlines, Link, Text
from formats.outputs.docx.inlines import heading, inline_paragraph, write_inlines
from formats.outputs.docx.profile import ANSWER_SPACE, CHECKLIST, FORM_QUESTION
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import block_control, checkbox, element

ANSWER_LINES = 4  # empty lines in the box for a free-text answer
HINTS = {"choice": " (tick all that apply)", "one-of": " (tick one)", "yesno": " (tick one)",
         "text": "", "parts": ""}


def write_form(state: DocxState, block: Form, level: int) -> None:
    """Write a form: its title (a heading at ``level``), its questions and their parts, how
    to send it."""
    if block.title:
        heading(state, level, block.title)
    for question in block.questions:
        for asked in question.all():
            form_question(state, asked)
    email = state.document.meta.contact.email
    inline_paragraph(state, (
        Text("When you have filled in the form, save it and send it by e-mail to "),
        Link(f"mailto:{email}", (Text(email),)), Text(".")))


def form_question(state: DocxState, question: FormQuestion) -> None:
    """Write a question or a part: its number ("3." or "a)") and words (bookmarked), then tick
    boxes or a box to write in (nothing for a question answered in its parts)."""
    number = f"{question.letter}) " if question.letter else f"{question.number}. "
    prompt = inline_paragraph(state, (Text(number), *question.prompt,
                                      Text(HINTS[question.kind])), FORM_QUESTION)
    if question.letter:
        prompt.paragraph_format.left_indent = Pt(state.profile.body_size * 1.5)
    state.surround_with_bookmark(prompt._p, question.id)
    if question.kind == "text":
        answer_box(state, ANSWER_LINES, alias=f"Your answer to question {question.label}",
                   tag=question.id)
        return
    for number_of_option, option in enumerate(question.options, start=1):
        tick_box_line(state, (Text(option),), alias=f"{option} (question {question.label})",
                      tag=f"{question.id}-{number_of_option}")


def tick_box_line(state: DocxState, content: Inlines, alias: str, tag: str) -> None:
    """Add a paragraph in the Checklist style: a tick box, a tab, then the words."""
    paragraph = state.paragraph(CHECKLIST)
    paragraph._p.append(checkbox(next(state.control_numbers), alias, tag))
    tab = element("w:r")
    tab.append(element("w:tab"))
    paragraph._p.append(tab)
    write_inlines(state, paragraph._p, content)


def answer_box(state: DocxState, lines: int, alias: str, tag: str) -> None:
    """Add a bordered box of empty lines inside a content control titled ``alias``."""
    control, content = block_control(next(state.control_numbers), alias, tag)
    for line in range(lines):
        paragraph = element("w:p")
        properties = element("w:pPr")
        properties.append(element("w:pStyle", {"w:val": state.style_id(ANSWER_SPACE)}))
        if line == lines - 1:  # the box stays whole, but need not stay with what follows
            properties.append(element("w:keepNext", {"w:val": "0"}))
        paragraph.append(properties)
        content.append(paragraph)
    state.append_to_body(control)
