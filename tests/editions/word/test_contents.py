"""Bookmarks, links both ways, the contents list and its page numbers (LibreOffice), the
header and footer."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from formats.core.contract import RenderError
from formats.core.model import Document, Quiz, walk_blocks
from formats.outputs.docx.contents import number_contents, page_numbers_of, replace_part
from formats.outputs.docx.document import REFERENCE
from formats.outputs.docx.libreoffice import Layout
from formats.outputs.docx.reader import read_docx
from tests.editions.word.docx_xml import (
    NS,
    bookmarks,
    contents_entries,
    convert_to_pdf,
    heading_paragraphs,
    part,
    text_of,
    w,
)


def test_each_section_heading_holds_a_bookmark_named_after_its_id(
        picture_docx: Path, picture_document: Document) -> None:
    on_headings = {name: text_of(paragraph) for _, paragraph in heading_paragraphs(picture_docx)
                   for name in bookmarks(paragraph)}
    assert on_headings == {section.id: section.label for section in picture_document.sections()}


def test_quiz_and_answers_link_to_each_other(picture_docx: Path,
                                             picture_document: Document) -> None:
    body = part(picture_docx, "word/document.xml")
    found = read_docx(picture_docx, picture_docx.parent)
    [quiz] = [block for section in picture_document.sections()
              for block in walk_blocks(section.blocks) if isinstance(block, Quiz)]
    links = {text_of(link): link.get(w("anchor")) for link in body.iter(w("hyperlink"))}
    assert links["Suggested answers to quiz 1"] == quiz.answers_id == "answers-true-false"
    assert links["Back to quiz 1: True or false?"] == quiz.id
    [quiz_mark] = body.xpath(f"//w:p[w:bookmarkStart/@w:name='{quiz.id}']", namespaces=NS)
    assert text_of(quiz_mark) == "Decide on your answer."  # the screen's words for print's
    assert "Suggested answers to quiz 1" in found["try-it"].text
    assert "Back to quiz 1" in found["answers-true-false"].text


def test_glossary_links_reach_the_term(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    [term] = body.xpath("//w:p[w:bookmarkStart/@w:name='term-power']", namespaces=NS)
    assert text_of(term) == "Power"
    assert [link.get(w("anchor")) for link in body.iter(w("hyperlink"))
            if text_of(link) == "glossary"] == ["term-power"]


def test_contents_is_a_toc_field_listing_section_headings_1_to_3_with_page_numbers(
        picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    instruction = "".join(body.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-3" \\h' in instruction
    entries = contents_entries(picture_docx)
    sections = [(f"toc {level}", text_of(paragraph), bookmarks(paragraph)[0])
                for level, paragraph in heading_paragraphs(picture_docx)
                if level <= 3 and bookmarks(paragraph)]
    assert [(style, text, anchor) for style, text, _, anchor in entries] == sections
    assert entries[:3] == [("toc 1", "1. Getting started", "3", "start"),
                           ("toc 2", "1.1 What is it?", "3", "what-is-it"),
                           ("toc 3", "a) Details", "3", "details")]
    block_titles = {text_of(paragraph) for level, paragraph in heading_paragraphs(picture_docx)
                    if level <= 3 and not bookmarks(paragraph)}
    assert block_titles == {"Quiz 1: True or false?", "Tell us"}  # a quiz and a form, level 3
    assert {anchor for _, _, _, anchor in entries} <= {  # listed nowhere, like quizzes 1-3
        name for _, paragraph in heading_paragraphs(picture_docx) for name in bookmarks(paragraph)}
    assert "Tell us" not in {text for _, text, _, _ in entries}
    settings = part(picture_docx, "word/settings.xml")
    assert settings.find(w("updateFields")) is None  # no "update fields?" question on opening


def test_header_shows_the_title_and_footer_the_page_number(picture_docx: Path) -> None:
    document = docx.Document(str(picture_docx))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Word picture toolkit"
    footer = section.footer._element
    assert "PAGE" in "".join(footer.xpath(".//w:instrText/text()"))
    assert section.footer.paragraphs[0].text.startswith("Page ")


def test_contents_page_numbers_are_where_libreoffice_puts_the_headings(picture_docx: Path,
                                                                       tmp_path: Path) -> None:
    """A partner who opens or converts the file in LibreOffice reads the same pages in the
    contents as in the footers of the pages the headings are on."""
    pdf = convert_to_pdf(picture_docx, tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    contents_page = next(page for page in pages if "Contents" in page)
    for _, text, number, _ in contents_entries(picture_docx):
        assert re.search(rf"{re.escape(text)}\.*\s*{number}\s*$", contents_page, re.M), text
        assert text in " ".join(pages[int(number) - 1].split()), (text, number)


def test_a_document_without_contents_entries_is_not_laid_out(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    edited = docx.Document(str(REFERENCE))
    edited.add_paragraph("No contents here.")
    edited.save(str(path))
    written = path.read_bytes()
    assert number_contents(path) == {}
    assert path.read_bytes() == written


def test_without_libreoffice_the_word_file_cannot_get_its_page_numbers(
        picture_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "copy.docx"
    shutil.copyfile(picture_docx, path)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(RenderError) as error:
        number_contents(path)
    assert str(error.value) == ("LibreOffice (soffice) is needed to put page numbers in the "
                                "Word contents and is not installed: run .ci/setup (package "
                                "libreoffice-writer-nogui)")


def _laid_out_as(monkeypatch: pytest.MonkeyPatch, layouts: list[Layout]) -> list[set[str]]:
    """Have the contents numbered from ``layouts``, one a layout, in turn; return the numbers
    each layout was made of, as the list fills."""
    from formats.outputs.docx import contents as contents_module

    laid_out: list[set[str]] = []
    given = iter(layouts)

    def laid_out_of(paths: list[Path]) -> list[Layout]:
        laid_out.append({number for _, _, number, _ in contents_entries(paths[0])})
        return [next(given)]

    monkeypatch.setattr(contents_module, "laid_out_of", laid_out_of)
    return laid_out


def test_numbers_wider_than_their_lines_leave_room_for_are_laid_out_again(
        picture_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written into the contents, a wider number can push an entry onto two lines and every
    heading after the contents a page on (all 600 entries of a long large-print Word file
    were a page out): the file is laid out again with the numbers it now holds."""
    path = tmp_path / "copy.docx"
    shutil.copyfile(picture_docx, path)
    names = [name for _, _, _, name in contents_entries(path)]
    built = {number for _, _, number, _ in contents_entries(path)}
    assert {len(number) for number in built} == {1}  # the fixture's pages, one digit each
    no_room = (0,) * len(names)
    laid_out = _laid_out_as(monkeypatch, [Layout(dict.fromkeys(names, 12), 20, no_room),
                                          Layout(dict.fromkeys(names, 13), 20, no_room)])
    assert number_contents(path) == dict.fromkeys(names, 13)
    # laid out with its one-digit numbers, then with the two-digit ones; 13 is as wide as 12
    assert laid_out == [built, {"12"}]
    assert {number for _, _, number, _ in contents_entries(path)} == {"13"}


def test_numbers_that_fit_in_their_leaders_need_no_second_layout(
        picture_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "copy.docx"
    shutil.copyfile(picture_docx, path)
    names = [name for _, _, _, name in contents_entries(path)]
    rooms = (1,) * len(names)  # one more digit fits in every line
    laid_out = _laid_out_as(monkeypatch, [Layout(dict.fromkeys(names, 12), 20, rooms)])
    assert number_contents(path) == dict.fromkeys(names, 12)
    assert len(laid_out) == 1
    # unless a line's room is unknown (fewer rooms than numbers): then it is laid out again
    shutil.copyfile(picture_docx, path)
    laid_out = _laid_out_as(monkeypatch, [Layout(dict.fromkeys(names, 12), 20, rooms[1:]),
                                          Layout(dict.fromkeys(names, 12), 20, rooms[1:])])
    assert number_contents(path) == dict.fromkeys(names, 12)
    assert len(laid_out) == 2


def test_each_contents_line_of_a_laid_out_word_file_has_its_room(
        picture_docx: Path, tmp_path: Path) -> None:
    """LibreOffice's PDF of the Word file: one room per contents entry, in order, each the
    digits its leader could give up (the fixture's titles are short: room for several)."""
    from pypdf import PdfReader

    from formats.outputs.docx.leader_room import number_rooms

    rooms = number_rooms(PdfReader(convert_to_pdf(picture_docx, tmp_path)))
    assert len(rooms) == len(contents_entries(picture_docx))
    assert all(room >= 3 for room in rooms), rooms


def test_a_contents_number_that_is_not_its_headings_page_fails_contents_pages(
        picture_docx: Path, tmp_path: Path) -> None:
    from formats.outputs.docx.contents_pages_rule import contents_pages
    from formats.outputs.docx.parts import read_parts

    assert contents_pages(picture_docx, "word.docx", read_parts(picture_docx), "word").passed
    path = tmp_path / "edited.docx"
    with zipfile.ZipFile(picture_docx) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    *_, (_, text, number, name) = contents_entries(picture_docx)
    for result in page_numbers_of(body)[name]:  # the PAGEREF field's result, one page on
        result.text = str(int(number) + 1)
    shutil.copyfile(picture_docx, path)
    replace_part(path, "word/document.xml", etree.tostring(body))
    result = contents_pages(path, "word.docx", read_parts(path), "word")
    assert (result.rule, result.passed) == ("word/contents-pages", False)
    assert result.message == (f"1 of 6 contents entries give the wrong page: '{text}' says page "
                              f"{int(number) + 1}, its heading is on page {number}")
