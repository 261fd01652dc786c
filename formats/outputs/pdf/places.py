"""Where a PDF's bookmarks go, and which named destinations are at the same place.

WeasyPrint writes a named destination for each element id and a bookmark for each heading; a
``<section id>`` and its heading's bookmark start at the same point of the same page, so the
names of the destinations at a bookmark's place give the bookmark its section id. Both readers
of the outline (pypdf in :mod:`formats.outputs.pdf.reader`, PDFium in
:mod:`formats.outputs.pdf.print_pages`) match them here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Points within which a bookmark and a named destination (rounded to whole points) count as
# the same place.
SAME_PLACE = 1.5

Places = dict[tuple[int, float, float], list[str]]  # names by (0-based page, left, top), rounded


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: its title, depth (1 = top), 0-based page and the point it goes to."""

    title: str
    level: int
    page: int
    left: float
    top: float


def place_of(page: int, left: float, top: float) -> tuple[int, float, float]:
    """Return the key of a named destination's place in :data:`Places` (rounded points)."""
    return page, round(left), round(top)


def ids_at(places: Places, bookmark: Bookmark) -> list[str]:
    """Return the names of the destinations at the very place a bookmark goes to."""
    names: list[str] = []
    for (page, left, top), at in places.items():
        if (page == bookmark.page and abs(left - bookmark.left) <= SAME_PLACE
                and abs(top - bookmark.top) <= SAME_PLACE):
            names.extend(at)
    return sorted(names)
