"""The large-print Word document: its look, and as LibreOffice shows it."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree

from formats.editions.large_print.rules import DOCX_RULES as LARGE_PRINT_DOCX_RULES
from formats.outputs.docx.reader import read_docx
from formats.outputs.docx.rules import WORD_RULES, docx_rules
from tests.editions.word.docx_xml import (
    LARGE_PRINT_MINIMUM,
    NS,
    convert_to_pdf,
    part,
    part_names,
    text_of,
    w,
)


def run_properties(path: Path) -> list[etree._Element]:
    """Return every rPr of the styles, numbering, body, headers and footers of a .docx."""
    names = [name for name in part_names(path)
             if re.fullmatch(r"word/(styles|numbering|document|header\d*|footer\d*)\.xml", name)]
    return [properties for name in names for properties in part(path, name).iter(w("rPr"))]


def test_large_print_has_nothing_below_16pt(large_print_docx: Path) -> None:
    sizes = [int(size.get(w("val"))) / 2 for properties in run_properties(large_print_docx)
             for size in properties if etree.QName(size).localname in ("sz", "szCs")]
    assert sizes and min(sizes) >= LARGE_PRINT_MINIMUM
    styles = part(large_print_docx, "word/styles.xml")
    [body] = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val", namespaces=NS)
    assert int(body) / 2 == 18


def test_large_print_headings_are_24_22_20_bold(large_print_docx: Path) -> None:
    document = docx.Document(str(large_print_docx))
    looks = [(document.styles[f"Heading {n}"].font.size.pt, document.styles[f"Heading {n}"]
              .font.bold) for n in (1, 2, 3)]
    assert looks == [(24, True), (22, True), (20, True)]


def test_large_print_has_no_italics(large_print_docx: Path) -> None:
    italic = [properties for properties in run_properties(large_print_docx)
              for flag in properties if etree.QName(flag).localname in ("i", "iCs")
              and flag.get(w("val"), "1") not in ("0", "false")]
    assert italic == []
    styles = part(large_print_docx, "word/styles.xml")
    assert styles.xpath("w:style[@w:styleId='Emphasis']/w:rPr/w:b", namespaces=NS)


def test_large_print_line_spacing_is_1_5_left_aligned(large_print_docx: Path) -> None:
    styles = part(large_print_docx, "word/styles.xml")
    lines = styles.xpath("//w:spacing[@w:line]", namespaces=NS)
    assert lines and {(line.get(w("line")), line.get(w("lineRule"))) for line in lines} == {
        ("360", "auto")}
    [default] = styles.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", namespaces=NS)
    assert default.get(w("line")) == "360"
    assert int(default.get(w("after"))) >= 360  # a blank line (18pt) between paragraphs
    justified = [jc for name in ("word/styles.xml", "word/document.xml")
                 for jc in part(large_print_docx, name).iter(w("jc"))
                 if jc.get(w("val")) in ("both", "distribute")]
    assert justified == []


def test_large_print_uses_arial_and_margins_of_at_least_2cm(large_print_docx: Path) -> None:
    document = docx.Document(str(large_print_docx))
    section = document.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21.0, 29.7), abs=0.01)
    assert min(section.left_margin, section.right_margin, section.top_margin,
               section.bottom_margin).cm >= 2
    styles = part(large_print_docx, "word/styles.xml")
    fonts = styles.xpath("//w:rFonts", namespaces=NS)
    assert {font.get(w("ascii")) for font in fonts} == {"Arial"}
    assert not styles.xpath("//w:rFonts[@w:asciiTheme]", namespaces=NS)


def test_large_print_writes_tables_as_label_value_lines(large_print_docx: Path) -> None:
    body = part(large_print_docx, "word/document.xml")
    assert list(body.iter(w("tbl"))) == []  # two-column quizzes and answers too
    lines = [text_of(p) for p in body.iter(w("p"))]
    start = lines.index("Information: No relationship")
    assert lines[start:start + 3] == ["Information: No relationship",
                                      "Consultation: Minimal contact",
                                      "Co-production: Equal partners"]
    found = read_docx(large_print_docx, large_print_docx.parent)
    assert "Equal partners" in found["details"].text


def test_large_print_rules_pass_on_large_print_and_fail_on_the_standard_look(
        large_print_docx: Path, picture_docx: Path) -> None:
    large = docx_rules(large_print_docx, large_print_docx.parent, "large-print",
                       extra=LARGE_PRINT_DOCX_RULES)
    assert [result.rule for result in large if not result.passed] == []
    # the Word rules, 6 of large print, then the contents' pages laid out
    assert len(large) == len(WORD_RULES) + 6 + 1
    standard = {result.rule: result.message
                for result in docx_rules(picture_docx, picture_docx.parent, "large-print",
                                         extra=LARGE_PRINT_DOCX_RULES) if not result.passed}
    assert set(standard) == {"large-print/min-size", "large-print/no-italics",
                             "large-print/line-spacing", "large-print/sans-serif"}
    assert standard["large-print/sans-serif"] == ("Courier in style Macro Text Char; "
                                                  "Courier in style macro")
    assert standard["large-print/min-size"].startswith("10pt in style Heading 8 Char; ")
    assert standard["large-print/no-italics"].startswith("italics in style Emphasis; ")


def test_large_print_header_says_large_print(large_print_docx: Path) -> None:
    header = docx.Document(str(large_print_docx)).sections[0].header
    assert header.paragraphs[0].text == "Word picture toolkit (large print)"


@pytest.mark.slow
def test_libreoffice_shows_the_large_print_docx_at_16pt_or_more(large_print_docx: Path,
                                                                tmp_path: Path) -> None:
    pdf = convert_to_pdf(large_print_docx, tmp_path)
    with pdfplumber.open(pdf) as opened:
        sizes = [char["size"] for page in opened.pages for char in page.chars]
    assert sizes and min(sizes) >= LARGE_PRINT_MINIMUM - 0.05
    assert max(set(sizes), key=sizes.count) == pytest.approx(18, abs=0.05)
