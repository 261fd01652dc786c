"""An independent reader of .docx files: which sections a Word document really holds.

It knows nothing of the writer. It opens the file with python-docx and walks the body in
reading order (paragraphs, table cells row by row, content controls). A section starts at a
paragraph in a built-in Heading style that holds a bookmark (hidden bookmarks, whose names start
with "_", do not count); the bookmark's name is the section's id, the heading's words its title,
and its text is every word up to the next such heading, pictures' alt text included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from lxml.etree import _Element

from formats.core.contract import FoundSection, ReadBack

_WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def read_docx(path: Path, out_dir: Path) -> dict[str, FoundSection]:
    """Return the sections of the .docx at ``path`` by id; ``file`` is relative to ``out_dir``.

    Raises docx.opc.exceptions.PackageNotFoundError (or a zip error) for a file that is not a
    Word document.
    """
    document = docx.Document(str(path))
    heading_styles = _heading_style_ids(document)
    file = path.relative_to(out_dir).as_posix()
    found: dict[str, FoundSection] = {}
    current: tuple[str, str] | None = None
    words: list[str] = []
    for paragraph in paragraphs_in_order(document.element.body):
        name = section_bookmark(paragraph) if _style_id(paragraph) in heading_styles else None
        if name is not None:
            if current is not None:
                found[current[0]] = _found(current, words, file)
            current = (name, paragraph_text(paragraph))
            words = [current[1]]
        elif current is not None:
            words.append(paragraph_text(paragraph))
    if current is not None:
        found[current[0]] = _found(current, words, file)
    return found


def _found(current: tuple[str, str], words: list[str], file: str) -> FoundSection:
    section_id, title = current
    return FoundSection(section_id, " ".join(title.split()),
                        " ".join(" ".join(words).split()), file=file)


def paragraphs_in_order(container: _Element) -> Iterator[_Element]:
    """Yield every ``w:p`` in reading order: into tables (row by row) and content controls."""
    for node in container:
        if node.tag == qn("w:p"):
            yield node
        elif node.tag == qn("w:tbl"):
            for row in node.iter(qn("w:tr")):
                for cell in row.findall(qn("w:tc")):
                    yield from paragraphs_in_order(cell)
        elif node.tag == qn("w:sdt"):
            content = node.find(qn("w:sdtContent"))
            if content is not None:
                yield from paragraphs_in_order(content)
        elif node.tag in (qn("w:customXml"), qn("w:ins")):
            yield from paragraphs_in_order(node)


def paragraph_text(paragraph: _Element) -> str:
    """Return the words of a paragraph: text runs (in links, fields' results and content
    controls too), tabs and breaks as spaces, and the alt text of its pictures."""
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
            parts.append(" ")
        elif node.tag == _WP_DOC_PR and node.get("descr"):
            parts.append(f" {node.get('descr')} ")
    return "".join(parts)


def section_bookmark(paragraph: _Element) -> str | None:
    """Return the name of the first visible bookmark in a paragraph, or None."""
    for mark in paragraph.iter(qn("w:bookmarkStart")):
        name = mark.get(qn("w:name")) or ""
        if name and not name.startswith("_"):
            return name
    return None


def _style_id(paragraph: _Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def _heading_style_ids(document: DocxDocument) -> set[str]:
    """Return the ids of the built-in heading styles (named "heading 1" ... "heading 9")."""
    return {style.style_id for style in document.styles
            if style.name.lower().startswith("heading ") and style.name[8:].isdigit()}


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
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        return ReadBack(output, {}, (f"{found[0].name} cannot be opened as a Word document: "
                                     f"{error}",))
