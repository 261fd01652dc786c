"""The large print rules, measured on the built files (UKAAF G003, RNIB Clear Print).

PDF, on every character drawn (as PDFium reads it): ``large-print/min-font-size`` (nothing
below 16pt), ``large-print/body-size`` (the most common size is 18pt),
``large-print/no-italics`` (no italic or oblique font, no slanted text),
``large-print/not-justified`` (no line whose every space is stretched),
``large-print/margins`` (every character at least 2 cm from the edges) and
``large-print/a4-portrait``; with the PDF/UA rules every PDF passes, and the print layout rules
``pdf/line-length`` (at most 70 characters a line) and ``pdf/page-fill`` (no page less than half
filled but the last of a chapter).

Word, on the XML of the .docx, besides the Word rules every .docx passes:
``large-print/docx/min-size``, ``no-italics``, ``line-spacing``, ``margins``, ``sans-serif``,
``left-aligned``; and, as on the Word edition's, ``word/running-chapter`` (the header of each
chapter's pages names the chapter: :mod:`formats.outputs.docx.header_rules`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from formats.core.contract import RuleResult, Verdict
from formats.core.model import Document
from formats.editions.large_print.profile import (
    BODY_SIZE,
    LINE_SPACING,
    MAX_LINE,
    MIN_MARGIN_CM,
    MIN_SIZE,
)
from formats.outputs.docx.parts import Parts, grandparent, owner, run_properties, w, xpath_texts
from formats.outputs.docx.rules import DocxRule, docx_rules
from formats.outputs.pdf import typography
from formats.outputs.pdf.glyph_reader import read_pages
from formats.outputs.pdf.glyphs import PrintedPage
from formats.outputs.pdf.header_rules import chapter_labels, running_chapter
from formats.outputs.pdf.layout_rules import layout_rules
from formats.outputs.pdf.rules import pdf_rules, result_of

SANS_SERIF = {"Arial", "Liberation Sans", "Atkinson Hyperlegible", "Helvetica", "Verdana",
              "Tahoma", "Calibri", "Segoe UI", "Open Sans", "DejaVu Sans"}

PDF_RULES: tuple[tuple[str, Callable[[list[PrintedPage]], Verdict]], ...] = (
    ("large-print/min-font-size", lambda pages: typography.min_font_size(pages, MIN_SIZE)),
    ("large-print/body-size", lambda pages: typography.body_size(pages, BODY_SIZE)),
    ("large-print/no-italics", typography.no_italics),
    ("large-print/not-justified", typography.not_justified),
    ("large-print/margins", lambda pages: typography.margins(pages, MIN_MARGIN_CM)),
    ("large-print/a4-portrait", typography.a4_portrait))


def pdf_file_rules(path: Path, output: str, document: Document | None = None) -> list[RuleResult]:
    """Return the PDF/UA rules, the large print rules and the print layout rules on the large
    print PDF at ``path``, and (given the document) its running header's chapters."""
    results = pdf_rules(path, output, document)
    if not path.is_file():
        return results
    results += print_rules(path, f"{path.name} ({output})", output)
    if document is not None:
        results.append(running_chapter(path, output, chapter_labels(document)))
    return results


def print_rules(path: Path, where: str, output: str | None = None) -> list[RuleResult]:
    """Return one result per large print rule, measured on every character of ``path``, and,
    when ``output`` is given, the print layout rules: lines of at most 70 characters
    (``pdf/line-length``) and no page less than half filled but the last of a chapter
    (``pdf/page-fill``)."""
    try:
        pages = read_pages(path)
    except ValueError as error:
        return [RuleResult("large-print/file", where, False, f"{path} cannot be read: {error}")]
    results = [result_of(name, where, check, pages) for name, check in PDF_RULES]
    if output is not None:
        results += layout_rules(path, output, line_maximum=MAX_LINE, pages=pages)
    return results


def docx_file_rules(path: Path, out_dir: Path) -> list[RuleResult]:
    """Return the Word rules with the large print ones (sizes, no italics...) on the .docx, or
    one failed ``large-print/docx/file`` result when it is missing."""
    if not path.is_file():
        return [RuleResult("large-print/docx/file", path.name, False, f"{path} does not exist")]
    return docx_rules(path, out_dir, prefix="large-print/docx", extra=DOCX_RULES)


def docx_min_size(parts: Parts) -> list[str]:
    least = MIN_SIZE
    problems = []
    for properties in run_properties(parts):
        for size in properties:
            if size.tag not in (w("sz"), w("szCs")):
                continue
            half_points = int(size.get(w("val"), "0"))
            if half_points < least * 2:
                problems.append(f"{half_points / 2:g}pt in {owner(properties.getparent())}")
    return sorted(set(problems))


def docx_no_italics(parts: Parts) -> list[str]:
    problems = []
    for properties in run_properties(parts):
        for flag in properties:
            if flag.tag in (w("i"), w("iCs")) and \
                    flag.get(w("val"), "1") not in ("0", "false", "off"):
                problems.append(f"italics in {owner(properties.getparent())}")
    return sorted(set(problems))


def docx_line_spacing(parts: Parts) -> list[str]:
    wanted = str(round(240 * LINE_SPACING))
    problems = []
    for spacing in parts["word/styles.xml"].iter(w("spacing")):
        line, parent = spacing.get(w("line")), spacing.getparent()
        if line is not None and parent is not None and parent.tag == w("pPr") and (
                line != wanted or spacing.get(w("lineRule"), "auto") != "auto"):
            problems.append(f"line spacing {int(line) / 240:g} in {owner(parent.getparent())}")
    defaults = xpath_texts(parts["word/styles.xml"],
                           "w:docDefaults/w:pPrDefault/w:pPr/w:spacing/@w:line")
    if defaults != [wanted]:
        problems.append(f"the default line spacing is not {LINE_SPACING:g}")
    return sorted(set(problems))


def docx_margins(parts: Parts) -> list[str]:
    least = round(MIN_MARGIN_CM / 2.54 * 1440)  # in twentieths of a point
    problems = []
    for margin in parts["word/document.xml"].iter(w("pgMar")):
        for side in ("top", "bottom", "left", "right"):
            if int(margin.get(w(side), "0")) < least:
                problems.append(f"the {side} margin is "
                                f"{int(margin.get(w(side), '0')) / 1440 * 2.54:.1f} cm")
    return problems


def docx_sans_serif(parts: Parts) -> list[str]:
    problems = []
    for fonts in parts["word/styles.xml"].iter(w("rFonts")):
        font = fonts.get(w("ascii"))
        if font is None and fonts.get(w("asciiTheme")):
            problems.append(f"a theme font in {owner(grandparent(fonts))}")
        elif font is not None and font not in SANS_SERIF:
            problems.append(f"{font} in {owner(grandparent(fonts))}")
    return sorted(set(problems))


def docx_left_aligned(parts: Parts) -> list[str]:
    return sorted({f"justified text in {owner(grandparent(jc))}"
                   for root in parts.values() for jc in root.iter(w("jc"))
                   if jc.get(w("val")) in ("both", "distribute")})


DOCX_RULES: tuple[DocxRule, ...] = (
    ("min-size", docx_min_size), ("no-italics", docx_no_italics),
    ("line-spacing", docx_line_spacing), ("margins", docx_margins),
    ("sans-serif", docx_sans_serif), ("left-aligned", docx_left_aligned))
