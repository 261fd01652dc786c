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

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from formats.core.contract import Edition, ReadBack, RuleResult
from formats.core.model import Document
from formats.core.names import slug
from formats.editions.epub import metadata
from formats.editions.epub import rules as epub_edition_rules
from formats.editions.epub.content import STYLESHEET, render_contents
from formats.editions.epub.overlay_rules import overlay_rule
from formats.editions.epub.overlays import media_overlays, timed_clips
from formats.outputs.epub import reader as epub_reader
from formats.outputs.epub import rules as epub_rules
from formats.outputs.epub.writer import Book, write_epub
from formats.outputs.pdf import reader as pdf_reader

OUTPUT = epub_reader.OUTPUT


def epub_name(document: Document) -> str:
    """Return the EPUB's file name: a slug of the title ("all-together-now.epub")."""
    return f"{slug(document.meta.title)}.epub"


def make_book(document: Document, pages: Mapping[str, str], audio_dir: Path | None = None
              ) -> Book:
    """Return the EPUB of ``document``; ``pages`` gives the print page each section starts on,
    ``audio_dir`` the audio edition's folder, whose speech becomes the media overlays. Raises
    RenderError when the audio edition's files cannot be read."""
    contents = render_contents(document, pages)
    overlays = media_overlays(contents.passages, timed_clips(audio_dir), audio_dir)
    documents = tuple(dataclasses.replace(resource, overlay=overlays.overlay_of.get(
        resource.path, "") if overlays.overlay_of else "") for resource in contents.documents)
    return Book(metadata=metadata.package_metadata(document, contents, overlays),
                documents=documents,
                resources=(*contents.resources, *overlays.smil, *overlays.audio),
                toc=contents.toc,
                pages=contents.pages, landmarks=contents.landmarks, nav_stylesheet=STYLESHEET,
                nav_in_spine_at=1)  # the contents page follows the title page


class EpubEdition(Edition):
    """One EPUB 3 of the whole toolkit."""

    name = "epub"
    needs = ("standard", "audio")

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the EPUB into ``out_dir``; return it."""
        inputs = inputs or {}
        book = make_book(document, pdf_reader.section_pages_in(inputs.get("standard")),
                         inputs.get("audio"))
        return [write_epub(book, out_dir / epub_name(document))]

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what a reading system finds in the EPUB: ``epub/epub``."""
        return [epub_reader.read_back(out_dir)]

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return EPUBCheck's verdict, the accessibility metadata rule, the media overlays rule
        and axe-core on every content document."""
        path = out_dir / epub_name(document)
        return [epub_rules.epubcheck(path), epub_rules.a11y_metadata(path),
                overlay_rule(document, path), *epub_edition_rules.browser_rules(path)]

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return "EPUB 3 (13 content documents, 43 print pages listed)"."""
        books = [path for path in files if path.suffix == ".epub"]
        if len(books) != 1:
            return f"{len(books)} EPUB files"
        book = epub_reader.open_epub(books[0])
        return (f"EPUB 3 ({len(book.spine)} content documents, {len(book.pages)} print pages "
                "listed)")


EDITION = EpubEdition()
