"""web/answer-boxes: a quiz's empty cells are boxes to type in on a screen, each named with its
row and its question. A screen-reader user of the web page and the EPUB heard "(space for your
answer)" in each of the toolkit's 11 empty cells, where there was nothing to type; a sighted
reader saw an empty cell they could not use. On paper (the PDF) the cell stays a box to write
in."""

from __future__ import annotations

from formats.core.model import Document
from formats.core.tables import document_write_ins
from formats.outputs.html.answer_rules import answer_boxes, answer_spaces
from formats.outputs.html.print_page import print_html
from tests.conftest import Builds

OLD_CELL = '<td class="write-in"><span class="visually-hidden">(space for your answer)</span></td>'
ROWS = ("A better outcome for all", "Sharing knowledge leads to new, creative ideas",
        "Better relationships between partners")


def _quiz(cells: list[str]) -> str:
    """Return a page with the quiz "Rewards and risks", its second column's cells ``cells``."""
    rows = "".join(f'<tr><td id="r{number}">{words}</td>{cell}</tr>'
                   for number, (words, cell) in enumerate(zip(ROWS, cells, strict=True)))
    return ('<!DOCTYPE html><html lang="en-GB"><head><title>Quiz</title></head><body>'
            '<h3 id="quiz--title">Quiz 1: Rewards and risks</h3><table aria-labelledby='
            '"quiz--title"><thead><tr><th id="c1">Rewards</th><th id="c2">What could stop them '
            f'from happening?</th></tr></thead><tbody>{rows}</tbody></table></body></html>')


def test_the_mini_web_page_has_a_named_box_for_its_answer_space(mini_document: Document,
                                                                built: Builds) -> None:
    page = built(mini_document, "standard") / "index.html"
    text = page.read_text(encoding="utf-8")
    assert document_write_ins(mini_document) == 1
    assert [(space.row, space.header, space.name) for space in answer_spaces(text)] == [
        ("Co-production is a competition.", "True or false?",
         "Co-production is a competition. True or false?")]
    result = answer_boxes({"index.html": text}, str(page), "standard/html", 1)
    assert (result.rule, result.passed, result.message) == (
        "web/answer-boxes", True, "standard/html: each of the 1 answer space(s) is a box to type "
        "in, named with its row and its question")
    assert "(space for your answer)" not in text
    assert "You can type your answers in the boxes below: they are not saved or sent anywhere." \
        in text


def test_the_print_page_keeps_its_space_to_write_in(mini_document: Document) -> None:
    text = print_html(mini_document, "print/toolkit.html.j2", [], pdf_title="Mini")
    assert "<textarea" not in text.split('class="feedback-form"')[0]
    assert '<span class="visually-hidden">(space for your answer)</span>' in text


def test_cells_that_only_say_space_for_your_answer_fail_naming_them() -> None:
    result = answer_boxes({"index.html": _quiz([OLD_CELL] * 3)}, "index.html", "standard/html", 3)
    assert (result.rule, result.passed, result.message) == (
        "web/answer-boxes", False,
        "standard/html: 3 answer space(s) have no box to type in: 'A better outcome for all' "
        "(What could stop them from happening?), 'Sharing knowledge leads to new, creative "
        "ideas' (What could stop them from happening?), 'Better relationships between "
        "partners' (What could stop them from happening?); '(space for your answer)' is said 3 "
        "time(s) where there is nothing to type")


def test_a_box_named_by_its_column_alone_fails() -> None:
    cells = [f'<td><textarea aria-labelledby="r{number} c2"></textarea></td>' for number in (0, 1)]
    cells.append('<td><textarea aria-labelledby="c2"></textarea></td>')
    result = answer_boxes({"index.html": _quiz(cells)}, "index.html", "test/html", 3)
    assert (result.passed, result.message) == (
        False, "test/html: 1 answer box(es) are not named with their row and question: 'What "
        "could stop them from happening?' for 'Better relationships between partners' (What "
        "could stop them from happening?)")


def test_a_box_named_by_its_aria_label_passes_and_a_lost_space_fails() -> None:
    cells = [f'<td><textarea aria-label="{words}: What could stop them from happening?">'
             '</textarea></td>' for words in ROWS]
    passed = answer_boxes({"index.html": _quiz(cells)}, "index.html", "test/html", 3)
    assert passed.passed, passed.message
    lost = answer_boxes({"index.html": _quiz(cells)}, "index.html", "test/html", 4)
    assert (lost.passed, lost.message) == (
        False, "test/html: the source has 4 answer space(s), the page(s) 3")


def test_the_epub_twin_names_the_book() -> None:
    result = answer_boxes({"EPUB/02.xhtml": _quiz([OLD_CELL] * 3)}, "book.epub", "book.epub", 3,
                          "epub/answer-boxes")
    assert (result.rule, result.where, result.passed) == ("epub/answer-boxes", "book.epub", False)
    assert result.message.startswith("book.epub: 3 answer space(s) have no box to type in: ")
    assert answer_boxes({}, "easy.epub", "easy.epub", 0, "epub/answer-boxes").message == (
        "easy.epub: no table has a space for an answer")


def test_by_section_only_the_sections_on_the_page_are_counted() -> None:
    """A section missing from the page is the coverage check's to report: its answer spaces are
    not counted as lost here too (the check's report named the cut section twice)."""
    cells = [f'<td><textarea aria-label="{words}: What could stop them from happening?">'
             '</textarea></td>' for words in ROWS]
    page = _quiz(cells).replace("<body>", '<body><section id="on-page">', 1).replace(
        "</body>", "</section></body>", 1)
    by_section = {"on-page": 3, "cut-from-the-page": 2}
    found = answer_boxes({"index.html": page}, "index.html", "test/html", by_section)
    assert (found.passed, found.message) == (
        True, "test/html: each of the 3 answer space(s) is a box to type in, named with its row "
        "and its question")
    lost = answer_boxes({"index.html": page}, "index.html", "test/html", {"on-page": 4})
    assert (lost.passed, lost.message) == (
        False, "test/html: the source has 4 answer space(s), the page(s) 3")
