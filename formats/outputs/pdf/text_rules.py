"""The heading and caption rules of :mod:`formats.core.wording` on a built PDF, read with pypdf
and PDFium from its structure tree (what a screen reader reads): the headings are its ``/H1``...
elements, a table's caption the ``/Caption`` element of a ``/Table``, with the heading before
it; their words are the marked content they reach. Print words are not checked: print is
where they belong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from formats.core.contract import RuleResult
from formats.core.wording import TextFound, text_rules
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.page_text import marked_texts
from formats.outputs.pdf.structure import elements, page_index, walk

_HEADINGS = {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}


class _MarkedText:
    """The words of each marked-content sequence (page, MCID) of a PDF, as PDFium reads them
    (:func:`formats.outputs.pdf.page_text.marked_texts`), read when first asked for."""

    def __init__(self, reader: PdfReader, path: Path) -> None:
        self.pages = page_index(reader)
        self.path = path
        self.texts: dict[tuple[int, int], str] | None = None

    def of(self, element: Any, page: int) -> str:
        """Return the words of a structure element: the marked content under it, in order."""
        pieces = []
        for node, found_page in walk(element, self.pages, page=page):
            mcid = node["/MCID"] if isinstance(node, dict) and "/MCID" in node else node
            if isinstance(mcid, int):
                pieces.append(self._text(found_page, int(mcid)))
        return " ".join(" ".join(pieces).split())

    def _text(self, page: int, mcid: int) -> str:
        if self.texts is None:
            self.texts = marked_texts(self.path)
        return self.texts.get((page, mcid), "")


def read_text(reader: PdfReader, path: Path) -> TextFound:
    """Return the headings (``/H1``...) of a tagged PDF (``reader`` has the file at ``path``
    open) and each table's caption with the heading before it, in reading order."""
    marked = _MarkedText(reader, path)
    found = TextFound()
    for element, page in elements(reader):
        kind = element.get("/S")
        if kind in _HEADINGS:
            found.headings.append(marked.of(element, page))
        elif kind == "/Caption" and element.get("/P") is not None \
                and element["/P"].get_object().get("/S") == "/Table":
            found.captions.append((marked.of(element, page),
                                   found.headings[-1] if found.headings else ""))
    return found


def pdf_text_rules(path: Path, output: str) -> list[RuleResult]:
    """Return the heading and caption rules on the built PDF at ``path``; one failed
    ``text/file`` result when it is missing or cannot be read."""
    try:
        found = read_text(pdf_reader(path), path)
    except (OSError, PyPdfError, ValueError, KeyError, TypeError) as error:
        return [RuleResult("text/file", str(path), False, f"{output}: {path.name} cannot be "
                                                          f"read as a PDF: {error}")]
    return text_rules(found, str(path), output, screen=False)
