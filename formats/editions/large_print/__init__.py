"""The large-print edition: a re-flowed PDF and a Word document with the same sizes.

The PDF follows the "Large print" rules of the project's standards (UKAAF G003, RNIB Clear
Print): Atkinson Hyperlegible 18pt, headings 24 / 22 / 20pt bold, nothing below 16pt, line
spacing 1.5, left-aligned, no hyphenation, no italics, A4 portrait with 2.5cm margins (see
:mod:`formats.editions.large_print.profile`). It is made from the same print page and stylesheet
as the standard PDF, with ``large-print/large-print.css`` over the stylesheet and
``large-print/toolkit.html.j2`` extending the page: tables become lists of "column: value"
lines (:data:`~formats.editions.large_print.profile.REFLOW_COLUMNS`). It is tagged PDF/UA-1
with a bookmark for every section, and is read back with pypdf like the standard PDF. Its
rules are :mod:`formats.editions.large_print.rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from formats.core.contract import Edition, ReadBack, RuleResult, printed_parts
from formats.core.model import Document, Medium
from formats.core.names import TEMPLATES, slug
from formats.editions.large_print import profile

# The writers, readers and rules (WeasyPrint, jinja2, python-docx, pypdf) are imported where
# they are used: the build imports every edition for its cache key, and only the process that
# renders one pays for them.

TEMPLATE = "large-print/toolkit.html.j2"
# The standard print stylesheet, then what large print changes in it (sizes, typeface, spacing,
# no italics, re-flowed tables, margins).
STYLESHEETS = ("print/print.css", "large-print/large-print.css")
PDF_PATTERN = "*-large-print.pdf"
DOCX_PATTERN = "*-large-print.docx"
PDF_OUTPUT = "large-print/pdf"
DOCX_OUTPUT = "large-print/docx"


def file_stem(document: Document) -> str:
    """Return the name of the large-print files without suffix ("all-together-now-large-print")."""
    return f"{slug(document.meta.title)}-large-print"


def pdf_html(document: Document) -> str:
    """Return the print HTML that the large-print PDF is made from."""
    from formats.outputs.html.print_page import print_html, stylesheet

    meta = document.meta
    return print_html(document, TEMPLATE, [stylesheet(name) for name in STYLESHEETS],
                      pdf_title=f"{meta.title}: {meta.subtitle} (large print)",
                      edition_name="Large print edition", italic_fonts=False,
                      reflow_columns=profile.REFLOW_COLUMNS)


class LargePrintEdition(Edition):
    """The large print PDF and Word document."""

    name = "large-print"
    check_seconds = 10.0
    build_seconds = 11.0
    # measured: 143 MB for the bundled toolkit, 653 MB for ten times its text
    memory_mb = 86.0
    memory_mb_per_100k = 89.0
    media: ClassVar[Mapping[str, Medium]] = {PDF_OUTPUT: "paged"}

    def cache_parts(self, document: Document) -> tuple[object, ...]:
        """Return the parts of the model this edition renders (see :func:`printed_parts`)."""
        return printed_parts(document)

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the large-print PDF and Word document; return the files.

        Raises RenderError when WeasyPrint reports a problem or the Word file cannot be made.
        """
        from formats.outputs.docx.document import write_docx
        from formats.outputs.pdf.writer import write_pdf

        out_dir.mkdir(parents=True, exist_ok=True)
        # the Word file first: its LibreOffice turn often waits for the speech workers, and
        # this process waits smaller before the PDF is laid out (a build's highest moment)
        docx = out_dir / f"{file_stem(document)}.docx"
        write_docx(document, docx, profile.DOCX)
        pdf = write_pdf(pdf_html(document), out_dir / f"{file_stem(document)}.pdf", TEMPLATES,
                        whole_words=True)
        return [pdf, docx]

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what pypdf finds in the large-print PDF and the .docx reader in the .docx."""
        from formats.outputs.docx.reader import read_back_docx
        from formats.outputs.pdf import reader as pdf_reader

        return [pdf_reader.read_back_one(out_dir, PDF_PATTERN, PDF_OUTPUT),
                read_back_docx(out_dir, DOCX_PATTERN, DOCX_OUTPUT)]

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return "PDF (106 pages) and Word document"."""
        from formats.outputs.pdf import reader as pdf_reader

        pages = sum(pdf_reader.page_count(path) for path in files if path.suffix == ".pdf")
        return f"PDF ({pages} pages) and Word document"

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the PDF and large print rules on the built PDF, the Word and large print rules
        on the built .docx with its running header's chapters, and the text rules on both
        (print words only in the .docx)."""
        from formats.editions.large_print.rules import docx_file_rules, pdf_file_rules
        from formats.outputs.docx.header_rules import running_chapter
        from formats.outputs.docx.text_rules import docx_text_rules
        from formats.outputs.pdf.text_rules import pdf_text_rules

        pdf, docx = (out_dir / f"{file_stem(document)}{suffix}" for suffix in (".pdf", ".docx"))
        results = pdf_file_rules(pdf, PDF_OUTPUT, document) + docx_file_rules(docx, out_dir)
        if pdf.is_file():
            results += pdf_text_rules(pdf, PDF_OUTPUT)
        if docx.is_file():
            results += [running_chapter(docx, DOCX_OUTPUT), *docx_text_rules(docx, DOCX_OUTPUT)]
        return results


EDITION = LargePrintEdition()
