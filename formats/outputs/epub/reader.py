"""Read an EPUB back as a reading system does: the container, the package document it points
to, the navigation document and the content documents of the spine, each parsed as XML.

Nothing here knows how the book was written. A section is a ``<section id>`` of a content
document with a heading: its title is that heading, its text every word inside it but its
sub-sections'. A section that the navigation document's table of contents does not reach
(an ``href`` to its document and id) is found with that problem, so that a reader who
navigates by the contents could not get to it; so are media overlays that highlight what is
not there or play what the EPUB does not hold (:mod:`formats.outputs.epub.overlay_reader`).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag

from lxml import etree

from formats.core.contract import FoundSection, ReadBack
from formats.outputs.epub.names import (
    CONTAINER_NS,
    CONTAINER_PATH,
    DC_NS,
    EPUB_NS,
    OPF_NS,
    XHTML,
    XHTML_NS,
)
from formats.outputs.epub.overlay_reader import overlay_problems, read_overlays

OUTPUT = "epub/epub"
_HEADINGS = {f"{{{XHTML_NS}}}h{level}" for level in range(1, 7)}
_BLOCKS = _HEADINGS | {f"{{{XHTML_NS}}}{tag}" for tag in (
    "p", "li", "td", "th", "dt", "dd", "caption", "figcaption", "legend", "label", "div",
    "section", "blockquote", "br", "tr", "option", "nav", "aside", "main", "figure", "ol", "ul")}
_SKIPPED = {f"{{{XHTML_NS}}}{tag}" for tag in ("script", "style", "template")}
_SECTION = f"{{{XHTML_NS}}}section"
_IMAGE = f"{{{XHTML_NS}}}img"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class EpubError(Exception):
    """The file is not an EPUB a reading system could open."""


@dataclass
class EpubBook:
    """What a reading system finds: metadata (by property or ``dc:`` name, each with its
    values), the manifest (href -> media type and properties), the spine (hrefs, in order),
    the table of contents (href, label, depth) and page list (label, href), and the parsed
    documents by href (paths relative to the package document's folder)."""

    package_path: str
    metadata: dict[str, list[str]] = field(default_factory=dict)
    manifest: dict[str, tuple[str, str]] = field(default_factory=dict)
    spine: list[str] = field(default_factory=list)
    nav: str = ""
    toc: list[tuple[str, str, int]] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)
    documents: dict[str, etree._Element] = field(default_factory=dict)


def _parse(archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name), _PARSER)
    except KeyError:
        raise EpubError(f"{name} is missing") from None
    except etree.XMLSyntaxError as error:
        raise EpubError(f"{name} is not well-formed XML: {error}") from None


def open_epub(path: Path) -> EpubBook:
    """Return what a reading system finds in the EPUB at ``path``. Raises EpubError."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise EpubError(f"{path.name} cannot be opened as a zip: {error}") from None
    with archive:
        container = _parse(archive, CONTAINER_PATH)
        rootfile = container.find(f".//{{{CONTAINER_NS}}}rootfile")
        if rootfile is None or not rootfile.get("full-path"):
            raise EpubError(f"{CONTAINER_PATH} names no package document")
        book = EpubBook(str(rootfile.get("full-path")))
        _read_package(book, _parse(archive, book.package_path))
        folder = posixpath.dirname(book.package_path)
        for href in dict.fromkeys([book.nav, *book.spine]):
            if href:
                book.documents[href] = _parse(archive, posixpath.join(folder, href))
    if book.nav:
        _read_nav(book, book.documents[book.nav])
    return book


def _read_package(book: EpubBook, package: etree._Element) -> None:
    metadata = package.find(f"{{{OPF_NS}}}metadata")
    for item in metadata if metadata is not None else []:
        if not isinstance(item.tag, str):
            continue
        name = (f"dc:{etree.QName(item).localname}" if item.tag.startswith(f"{{{DC_NS}}}")
                else item.get("property") or "")
        if name:
            book.metadata.setdefault(name, []).append(" ".join((item.text or "").split()))
    ids: dict[str, str] = {}
    for item in package.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item"):
        href = unquote(item.get("href", ""))
        ids[item.get("id", "")] = href
        properties = item.get("properties", "")
        book.manifest[href] = (item.get("media-type", ""), properties)
        if "nav" in properties.split():
            book.nav = href
    book.spine = [ids[ref.get("idref", "")]
                  for ref in package.iterfind(f"{{{OPF_NS}}}spine/{{{OPF_NS}}}itemref")
                  if ref.get("idref", "") in ids]


def _nav_of(nav: etree._Element, kind: str) -> etree._Element | None:
    for found in nav.iter(f"{{{XHTML_NS}}}nav"):
        if kind in found.get(f"{{{EPUB_NS}}}type", "").split():
            return found
    return None


def _resolved(base: str, href: str) -> str:
    path, fragment = urldefrag(href)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(path))) \
        if path else base
    return f"{target}#{fragment}" if fragment else target


def _read_nav(book: EpubBook, nav: etree._Element) -> None:
    toc = _nav_of(nav, "toc")
    if toc is not None:
        for link in toc.iter(f"{{{XHTML_NS}}}a"):
            depth = sum(1 for parent in link.iterancestors(f"{{{XHTML_NS}}}ol"))
            book.toc.append((_resolved(book.nav, link.get("href", "")),
                             _words(link), depth))
    pages = _nav_of(nav, "page-list")
    if pages is not None:
        book.pages = [(_words(link),
                       _resolved(book.nav, link.get("href", "")))
                      for link in pages.iter(f"{{{XHTML_NS}}}a")]


def _words(node: etree._Element) -> str:
    return " ".join("".join(str(piece) for piece in node.itertext()).split())


def own_text(section: etree._Element) -> str:
    """Return the words of an element but those of the sections inside it, with a space
    wherever a block (a paragraph, a list item, a table cell...) starts or ends; a picture's
    words are its text alternative."""
    pieces: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in _SKIPPED:
            return
        block = node.tag in _BLOCKS
        if block:
            pieces.append(" ")
        if node.tag == _IMAGE:  # a reading system says a picture's text alternative
            pieces.append(f" {node.get('alt', '')} ")
        pieces.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and not (child.tag == _SECTION and child is not node):
                walk(child)
            pieces.append(child.tail or "")
        if block:
            pieces.append(" ")

    walk(section)
    return " ".join("".join(pieces).split())


def _heading_of(section: etree._Element) -> etree._Element | None:
    for found in section.iter(*_HEADINGS):
        owner = next(found.iterancestors(_SECTION), None)
        if owner is section:
            return found
    return None


def read_sections(book: EpubBook) -> dict[str, FoundSection]:
    """Return the sections of the spine's content documents by id, each with its heading and
    own text; a section the table of contents does not reach carries that problem."""
    reached = {href for href, _, _ in book.toc}
    found: dict[str, FoundSection] = {}
    for href in book.spine:
        document = book.documents[href]
        for section in document.iter(_SECTION):
            section_id = section.get("id")
            heading = _heading_of(section)
            if not section_id or heading is None:
                continue
            title = _words(heading)
            problems = () if f"{href}#{section_id}" in reached else (
                "not reached from the navigation document's table of contents",)
            found.setdefault(section_id, FoundSection(section_id, title, own_text(section),
                                                      problems, href))
    return found


def book_problems(book: EpubBook) -> list[str]:
    """Return what is wrong with the book as a whole: no navigation document, content
    documents that are not XHTML, table of contents entries that go nowhere."""
    problems = [] if book.nav else ["the package document names no navigation document"]
    problems += [f"{href} in the spine is not XHTML" for href in book.spine
                 if book.manifest.get(href, ("", ""))[0] != XHTML]
    ids = {f"{href}#{node.get('id')}" for href, document in book.documents.items()
           for node in document.iter() if node.get("id")}
    problems += [f"the table of contents entry '{label}' goes to {target}, which does not exist"
                 for target, label, _ in book.toc
                 if ("#" in target and target not in ids)
                 or target.split("#")[0] not in book.documents]
    return problems


def read_back(out_dir: Path, output: str = OUTPUT, pattern: str = "*.epub",
              leave_out: str = "") -> ReadBack:
    """Return what the one EPUB in ``out_dir`` whose name matches ``pattern`` (and not
    ``leave_out``) holds, as the output ``output``."""
    files = sorted(path for path in out_dir.glob(pattern)
                   if not (leave_out and path.match(leave_out))) if out_dir.is_dir() else []
    if len(files) != 1:
        what = f"{len(files)} EPUB files" if files else "no EPUB file"
        return ReadBack(output, {}, (f"{what} ({pattern}) in {out_dir}",))
    try:
        book = open_epub(files[0])
    except EpubError as error:
        return ReadBack(output, {}, (f"{files[0].name}: {error}",))
    return ReadBack(output, read_sections(book),
                    (*book_problems(book), *_overlay_problems(files[0], book)))


def _overlay_problems(path: Path, book: EpubBook) -> list[str]:
    """Return what is wrong with the book's media overlays (none when it has none)."""
    try:
        overlays = read_overlays(path)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        return [f"the media overlays cannot be read: {error}"]
    return overlay_problems(overlays, document_ids(book))


def document_ids(book: EpubBook) -> dict[str, set[str]]:
    """Return every element id of each document of the book."""
    return {href: {str(node.get("id")) for node in document.iter() if node.get("id")}
            for href, document in book.documents.items()}
