"""The standard edition: an accessible web page (``index.html``) modelled on GOV.UK publications,
and the same text as a tagged print PDF (``<slug of the title>.pdf``).

One page, not several: readers can search the whole toolkit at once, save or send one file, and
every section id is a fragment of the same address; the contents list at the top reaches every
chapter and section.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import ClassVar

from formats.core.contract import Edition, ReadBack, RuleResult, printed_parts
from formats.core.model import Document, Medium
from formats.core.names import TEMPLATES, slug
from formats.editions.standard.links import form_chapter, form_versions, other_formats
from formats.outputs.html.browser import browser_session

# The writers, readers and rules (WeasyPrint, jinja2, pypdf) are imported where they are used:
# the build imports every edition for its cache key, and only the process that renders one
# pays for them.

PAGE = "index.html"
SCREEN_STYLESHEET = "screen.css"  # written with the narrow-screen table rules after it
COPIED_ASSETS = ("print.css", "form.js")  # form.js: the feedback form's download, copy, print
PDF_TEMPLATE = "print/toolkit.html.j2"
PDF_STYLESHEET = "print/print.css"
HTML_OUTPUT = "standard/html"
PDF_OUTPUT = "standard/pdf"
BODY_MINIMUM = 12.0  # points: RNIB clear print
# Characters a line of body text may hold: print.css sets the measure for 75 ("at most about
# 75"); a line of narrow letters may hold a few more.
LINE_MAXIMUM = 80


def pdf_name(document: Document) -> str:
    """Return the file name of the standard PDF: a slug of the title ("all-together-now.pdf")."""
    return f"{slug(document.meta.title)}.pdf"


def pdf_html(document: Document) -> str:
    """Return the print HTML that the standard PDF is made from."""
    from formats.outputs.html.print_page import print_html, stylesheet

    return print_html(document, PDF_TEMPLATE, [stylesheet(PDF_STYLESHEET)],
                      pdf_title=f"{document.meta.title}: {document.meta.subtitle}")


def render_web(document: Document, out_dir: Path) -> list[Path]:
    """Write the web page, its stylesheets and pictures into ``out_dir``; return the files."""
    from formats.outputs.html.stylesheets import with_narrow_tables
    from formats.outputs.html.templating import PictureCopier, environment, page_context

    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = PictureCopier(document.source_dir, out_dir)
    assets = out_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    screen = assets / SCREEN_STYLESHEET
    screen.write_bytes(with_narrow_tables(TEMPLATES / "standard" / SCREEN_STYLESHEET))
    written = [screen]
    for name in COPIED_ASSETS:
        shutil.copyfile(TEMPLATES / "standard" / name, assets / name)
        written.append(assets / name)
    stylesheets = [{"href": "assets/screen.css", "media": ""},
                   {"href": "assets/print.css", "media": "print"}]
    html = environment(pictures).get_template("standard/toolkit.html.j2").render(
        page_context(document, stylesheets=stylesheets, other_formats=other_formats(document),
                     form_versions=form_versions(document), form_where=form_chapter(document)))
    page = out_dir / PAGE
    page.write_text(html, encoding="utf-8")
    return [*written, page, *pictures.written]


def render_pdf(document: Document, out_dir: Path) -> Path:
    """Write the standard PDF into ``out_dir``; return its path. Raises RenderError."""
    from formats.outputs.pdf.writer import write_pdf

    return write_pdf(pdf_html(document), out_dir / pdf_name(document), TEMPLATES)


class StandardEdition(Edition):
    """The web page and the standard PDF."""

    name = "standard"
    check_seconds = 18.0
    build_seconds = 7.0
    # measured: 133 MB for the bundled toolkit, 568 MB for ten times its text
    memory_mb = 85.0
    memory_mb_per_100k = 76.0
    media: ClassVar[Mapping[str, Medium]] = {PDF_OUTPUT: "paged"}

    def cache_parts(self, document: Document) -> tuple[object, ...]:
        """Return the parts of the model this edition renders (see :func:`printed_parts`)."""
        return printed_parts(document)

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the web page and the PDF into ``out_dir``; return the files written.

        Raises RenderError when WeasyPrint reports a problem.
        """
        web = render_web(document, out_dir)
        return [*web, render_pdf(document, out_dir)]

    def render_preview(self, document: Document, out_dir: Path) -> list[Path]:
        """Write the web page, with its stylesheets and pictures; return the files."""
        return render_web(document, out_dir)

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what an HTML parser finds in the built web page, and pypdf in the PDF."""
        from formats.outputs.html import reader as html_reader
        from formats.outputs.pdf import reader as pdf_reader

        page = out_dir / PAGE
        if not page.is_file():
            html = ReadBack(HTML_OUTPUT, {}, (f"{page} does not exist",))
        else:
            html = ReadBack(HTML_OUTPUT, html_reader.read_file(page, out_dir))
        return [html, pdf_reader.read_back_one(out_dir, "*.pdf", PDF_OUTPUT)]

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return "web page and PDF (43 pages)"."""
        from formats.outputs.pdf import reader as pdf_reader

        pdfs = [path for path in files if path.suffix == ".pdf"]
        pages = sum(pdf_reader.page_count(path) for path in pdfs)
        return f"web page and PDF ({pages} pages)"

    def session(self) -> AbstractContextManager[object]:
        """Return one browser for every web page the check opens."""
        return browser_session()

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the web rules on the built page (in headless Chromium), its links (a link
        back to the contents ending each chapter too), its text, its ids (each on one
        element) and its quizzes' boxes to type in; the PDF rules, the print layout rules (body
        size, line length, page fill) and the heading and caption rules on the built PDF."""
        from formats.core.tables import section_write_ins
        from formats.outputs.html.answer_rules import answer_boxes
        from formats.outputs.html.id_rules import structure_rules, unique_ids
        from formats.outputs.html.link_rules import (
            back_to_contents,
            easy_read_files_beside,
            links_resolve,
            other_formats_links,
        )
        from formats.outputs.html.rules import web_rules
        from formats.outputs.html.text_rules import html_text_rules
        from formats.outputs.pdf.header_rules import chapter_labels, running_chapter
        from formats.outputs.pdf.layout_rules import layout_rules
        from formats.outputs.pdf.rules import pdf_rules
        from formats.outputs.pdf.text_rules import pdf_text_rules

        page, pdf = out_dir / PAGE, out_dir / pdf_name(document)
        results = web_rules(page, HTML_OUTPUT)
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            results += [*html_text_rules(page, HTML_OUTPUT), unique_ids(page),
                        *structure_rules(text, str(page)),
                        answer_boxes({PAGE: text}, str(page), HTML_OUTPUT,
                                     section_write_ins(document)),
                        links_resolve(page, HTML_OUTPUT, out_dir.parent),
                        other_formats_links(page, HTML_OUTPUT, document.meta.formats,
                                            self.name, easy_read_files_beside(out_dir.parent)),
                        back_to_contents(page, HTML_OUTPUT)]
        results += pdf_rules(pdf, PDF_OUTPUT, document)
        if pdf.is_file():
            results += pdf_text_rules(pdf, PDF_OUTPUT)
            results += layout_rules(pdf, PDF_OUTPUT, body_minimum=BODY_MINIMUM,
                                    line_maximum=LINE_MAXIMUM)
            results.append(running_chapter(pdf, PDF_OUTPUT, chapter_labels(document)))
        return results


EDITION = StandardEdition()
