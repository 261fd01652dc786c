"""Stylesheets that more than one edition writes: a page's own stylesheet, with the shared
rules added after it.

On a narrow screen a table becomes a list of its rows (``narrow-tables.css``): the web page
and the EPUB read the same table markup (``blocks.html.j2``), and both need it, so the rules
are kept once and written after each edition's own stylesheet (``standard/screen.css``,
``epub/epub.css``), where they come last in the cascade.
"""

from __future__ import annotations

from pathlib import Path

from formats.core.names import TEMPLATES

NARROW_TABLES = TEMPLATES / "narrow-tables.css"


def with_narrow_tables(stylesheet: Path) -> bytes:
    """Return the bytes of ``stylesheet`` followed by the narrow-screen table rules."""
    return stylesheet.read_bytes().rstrip(b"\n") + b"\n\n" + NARROW_TABLES.read_bytes()
