"""The Easy Read Word file comes as the PDF comes: when the PDF is split into booklets, one Word
file per booklet holding the same parts, with its own word list, title, contents and the other
booklets' parts (the Word file was the whole guide, 72 pages, beside four PDF booklets of 20-22);
the rule ``easy-read/word-booklets`` reads it back from the built files.

The fixture toolkit is split into 2 booklets with ``max_pages=4``, as in test_booklets.py."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.easy_read import EDITION, word_rules
from formats.editions.easy_read import docx as docx_output
from formats.editions.easy_read import html as html_output
from formats.editions.easy_read import pdf as pdf_output
from formats.editions.easy_read.parts import Booklet
from formats.editions.easy_read.word_booklet_rules import describe, word_booklets
from tests.editions.easy_read.support import failed

STEM = "mini-toolkit-easy-read"
BOOKLETS = [f"{STEM}-booklet-1-of-2", f"{STEM}-booklet-2-of-2"]
RULE = "easy-read/word-booklets"


@pytest.fixture
def split(er_booklets: Path) -> Path:
    """Return the fixture's PDF and Word booklets, split at 4 pages (tests/.../conftest.py)."""
    return er_booklets


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """Return (style name, text) of every paragraph of a Word file's body, in order."""
    return [(paragraph.style.name, paragraph.text) for paragraph in open_docx(path).paragraphs]


def test_each_pdf_booklet_has_a_word_booklet_of_the_same_name(split: Path) -> None:
    assert [path.name for path in pdf_output.pdf_files(split)] == [f"{name}.pdf"
                                                                   for name in BOOKLETS]
    assert [path.name for path in docx_output.docx_files(split)] == [f"{name}.docx"
                                                                     for name in BOOKLETS]


def test_a_word_booklet_stands_alone_as_its_pdf_booklet_does(split: Path) -> None:
    first, second = (paragraphs(split / f"{name}.docx") for name in BOOKLETS)
    assert [text for style, text in first
            if style.startswith(("Heading", "Title", "Subtitle"))] == [
        "Mini toolkit in Easy Read", "A small guide for tests", "Booklet 1 of 2",
        "What is in this booklet", "What is it?", "Word list"]
    assert ("Normal", "Hard words in this booklet are in bold letters. We explain them in the "
                      "next sentence. You can also find the hard words in the word list at the "
                      "end.") in first
    # the contents: its own part by its number in the whole guide, then what booklet 2 holds
    contents = [text.split("\t")[0] for style, text in first if style.startswith("toc")]
    assert contents == ["1. What is it?", "Word list"]
    assert ("Normal", "Booklet 2 has:") in first
    assert ("List Number", "Try it") in first
    assert [text.split("\t")[0] for style, text in second if style.startswith("toc")] == [
        "2. Try it", "Word list"]
    assert ("Normal", "Booklet 1 has:") in second
    # its own word list: the words its parts use, as the PDF booklet of the same number
    assert [[text for style, text in booklet if style == "Glossary Term"]
            for booklet in (first, second)] == [
        ["Co-production", "Partner", "Partnership"], ["Co-production", "Partner", "Power"]]
    assert [open_docx(split / f"{name}.docx").core_properties.title for name in BOOKLETS] == [
        "Mini toolkit in Easy Read, booklet 1 of 2", "Mini toolkit in Easy Read, booklet 2 of 2"]


def test_the_other_booklets_parts_are_numbered_from_their_first_part(split: Path) -> None:
    """A real numbered list (List Number, no typed "2."), counting from the part's number."""
    xml = zipfile.ZipFile(split / f"{BOOKLETS[0]}.docx").read("word/numbering.xml").decode()
    assert '<w:startOverride w:val="2"/>' in xml


def test_every_word_booklet_keeps_the_word_rules(split: Path) -> None:
    results = word_rules(split)
    assert {result.where for result in results} == {f"{name}.docx" for name in BOOKLETS}
    assert [(result.rule, result.where, result.message) for result in results
            if not result.passed] == []


def test_the_read_back_finds_each_part_in_its_word_booklet(split: Path) -> None:
    found = {readback.output: readback for readback in EDITION.read_back(split)}["easy-read/docx"]
    assert found.problems == ()
    assert [(section.id, section.file) for section in found.sections.values()
            if section.id in ("er-what-it-is", "er-try-it", "word-list")] == [
        ("er-what-it-is", f"{BOOKLETS[0]}.docx"), ("word-list", f"{BOOKLETS[0]}.docx"),
        ("er-try-it", f"{BOOKLETS[1]}.docx")]


def test_the_web_page_offers_each_word_booklet(er_fixture: Document, split: Path) -> None:
    files = [*pdf_output.pdf_files(split), *docx_output.docx_files(split)]
    ways = html_output.other_ways(er_fixture, files)
    assert ways[:4] == [
        ("Booklet 1 of 2 to print (PDF)", f"{BOOKLETS[0]}.pdf"),
        ("Booklet 2 of 2 to print (PDF)", f"{BOOKLETS[1]}.pdf"),
        ("Booklet 1 of 2 as a Word document", f"{BOOKLETS[0]}.docx"),
        ("Booklet 2 of 2 as a Word document", f"{BOOKLETS[1]}.docx")]
    assert EDITION.describe(split, files) == ("web page, 2 PDF booklets and 2 Word booklets "
                                              "(4 files)")


# ---------------------------------------------------------------------------------------------
# easy-read/word-booklets


def test_the_rule_passes_when_each_word_booklet_holds_its_pdf_booklets_parts(
        er_fixture: Document, split: Path) -> None:
    results = word_booklets(pdf_output.pdf_files(split), docx_output.docx_files(split), split,
                            er_fixture.easy_read.parts)
    assert [(result.rule, result.where, result.passed, result.message) for result in results] == [
        (RULE, f"{BOOKLETS[0]}.docx", True, f"it holds part 1, as {BOOKLETS[0]}.pdf does"),
        (RULE, f"{BOOKLETS[1]}.docx", True, f"it holds part 2, as {BOOKLETS[1]}.pdf does")]


def test_the_rule_passes_on_one_word_file_beside_one_pdf(er_built: Path,
                                                         er_fixture: Document) -> None:
    assert [(result.where, result.passed, result.message) for result in word_booklets(
        pdf_output.pdf_files(er_built), docx_output.docx_files(er_built), er_built,
        er_fixture.easy_read.parts)] == [
        (f"{STEM}.docx", True, f"it holds parts 1-2, as {STEM}.pdf does")]


def with_pdfs_of(split: Path, folder: Path) -> Path:
    """Return ``folder``, made, holding a copy of the PDF booklets in ``split``."""
    folder.mkdir()
    for path in pdf_output.pdf_files(split):
        shutil.copy(path, folder / path.name)
    return folder


def judged(folder: Path, document: Document) -> list[RuleResult]:
    """Return easy-read/word-booklets on the PDFs and Word files in ``folder``."""
    return word_booklets(pdf_output.pdf_files(folder), docx_output.docx_files(folder), folder,
                         document.easy_read.parts)


def test_the_rule_fails_on_the_whole_guide_in_one_word_file_beside_pdf_booklets(
        er_fixture: Document, split: Path, tmp_path: Path) -> None:
    """The old output: the PDF in booklets, the Word file the whole guide."""
    old = with_pdfs_of(split, tmp_path / "old")
    docx_output.render_docx(er_fixture, old)
    assert failed(judged(old, er_fixture), RULE) == [
        (f"{STEM}.docx", f"{STEM}.docx holds parts 1-2, but the PDFs are 2 booklets: the Word "
                         "file should be 2 booklets too", "error")]


def test_the_rule_fails_on_word_booklets_holding_other_parts(
        er_fixture: Document, split: Path, tmp_path: Path) -> None:
    swapped = with_pdfs_of(split, tmp_path / "swapped")
    first, second = er_fixture.easy_read.parts
    docx_output.render_docx(er_fixture, swapped, [Booklet(1, 2, (second,)),
                                                  Booklet(2, 2, (first,))])
    assert failed(judged(swapped, er_fixture), RULE) == [
        (f"{BOOKLETS[0]}.docx", f"{BOOKLETS[0]}.docx holds part 2, but {BOOKLETS[0]}.pdf holds "
                                "part 1: a Word booklet holds the parts of the PDF booklet of "
                                "the same number, in the same order", "error"),
        (f"{BOOKLETS[1]}.docx", f"{BOOKLETS[1]}.docx holds part 1, but {BOOKLETS[1]}.pdf holds "
                                "part 2: a Word booklet holds the parts of the PDF booklet of "
                                "the same number, in the same order", "error")]


def test_the_rule_fails_on_more_word_files_than_pdfs(split: Path, er_built: Path,
                                                     tmp_path: Path) -> None:
    mixed = tmp_path / "easy-read"
    mixed.mkdir()
    shutil.copy(er_built / f"{STEM}.pdf", mixed)
    for path in docx_output.docx_files(split):
        shutil.copy(path, mixed / path.name)
    assert failed(word_booklets(pdf_output.pdf_files(mixed), docx_output.docx_files(mixed),
                                mixed), RULE) == [
        ("easy-read", f"the Word file is 2 booklets ({BOOKLETS[0]}.docx, {BOOKLETS[1]}.docx), "
                      "but the PDF is one file holding parts er-what-it-is, er-try-it: there "
                      "should be a Word file for each PDF, holding its parts", "error")]


@pytest.mark.parametrize(("ids", "said"), [
    pytest.param([], "no parts", id="none"),
    pytest.param(["a"], "part 1", id="one"),
    pytest.param(["a", "b", "c", "e"], "parts 1-3, 5", id="runs"),
    pytest.param(["a", "x"], "parts a, x", id="unknown-by-id"),
])
def test_describe_says_parts_as_a_reader_does(ids: list[str], said: str) -> None:
    assert describe(ids, {"a": 1, "b": 2, "c": 3, "e": 5}) == said
