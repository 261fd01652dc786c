"""Write an EPUB 3 package: the package document (OPF), the navigation document, the container
and the zip, byte for byte the same for the same book.

The zip holds ``mimetype`` first and stored (not compressed), then ``META-INF/container.xml``,
the package document, the navigation document, the content documents in reading order and the
other resources; every entry has the same time (the book's ``modified`` moment) and no extra
fields. Media overlays (SMIL documents and their audio) are resources like any other: a
content document names its overlay in :attr:`Resource.overlay`, and the book's metadata then
carries the durations (see :class:`Metadata`).
"""

from __future__ import annotations

import datetime
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from formats.outputs.epub.names import (
    CONTAINER_NS,
    CONTAINER_PATH,
    DC_NS,
    MEDIA_TYPES,
    MIMETYPE,
    MIMETYPE_PATH,
    NAV,
    OPF_NS,
    PACKAGE,
    ROOT,
    XML_NS,
)
from formats.outputs.epub.xhtml import element, serialise, to_xhtml

_ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Resource:
    """A file of the book: its path under the package folder, its bytes (or the file they are
    copied from when the book is written: the audio edition's MP3s are not all held in
    memory), its manifest ``properties`` ("nav", "scripted"...) and the id of its media
    overlay, if any."""

    path: str
    data: bytes | Path
    properties: str = ""
    overlay: str = ""

    @property
    def media_type(self) -> str:
        """Return the media type of the file, from its suffix."""
        return MEDIA_TYPES[PurePosixPath(self.path).suffix.lower()]

    @property
    def id(self) -> str:
        """Return the manifest id: the path made into an XML name."""
        name = "".join(sign if sign.isalnum() else "-" for sign in self.path)
        return name if name[0].isalpha() else f"r-{name}"


@dataclass(frozen=True)
class NavPoint:
    """An entry of the table of contents: where it goes, its words, its entries."""

    href: str
    label: str
    children: tuple[NavPoint, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """What the package document says about the book.

    ``accessibility`` is a list of (property, value) pairs written as ``<meta>`` elements
    ("schema:accessMode", "textual"); ``extra`` likewise for anything else (the whole book's
    "media:duration", "media:active-class"); ``refinements`` are (property, id, value) triples
    about one manifest item (an overlay's "media:duration"), written with ``refines="#id"``.
    """

    identifier: str
    title: str
    language: str
    publisher: str
    date: str
    modified: datetime.datetime
    rights: str = ""
    description: str = ""
    accessibility: tuple[tuple[str, str], ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    refinements: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Book:
    """A whole EPUB: metadata, content documents in reading order, other resources, the table
    of contents, the page list (print page label, href) and landmarks (epub:type, href,
    label), and the stylesheet and language of the navigation document."""

    metadata: Metadata
    documents: tuple[Resource, ...]
    resources: tuple[Resource, ...] = ()
    toc: tuple[NavPoint, ...] = ()
    pages: tuple[tuple[str, str], ...] = ()
    landmarks: tuple[tuple[str, str, str], ...] = ()
    nav_title: str = "Contents"
    nav_stylesheet: str = ""
    nav_in_spine_at: int | None = None  # where the contents page is read, if it is

    def spine(self, nav: Resource) -> list[Resource]:
        """Return the documents in reading order, the navigation document among them when it
        is read as a contents page."""
        documents = list(self.documents)
        if self.nav_in_spine_at is not None:
            documents.insert(self.nav_in_spine_at, nav)
        return documents


def container() -> bytes:
    """Return ``META-INF/container.xml``, pointing to the package document."""
    root = etree.Element(f"{{{CONTAINER_NS}}}container",
                         nsmap={None: CONTAINER_NS},  # type: ignore[dict-item]
                         version="1.0")
    rootfiles = etree.SubElement(root, f"{{{CONTAINER_NS}}}rootfiles")
    etree.SubElement(rootfiles, f"{{{CONTAINER_NS}}}rootfile", {
        "full-path": f"{ROOT}/{PACKAGE}", "media-type": "application/oebps-package+xml"})
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def package_document(book: Book, nav: Resource) -> bytes:
    """Return the package document: metadata, manifest and spine."""
    meta = book.metadata
    root = etree.Element(f"{{{OPF_NS}}}package",
                         nsmap={None: OPF_NS, "dc": DC_NS},  # type: ignore[dict-item]
                         attrib={
        "version": "3.0", "unique-identifier": "book-id", f"{{{XML_NS}}}lang": meta.language})
    metadata = etree.SubElement(root, f"{{{OPF_NS}}}metadata")

    def dc(name: str, text: str, **attributes: str) -> None:
        if text:
            etree.SubElement(metadata, f"{{{DC_NS}}}{name}", attributes).text = text

    def meta_element(prop: str, text: str, refines: str = "") -> None:
        attributes = {"property": prop, **({"refines": f"#{refines}"} if refines else {})}
        etree.SubElement(metadata, f"{{{OPF_NS}}}meta", attributes).text = text

    dc("identifier", meta.identifier, id="book-id")
    dc("title", meta.title)
    dc("language", meta.language)
    dc("publisher", meta.publisher)
    dc("date", meta.date)
    dc("rights", meta.rights)
    dc("description", meta.description)
    meta_element("dcterms:modified", _stamp(meta.modified))
    for prop, value in (*meta.accessibility, *meta.extra):
        meta_element(prop, value)
    for prop, target, value in meta.refinements:
        meta_element(prop, value, target)
    manifest = etree.SubElement(root, f"{{{OPF_NS}}}manifest")
    for resource in (nav, *book.documents, *book.resources):
        attributes = {"id": resource.id, "href": resource.path,
                      "media-type": resource.media_type}
        if resource.properties:
            attributes["properties"] = resource.properties
        if resource.overlay:
            attributes["media-overlay"] = resource.overlay
        etree.SubElement(manifest, f"{{{OPF_NS}}}item", attributes)
    spine = etree.SubElement(root, f"{{{OPF_NS}}}spine")
    for document in book.spine(nav):
        etree.SubElement(spine, f"{{{OPF_NS}}}itemref", idref=document.id)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def _toc_list(points: tuple[NavPoint, ...], parent: etree._Element) -> None:
    listing = element("ol", parent=parent)
    for point in points:
        item = element("li", parent=listing)
        element("a", {"href": point.href}, point.label, parent=item)
        if point.children:
            _toc_list(point.children, item)


def navigation_document(book: Book) -> bytes:
    """Return the navigation document: the table of contents (the document's main content),
    the page list (when there are print pages) and the landmarks, the last two hidden."""
    meta = book.metadata
    html = to_xhtml(f'<!DOCTYPE html><html lang="{meta.language}" xml:lang="{meta.language}">'
                    "<head><meta charset=\"utf-8\"><title></title></head><body></body></html>")
    head, body = html[0], html[1]
    head[1].text = f"{book.nav_title}: {meta.title}"  # after <meta charset>
    if book.nav_stylesheet:
        element("link", {"rel": "stylesheet", "href": book.nav_stylesheet}, parent=head)
    main = element("main", parent=body)
    toc = element("nav", {"epub:type": "toc", "role": "doc-toc", "id": "toc",
                          "aria-labelledby": "toc-heading"}, parent=main)
    element("h1", {"id": "toc-heading"}, book.nav_title, parent=toc)
    _toc_list(book.toc, toc)
    if book.pages:
        pages = element("nav", {"epub:type": "page-list", "role": "doc-pagelist",
                                "aria-label": "Print pages", "hidden": "hidden"}, parent=body)
        listing = element("ol", parent=pages)
        for label, href in book.pages:
            element("a", {"href": href}, label, parent=element("li", parent=listing))
    if book.landmarks:
        landmarks = element("nav", {"epub:type": "landmarks", "aria-label": "Landmarks",
                                    "hidden": "hidden"}, parent=body)
        listing = element("ol", parent=landmarks)
        for kind, href, label in book.landmarks:
            element("a", {"epub:type": kind, "href": href}, label,
                    parent=element("li", parent=listing))
    return serialise(html)


_COMPRESSED = frozenset({".mp3", ".png", ".jpg", ".jpeg"})  # stored in the EPUB as they are


def _entry(name: str, moment: datetime.datetime, stored: bool = False) -> zipfile.ZipInfo:
    when = max(moment.astimezone(datetime.UTC), _ZIP_EPOCH)
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # the same on every platform
    return info


def write_epub(book: Book, path: Path) -> Path:
    """Write ``book`` as an EPUB file at ``path``; return the path. Files already compressed
    (MP3, PNG, JPEG) are stored as they are: deflating them gains nothing and took most of
    the time a book with audio took to write."""
    nav = Resource(NAV, navigation_document(book), properties="nav")
    moment = book.metadata.modified
    entries: list[tuple[str, bytes | Path, bool]] = [
        (MIMETYPE_PATH, MIMETYPE.encode("ascii"), True),
        (CONTAINER_PATH, container(), False),
        (f"{ROOT}/{PACKAGE}", package_document(book, nav), False),
        *((f"{ROOT}/{resource.path}", resource.data,
           PurePosixPath(resource.path).suffix.lower() in _COMPRESSED)
          for resource in (*dict.fromkeys([nav, *book.spine(nav)]), *book.resources))]
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, stored in entries:
            info = _entry(name, moment, stored)
            if isinstance(data, Path):
                info.file_size = data.stat().st_size
                with data.open("rb") as source, archive.open(info, "w") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
            else:
                archive.writestr(info, data)
    return path
