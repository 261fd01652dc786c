"""Words in Word: words that depend on the medium take a screen's form and link to their
target; and the text rules on a .docx pass on a built one and fail, naming what they found, on
one written from a toolkit that breaks them."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.model import (
    Activity,
    Block,
    Checklist,
    Document,
    Location,
    MediumWords,
    Paragraph,
    Table,
    Text,
)
from formats.outputs.docx.document import write_docx
from formats.outputs.docx.profile import STANDARD
from formats.outputs.docx.text_rules import docx_text_rules, read_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HERE = Location("chapters/01-start.md", 9)


def _with_blocks(document: Document, blocks: tuple[Block, ...]) -> Document:
    """Return the document with ``blocks`` added to its first section (1.1 What is it?)."""
    chapter = document.chapters[0]
    first = chapter.children[0]
    return replace(document, chapters=(
        replace(chapter, children=(replace(first, blocks=first.blocks + blocks),
                                   *chapter.children[1:])), *document.chapters[1:]))


def _docx(document: Document, tmp_path: Path) -> Path:
    path = tmp_path / "t.docx"
    write_docx(document, path, STANDARD)
    return path


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_words_that_depend_on_the_medium_are_a_link_to_their_target_in_word(
        mini_document: Document, tmp_path: Path) -> None:
    words = MediumWords((Text("the checklist on the following page"),),
                        "the checklist on page [page]", "the checklist below", None, "#ready")
    nothing = MediumWords((Text(" (circle one)"),), reflowable="")
    document = _with_blocks(mini_document, (
        Paragraph((Text("Look at "), words, Text(". Pick"), nothing, Text(".")), HERE),
        Checklist((Text("Ready to go?"),), (), ((Text("Go."),),), HERE, "ready")))
    body = _body(_docx(document, tmp_path))
    [link] = [link for link in body.iter(f"{{{W}}}hyperlink")
              if link.get(f"{{{W}}}anchor") == "ready"]
    assert "".join(link.itertext()) == "the checklist below"
    [mark] = body.xpath("//w:p[w:bookmarkStart/@w:name='ready']", namespaces={"w": W})
    assert "".join(mark.itertext()).endswith("Go.")  # the first point, after the heading
    text = read_text(tmp_path / "t.docx").text
    assert "Look at the checklist below. Pick." in text and "circle" not in text


def test_a_table_with_an_id_is_bookmarked_on_its_first_paragraph(mini_document: Document,
                                                                 tmp_path: Path) -> None:
    table = Table((), ((Text("Situation"),),), (((Text("One"),),),), HERE, "situations")
    body = _body(_docx(_with_blocks(mini_document, (table,)), tmp_path))
    [mark] = body.xpath("//w:p[w:bookmarkStart/@w:name='situations']", namespaces={"w": W})
    assert "".join(mark.itertext()) == "Situation" and mark.getparent().tag == f"{{{W}}}tc"


def test_every_text_rule_passes_on_the_mini_toolkit(mini_document: Document,
                                                    tmp_path: Path) -> None:
    results = docx_text_rules(_docx(mini_document, tmp_path), "test/docx")
    assert [(result.rule, result.passed) for result in results] == [
        ("text/heading-is-only-a-kind", True), ("text/caption-repeats-heading", True),
        ("text/print-words", True)]


def test_each_text_rule_fails_on_a_document_that_breaks_it(mini_document: Document,
                                                           tmp_path: Path) -> None:
    document = _with_blocks(mini_document, (
        Table((Text("What is it?"),), ((Text("A"),),), (((Text("1"),),),), HERE),
        Activity((), (Paragraph((Text("Turn to the checklist on the following page."),),
                                HERE),), HERE)))
    path = _docx(document, tmp_path)
    assert [result for result in docx_text_rules(path, "test/docx") if not result.passed] == [
        RuleResult("text/heading-is-only-a-kind", str(path), False,
                   "test/docx: heading 'Activity' says only what kind of block follows"),
        RuleResult("text/caption-repeats-heading", str(path), False,
                   "test/docx: caption 'What is it?' repeats the heading '1.1 What is it?'"),
        RuleResult("text/print-words", str(path), False,
                   "test/docx: 'on the following page' in \"...ctivity Turn to the checklist on "
                   "the following page. a) Details Checklist: Ready?...\"")]


def test_a_file_that_is_not_a_word_document_is_one_failed_result(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(b"not a zip")
    [result] = docx_text_rules(path, "test/docx")
    assert (result.rule, result.passed) == ("text/file", False)
    assert result.message.startswith("test/docx: t.docx cannot be read as a Word document: ")
