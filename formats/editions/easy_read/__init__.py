"""The Easy Read edition: a web page, a PDF (booklets of at most 24 pages) and a Word file (the
same booklets).

The Easy Read text is its own source (``source/easy-read/``): parts of rows, each a picture of
the picture library beside one or two short sentences, and a word list. Each part says which
standard sections it ``covers``; the coverage check looks for that part in every output when it
checks one of those sections (:func:`expected`). The rules of standards.md ("Easy Read") are
checked on the source and on the built files (:func:`rules`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path

from formats.core.contract import (
    Edition,
    Expected,
    ReadBack,
    RuleResult,
    easy_read_expected,
    easy_read_parts,
)
from formats.core.model import Document

# The writers, readers and rules (WeasyPrint, jinja2, python-docx, pypdf) are imported where
# they are used: the build imports every edition for its cache key, and only the process that
# renders one pays for them.

HTML_OUTPUT = "easy-read/html"
# The picture-beside-words tables of the Word file are layout tables: a header row ("Picture",
# "Words") would be read out before every row, so the Word rule asking for one is not applied.
LAYOUT_TABLES_EXEMPT = "easy-read/word/table-header"


class EasyReadEdition(Edition):
    """The Easy Read web page, PDF booklets and Word booklets."""

    name = "easy-read"
    check_seconds = 21.0
    build_seconds = 17.0
    memory_mb = 300.0  # four booklets and LibreOffice: 296 MB (its own text, not the chapters)

    def cache_parts(self, document: Document) -> tuple[object, ...]:
        """Return the parts of the model this edition renders (see :func:`easy_read_parts`)."""
        return easy_read_parts(document)

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the web page, the PDF (or booklets) and the Word file (or the same booklets);
        return every file.

        Raises RenderError when there is no Easy Read text, WeasyPrint reports a problem or
        LibreOffice cannot lay a Word file out (a picture that is not a PNG is the loader's
        problem).
        """
        from formats.editions.easy_read import docx as docx_output
        from formats.editions.easy_read import html as html_output
        from formats.editions.easy_read import pdf as pdf_output

        # the PDFs first: the Word booklets hold the parts the PDF booklets do, and the plan
        # is only known once WeasyPrint has laid out the whole guide and then each booklet
        # (a booklet too long gives its last part to the next). The Word file came first when
        # it was one (commit fadef10), so that its LibreOffice turn, which often waits for the
        # speech workers, came before this process held WeasyPrint's heap (a cold build's peak
        # was 431-443 MB that way against 477-482 MB); that saving is given up for Word files
        # that match the booklets. The page last, as it offers them all.
        booklets = pdf_output.render_booklets(document, out_dir)
        printed = [path for _, path in booklets]
        docx = docx_output.render_docx(document, out_dir, [booklet for booklet, _ in booklets])
        return html_output.render_html(document, out_dir, [*printed, *docx]) + printed + docx

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return what was built: "web page, 4 PDF booklets and 4 Word booklets (99 files)",
        or "web page, PDF and Word document (N files)" when the guide is not split."""
        pdfs = sum(1 for path in files if path.suffix == ".pdf")
        words = sum(1 for path in files if path.suffix == ".docx")
        printed = f"{pdfs} PDF booklets" if pdfs > 1 else "PDF"
        word = f"{words} Word booklets" if words > 1 else "Word document"
        return f"web page, {printed} and {word} ({len(files)} files)"

    def render_preview(self, document: Document, out_dir: Path) -> list[Path]:
        """Write the web page, with its stylesheet, fonts and pictures; return the files.

        Raises RenderError when there is no Easy Read text."""
        from formats.editions.easy_read import html as html_output

        return html_output.render_html(document, out_dir)

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what independent readers find in the page, the PDF files and the Word files."""
        from formats.editions.easy_read import docx as docx_output
        from formats.editions.easy_read import pdf as pdf_output

        return [read_back_html(out_dir), pdf_output.read_back(out_dir),
                docx_output.read_back(out_dir)]

    def expected(self, document: Document) -> dict[str, Expected]:
        """Return, for every standard section, what covers it in Easy Read (see
        :func:`expected`)."""
        return expected(document)

    def session(self) -> AbstractContextManager[object]:
        """Return one browser for every web page the check opens."""
        from formats.outputs.html.browser import browser_session

        return browser_session()

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the Easy Read rules checked on the source, on the built files in ``out_dir``,
        and on the page in headless Chromium."""
        from formats.editions.easy_read import html as html_output
        from formats.editions.easy_read import rules as easy_read_rules

        return (easy_read_rules.source_rules(document) + file_rules(out_dir, document)
                + easy_read_rules.browser_rules(out_dir / html_output.PAGE, HTML_OUTPUT))


EDITION = EasyReadEdition()


def read_back_html(out_dir: Path) -> ReadBack:
    """Return the parts (``<section id>`` with a heading) an HTML parser finds in the page."""
    from formats.editions.easy_read import html as html_output
    from formats.outputs.html import reader as html_reader
    from formats.outputs.html.easy_read import WORD_LIST_ID

    page = out_dir / html_output.PAGE
    if not page.is_file():
        return ReadBack(HTML_OUTPUT, {}, (f"{page} does not exist",))
    sections = html_reader.read_file(page, out_dir)
    problems = () if WORD_LIST_ID in sections else ("the word list was not found",)
    return ReadBack(HTML_OUTPUT, sections, problems)


def expected(document: Document) -> dict[str, Expected]:
    """Return, for every standard section, the Easy Read part that covers it (see
    :func:`formats.core.contract.easy_read_expected`; the mapping rule names a section no part
    covers)."""
    return easy_read_expected(document)


def file_rules(out_dir: Path, document: Document | None = None) -> list[RuleResult]:
    """Return the rules measured on the built files: pictures in the page (one alt text a
    file), each id of the page on one element, a link back to the contents at the end of each
    part and of the word list, a link to each of its PDF and Word files and to the Easy Read
    recording and e-book beside it (``web/other-formats-links``), PDF
    pages, the parts' numbers in each booklet's contents, text size and line ends, what a
    screen reader reads of each booklet (:mod:`formats.outputs.pdf.tag_rules`), each
    booklet's word list (against the ``document``'s word list too, when given) and its saying
    how hard words are shown, the Word rules and page on each .docx, and the Word booklets
    holding the parts of the PDF booklets (``easy-read/word-booklets``), each with the word list
    its bold words need (``easy-read/word-booklet-word-list``) and 24 pages or fewer as
    LibreOffice lays it out (``easy-read/word-booklet-pages``)."""
    from formats.editions.easy_read import docx as docx_output
    from formats.editions.easy_read import html as html_output
    from formats.editions.easy_read import pdf as pdf_output
    from formats.editions.easy_read import rules as easy_read_rules
    from formats.editions.easy_read.booklet_rules import (
        bold_explained,
        booklet_word_list,
        part_numbers,
        pdf_line_ends,
    )
    from formats.editions.easy_read.picture_rules import html_picture_meaning
    from formats.editions.easy_read.word_booklet_pages import word_booklet_pages
    from formats.editions.easy_read.word_booklet_rules import word_booklets
    from formats.editions.easy_read.word_booklet_words import word_booklet_word_list
    from formats.outputs.html.id_rules import unique_ids
    from formats.outputs.html.link_rules import (
        back_to_contents,
        easy_read_files_beside,
        other_formats_links,
    )
    from formats.outputs.pdf.block_rules import BLOCK_RULES
    from formats.outputs.pdf.contents_rules import contents_pages
    from formats.outputs.pdf.glyph_reader import read_pages
    from formats.outputs.pdf.link_rules import LINK_RULES
    from formats.outputs.pdf.list_rules import lists_in_points
    from formats.outputs.pdf.rules import pdf_rules
    from formats.outputs.pdf.tag_rules import TAG_RULES

    files = pdf_output.pdf_files(out_dir)
    word_files = docx_output.docx_files(out_dir)
    entries = document.easy_read.word_list if document and document.easy_read else ()
    page = out_dir / html_output.PAGE
    read = functools.cache(read_pages)  # each booklet's characters are read once (0.2 s each)
    return (easy_read_rules.html_pictures(out_dir, html_output.PAGE)
            + ([unique_ids(page), back_to_contents(page, HTML_OUTPUT),
                other_formats_links(page, HTML_OUTPUT, (), "easy-read",
                                    [*files, *word_files,
                                     *easy_read_files_beside(out_dir.parent)], resolve=True)]
               if page.is_file() else [])
            + html_picture_meaning(out_dir, html_output.PAGE)
            + easy_read_rules.pdf_pages(files, out_dir)
            + easy_read_rules.pdf_text_size(files, out_dir, read)
            + pdf_line_ends(files, out_dir, read)
            + [result for path in files
               for result in pdf_rules(path, pdf_output.OUTPUT, rules=(
                   *TAG_RULES, *LINK_RULES, *BLOCK_RULES,
                   ("pdf/lists-in-points", lists_in_points),
                   ("pdf/contents-pages", contents_pages)))]
            + booklet_word_list(files, out_dir, entries, read)
            + bold_explained(files, out_dir, read)
            + (part_numbers(files, out_dir, document.easy_read.parts, read)
               if document and document.easy_read else [])
            + word_booklets(files, word_files, out_dir,
                            document.easy_read.parts if document and document.easy_read else ())
            + word_booklet_word_list(word_files, out_dir, entries)
            + word_booklet_pages(word_files, out_dir)
            + word_rules(out_dir))


def word_rules(out_dir: Path) -> list[RuleResult]:
    """Return the project's Word rules on each Word file (the whole guide, or each booklet), but
    the header-row rule (see above), and ``easy-read/word-page``; a failed
    ``easy-read/word/file`` when there is none."""
    from formats.editions.easy_read import docx as docx_output
    from formats.editions.easy_read.booklet_rules import word_page
    from formats.outputs.docx.contents_pages_rule import lay_out_together
    from formats.outputs.docx.rules import docx_rules

    files = docx_output.docx_files(out_dir)
    if not files:
        return [RuleResult("easy-read/word/file", str(out_dir), False,
                           "there is no Word file")]
    lay_out_together(files)  # one LibreOffice run for the booklets' contents-pages rules
    return [result for path in files
            for result in [*docx_rules(path, out_dir, prefix="easy-read/word"),
                           word_page(path, out_dir)]
            if result.rule != LAYOUT_TABLES_EXEMPT]
