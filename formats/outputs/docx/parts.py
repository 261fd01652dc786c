"""The XML parts of a .docx, read with lxml: what the Word rules and the section reader
(:mod:`.reader`) look at.

Reading the package's XML directly, rather than through the writer's library, keeps the
readers independent of the writer (python-docx).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
SHORT_BLOCK_STYLES = ("List", "Quote")  # what a list's or a quotation's paragraph style begins with
RELATIONSHIPS = "word/_rels/document.xml.rels"
PACKAGE_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
READ_ERRORS = (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError)

Parts = dict[str, etree._Element]


def read_parts(path: Path) -> Parts:
    """Return the parsed XML parts of a .docx that the rules read, by name (the main part's
    relationships too: which header part a section names)."""
    parts: Parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|styles|numbering|header\d*|footer\d*)\.xml|"
                            r"word/_rels/document\.xml\.rels|docProps/core\.xml", name):
                parts[name] = etree.fromstring(archive.read(name))
    if "word/document.xml" not in parts or "word/styles.xml" not in parts:
        raise KeyError("word/document.xml or word/styles.xml")
    return parts


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def text_of(node: etree._Element) -> str:
    """Return the text of the runs inside ``node``, a non-breaking hyphen read as "-"."""
    return "".join(piece.text or "" if piece.tag == w("t") else "-"
                   for piece in node.iter(w("t"), w("noBreakHyphen")))


def style_names(parts: Parts) -> dict[str, str]:
    """Return the name of every style by its id; a style without an id or a name has none."""
    names = {}
    for style in parts["word/styles.xml"].findall(w("style")):
        style_id, name = style.get(w("styleId")), style.find(w("name"))
        value = name.get(w("val")) if name is not None else None
        if style_id is not None and value is not None:
            names[style_id] = value
    return names


def paragraph_style(paragraph: etree._Element, names: dict[str, str]) -> str:
    """Return the name of a paragraph's style: "Normal" when it names none, "" when the style
    it names has no name."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    if style is None:
        return "Normal"
    style_id = style.get(w("val"))
    return names.get(style_id, "") if style_id is not None else ""


def paragraph_words(paragraph: etree._Element) -> str:
    """Return the text of a paragraph with its tabs as tab characters."""
    return "".join(node.text or "" if node.tag == w("t") else "\t"
                   for node in paragraph.iter(w("t"), w("tab"))
                   if (parent := node.getparent()) is not None and parent.tag == w("r"))


def contents_entries(parts: Parts) -> list[tuple[int, str, str]]:
    """Return (level, bookmark linked to, words with tabs as tab characters) of every entry of
    the contents list: each link in a paragraph of a "toc N" style. An entry's page number, if
    it has one, is what follows its last tab."""
    names = style_names(parts)
    return [(int(style[4:]), link.get(w("anchor")) or "", paragraph_words(paragraph))
            for paragraph in parts["word/document.xml"].iter(w("p"))
            if re.fullmatch(r"toc [1-9]", style := paragraph_style(paragraph, names).lower())
            for link in paragraph.iter(w("hyperlink"))]


def xpath_texts(node: etree._Element, path: str) -> list[str]:
    """Return the texts (attribute values, text nodes) an XPath with the Word namespaces
    selects under ``node``.

    Raise TypeError when the path selects something else (elements, a number, a boolean).
    """
    found = node.xpath(path, namespaces=NS)
    texts = [item for item in found if isinstance(item, str)] if isinstance(found, list) else []
    if not isinstance(found, list) or len(texts) != len(found):
        raise TypeError(f"the XPath {path} selects more than texts")
    return texts


def grandparent(node: etree._Element) -> etree._Element | None:
    """Return the parent of a node's parent, or None at the top of the tree."""
    parent = node.getparent()
    return parent.getparent() if parent is not None else None


def heading_level(name: str) -> int | None:
    """Return the level of the built-in heading style called ``name`` ("heading 2"), or None."""
    match = re.fullmatch(r"heading ([1-9])", name.lower())
    return int(match.group(1)) if match else None


def heading_style_ids(parts: Parts) -> set[str]:
    """Return the ids of the built-in heading styles (named "heading 1" ... "heading 9")."""
    return {style_id for style_id, name in style_names(parts).items()
            if heading_level(name) is not None}


def run_properties(parts: Parts) -> list[etree._Element]:
    return [properties for name, root in parts.items() if name.startswith("word/")
            for properties in root.iter(w("rPr"))]


def owner(node: etree._Element | None) -> str:
    """Return what a property belongs to: "style Quote", "the style defaults", "the text"."""
    while node is not None:
        if node.tag == w("style"):
            name = node.find(w("name"))
            return f"style {name.get(w('val')) if name is not None else node.get(w('styleId'))}"
        if node.tag == w("docDefaults"):
            return "the style defaults"
        if node.tag == w("abstractNum"):
            return "a list numbering"
        node = node.getparent()
    return "the text"
