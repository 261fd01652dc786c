"""The one independent reader of .docx files: which sections a Word document really holds.

It knows nothing of the writer, nor of its library: it reads the package's XML with lxml
(:func:`~formats.outputs.docx.parts.read_parts`) and walks the body in reading order
(paragraphs, table cells row by row, content controls). A section starts at a paragraph in a
built-in Heading style that holds a bookmark (hidden bookmarks, whose names start with "_", do
not count); the bookmark's name is the section's id, the heading's words its title, and its
text is every word up to the next such heading, pictures' alt text included. A picture without
alt text is a problem of its section. The Word, large-print and Easy Read read-backs all use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from formats.core.contract import FoundSection, ReadBack
from formats.outputs.docx.parts import NS, READ_ERRORS, heading_style_ids, read_parts, w

DOC_PR = f"{{{NS['wp']}}}docPr"
CONTAINERS = (w("customXml"), w("ins"), w("smartTag"))


@dataclass
class _Reading:
    """A section being read: its id, its heading, its pieces of text and its problems."""

    id: str
    title: str
    texts: list[str] = field(default_factory=list)
    pictures_without_alt: int = 0

    def found(self, file: str) -> FoundSection:
        problems = ((f"{self.pictures_without_alt} picture(s) without alt text",)
                    if self.pictures_without_alt else ())
        return FoundSection(self.id, " ".join(self.title.split()),
                            " ".join(" ".join(self.texts).split()), problems, file)


def read_docx(path: Path, out_dir: Path) -> dict[str, FoundSection]:
    """Return the sections of the .docx at ``path`` by id; ``file`` is relative to ``out_dir``.

    Raises zipfile.BadZipFile, KeyError, lxml's XMLSyntaxError or OSError for a file that is
    not a Word document (:data:`~formats.outputs.docx.parts.READ_ERRORS`).
    """
    parts = read_parts(path)
    headings = heading_style_ids(parts)
    body = parts["word/document.xml"].find(w("body"))
    file = path.relative_to(out_dir).as_posix()
    sections: list[_Reading] = []
    for paragraph in paragraphs_in_order(body if body is not None else etree.Element("body")):
        name = section_bookmark(paragraph) if style_id(paragraph) in headings else None
        if name is not None:
            sections.append(_Reading(name, paragraph_text(paragraph)))
            sections[-1].texts.append(sections[-1].title)
        elif sections:
            sections[-1].texts.append(paragraph_text(paragraph))
            sections[-1].pictures_without_alt += pictures_without_alt(paragraph)
    return {reading.id: reading.found(file) for reading in sections}


def paragraphs_in_order(container: etree._Element) -> Iterator[etree._Element]:
    """Yield every ``w:p`` in reading order: into tables (row by row, cell by cell) and
    content controls."""
    for node in container:
        if node.tag == w("p"):
            yield node
        elif node.tag == w("tbl"):
            for row in node.findall(w("tr")):
                for cell in row.findall(w("tc")):
                    yield from paragraphs_in_order(cell)
        elif node.tag == w("sdt"):
            content = node.find(w("sdtContent"))
            if content is not None:
                yield from paragraphs_in_order(content)
        elif node.tag in CONTAINERS:
            yield from paragraphs_in_order(node)


def paragraph_text(paragraph: etree._Element) -> str:
    """Return the words of a paragraph: text runs (in links, fields' results and content
    controls too), non-breaking hyphens as "-", tabs and breaks as spaces, and the alt text of
    its pictures."""
    pieces: list[str] = []
    for node in paragraph.iter():
        if node.tag == w("t"):
            pieces.append(node.text or "")
        elif node.tag == w("noBreakHyphen"):
            pieces.append("-")
        elif node.tag in (w("tab"), w("br"), w("cr")):
            pieces.append(" ")
        elif node.tag == DOC_PR and node.get("descr"):
            pieces.append(f" {node.get('descr')} ")
    return "".join(pieces)


def pictures_without_alt(paragraph: etree._Element) -> int:
    """Return how many pictures (``wp:docPr``) in a paragraph have no description."""
    return sum(1 for picture in paragraph.iter(DOC_PR)
               if not (picture.get("descr") or "").strip())


def section_bookmark(paragraph: etree._Element) -> str | None:
    """Return the name of the first visible bookmark in a paragraph, or None."""
    for mark in paragraph.iter(w("bookmarkStart")):
        name = mark.get(w("name")) or ""
        if name and not name.startswith("_"):
            return name
    return None


def style_id(paragraph: etree._Element) -> str | None:
    """Return the id of a paragraph's style, or None for the default."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return None if style is None else style.get(w("val"))


def read_back_docx(out_dir: Path, pattern: str, output: str) -> ReadBack:
    """Return the read-back of the one .docx in ``out_dir`` whose name matches ``pattern``.

    None, more than one, or a file that is not a Word document is a problem of the output.
    """
    found = sorted(out_dir.glob(pattern)) if out_dir.is_dir() else []
    if len(found) != 1:
        names = ", ".join(path.name for path in found)
        what = f"{len(found)} files ({names})" if found else "no file"
        return ReadBack(output, {}, (f"{what} matching {pattern} in {out_dir}",))
    try:
        return ReadBack(output, read_docx(found[0], out_dir))
    except READ_ERRORS as error:
        return ReadBack(output, {}, (f"{found[0].name} cannot be opened as a Word document: "
                                     f"{error}",))
