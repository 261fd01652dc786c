"""Reading a built .docx as Word's XML: its parts, styles, paragraphs, bookmarks and
contents; and converting it with LibreOffice, as a partner would open it."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

from tests.conftest import FIXTURES

PICTURE_SOURCE = FIXTURES / "word-picture"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NS = {"w": W, "w14": W14,
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/"}
TYPED_BULLET = re.compile(r"^\s*[•◦▪‣·*\-–]\s")
LARGE_PRINT_MINIMUM = 16


def w(name: str) -> str:
    """Return the qualified name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


def part(path: Path, name: str) -> etree._Element:
    """Return the parsed XML part ``name`` ("word/document.xml") of a .docx."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def text_of(node: etree._Element) -> str:
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def style_names(path: Path) -> dict[str, str]:
    """Return style id -> style name of a .docx."""
    styles = part(path, "word/styles.xml")
    return {style.get(w("styleId")): style.find(w("name")).get(w("val"))
            for style in styles.findall(w("style"))}


def paragraph_style(paragraph: etree._Element, names: dict[str, str]) -> str:
    """Return the name of a paragraph's style ("Normal" when it names none)."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return names.get(style.get(w("val")), "") if style is not None else "Normal"


def styled_paragraphs(path: Path) -> list[tuple[str, str]]:
    """Return (style name, text) of every paragraph of the body, in order."""
    names = style_names(path)
    return [(paragraph_style(paragraph, names), text_of(paragraph))
            for paragraph in part(path, "word/document.xml").iter(w("p"))]


def heading_paragraphs(path: Path) -> list[tuple[int, etree._Element]]:
    """Return (level, paragraph) for every paragraph in a built-in "heading N" style."""
    names = style_names(path)
    found = []
    for paragraph in part(path, "word/document.xml").iter(w("p")):
        name = paragraph_style(paragraph, names)
        if re.fullmatch(r"heading [1-9]", name):
            found.append((int(name[-1]), paragraph))
    return found


def bookmarks(paragraph: etree._Element) -> list[str]:
    """Return the names of a paragraph's visible bookmarks (hidden ones start with "_")."""
    return [mark.get(w("name")) for mark in paragraph.iter(w("bookmarkStart"))
            if not mark.get(w("name")).startswith("_")]


def convert_to_pdf(docx_path: Path, tmp_path: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice headless; return the PDF. Fails on any error."""
    out = tmp_path / "pdf"
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path),
         f"-env:UserInstallation=file://{tmp_path}/lo-profile"],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    pdf = out / f"{docx_path.stem}.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    return pdf


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    return titles


def contents_entries(path: Path) -> list[tuple[str, str, str, str]]:
    """Return (style, words, page number, bookmark) of every entry of the contents list."""
    names = style_names(path)
    found = []
    for paragraph in part(path, "word/document.xml").iter(w("p")):
        style = paragraph_style(paragraph, names)
        if style.startswith("toc "):
            words = "".join(node.text or "" if node.tag == w("t") else "\t"
                            for node in paragraph.iter(w("t"), w("tab"))
                            if node.getparent().tag == w("r"))
            text, _, page = words.rpartition("\t")
            found.append((style, text, page, paragraph.find(w("hyperlink")).get(w("anchor"))))
    return found
