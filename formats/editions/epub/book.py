"""Make the EPUB books (:class:`~formats.outputs.epub.writer.Book`) of the toolkit and of its
Easy Read text, with media overlays from the audio edition's speech."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from formats.core.model import Document
from formats.editions.epub import metadata
from formats.editions.epub.content import STYLESHEET, Contents, render_contents
from formats.editions.epub.easy_read import AUDIO_FOLDER as EASY_READ_AUDIO
from formats.editions.epub.easy_read import STYLESHEET as EASY_READ_STYLESHEET
from formats.editions.epub.easy_read import render_easy_read_contents
from formats.editions.epub.overlays import media_overlays, timed_clips
from formats.outputs.epub.writer import Book
from formats.outputs.html.easy_read import edition_title, require_easy_read


def _book(document: Document, contents: Contents, audio_dir: Path | None,
          easy_read_title: str = "") -> Book:
    """Return an EPUB of ``contents``, with media overlays from the speech in ``audio_dir``.
    Raises RenderError when the audio edition's files cannot be read."""
    overlays = media_overlays(contents.passages, timed_clips(audio_dir), audio_dir)
    documents = tuple(dataclasses.replace(resource, overlay=overlays.overlay_of.get(
        resource.path, "") if overlays.overlay_of else "") for resource in contents.documents)
    stylesheet = EASY_READ_STYLESHEET if easy_read_title else STYLESHEET
    return Book(metadata=metadata.package_metadata(document, contents, overlays,
                                                   easy_read_title),
                documents=documents,
                resources=(*contents.resources, *overlays.smil, *overlays.audio),
                toc=contents.toc, pages=contents.pages, landmarks=contents.landmarks,
                nav_stylesheet=stylesheet,
                nav_in_spine_at=1)  # the contents page follows the title page


def make_book(document: Document, pages: Mapping[str, str], audio_dir: Path | None = None,
              openings: Sequence[tuple[str, str]] = ()) -> Book:
    """Return the EPUB of ``document``; ``pages`` gives the print page each section starts on,
    ``openings`` each print page's label and first words (where its marker goes), ``audio_dir``
    the audio edition's folder, whose speech becomes the media overlays. Raises RenderError when
    the audio edition's files cannot be read."""
    return _book(document, render_contents(document, pages, openings), audio_dir)


def make_easy_read_book(document: Document, audio_dir: Path | None = None) -> Book:
    """Return the Easy Read EPUB of ``document``, with media overlays from the audio edition's
    Easy Read speech (in ``audio_dir``/easy-read). Raises RenderError when the source has no
    Easy Read text or the audio edition's files cannot be read."""
    easy_read = audio_dir / EASY_READ_AUDIO if audio_dir is not None else None
    return _book(document, render_easy_read_contents(document), easy_read,
                 edition_title(require_easy_read(document)))
