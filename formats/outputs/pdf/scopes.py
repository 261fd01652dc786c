"""Table header scopes: the ``/Scope`` attribute WeasyPrint 70 does not write on ``TH`` cells.

PDF/UA-1 (and the Matterhorn Protocol's checkpoint 15) asks every table header cell to say
what it heads: ``/A << /O /Table /Scope /Column >>`` (or ``/Row``). WeasyPrint tags ``<th>``
as ``TH`` with ``/A << /O /Table >>`` only, so :func:`add_header_scopes`, given to WeasyPrint as
the *finisher* of its ``write_pdf``, adds the scope to the structure elements WeasyPrint made
(pydyf objects), just before they are written: the file is written once, and the same
document gives the same bytes. (Reading the written file back with pypdf and appending an
incremental update cost a second or more for a 100-page PDF.)

A header cell in a row of the table's head (``THead``), or in a row of header cells only,
heads its column; a header cell beside data cells (``TD``) in a body row heads its row. The
check reads the scopes back from the file with pypdf (``pdf/th-scope``), not from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

COLUMN = "/Column"
ROW = "/Row"
_GROUPS = ("/THead", "/TBody", "/TFoot", "/Table")


def add_header_scopes(document: Any, pdf: Any) -> int:
    """Give every ``TH`` structure element of WeasyPrint's ``pdf`` (a pydyf PDF about to be
    written; ``document`` is WeasyPrint's, unused) a table ``/Scope`` where it has none; return
    how many were given one."""
    del document
    added = 0
    for header, scope in header_cells(pdf.objects):
        table = header.get("A")
        if not isinstance(table, dict):
            table = header["A"] = type(header)({"O": "/Table"})  # a pydyf Dictionary
        if "Scope" not in table:
            table["Scope"] = scope
            added += 1
    return added


def header_cells(objects: list[Any]) -> Iterator[tuple[Any, str]]:
    """Yield every ``TH`` element among the PDF's ``objects`` (a pydyf list, where an object's
    number is its index) with the scope it has by its place: ``/Column`` or ``/Row``."""
    for node in objects:
        if not _is_element(node) or node.get("S") not in _GROUPS:
            continue
        for row in _elements(node, objects):
            if row.get("S") != "/TR":
                continue
            cells = _elements(row, objects)
            has_data = any(cell.get("S") == "/TD" for cell in cells)
            for cell in cells:
                if cell.get("S") == "/TH":
                    yield cell, ROW if has_data and node.get("S") != "/THead" else COLUMN


def _elements(node: Any, objects: list[Any]) -> list[Any]:
    """Return the kids of a structure element that are structure elements themselves (the
    others are marked-content ids and references to annotations)."""
    kids = node.get("K", [])
    found = []
    for kid in kids if isinstance(kids, list) else [kids]:
        # pydyf refers to an object as b"12 0 R", and numbers it by its place in the list
        thing = objects[int(kid.split()[0])] if isinstance(kid, bytes) \
            and kid.endswith(b" 0 R") else kid
        if _is_element(thing):
            found.append(thing)
    return found


def _is_element(thing: Any) -> bool:
    return isinstance(thing, dict) and thing.get("Type") == "/StructElem" and "S" in thing
