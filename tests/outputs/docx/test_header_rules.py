"""word/running-chapter: the header of every chapter's pages in the Word and large-print
documents names the chapter (a STYLEREF field of the chapters' heading style, its result the
chapter's heading). A document whose header says only the title (as both did) fails; the
writer's passes, and LibreOffice shows each page's chapter in its header."""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from formats.core.model import Document
from formats.editions import large_print, word
from formats.editions.large_print import profile as large_print_profile
from formats.outputs.docx.document import new_document
from formats.outputs.docx.header_rules import running_chapter
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.writer import write_toolkit

OUTPUT = "large-print/docx"
PASSED = "the header of each of the 2 page section(s) of the chapters names the chapter (a " \
         "STYLEREF field)"
Edit = Callable[[docx.document.Document], None]


@pytest.fixture(scope="module")
def mini_docx(mini_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the mini toolkit's large-print .docx as the writer writes it (without the page
    numbers of its contents, for which LibreOffice lays it out)."""
    state = DocxState(new_document(large_print_profile.DOCX, "en-GB"), mini_document,
                      large_print_profile.DOCX)
    write_toolkit(state)
    path = tmp_path_factory.mktemp("running-chapter") / "mini-large-print.docx"
    state.doc.save(str(path))
    return path


def _as_written(edited: docx.document.Document) -> None:
    pass


def _title_only(edited: docx.document.Document) -> None:
    """The document as it was: one page section, whose header is the title."""
    body = edited.element.body
    breaks = [found for found in body.iter(qn("w:sectPr")) if found.getparent() is not body]
    last = body.find(qn("w:sectPr"))
    last.getparent().replace(last, copy.deepcopy(breaks[0]))
    for found in breaks:
        found.getparent().remove(found)


def _second_level(edited: docx.document.Document) -> None:
    for section in edited.sections[1:]:
        for code in section.header._element.iter(qn("w:instrText")):
            code.text = ' STYLEREF "Heading 2" '


def _appendix_shows_the_first_chapter(edited: docx.document.Document) -> None:
    """The appendix's pages take the header of the chapter before them."""
    edited.sections[-1].header.is_linked_to_previous = True


def _appendix_header_without_field(edited: docx.document.Document) -> None:
    header = edited.sections[-1].header._element
    for run in list(header.iter(qn("w:r"))):
        if run.find(qn("w:fldChar")) is not None or run.find(qn("w:instrText")) is not None:
            run.getparent().remove(run)


CASES = [
    (_as_written, True, PASSED),
    (_title_only, False, "the header of large-print/docx names no chapter (no STYLEREF field)"),
    (_second_level, False,
     "the header's STYLEREF names 'Heading 2', but the chapters are in 'Heading 1'"),
    (_appendix_shows_the_first_chapter, False,
     "the header of the pages of 'Appendix 1: Suggested answers' shows '1. Getting started' "
     "until its STYLEREF field is updated"),
    (_appendix_header_without_field, False,
     "the header of large-print/docx names no chapter (no STYLEREF field) on the pages of "
     "'Appendix 1: Suggested answers'"),
]


@pytest.mark.parametrize("edit, passed, message", CASES,
                         ids=[edit.__name__.lstrip("_") for edit, _, _ in CASES])
def test_the_header_of_each_chapters_pages_names_it(edit: Edit, passed: bool, message: str,
                                                    mini_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / mini_docx.name
    edited = docx.Document(str(mini_docx))
    edit(edited)
    edited.save(str(path))
    result = running_chapter(path, OUTPUT)
    assert (result.rule, result.where, result.passed, result.message) == (
        "word/running-chapter", f"{path.name} ({OUTPUT})", passed, message)


def test_a_file_that_is_not_a_word_document_fails(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_text("not a zip", encoding="utf-8")
    result = running_chapter(path, OUTPUT)
    assert (result.passed, result.message) == (
        False, "broken.docx cannot be read as a Word document: File is not a zip file")


def test_the_front_matter_keeps_the_title_and_the_page_numbers_go_on(mini_docx: Path) -> None:
    edited = docx.Document(str(mini_docx))
    first, *chapters = edited.sections
    assert first.header.paragraphs[0].text == "Mini toolkit (large print)"
    assert first.footer.paragraphs[0].text == "Page 1"
    assert [section.footer.is_linked_to_previous for section in chapters] == [True, True]
    assert [section.header.paragraphs[0].text for section in chapters] == [
        "1. Getting started", "Appendix 1: Suggested answers"]
    assert {section.header.paragraphs[0].style.name for section in chapters} == {"Header"}


@pytest.mark.slow
def test_libreoffice_shows_each_pages_chapter_in_its_header(mini_docx: Path,
                                                            tmp_path: Path) -> None:
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(mini_docx)],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(tmp_path / f"{mini_docx.stem}.pdf") as pdf:
        pages = [(page.extract_text() or "").splitlines() for page in pdf.pages]
    assert [(lines[0], lines[-1]) for lines in pages] == [
        ("Mini toolkit (large print)", "Page 1"), ("Mini toolkit (large print)", "Page 2"),
        ("1. Getting started", "Page 3"), ("1. Getting started", "Page 4"),
        ("1. Getting started", "Page 5"),
        ("Appendix 1: Suggested answers", "Page 6")]


@pytest.mark.slow
def test_the_real_word_and_large_print_documents_pass(real_dist: Path,
                                                      real_document: Document) -> None:
    found = [running_chapter(real_dist / "large-print" /
                             f"{large_print.file_stem(real_document)}.docx", OUTPUT),
             running_chapter(real_dist / "word" / word.file_name(real_document), "word/docx")]
    assert [(result.passed, result.message.split(" page section")[0]) for result in found] == [
        (True, f"the header of each of the {len(real_document.chapters)}")] * 2
