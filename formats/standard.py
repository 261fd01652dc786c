"""The standard edition: an accessible web page (``index.html``) modelled on GOV.UK publications,
and the same text as a tagged print PDF (``<slug of the title>.pdf``, see :mod:`formats.pdf`).

One page, not several: readers can search the whole toolkit at once, save or send one file, and
every section id is a fragment of the same address; the contents list at the top reaches every
chapter and section.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from formats import html_read, pdf
from formats.model import Document
from formats.pdf_rules import pdf_rules
from formats.readback import ReadBack, RuleResult
from formats.web_rules import web_rules
from formats.templating import TEMPLATES, PictureCopier, environment, page_context

NAME = "standard"
PAGE = "index.html"
STYLESHEETS = ("screen.css", "print.css")
PDF_TEMPLATE = "print/toolkit.html.j2"
PDF_STYLESHEET = "print/print.css"


def render(document: Document, out_dir: Path) -> list[Path]:
    """Write the web edition into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = PictureCopier(document.source_dir, out_dir)
    env = environment(pictures)
    written: list[Path] = []
    for name in STYLESHEETS:
        target = out_dir / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / "standard" / name, target)
        written.append(target)
    stylesheets = [{"href": "assets/screen.css", "media": ""},
                   {"href": "assets/print.css", "media": "print"}]
    html = env.get_template("standard/toolkit.html.j2").render(
        page_context(document, stylesheets=stylesheets))
    page = out_dir / PAGE
    page.write_text(html, encoding="utf-8")
    written.append(page)
    written.append(render_pdf(document, out_dir))
    return written + pictures.written


def pdf_name(document: Document) -> str:
    """Return the file name of the standard PDF: a slug of the title ("all-together-now.pdf")."""
    return f"{pdf.slug(document.meta.title)}.pdf"


def pdf_html(document: Document) -> str:
    """Return the print HTML that the standard PDF is made from."""
    return pdf.print_html(document, PDF_TEMPLATE, [pdf.stylesheet(PDF_STYLESHEET)],
                          pdf_title=f"{document.meta.title}: {document.meta.subtitle}")


def render_pdf(document: Document, out_dir: Path) -> Path:
    """Write the standard PDF into ``out_dir``; return its path. Raises RenderError."""
    return pdf.write_pdf(pdf_html(document), out_dir / pdf_name(document))


def read_back(out_dir: Path) -> list[ReadBack]:
    """Return what an HTML parser finds in the built web page, and pypdf in the PDF."""
    page = out_dir / PAGE
    if not page.is_file():
        html = ReadBack("standard/html", {}, (f"{page} does not exist",))
    else:
        html = ReadBack("standard/html", html_read.read_file(page, out_dir))
    return [html, pdf.read_back_one(out_dir, "*.pdf", "standard/pdf")]


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the web rules on the built page (in headless Chromium) and the PDF rules on the
    built PDF (see :mod:`formats.web_rules` and :mod:`formats.pdf_rules`)."""
    return (web_rules(out_dir / PAGE, "standard/html")
            + pdf_rules(out_dir / pdf_name(document), "standard/pdf", document))
