"""The EPUB package writer: the zip, the container, the package and navigation documents,
and HTML made into XHTML."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from formats.outputs.epub.names import EPUB_NS, XHTML_NS
from formats.outputs.epub.writer import Resource
from formats.outputs.epub.xhtml import serialise, to_xhtml
from tests.outputs.epub.sample import book, write_sample

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
H = {"h": XHTML_NS, "epub": EPUB_NS}


def test_the_mimetype_comes_first_and_stored(tmp_path: Path) -> None:
    with zipfile.ZipFile(write_sample(tmp_path / "a.epub")) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED and first.extra == b""
        assert archive.read("mimetype") == b"application/epub+zip"
        assert [info.filename for info in archive.infolist()] == [
            "mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml",
            "EPUB/01-start.xhtml", "EPUB/a.png"]
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 27, 0, 0, 0)}
    assert (tmp_path / "a.epub").read_bytes()[30:38] == b"mimetype"


def test_the_same_book_gives_the_same_bytes(tmp_path: Path) -> None:
    assert write_sample(tmp_path / "a.epub").read_bytes() == \
        write_sample(tmp_path / "b.epub").read_bytes()


def test_the_package_document_has_metadata_manifest_and_spine(tmp_path: Path) -> None:
    with zipfile.ZipFile(write_sample(tmp_path / "a.epub")) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        package = etree.fromstring(archive.read("EPUB/package.opf"))
    assert container.find(".//{*}rootfile").get("full-path") == "EPUB/package.opf"
    assert package.xpath("//dc:identifier/text()", namespaces=OPF) == ["urn:test:sample:epub"]
    assert package.xpath("//opf:meta[@property='dcterms:modified']/text()",
                         namespaces=OPF) == ["2026-11-27T00:00:00Z"]
    assert package.xpath("//opf:meta[@property='schema:accessibilityFeature']/text()",
                         namespaces=OPF) == ["structuralNavigation", "tableOfContents",
                                             "pageNavigation"]
    assert package.xpath("//opf:item/@href", namespaces=OPF) == [
        "nav.xhtml", "01-start.xhtml", "a.png"]
    assert package.xpath("//opf:item[@href='nav.xhtml']/@properties", namespaces=OPF) == ["nav"]
    assert package.xpath("//opf:spine/opf:itemref/@idref", namespaces=OPF) == [
        "r-01-start-xhtml"]


def test_the_contents_page_can_be_read_in_the_spine(tmp_path: Path) -> None:
    with zipfile.ZipFile(write_sample(tmp_path / "a.epub", nav_in_spine_at=0)) as archive:
        package = etree.fromstring(archive.read("EPUB/package.opf"))
    assert package.xpath("//opf:spine/opf:itemref/@idref", namespaces=OPF) == [
        "nav-xhtml", "r-01-start-xhtml"]


def test_the_navigation_document_has_contents_pages_and_landmarks(tmp_path: Path) -> None:
    with zipfile.ZipFile(write_sample(tmp_path / "a.epub")) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = nav.xpath("//h:nav[@epub:type='toc']", namespaces=H)[0]
    assert toc.xpath(".//h:a/@href", namespaces=H) == ["01-start.xhtml#start",
                                                       "01-start.xhtml#more"]
    assert toc.xpath("./ancestor::h:main", namespaces=H)
    assert nav.xpath("//h:nav[@epub:type='page-list']//h:a/text()", namespaces=H) == ["3"]
    assert nav.xpath("//h:nav[@epub:type='page-list']/@hidden", namespaces=H) == ["hidden"]
    assert nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=H) == [
        "bodymatter"]


def test_html_is_made_xhtml() -> None:
    root = to_xhtml('<!DOCTYPE html><html lang="en" xml:lang="en"><head><title>t</title></head>'
                    '<body><section epub:type="chapter"><p>a<br>b &amp; c</p>'
                    '<img src="x.png" alt=""><textarea id="t"></textarea></section></body>'
                    "</html>")
    text = serialise(root).decode()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html '
                           'xmlns="http://www.w3.org/1999/xhtml" '
                           'xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">')
    assert '<section epub:type="chapter"><p>a<br/>b &amp; c</p><img src="x.png" alt=""/>' \
           '<textarea id="t"></textarea></section>' in text
    etree.fromstring(text.split("\n", 2)[2].encode())  # well-formed XML


def test_media_overlays_are_named_in_the_manifest_with_their_durations(tmp_path: Path) -> None:
    sample = book()
    chapter = sample.documents[0]
    overlaid = Resource(chapter.path, chapter.data, overlay="r-01-start-smil")
    metadata = replace(sample.metadata,
                       extra=(("media:duration", "0:00:12.500"),
                              ("media:active-class", "-epub-media-overlay-active")),
                       refinements=(("media:duration", "r-01-start-smil", "0:00:12.500"),))
    path = write_sample(tmp_path / "a.epub", documents=(overlaid,), metadata=metadata)
    with zipfile.ZipFile(path) as archive:
        package = etree.fromstring(archive.read("EPUB/package.opf"))
    assert package.xpath("//opf:item[@href='01-start.xhtml']/@media-overlay",
                         namespaces=OPF) == ["r-01-start-smil"]
    assert package.xpath("//opf:meta[@property='media:duration']/@refines",
                         namespaces=OPF) == ["#r-01-start-smil"]
    assert package.xpath("//opf:meta[@property='media:duration']/text()",
                         namespaces=OPF) == ["0:00:12.500", "0:00:12.500"]


def test_a_file_named_by_its_path_is_copied_whole_and_compressed_media_stored(
        tmp_path: Path) -> None:
    audio = tmp_path / "001-start.mp3"
    audio.write_bytes(bytes(range(256)) * 5000)  # a resource larger than one copy's buffer
    resources = (*book().resources, Resource("audio/001-start.mp3", audio))
    path = write_sample(tmp_path / "a.epub", resources=resources)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("EPUB/audio/001-start.mp3") == audio.read_bytes()
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
    assert kinds["EPUB/audio/001-start.mp3"] == kinds["EPUB/a.png"] == zipfile.ZIP_STORED
    assert kinds["EPUB/01-start.xhtml"] == zipfile.ZIP_DEFLATED
