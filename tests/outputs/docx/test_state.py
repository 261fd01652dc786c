"""The Word document being written (formats/outputs/docx/state.py): its paragraphs are the
elements python-docx's own ``add_paragraph(style=...)`` makes, made without its lookups."""

from __future__ import annotations

import pytest
from lxml import etree

from formats.core.load import load
from formats.outputs.docx.document import new_document
from formats.outputs.docx.profile import STANDARD
from formats.outputs.docx.state import DocxState
from tests.conftest import MINI_SOURCE


def _state() -> DocxState:
    document = load(MINI_SOURCE)
    return DocxState(new_document(STANDARD, document.meta.language), document, STANDARD)


@pytest.mark.parametrize("style", ["Normal", "Heading 2", "List Bullet", "Quote", "Caption"])
def test_a_paragraph_is_the_one_python_docx_makes(style: str) -> None:
    ours, theirs = _state(), _state()
    for state in (ours, theirs):
        state.doc.add_paragraph("Before.")  # the body holds more than its section properties
    made = ours.paragraph(style)._p  # (after a table, ours has space above: not python-docx's)
    expected = theirs.doc.add_paragraph(style=style)._p
    assert etree.tostring(made) == etree.tostring(expected)
    body = ours.doc.element.body
    assert list(body).index(made) == len(body) - 2  # before the section properties, last
    assert etree.tostring(ours.doc.element) == etree.tostring(theirs.doc.element)


def test_a_style_the_document_lacks_is_an_error() -> None:
    with pytest.raises(KeyError, match="the reference document has no style 'No Such'"):
        _state().paragraph("No Such")
