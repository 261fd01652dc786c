"""pydyf's list of page references, made once per page count instead of once per use.

WeasyPrint's tagger asks pydyf for ``pdf.page_references[page]`` once for every element of the
structure tree, and pydyf 0.13 builds the tuple of every page's reference each time: the work
grows with elements times pages. For the bundled toolkit ten times over (1,001 large-print
pages, about 50,000 tagged elements), that was 76 million references made, about a sixth of
the build's time. The pages are all added before the tagger runs, so the tuple is kept while
the page tree's ``Kids`` list is the same list of the same length; the references, and so the
PDF's bytes, are the same.
"""

from __future__ import annotations

from typing import Any

_KEPT = "_toolkit_page_references"  # (the Kids list's id, its length, the references)


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    """Return the references of the PDF's pages (``b"12 0 R"``), in order."""
    kids = pdf.pages["Kids"]
    kept = pdf.__dict__.get(_KEPT)
    if kept is None or kept[0] != id(kids) or kept[1] != len(kids):
        references = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        kept = (id(kids), len(kids), references)
        pdf.__dict__[_KEPT] = kept
    return kept[2]


def remember_page_references() -> None:
    """Make pydyf's ``PDF.page_references`` keep its tuple until a page is added (once per
    process; a later call does nothing)."""
    import pydyf

    if getattr(pydyf.PDF.page_references, "fget", None) is not _page_references:
        pydyf.PDF.page_references = property(_page_references)
