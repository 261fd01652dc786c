"""Table header scopes: the ``/Scope`` attribute WeasyPrint 70 does not write on ``TH`` cells.

PDF/UA-1 (and the Matterhorn Protocol's checkpoint 15) asks every table header cell to say
what it heads: ``/A << /O /Table /Scope /Column >>`` (or ``/Row``). WeasyPrint tags ``<th>``
as ``TH`` without attributes, so after it has written the file the attribute is added to every
``TH`` as an incremental update with pypdf: the bytes WeasyPrint wrote stay as they are, the
changed elements are appended, and the same file in gives the same file out.

A header cell in a row of the table's head (``THead``), or in a row of header cells only,
heads its column; a header cell beside data cells (``TD``) in a body row heads its row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from formats.outputs.pdf import structure

COLUMN = "/Column"
ROW = "/Row"


def add_header_scopes(path: Path) -> int:
    """Give every ``TH`` structure element of the PDF at ``path`` a table ``/Scope`` where it
    has none, rewriting the file in place; return how many were given one (0: the file is left
    untouched)."""
    writer = PdfWriter(path, incremental=True)
    root = writer.root_object.get("/StructTreeRoot")
    if root is None:
        return 0
    added = 0
    for header, scope in header_cells(root.get_object()):
        table = table_attributes(header)
        if "/Scope" not in table:
            table[NameObject("/Scope")] = NameObject(scope)
            added += 1
    if added:
        with path.open("wb") as target:
            writer.write(target)
    return added


def table_attributes(element: Any) -> DictionaryObject:
    """Return the attribute object of the ``/Table`` owner of a structure element, adding one
    when it has none (WeasyPrint writes ``/A << /O /Table >>`` on some cells, nothing on
    others)."""
    found = element.get("/A")
    found = found.get_object() if found is not None else None
    owners = found if isinstance(found, list) else [found] if found is not None else []
    for reference in owners:
        owner = reference.get_object() if hasattr(reference, "get_object") else reference
        if isinstance(owner, DictionaryObject) and owner.get("/O") == "/Table":
            return owner
    table = DictionaryObject({NameObject("/O"): NameObject("/Table")})
    if found is None:
        element[NameObject("/A")] = table
    elif isinstance(found, list):
        found.append(table)
    else:
        element[NameObject("/A")] = ArrayObject([found, table])
    return table


def header_cells(root: Any) -> Iterator[tuple[Any, str]]:
    """Yield every ``TH`` element under ``root`` with the scope it has by its place: ``/Column``
    or ``/Row``."""
    for node, _ in structure.walk(root, {}):
        if not isinstance(node, dict) or node.get("/S") not in ("/THead", "/TBody", "/TFoot",
                                                                "/Table"):
            continue
        for row in _elements(node):
            if row.get("/S") != "/TR":
                continue
            cells = _elements(row)
            has_data = any(cell.get("/S") == "/TD" for cell in cells)
            for cell in cells:
                if cell.get("/S") == "/TH":
                    yield cell, ROW if has_data and node.get("/S") != "/THead" else COLUMN


def _elements(node: Any) -> list[Any]:
    """Return the kids of a structure element that are elements themselves."""
    kids = (kid.get_object() if hasattr(kid, "get_object") else kid
            for kid in structure.kids(node))
    return [kid for kid in kids if isinstance(kid, dict) and "/S" in kid]
