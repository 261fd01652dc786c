"""The Easy Read Word file: bookmarked headings, picture tables without borders, and a
missing word list named by the check."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from formats.editions.easy_read import docx as docx_output
from tests.editions.easy_read.support import DOCX_NAME, WP, W


def docx_xml(folder: Path, name: str) -> etree._Element:
    """Return a part of the built Word file, parsed."""
    with zipfile.ZipFile(folder / DOCX_NAME) as archive:
        return etree.fromstring(archive.read(name))


def test_the_word_file_has_bookmarked_headings_and_borderless_picture_tables(
        fixture_build: Path) -> None:
    folder = fixture_build / "easy-read"
    document = docx_xml(folder, "word/document.xml")
    ns = {"w": W, "wp": WP}
    headings = [(paragraph.xpath("string(.)"),
                 paragraph.xpath("w:bookmarkStart/@w:name", namespaces=ns))
                for paragraph in document.xpath("//w:body/w:p[w:pPr/w:pStyle/@w:val='Heading1']",
                                                namespaces=ns)]
    assert headings == [("What is in this guide", []), ("What is it?", ["er-what-it-is"]),
                        ("Try it", ["er-try-it"]), ("Word list", ["word-list"])]
    tables = document.xpath("//w:body/w:tbl", namespaces=ns)
    assert len(tables) == 2
    for table in tables:
        borders = table.xpath("w:tblPr/w:tblBorders/*/@w:val", namespaces=ns)
        assert borders and set(borders) == {"nil"}
        for row in table.xpath("w:tr", namespaces=ns):
            picture, words = row.xpath("w:tc", namespaces=ns)
            assert picture.xpath(".//wp:docPr/@descr", namespaces=ns)[0].strip()
            assert not picture.xpath(".//wp:docPr/@title", namespaces=ns)
            assert words.xpath("string(.)").strip()
    styles = docx_xml(folder, "word/styles.xml")
    assert styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=ns) == [
        "en-GB"]
    core = docx_xml(folder, "docProps/core.xml")
    assert core.xpath("string(//*[local-name()='title'])") == "Mini toolkit in Easy Read"


def test_the_word_file_read_back_names_a_missing_word_list(fixture_copy: Path) -> None:
    folder = fixture_copy / "easy-read"
    path = folder / DOCX_NAME
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents["word/document.xml"] = contents["word/document.xml"].replace(
        b'w:name="word-list"', b'w:name="_word-list"')  # a hidden bookmark starts no section
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    readback = docx_output.read_back(folder)
    assert readback.problems == ("the word list was not found",)
    assert list(readback.sections) == ["er-what-it-is", "er-try-it"]
