"""pdf/lists-whole (formats.outputs.pdf.list_rules): a list cut at a page break is found by
the source's points, read back from the PDF: the mini toolkit with a list of 40 points passes
as our tagging writes it, and fails, naming the page and the point, as WeasyPrint 70 tags it
(one list a page). pdf/lists-in-points: a point of paragraphs around an inner list is a label
and a body holding them in reading order (formats.outputs.pdf.list_tagging); as WeasyPrint 70
tags it, the paragraphs stand beside the label and the inner list is a kid of the outer
list."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader

from formats.core.model import BulletList, Document, ListItem, Location, Paragraph, Text
from formats.editions.standard import render_pdf
from formats.outputs.pdf.list_rules import key, lists_in_points, lists_whole, point_places
from formats.outputs.pdf.rules import OpenPdf

POINTS = 40


def _with_a_long_list(document: Document) -> Document:
    """Return ``document`` with a list of ``POINTS`` points ending its first chapter."""
    chapter = document.chapters[0]
    where = Location(chapter.location.path, chapter.location.line + 1)
    points = tuple(ListItem((Paragraph((Text(f"Point number {number} of the long list, "
                                             "which goes over a page break."),), where),))
                   for number in range(1, POINTS + 1))
    longer = dataclasses.replace(chapter, blocks=(*chapter.blocks,
                                                  BulletList(points, False, where)))
    return dataclasses.replace(document, chapters=(longer, *document.chapters[1:]))


@pytest.fixture(scope="module")
def long_list(mini_document: Document) -> Document:
    return _with_a_long_list(mini_document)


def _list_pages(path: Path) -> list[int]:
    """Return the 1-based pages showing a point of the long list."""
    return [number for number, page in enumerate(PdfReader(path).pages, start=1)
            if "of the long list" in page.extract_text()]


def test_a_list_over_a_page_break_is_one_list(long_list: Document, tmp_path: Path) -> None:
    path = render_pdf(long_list, tmp_path)
    assert len(_list_pages(path)) >= 2  # the list goes over a page break
    verdict = lists_whole(OpenPdf.read(path, long_list))
    assert (verdict.passed, verdict.message) == (
        True, "lists of the document's points: 1, each beginning with the first point of a list")

def test_a_list_as_weasyprint_tags_it_is_one_list_a_page(
        long_list: Document, tmp_path: Path, as_weasyprint_tags_it: None) -> None:
    path = render_pdf(long_list, tmp_path)
    assert _list_pages(path) == [4, 5]
    assert "Point number 33 of" in PdfReader(path).pages[4].extract_text()
    verdict = lists_whole(OpenPdf.read(path, long_list))
    assert (verdict.passed, verdict.message) == (
        False, "page 5: list 'Point number 33 of the long list, whi...' begins with point 33 "
               "of its list (cut at a page break)")


def test_without_the_document_the_lists_are_not_judged(long_list: Document,
                                                        tmp_path: Path) -> None:
    path = render_pdf(long_list, tmp_path)
    assert lists_whole(OpenPdf.read(path, None)).message == (
        "the lists cannot be judged without the document")


def test_points_are_compared_by_their_first_letters_and_digits() -> None:
    assert key("“Toolkits!” This toolkit was co-produced") == "toolkitsthistoolkitwascoproduced"
    assert key("A" * 50) == "a" * 40


def test_a_point_too_short_to_tell_is_not_a_place(mini_document: Document) -> None:
    where = Location("chapters/x.md", 1)
    short = BulletList((ListItem((Paragraph((Text("Yes."),), where),)),
                        ListItem((Paragraph((Text("Co-production is sharing power."),),
                                            where),))), False, where)
    chapter = dataclasses.replace(mini_document.chapters[0], blocks=(short,), children=())
    document = dataclasses.replace(mini_document, chapters=(chapter,))
    assert point_places(document) == {"coproductionissharingpower": {1}}


def _with_a_list_in_a_point(document: Document) -> Document:
    """Return ``document`` with a list ending its first chapter whose second point is a
    paragraph, a list of two points and another paragraph."""
    chapter = document.chapters[0]
    where = Location(chapter.location.path, chapter.location.line + 1)

    def said(words: str) -> Paragraph:
        return Paragraph((Text(words),), where)

    inner = BulletList((ListItem((said("Who will be involved in the work?"),)),
                        ListItem((said("When will the work start and end?"),))), False, where)
    outer = BulletList((ListItem((said("Plan the work together with your partners."),)),
                        ListItem((said("Ask these questions before you start:"), inner,
                                  said("Write the answers down for everyone."))),
                        ), False, where)
    longer = dataclasses.replace(chapter, blocks=(*chapter.blocks, outer))
    return dataclasses.replace(document, chapters=(longer, *document.chapters[1:]))


def test_a_list_in_a_point_is_in_the_points_body_in_reading_order(
        mini_document: Document, tmp_path: Path) -> None:
    from formats.outputs.pdf.tag_rules import element_kids, text_of

    document = _with_a_list_in_a_point(mini_document)
    path = render_pdf(document, tmp_path)
    pdf = OpenPdf.read(path, document)
    verdict = lists_in_points(pdf)
    assert verdict.passed, verdict.message
    assert verdict.message == ("15 list points, each holding its label and body only; 3 lists "
                               "inside a point, each in its body")  # the contents' too
    [(point, page)] = [(element, page) for element, page in pdf.elements()
                       if element["/S"] == "/LI"
                       and "Ask these questions" in text_of(pdf, element, page)]
    assert [kid["/S"] for kid in element_kids(point)] == ["/Lbl", "/LBody"]
    body = element_kids(point)[1]
    assert [kid["/S"] for kid in element_kids(body)] == ["/P", "/L", "/P"]
    assert [text_of(pdf, kid, page) for kid in element_kids(body)] == [
        "Ask these questions before you start:",
        "◦ Who will be involved in the work? ◦ When will the work start and end?",
        "Write the answers down for everyone."]


def test_a_list_in_a_point_as_weasyprint_tags_it_fails(
        mini_document: Document, tmp_path: Path, as_weasyprint_tags_it: None) -> None:
    document = _with_a_list_in_a_point(mini_document)
    path = render_pdf(document, tmp_path)
    verdict = lists_in_points(OpenPdf.read(path, document))
    assert (verdict.passed, verdict.message) == (
        False, "page 4: list '◦ Who will be involved in the work? ◦...' is a kid of the list "
               "around it, not of the point it belongs to; page 4: list point '• Ask these "
               "questions before you star...' has P, P beside its label, not in its body")
