"""The Easy Read EPUB: the Easy Read text as its own EPUB 3, a picture beside each idea.

A title page, one content document per part and one for the word list, written from
``templates/epub/easy-read.xhtml.j2`` with the Easy Read web page's filters (rows split into
picture and words, hyphenated words kept whole), the Atkinson Hyperlegible font embedded, and
every row, heading and word-list entry given an id (:mod:`formats.editions.epub.passages`) for
the media overlays made from the audio edition's Easy Read speech.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from formats.core.model import Document
from formats.core.names import TEMPLATES, easy_read_stem
from formats.editions.epub.content import PICTURES, TITLE_PAGE, Contents, link_across_documents
from formats.editions.epub.passages import mark_passages
from formats.outputs.epub.names import NAV
from formats.outputs.epub.writer import NavPoint, Resource
from formats.outputs.epub.xhtml import serialise, to_xhtml
from formats.outputs.html.easy_read import (
    WORD_LIST_ID,
    WORD_LIST_TITLE,
    context,
    easy_read_environment,
    font_files,
    require_easy_read,
)
from formats.outputs.html.templating import PictureCopier

TEMPLATE = "epub/easy-read.xhtml.j2"
STYLESHEET = "css/easy-read.css"
STYLESHEET_SOURCE = TEMPLATES / "epub" / "easy-read.css"
FONTS = "fonts"
AUDIO_FOLDER = "easy-read"  # the audio edition's folder of Easy Read speech


def easy_read_epub_name(document: Document) -> str:
    """Return the Easy Read EPUB's file name ("all-together-now-easy-read.epub")."""
    return f"{easy_read_stem(document.meta.title)}.epub"


def render_easy_read_contents(document: Document) -> Contents:
    """Return the content documents, pictures, fonts and stylesheet of the Easy Read EPUB, its
    table of contents, landmarks and the passages each document shows. Raises RenderError when
    the source has no Easy Read text."""
    easy_read = require_easy_read(document)
    names = {part.id: f"{part.number:02d}-{part.id}.xhtml" for part in easy_read.parts}
    word_list = f"{len(easy_read.parts) + 1:02d}-{WORD_LIST_ID}.xhtml"
    with tempfile.TemporaryDirectory() as folder:
        pictures = PictureCopier(document.source_dir, Path(folder), folder=PICTURES)
        template = easy_read_environment(pictures).get_template(TEMPLATE)
        roots = {TITLE_PAGE: to_xhtml(template.render(context(document, page="title",
                                                              stylesheet=STYLESHEET)))}
        for part in easy_read.parts:
            roots[names[part.id]] = to_xhtml(template.render(context(
                document, page="part", part=part, stylesheet=STYLESHEET)))
        roots[word_list] = to_xhtml(template.render(context(document, page="word-list",
                                                            stylesheet=STYLESHEET)))
        passages = {name: mark_passages(root) for name, root in roots.items()
                    if name != TITLE_PAGE}
        link_across_documents(roots)
        images = tuple(Resource(path.relative_to(folder).as_posix(), path.read_bytes())
                       for path in sorted(pictures.written))
    fonts = tuple(Resource(f"{FONTS}/{font.name}", font.read_bytes()) for font in font_files())
    stylesheet = Resource(STYLESHEET, STYLESHEET_SOURCE.read_bytes())
    toc = (*(NavPoint(f"{names[part.id]}#{part.id}", f"{part.number}. {part.title}")
             for part in easy_read.parts),
           NavPoint(f"{word_list}#{WORD_LIST_ID}", WORD_LIST_TITLE))
    first = names[easy_read.parts[0].id] if easy_read.parts else word_list
    return Contents(
        documents=tuple(Resource(name, serialise(root)) for name, root in roots.items()),
        resources=(stylesheet, *fonts, *images), toc=toc, pages=(),
        landmarks=(("titlepage", TITLE_PAGE, "Title page"), ("toc", f"{NAV}#toc", "Contents"),
                   ("bodymatter", first, "Start of the guide")),
        passages=passages)
