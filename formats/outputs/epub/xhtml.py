"""HTML, as the project's templates write it, made into EPUB content documents (XHTML).

An EPUB's content documents are XML: every element closed, every element in the XHTML
namespace, ``epub:type`` and ``xml:lang`` in their own. The HTML is parsed with lxml's HTML
parser and built again as XML, so that the same templates serve the web page and the EPUB.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

from formats.outputs.epub.names import EPUB_NS, XHTML_NS, XML_NS

_ATTRIBUTES = {"epub:type": f"{{{EPUB_NS}}}type", "xml:lang": f"{{{XML_NS}}}lang"}
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'


def x(tag: str) -> str:
    """Return the qualified name of an XHTML element ("section" -> "{...xhtml}section")."""
    return f"{{{XHTML_NS}}}{tag}"


def to_xhtml(html: str) -> etree._Element:
    """Return an HTML document as an XHTML element tree (its ``<html>`` element)."""
    source = lxml.html.document_fromstring(html)
    root = etree.Element(x("html"), nsmap={None: XHTML_NS,  # type: ignore[dict-item]
                                          "epub": EPUB_NS})
    _copy(source, root)
    return root


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


def _copy(source: etree._Element, target: etree._Element) -> None:
    for name, value in source.attrib.items():
        target.set(_ATTRIBUTES.get(str(name), str(name)), value)
    empty = source.text is None and len(source) == 0 and source.tag not in VOID
    target.text = "" if empty else source.text  # <textarea></textarea>, never <textarea/>
    for child in source:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            continue
        copied = etree.SubElement(target, x(child.tag))
        _copy(child, copied)
        copied.tail = child.tail


def text_of(node: etree._Element) -> str:
    """Return the words inside an element, whitespace made single."""
    return " ".join("".join(str(piece) for piece in node.itertext()).split())


def ids_in(root: etree._Element) -> list[str]:
    """Return every id in a document, in document order."""
    return [str(found) for found in (node.get("id") for node in root.iter()) if found]


def serialise(root: etree._Element) -> bytes:
    """Return an XHTML element tree as the bytes of a content document (UTF-8, with the XML
    declaration and the HTML doctype)."""
    return DECLARATION + etree.tostring(root, encoding="utf-8") + b"\n"


def element(tag: str, attributes: dict[str, str] | None = None, text: str | None = None,
            parent: etree._Element | None = None) -> etree._Element:
    """Return a new XHTML element (``epub:type`` and ``xml:lang`` may be given by those names),
    appended to ``parent`` when one is given."""
    made = etree.Element(x(tag)) if parent is None else etree.SubElement(parent, x(tag))
    for name, value in (attributes or {}).items():
        made.set(_ATTRIBUTES.get(name, name), value)
    made.text = text
    return made
