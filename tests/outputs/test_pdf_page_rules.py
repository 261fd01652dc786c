"""The PDF rules measured on small pages printed with WeasyPrint (through
formats.outputs.pdf.writer): figures, the large print rules, and the print layout rules
(body size, line length, page fill), each passing on a page made to pass it and failing,
with what it found, on a page made to break it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject

from formats.core.contract import RuleResult
from formats.core.names import TEMPLATES
from formats.editions.large_print.rules import pdf_file_rules
from formats.outputs.html import print_page as print_html_page
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.layout_rules import layout_rules
from formats.outputs.pdf.rules import pdf_rules
from tests.helpers.pdf import by_rule, failures, structure, tampered

PICTURE = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
           "/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")
WORDS = ("Plain words in a long paragraph that wraps over several lines so that a browser could "
         "justify it, with many words on every line. ")
GOOD_BODY = f"<h1>A heading</h1><p>{WORDS * 2}</p>"


def print_page(tmp_path: Path, body: str, css: str = "") -> Path:
    """Return a one-page PDF of ``body`` set as large print (18pt Atkinson Hyperlegible, 2.5 cm
    margins, A4) with ``css`` added, written by formats.outputs.pdf.writer."""
    html = (f'<html lang="en-GB"><head><title>Test page</title><style>'
            f"{print_html_page.atkinson_font_faces(italic=False)}\n"
            "@page { size: A4; margin: 2.5cm }\n"
            f'body {{ font-family: "{print_html_page.ATKINSON_FAMILY}"; font-size: 18pt; '
            "line-height: 1.5 }\n"
            f"h1 {{ font-size: 24pt }}\n{css}</style></head><body>{body}</body></html>")
    return pdf_writer.write_pdf(html, tmp_path / "page.pdf", TEMPLATES)


def large_print_failures(path: Path) -> dict[str, str]:
    return {rule: message for rule, message in failures(pdf_file_rules(path, "test/pdf")).items()
            if rule.startswith("large-print/")}


def test_a_large_print_page_passes_every_large_print_rule(tmp_path: Path) -> None:
    results = pdf_file_rules(print_page(tmp_path, GOOD_BODY), "test/pdf")
    assert failures(results) == {}
    assert by_rule(results)["large-print/not-justified"].message == (
        "no line is justified (5 lines of 4 words or more measured)")


LARGE_PRINT_BREAKS = [
    pytest.param(GOOD_BODY + "<p style='font-size: 12pt'>Small print here.</p>", "", {
        "large-print/min-font-size": "smallest text is 12.0pt on page 1: 'Small print here.'"},
        id="12pt-text"),
    pytest.param(GOOD_BODY, "body { font-size: 16pt }", {
        "large-print/body-size": "most common text size is 16.0pt, not 18pt"}, id="16pt-body"),
    pytest.param("<p>Upright and <em>slanted words</em> here.</p>",
                 "em { font-style: italic }", {
                     "large-print/no-italics": "italic font 'Atkinson-Hyperlegible-Oblique' on "
                                               "page 1: 'slanted words'"}, id="italic"),
    pytest.param("<p>Upright and <span class='skew'>skewed words</span> here.</p>",
                 ".skew { display: inline-block; transform: skewX(-12deg) }", {
                     "large-print/no-italics": "slanted text on page 1: 'skewed words'"},
                 id="slanted-matrix"),
    pytest.param(f"<p>{WORDS * 2}</p>", "p { text-align: justify }", {
        "large-print/not-justified":
            "justified line on page 1: 'Plain words in a long paragraph that wraps over "
            "several' (spaces 0.6pt wider than a space); justified line on page 1: 'lines so "
            "that a browser could justify it, with many words' (spaces 0.8pt wider than a "
            "space); justified line on page 1: 'on every line. Plain words in a long paragraph "
            "that' (spaces 5.2pt wider than a space) and 1 more"},
        id="justified"),
    pytest.param("<p>Near the edge.</p>", "@page { margin: 1cm } body, p { margin: 0 }", {
        "large-print/margins": "text 1.0 cm from the left edge on page 1: 'Near the edge.'; "
                               "text 1.2 cm from the top edge on page 1: 'Near the edge.'"},
        id="1cm-margins"),
    pytest.param(GOOD_BODY, "@page { size: A5 }", {
        "large-print/a4-portrait": "page 1 is 14.8 x 21.0 cm, not A4 portrait (21.0 x 29.7 cm)"},
        id="a5-page"),
]


@pytest.mark.parametrize(("body", "css", "wanted"), LARGE_PRINT_BREAKS)
def test_a_page_breaking_a_large_print_rule_fails_it(body: str, css: str, wanted: dict[str, str],
                                                    tmp_path: Path) -> None:
    assert large_print_failures(print_page(tmp_path, body, css)) == wanted


def test_a_figure_with_alt_text_passes(tmp_path: Path) -> None:
    path = print_page(tmp_path, GOOD_BODY + f'<p><img src="{PICTURE}" alt="A red dot" '
                                            'width="40"></p>')
    results = pdf_file_rules(path, "test/pdf")
    assert failures(results) == {}
    assert by_rule(results)["pdf/figures-alt"].message == "all 1 Figure elements have /Alt"


def test_a_figure_without_alt_text_fails(tmp_path: Path) -> None:
    source = print_page(tmp_path, GOOD_BODY + f'<p><img src="{PICTURE}" alt="A red dot" '
                                              'width="40"></p>')

    def drop_alt(writer: PdfWriter) -> str:
        figure = next(element for element in structure(writer) if element["/S"] == "/Figure")
        del figure[NameObject("/Alt")]
        return ""

    path, _ = tampered(source, tmp_path / "no-alt.pdf", drop_alt)
    assert failures(pdf_rules(path, "test/pdf")) == {
        "pdf/figures-alt": "Figure on page 1 has no /Alt"}


# ---------------------------------------------------------------------------------------------
# The print layout rules: body size, line length, page fill


def layout_failures(path: Path, **limits: Any) -> dict[str, str]:
    return failures(layout_rules(path, "test/pdf", **limits))


def test_body_text_of_11pt_fails_the_12pt_minimum(tmp_path: Path) -> None:
    small = print_page(tmp_path, GOOD_BODY, "body { font-size: 11pt }")
    assert layout_failures(small, body_minimum=12) == {
        "pdf/body-size": "most common text size is 11.0pt, less than 12pt"}
    results = by_rule(layout_rules(print_page(tmp_path, GOOD_BODY, "body { font-size: 12pt }"),
                                   "test/pdf", body_minimum=12))
    assert results["pdf/body-size"] == RuleResult(
        "pdf/body-size", "page.pdf (test/pdf)", True,
        "most common text size is 12.0pt (at least 12pt)")


def test_lines_of_small_text_across_the_page_fail_the_line_length(tmp_path: Path) -> None:
    path = print_page(tmp_path, f"<p>{WORDS * 4}</p>", "body { font-size: 9pt }")
    message = layout_failures(path, line_maximum=75)["pdf/line-length"]
    assert re.fullmatch(r"\d+ of \d+ lines of body text are longer than 75 characters; the "
                        r"longest, on page 1, has \d+: 'Plain words .*'", message), message
    assert layout_failures(print_page(tmp_path, f"<p>{WORDS * 4}</p>"), line_maximum=75) == {}


HALF_EMPTY = (f"<h1>Chapter one</h1><p>One short paragraph.</p>"
              f"<h{{level}} style='break-before: page'>Next</h{{level}}><p>{WORDS * 40}</p>")


def test_a_page_left_half_empty_inside_a_chapter_fails_the_page_fill(tmp_path: Path) -> None:
    path = print_page(tmp_path, HALF_EMPTY.format(level=2))
    message = layout_failures(path)["pdf/page-fill"]
    assert re.fullmatch(r"1 page\(s\) are filled less than 50% \(25% before a page that a "
                        r"section begins\) and are not the last page of a chapter: page 1 is "
                        r"\d+% filled", message), message


# A page filled about a third, then a page begun by a section's heading or by a paragraph.
THIRD_FILLED = (f"<h1>Chapter one</h1><p>{WORDS * 3}</p>"
                f"<{{next}} style='break-before: page'>Next</{{next}}><p>{WORDS * 40}</p>")


def test_a_page_before_a_section_begun_at_its_top_may_be_a_quarter_filled(
        tmp_path: Path) -> None:
    result = by_rule(layout_rules(print_page(tmp_path, THIRD_FILLED.format(next="h2")),
                                  "test/pdf"))["pdf/page-fill"]
    assert result.passed, result.message
    assert re.fullmatch(r"every page but the last of a chapter is filled at least 50% \(25% "
                        r"before a page that a section begins\) \(\d of \d pages judged; the "
                        r"emptiest is 3\d% filled\)", result.message), result.message
    message = layout_failures(print_page(tmp_path, THIRD_FILLED.format(next="p")))["pdf/page-fill"]
    assert re.fullmatch(r"1 page\(s\) are filled less than 50% and are not the last page of a "
                        r"chapter: page 1 is 3\d% filled", message), message


def test_the_last_page_of_a_chapter_may_be_half_empty(tmp_path: Path) -> None:
    path = print_page(tmp_path, HALF_EMPTY.format(level=1))
    result = by_rule(layout_rules(path, "test/pdf"))["pdf/page-fill"]
    assert result.passed, result.message
    assert re.fullmatch(r"every page but the last of a chapter is filled at least 50% \(3 of 5 "
                        r"pages judged; the emptiest is \d+% filled\)", result.message)


def test_lines_to_write_on_fill_a_page_as_text_does(tmp_path: Path) -> None:
    lines = ("<div style='height: 18cm; background: repeating-linear-gradient(to bottom, "
             "transparent 0, transparent 1cm, #000 1cm, #000 1.05cm)'></div>")
    body = (f"<h1>Chapter one</h1><p>A question.</p>{lines}"
            f"<h2 style='break-before: page'>Next</h2><p>{WORDS * 40}</p>")
    assert layout_failures(print_page(tmp_path, body)) == {}


def test_layout_rules_report_a_missing_or_damaged_file(tmp_path: Path) -> None:
    assert layout_rules(tmp_path / "gone.pdf", "test/pdf") == [RuleResult(
        "pdf/file", "gone.pdf (test/pdf)", False, f"{tmp_path / 'gone.pdf'} does not exist")]
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\nthis is not a PDF\n")
    (result,) = layout_rules(damaged, "test/pdf")
    assert (result.rule, result.passed) == ("pdf/file", False)
