"""The EPUB edition: the whole toolkit as one EPUB 3 for e-book readers.

A title page and one content document per chapter (:mod:`formats.editions.epub.content`),
written with the web edition's templates and styles adapted for reading systems; a navigation
document listing every chapter and section with the web edition's ids; a page list of the
standard PDF's pages where sections start (the standard edition is built first and its PDF
read); EPUB Accessibility 1.1 metadata (:mod:`formats.editions.epub.metadata`). Every
passage-sized element has an id, so that the audio edition's passages can be joined to the
text by media overlays without the documents changing.

The read-back opens the EPUB as a reading system does (container, package document,
navigation, content documents: :mod:`formats.outputs.epub.reader`); the rules run EPUBCheck,
check the accessibility metadata and run axe-core in Chromium on every content document.

Media overlays (:mod:`formats.editions.epub.overlays`): the audio edition is built first, and
its speech, timed passage by passage, is joined to the text, so that a reader can listen while
each passage is highlighted. Without the audio edition the EPUB has no overlays.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

from formats.core.contract import Edition, Expected, ReadBack, RuleResult, easy_read_expected
from formats.core.model import Document, Medium
from formats.core.names import slug

# The book's making, the writer, the readers and the rules (jinja2, lxml, mutagen, pypdf) are
# imported where they are used: the build imports every edition for its cache key, and only
# the process that renders one pays for them.

OUTPUT = "epub/epub"  # the reader's (formats.outputs.epub.reader.OUTPUT)
EASY_READ_OUTPUT = "epub/easy-read-epub"
EASY_READ_PATTERN = "*-easy-read.epub"


def epub_name(document: Document) -> str:
    """Return the EPUB's file name: a slug of the title ("all-together-now.epub")."""
    return f"{slug(document.meta.title)}.epub"


class EpubEdition(Edition):
    """One EPUB 3 of the whole toolkit, and one of its Easy Read text when the source has one."""

    name = "epub"
    check_seconds = 35.0
    build_seconds = 3.5
    memory_mb = 130.0
    memory_mb_per_100k = 10.0
    needs = ("standard", "audio")
    media: ClassVar[Mapping[str, Medium]] = {OUTPUT: "reflowable",
                                             EASY_READ_OUTPUT: "reflowable"}

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the EPUB (and the Easy Read EPUB) into ``out_dir``; return them."""
        from formats.editions.epub.book import make_book, make_easy_read_book
        from formats.editions.epub.easy_read import easy_read_epub_name
        from formats.outputs.epub.writer import write_epub
        from formats.outputs.pdf import print_pages

        inputs = inputs or {}
        standard = inputs.get("standard")
        book = make_book(document, print_pages.section_pages_in(standard), inputs.get("audio"),
                         print_pages.page_openings_in(standard))
        # the book is written (most of it copying its MP3s, which file reads and writes do
        # without Python's lock) while the Easy Read book is made and written
        with ThreadPoolExecutor(max_workers=1) as pool:
            main = pool.submit(write_epub, book, out_dir / epub_name(document))
            easy = ([write_epub(make_easy_read_book(document, inputs.get("audio")),
                                out_dir / easy_read_epub_name(document))]
                    if document.easy_read is not None else [])
            return [main.result(), *easy]

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what a reading system finds in the EPUB (``epub/epub``) and in the Easy Read
        EPUB when there is one (``epub/easy-read-epub``)."""
        from formats.outputs.epub import reader as epub_reader

        found = [epub_reader.read_back(out_dir, leave_out=EASY_READ_PATTERN)]
        if any(out_dir.glob(EASY_READ_PATTERN)):
            found.append(epub_reader.read_back(out_dir, EASY_READ_OUTPUT, EASY_READ_PATTERN))
        return found

    def expected_for(self, document: Document, output: str) -> dict[str, Expected]:
        """Return the standard sections for the EPUB, the Easy Read parts that cover them for
        the Easy Read EPUB."""
        if output == EASY_READ_OUTPUT:
            return easy_read_expected(document)
        return self.expected(document)

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return, for each EPUB, EPUBCheck's verdict, the accessibility metadata rule, the
        media overlays rule, the rules read without a browser and axe-core on every content
        document; then the page list against the standard PDF's pages."""
        from formats.core.tables import section_write_ins
        from formats.editions.epub import rules as epub_edition_rules
        from formats.editions.epub.easy_read import easy_read_epub_name
        from formats.editions.epub.overlay_rules import (
            easy_read_passages,
            overlay_rule,
            toolkit_passages,
        )
        from formats.outputs.epub import rules as epub_rules

        books = [(out_dir / epub_name(document), toolkit_passages(document))]
        # the Easy Read parts have no tables
        answer_spaces: list[int | dict[str, int]] = [section_write_ins(document)]
        if document.easy_read is not None:
            books.append((out_dir / easy_read_epub_name(document),
                          easy_read_passages(document)))
            answer_spaces.append(0)
        # EPUBCheck is a Java process of its own: it runs while the browsers check the pages
        with ThreadPoolExecutor(max_workers=1) as pool:
            verdicts = pool.submit(epub_rules.epubcheck_books, [path for path, _ in books])
            in_browser = epub_edition_rules.books_browser_rules([path for path, _ in books])
            listing = [epub_edition_rules.page_list_result(document, books[0][0],
                                                           out_dir.parent / "standard")]
            others = [[epub_rules.a11y_metadata(path), overlay_rule(path, wanted),
                       *epub_edition_rules.epub_structure_rules(path, spaces), *browsed]
                      for (path, wanted), spaces, browsed in zip(books, answer_spaces, in_browser,
                                                                 strict=True)]
            return [result for verdict, rest in zip(verdicts.result(), others, strict=True)
                    for result in (verdict, *rest)] + listing

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return "EPUB 3 (13 content documents, 43 print pages listed)", and the Easy Read
        EPUB's documents when there is one."""
        from formats.outputs.epub import reader as epub_reader

        books = [path for path in files if path.suffix == ".epub"]
        easy = [path for path in books if path.match(EASY_READ_PATTERN)]
        main = [path for path in books if path not in easy]
        if len(main) != 1 or len(easy) > 1:
            return f"{len(books)} EPUB files"
        book = epub_reader.open_epub(main[0])
        said = (f"EPUB 3 ({len(book.spine)} content documents, {len(book.pages)} print pages "
                "listed")
        if easy:
            said += f"; Easy Read: {len(epub_reader.open_epub(easy[0]).spine)} documents"
        return said + ")"


EDITION = EpubEdition()
