"""Words in print: words that depend on the medium take print's form, with the page number of
their target; and the heading and caption rules on a PDF pass on a built one and fail, naming
what they found, on a page printed to break them."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from formats.check.coverage import Status, judge
from formats.core.contract import RuleResult, standard_expected
from formats.core.model import Document, Location, MediumWords, Paragraph, Text
from formats.core.names import TEMPLATES
from formats.editions import standard
from formats.outputs.pdf import reader as pdf_reader
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.text_rules import pdf_text_rules
from tests.conftest import Builds


def test_print_gives_the_page_number_of_the_target_and_the_check_matches_it(
        mini_document: Document, tmp_path: Path) -> None:
    words = MediumWords((Text("on the following page"),), "in the answers on page [page]",
                        "in appendix 1", "in appendix 1", "#answers-true-false")
    chapter = mini_document.chapters[0]
    first = chapter.children[0]
    added = Paragraph((Text("You will find more "), words, Text(".")),
                      Location("chapters/01-start.md", 9))
    document = replace(mini_document, chapters=(
        replace(chapter, children=(replace(first, blocks=(*first.blocks, added)),
                                   *chapter.children[1:])), *mini_document.chapters[1:]))
    assert 'class="page-ref"' in standard.pdf_html(document)
    pdf = standard.render_pdf(document, tmp_path)
    found = pdf_reader.read_back_pdf(pdf, tmp_path, "standard/pdf").sections["what-is-it"]
    assert found.text is not None
    assert re.search(r"You will find more in the answers on page \d+\.", found.text)
    expected = standard_expected(document)["what-is-it"]
    assert judge(expected, found, "paged").status is Status.PRESENT
    assert judge(expected, found, "reflowable").status is Status.INCOMPLETE  # "in appendix 1."


def test_the_heading_and_caption_rules_pass_on_the_built_pdf(mini_document: Document,
                                                            built: Builds) -> None:
    pdf = built(mini_document, "standard") / standard.pdf_name(mini_document)
    assert [(result.rule, result.passed) for result in pdf_text_rules(pdf, "standard/pdf")] == [
        ("text/heading-is-only-a-kind", True), ("text/caption-repeats-heading", True)]


def test_each_rule_fails_on_a_page_printed_to_break_it(tmp_path: Path) -> None:
    html = ('<html lang="en-GB"><head><title>Test page</title></head><body><h1>Title</h1>'
            "<h2>Activity</h2><p>Turn to the table on the following page.</p>"
            "<h2>Quiz 2: What should you do?</h2><table><caption>What should you do?</caption>"
            "<thead><tr><th>Situation</th></tr></thead><tbody><tr><td>One</td></tr></tbody>"
            "</table></body></html>")
    path = pdf_writer.write_pdf(html, tmp_path / "page.pdf", TEMPLATES)
    assert [result for result in pdf_text_rules(path, "test/pdf") if not result.passed] == [
        RuleResult("text/heading-is-only-a-kind", str(path), False,
                   "test/pdf: heading 'Activity' says only what kind of block follows"),
        RuleResult("text/caption-repeats-heading", str(path), False,
                   "test/pdf: caption 'What should you do?' repeats the heading 'Quiz 2: What "
                   "should you do?'")]  # print words are print's own: not checked


def test_a_file_that_is_not_a_pdf_is_one_failed_result(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(b"not a pdf")
    [result] = pdf_text_rules(path, "test/pdf")
    assert (result.rule, result.passed) == ("text/file", False)
    assert result.message.startswith("test/pdf: page.pdf cannot be read as a PDF: ")
