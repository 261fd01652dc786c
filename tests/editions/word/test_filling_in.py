"""Filling in: tick boxes, answer spaces, the quiz's answer column; quotes; and what
stops a build or fails the check."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest
from lxml import etree

import build
from formats.core.contract import RenderError
from formats.core.model import Document
from formats.editions import word
from formats.outputs.docx.document import write_docx
from formats.outputs.docx.profile import STANDARD
from tests.conftest import MINI_SOURCE
from tests.editions.word.docx_xml import (
    NS,
    bookmarks,
    paragraph_style,
    part,
    style_names,
    styled_paragraphs,
    text_of,
    w,
)


def test_checklist_and_form_choices_are_real_tick_boxes(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    boxes = body.xpath("//w:sdt[w:sdtPr/w14:checkbox]", namespaces=NS)
    aliases = [box.find(f"{w('sdtPr')}/{w('alias')}").get(w("val")) for box in boxes]
    assert aliases == ["I know what it is.", "I am ready.", "A disabled person (question 1)",
                       "A worker (question 1)", "yes (question 2)", "no (question 2)"]
    for box in boxes:
        assert text_of(box) == "\u2610"
        assert box.xpath("w:sdtPr/w14:checkbox/w14:checked/@w14:val", namespaces=NS) == ["0"]
        assert box.xpath("w:sdtPr/w14:checkbox/w14:checkedState/@w14:val",
                         namespaces=NS) == ["2612"]
    names = style_names(picture_docx)
    assert {paragraph_style(box.getparent(), names) for box in boxes} == {"Checklist"}


def test_free_text_question_has_a_titled_bordered_space_to_write(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    [control] = body.xpath("//w:body/w:sdt[w:sdtPr/w:tag/@w:val='q-ideas']", namespaces=NS)
    assert control.find(f"{w('sdtPr')}/{w('alias')}").get(w("val")) == \
        "Your answer to question 3"
    lines = control.findall(f"{w('sdtContent')}/{w('p')}")
    assert len(lines) == 4 and not "".join(text_of(line) for line in lines).strip()
    names = style_names(picture_docx)
    assert {paragraph_style(line, names) for line in lines} == {"Answer Space"}
    styles = part(picture_docx, "word/styles.xml")
    sides = styles.xpath("w:style[w:name/@w:val='Answer Space']/w:pPr/w:pBdr/*",
                         namespaces=NS)
    assert {etree.QName(side).localname for side in sides} == {"top", "left", "bottom", "right"}


def test_quiz_table_keeps_an_empty_answer_column_with_room_to_write(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    [quiz_table] = [table for table in body.iter(w("tbl"))
                    if "Co-production is a competition." in text_of(table)
                    and "True or false?" in text_of(table)]
    rows = quiz_table.findall(w("tr"))
    answer_cells = [row.findall(w("tc"))[1] for row in rows[1:]]
    assert [text_of(cell) for cell in answer_cells] == [""]
    height = rows[1].find(f"{w('trPr')}/{w('trHeight')}")
    assert height.get(w("hRule")) == "atLeast" and int(height.get(w("val"))) >= 567


def test_quotes_use_the_quote_style_with_the_source_next(picture_docx: Path) -> None:
    styled = styled_paragraphs(picture_docx)
    index = styled.index(("Quote", "Co-production is a partnership."))
    assert styled[index + 1] == ("Quote Source", "\u2014 A report, 2009")


# ---------------------------------------------------------------------------------------------
# Errors


def test_an_id_word_cannot_keep_as_a_bookmark_stops_the_build(mini_document: Document,
                                                               tmp_path: Path) -> None:
    long_id = "a-very-long-section-id-that-word-would-cut-short"
    chapter = mini_document.chapters[0]
    renamed = dataclasses.replace(mini_document, chapters=(
        dataclasses.replace(chapter, id=long_id), *mini_document.chapters[1:]))
    with pytest.raises(RenderError) as error:
        word.EDITION.render(renamed, tmp_path)
    assert str(error.value) == ("Word bookmarks must start with a letter and have at most 40 "
                                f"characters; shorten these ids: {long_id}")


def test_a_missing_reference_document_is_a_render_error(mini_document: Document,
                                                         tmp_path: Path) -> None:
    missing = tmp_path / "reference.docx"
    with pytest.raises(RenderError) as error:
        write_docx(mini_document, tmp_path / "out.docx", STANDARD, reference=missing)
    assert str(error.value).startswith(f"{missing}: the Word reference document cannot be "
                                       "opened (")
    assert str(error.value).endswith("make it again with: python tools/make_reference_docx.py")


def test_check_names_a_section_removed_from_the_docx(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(tmp_path), "--format",
                       "word"]) == 0
    path = tmp_path / "word" / "mini-toolkit.docx"
    edited = docx.Document(str(path))
    body = edited.element.body
    start = next(p for p in body.iter(w("p")) if "details" in bookmarks(p))
    names = style_names(path)
    doomed, node = [start], start.getnext()
    while node is not None and not (node.tag == w("p") and bookmarks(node)
                                    and paragraph_style(node, names).startswith("heading")):
        doomed.append(node)
        node = node.getnext()
    for element in doomed:
        body.remove(element)
    edited.save(str(path))
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(tmp_path),
                       "--format", "word"]) == 1
    printed = capsys.readouterr().out
    assert "word/docx: section 'details' (a) Details) is missing: heading not found" in printed
    assert "section 'what-is-it'" not in printed and "section 'try-it'" not in printed
