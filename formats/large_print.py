"""The large-print edition: a re-flowed PDF and a Word document with the same sizes.

The PDF follows the "Large print" rules of the project's standards (UKAAF G003, RNIB Clear
Print): Atkinson Hyperlegible 18pt, headings 24 / 22 / 20pt bold, nothing below 16pt, line
spacing 1.5, left-aligned, no hyphenation, no italics, A4 portrait with 2.5cm margins. It is
made from the same print page and stylesheet as the standard PDF (see :mod:`formats.pdf`), with
``large-print/large-print.css`` over the stylesheet and ``large-print/toolkit.html.j2`` extending
the page: tables of three or more columns become lists of "column: value" lines. It is tagged
PDF/UA-1 with a bookmark for every section, and is read back with pypdf like the standard PDF.
"""

from __future__ import annotations

from pathlib import Path

from formats import pdf, word
from formats.model import Document
from formats.pdf_rules import pdf_rules
from formats.readback import ReadBack, RuleResult
from formats.word_rules import docx_rules

NAME = "large-print"
TEMPLATE = "large-print/toolkit.html.j2"
# The standard print stylesheet, then what large print changes in it (sizes, typeface, spacing,
# no italics, re-flowed tables, margins).
STYLESHEETS = ("print/print.css", "large-print/large-print.css")
REFLOW_COLUMNS = 3  # tables with this many columns or more become lists
PDF_PATTERN = "*-large-print.pdf"
DOCX_PATTERN = "*-large-print.docx"


def file_stem(document: Document) -> str:
    """Return the name of the large-print files without suffix ("all-together-now-large-print")."""
    return f"{pdf.slug(document.meta.title)}-large-print"


def pdf_html(document: Document) -> str:
    """Return the print HTML that the large-print PDF is made from."""
    meta = document.meta
    html = pdf.print_html(document, TEMPLATE, [pdf.stylesheet(name) for name in STYLESHEETS],
                          pdf_title=f"{meta.title}: {meta.subtitle} (large print)",
                          edition_name="Large print edition", italic_fonts=False,
                          reflow_columns=REFLOW_COLUMNS)
    return html


def render(document: Document, out_dir: Path) -> list[Path]:
    """Write the large-print PDF and Word document; return the files.

    Raises RenderError when WeasyPrint reports a problem.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [pdf.write_pdf(pdf_html(document), out_dir / f"{file_stem(document)}.pdf",
                             whole_words=True)]
    docx = out_dir / f"{file_stem(document)}.docx"
    word.write_docx(document, docx, word.LARGE_PRINT)
    return [*written, docx]


def read_back(out_dir: Path) -> list[ReadBack]:
    """Return what pypdf finds in the large-print PDF and python-docx in the .docx."""
    return [pdf.read_back_one(out_dir, PDF_PATTERN, "large-print/pdf"), _read_back_docx(out_dir)]


def _read_back_docx(out_dir: Path) -> ReadBack:
    found = sorted(out_dir.glob(DOCX_PATTERN)) if out_dir.is_dir() else []
    if len(found) != 1:
        return ReadBack("large-print/docx", {},
                        (f"{len(found)} files matching {DOCX_PATTERN} in {out_dir}",))
    return ReadBack("large-print/docx", word.read_docx(found[0], out_dir))


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the PDF and large print rules on the built PDF (see :mod:`formats.pdf_rules`), and
    the Word and large print rules on the built .docx (see :mod:`formats.word_rules`)."""
    stem = file_stem(document)
    return (pdf_rules(out_dir / f"{stem}.pdf", "large-print/pdf", document, large_print=True)
            + docx_file_rules(out_dir / f"{stem}.docx", out_dir))


def docx_file_rules(path: Path, out_dir: Path) -> list[RuleResult]:
    """Return the Word rules with the large print ones (sizes, no italics...) on the .docx, or
    one failed ``large-print/docx/file`` result when it is missing."""
    if not path.is_file():
        return [RuleResult("large-print/docx/file", path.name, False, f"{path} does not exist")]
    return docx_rules(path, out_dir, prefix="large-print/docx", large_print=True)
