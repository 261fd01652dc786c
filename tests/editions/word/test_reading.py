"""The Word edition read back: every section found, its words and pictures' alt text,
and its XML in the order Word's schema asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import build
from formats.check.coverage import Status, coverage
from formats.core.load import load
from formats.editions import word
from formats.outputs.docx.reader import read_docx
from formats.outputs.docx.xml import P_PR, R_PR, TBL_PR, TC_PR
from tests.conftest import MINI_SOURCE
from tests.editions.word.docx_xml import PICTURE_SOURCE, W, part


@pytest.mark.parametrize("source", [MINI_SOURCE, PICTURE_SOURCE], ids=["mini", "word-picture"])
def test_every_section_is_read_back_present(source: Path, tmp_path: Path) -> None:
    document = load(source)
    assert build.main(["--source", str(source), "--out", str(tmp_path), "--format", "word"]) == 0
    result = coverage(document, tmp_path, ["word"])
    assert result.outputs == ["word/docx"] and not result.problems
    assert {sid: cell.status for (sid, _), cell in result.cells.items()} == {
        section.id: Status.PRESENT for section in document.sections()}


def test_reader_gives_each_section_its_own_text_and_the_picture_alt_text(
        picture_docx: Path) -> None:
    found = read_docx(picture_docx, picture_docx.parent)
    assert list(found) == ["start", "what-is-it", "details", "smaller-things", "try-it",
                           "answers", "answers-true-false"]
    assert found["details"].title == "a) Details"
    assert found["details"].file == "word-picture-toolkit.docx"
    assert "Three boxes in a row, joined by lines" in found["what-is-it"].text
    assert "Equal partners" in found["details"].text  # table cells, in order
    assert "Write down one idea" not in found["details"].text  # belongs to smaller-things
    assert "Decide on your answer." in found["try-it"].text  # the quiz bookmark starts no
    # section; Word is read on a screen, so it has the screen's words, not "Circle your answer."


def test_a_folder_without_a_docx_is_reported(tmp_path: Path) -> None:
    [readback] = word.EDITION.read_back(tmp_path)
    assert readback.output == "word/docx"
    assert readback.problems == (f"no file matching *.docx in {tmp_path}",)


# Word reports a file as damaged when children come in another order than the schema's
# (ECMA-376 part 1): the order of the containers the writer fills, first-child rules included.
SCHEMA_ORDERS = {"pPr": P_PR, "rPr": R_PR, "tblPr": TBL_PR, "tcPr": TC_PR,
                 "tbl": ("tblPr", "tblGrid", "tr"), "tr": ("tblPrEx", "trPr", "tc"),
                 "tc": ("tcPr", "p", "tbl"), "sdt": ("sdtPr", "sdtEndPr", "sdtContent")}
FIRST_CHILD = {"p": "pPr", "r": "rPr"}


@pytest.mark.parametrize("which", ["standard", "large print"])
def test_children_are_in_schema_order(which: str, picture_docx: Path,
                                      large_print_docx: Path) -> None:
    path = picture_docx if which == "standard" else large_print_docx
    misplaced = []
    for name in ("word/document.xml", "word/styles.xml"):
        for node in part(path, name).iter():
            if not isinstance(node.tag, str) or not node.tag.startswith(f"{{{W}}}"):
                continue
            local = etree.QName(node).localname
            children = [etree.QName(c).localname for c in node
                        if isinstance(c.tag, str) and c.tag.startswith(f"{{{W}}}")]
            if local in SCHEMA_ORDERS and node.getparent() is not None:
                order = SCHEMA_ORDERS[local]
                ranks = [order.index(c) for c in children if c in order]
                if ranks != sorted(ranks):
                    misplaced.append((name, local, children))
            if local in FIRST_CHILD and FIRST_CHILD[local] in children[1:]:
                misplaced.append((name, local, children))
    assert misplaced == []
