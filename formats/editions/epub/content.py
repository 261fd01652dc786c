"""The EPUB's content documents: a title page, then one document per chapter and appendix,
written with the web edition's templates and made XHTML.

Every section keeps the id it has on the web page; links between sections go to the document
that holds their target; every print page of the standard PDF has a page-break marker, which the
page list points to, before the section or block where the page's words start
(:mod:`formats.core.print_page_places`); every passage-sized element has an id
(:mod:`formats.editions.epub.passages`) for media overlays.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from formats.core.model import Document, Section
from formats.core.names import TEMPLATES, derived_id
from formats.core.print_page_places import page_places
from formats.editions.epub.passages import mark_passages
from formats.outputs.epub.names import NAV
from formats.outputs.epub.writer import NavPoint, Resource
from formats.outputs.epub.xhtml import ids_in, serialise, to_xhtml, x
from formats.outputs.html.stylesheets import with_narrow_tables
from formats.outputs.html.templating import PictureCopier, environment, page_context

CHAPTER_TEMPLATE = "epub/chapter.xhtml.j2"
TITLE_TEMPLATE = "epub/title-page.xhtml.j2"
STYLESHEET = "css/epub.css"
STYLESHEET_SOURCE = TEMPLATES / "epub" / "epub.css"
TITLE_PAGE = "00-title-page.xhtml"
PICTURES = "images"
SECTION_TYPES = {"chapter": "chapter", "appendix": "appendix", "closing": "afterword",
                 "section": "chapter"}


@dataclass(frozen=True)
class Contents:
    """What the EPUB holds: content documents in reading order, pictures and the stylesheet,
    the table of contents, the page list (label, href), landmarks, and the passages each
    document shows ({document name: {passage ref: element id}})."""

    documents: tuple[Resource, ...]
    resources: tuple[Resource, ...]
    toc: tuple[NavPoint, ...]
    pages: tuple[tuple[str, str], ...]
    landmarks: tuple[tuple[str, str, str], ...]
    passages: Mapping[str, Mapping[str, str]]


def document_name(index: int, chapter: Section) -> str:
    """Return the file name of a chapter's document ("01-introduction.xhtml")."""
    return f"{index:02d}-{chapter.id}.xhtml"


def _toc(section: Section, names: Mapping[str, str]) -> NavPoint:
    return NavPoint(f"{names[section.id]}#{section.id}", section.label,
                    tuple(_toc(child, names) for child in section.children))


def link_across_documents(roots: dict[str, etree._Element]) -> None:
    """Point every ``#id`` link to the document that holds the id."""
    holder = {element_id: name for name, root in roots.items() for element_id in ids_in(root)}
    for name, root in roots.items():
        for link in root.iter(x("a")):
            href = link.get("href", "")
            target = holder.get(href[1:]) if href.startswith("#") else None
            if target is not None and target != name:
                link.set("href", f"{target}{href}")


SCRIPTED_ELEMENTS = ("form", "script")


def _properties(root: etree._Element) -> str:
    """Return a content document's manifest properties: "scripted" when it holds a script or
    a ``<form>`` (EPUB counts a form as scripting; fields outside one are not)."""
    found = any(next(root.iter(x(name)), None) is not None for name in SCRIPTED_ELEMENTS)
    return "scripted" if found else ""


def render_contents(document: Document, pages: Mapping[str, str],
                    openings: Sequence[tuple[str, str]] = ()) -> Contents:
    """Return the content documents, pictures and stylesheet of the EPUB, its table of
    contents, page list and landmarks. ``pages`` gives the print page each section starts on
    (section id -> label; empty when unknown), ``openings`` each print page's label and first
    words (:func:`formats.core.print_page_places.page_places`)."""
    breaks = page_places(document, pages, openings)
    names = {section.id: document_name(index, chapter)
             for index, chapter in enumerate(document.chapters, start=1)
             for section in chapter.walk()}
    with tempfile.TemporaryDirectory() as folder:
        pictures = PictureCopier(document.source_dir, Path(folder), folder=PICTURES)
        env = environment(pictures)
        roots = {TITLE_PAGE: to_xhtml(env.get_template(TITLE_TEMPLATE).render(
            page_context(document, stylesheet=STYLESHEET)))}
        passages: dict[str, dict[str, str]] = {}
        for chapter in document.chapters:
            root = to_xhtml(env.get_template(CHAPTER_TEMPLATE).render(page_context(
                document, chapter=chapter, page_breaks=breaks, section_types=SECTION_TYPES,
                stylesheet=STYLESHEET, form_scripts=False)))
            passages[names[chapter.id]] = mark_passages(root)
            roots[names[chapter.id]] = root
        link_across_documents(roots)
        images = tuple(Resource(path.relative_to(folder).as_posix(), path.read_bytes())
                       for path in sorted(pictures.written))
    documents = tuple(Resource(name, serialise(root), properties=_properties(root))
                      for name, root in roots.items())
    stylesheet = Resource(STYLESHEET, with_narrow_tables(STYLESHEET_SOURCE))
    first = names[document.chapters[0].id] if document.chapters else TITLE_PAGE
    return Contents(
        documents=documents, resources=(stylesheet, *images),
        toc=tuple(_toc(chapter, names) for chapter in document.chapters),
        pages=tuple((label, f"{names[place.split('/')[0]]}#{derived_id('page', label)}")
                    for place, labels in breaks.items() for label in labels),
        landmarks=(("titlepage", TITLE_PAGE, "Title page"), ("toc", f"{NAV}#toc", "Contents"),
                   ("bodymatter", first, "Start of the toolkit")),
        passages=passages)
