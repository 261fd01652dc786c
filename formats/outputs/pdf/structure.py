"""The one walker of a tagged PDF's structure tree (pypdf), and what the reader and rules ask of it.

The structure tree is what a screen reader reads: structure elements (``/S`` H1, P, Table...),
marked-content references to the text they hold (``/MCID``, or a bare integer kid) and object
references (``/OBJR``: links, pictures). :func:`walk` visits it depth first in reading order,
knowing each node's page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import DictionaryObject

from formats.core.reading import parsed_once
from formats.outputs.pdf.opened import pdf_reader

Node = Any  # a pypdf DictionaryObject (element, MCR, OBJR) or an integer MCID


def page_index(reader: PdfReader) -> dict[int, int]:
    """Return the 0-based index of every page by the object number of its page object."""
    return {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)
            if page.indirect_reference is not None}


def catalog(reader: PdfReader) -> DictionaryObject:
    """Return the document catalog (the trailer's ``/Root``).

    Raise PdfReadError when it is not a dictionary, and KeyError when there is none.
    """
    found = reader.trailer["/Root"].get_object()
    if not isinstance(found, DictionaryObject):
        raise PdfReadError(f"the trailer's /Root is a {type(found).__name__}, not a dictionary")
    return found


def tree_root(reader: PdfReader) -> Any | None:
    """Return the catalog's ``/StructTreeRoot``, or None when the PDF is not tagged.

    Raise PdfReadError when the catalog is not a dictionary.
    """
    root = catalog(reader).get("/StructTreeRoot")
    return None if root is None else root.get_object()


def walk(start: Any, pages: dict[int, int], *, page: int = -1,
         prune: Callable[[Any], bool] = lambda node: False) -> Iterator[tuple[Node, int]]:
    """Yield every node under ``start`` (``start`` included) with its 0-based page (-1 when
    unknown), depth first in reading order.

    Dictionaries are elements, marked-content references or object references; integers are
    MCIDs. A dictionary for which ``prune`` is true is skipped with everything under it.
    """
    stack: list[tuple[Any, int]] = [(start, page)]
    while stack:
        node, inherited = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):
            yield node, inherited
            continue
        if not isinstance(node, dict) or prune(node):
            continue
        here = _page_of(node, pages, inherited)
        yield node, here
        stack.extend((kid, here) for kid in reversed(kids(node)))


def kids(node: Any) -> list[Any]:
    """Return the kids of a structure node (``/K``) as a list: elements, references, MCIDs.

    An object reference (``/OBJR``) has none.
    """
    found = node.get("/K")
    if found is None or node.get("/Type") == "/OBJR":
        return []
    found = found.get_object()
    return list(found) if isinstance(found, list) else [found]


def _page_of(node: Any, pages: dict[int, int], inherited: int) -> int:
    reference = node.get("/Pg")
    if reference is None or not hasattr(reference, "idnum"):
        return inherited
    return pages.get(reference.idnum, inherited)


def elements(reader: PdfReader) -> Iterator[tuple[Any, int]]:
    """Yield every structure element (a node with ``/S``) with its page, in reading order.

    Yields nothing when the PDF has no structure tree.
    """
    root = tree_root(reader)
    if root is None:
        return
    for node, page in walk(root, page_index(reader)):
        if isinstance(node, dict) and "/S" in node:
            yield node, page


def holds(element: Any, kind: str) -> bool:
    """Return True when a structure element has a descendant element of type ``kind`` ("/TH")."""
    return any(isinstance(node, dict) and node is not element and node.get("/S") == kind
               for node, _ in walk(element, {}))


def marked_content(reader: PdfReader) -> set[tuple[int, int]] | None:
    """Return the marked content that the structure tree reaches, as (page index, MCID) pairs.

    This is the text a screen reader reads; running headers, page numbers and other page
    furniture are not in it. List labels (bullets, "1.") are left out too: they are not words
    of the text, and WeasyPrint draws them last on a page, out of reading order. Returns None
    when the PDF has no structure tree (not tagged).
    """
    root = tree_root(reader)
    if root is None:
        return None
    reached: set[tuple[int, int]] = set()
    for node, page in walk(root, page_index(reader), prune=lambda node: node.get("/S") == "/Lbl"):
        if isinstance(node, int):
            reached.add((page, int(node)))
        elif "/MCID" in node:
            reached.add((page, int(node["/MCID"])))
    return reached


def marked_content_of(path: Path) -> set[tuple[int, int]] | None:
    """Return :func:`marked_content` of the PDF at ``path`` (a set of the caller's own): within
    a stretch of reading together, the tree is walked once for the same bytes (the read-back
    and several rules ask). Raises OSError when the file cannot be read, and pypdf's errors
    when it is not a PDF."""

    def walked(_: Path, data: bytes) -> frozenset[tuple[int, int]] | None:
        found = marked_content(pdf_reader(path, data))
        return None if found is None else frozenset(found)

    found = parsed_once("marked-content", path, walked)
    return None if found is None else set(found)
