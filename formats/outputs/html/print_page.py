"""The print page: the HTML that a PDF is made from, with the fonts it embeds.

Print editions show every link's address after its words (a reader of paper cannot follow a
link), use Atkinson Hyperlegible from the installed font files, and list their stylesheets as
file addresses, which is all the PDF writer (:mod:`formats.outputs.pdf.writer`) may fetch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fontpkg_atkinson_hyperlegible
from markupsafe import Markup

from formats.core.contract import RenderError
from formats.core.model import Document
from formats.outputs.html.templating import TEMPLATES, environment, page_context

ATKINSON_FAMILY = fontpkg_atkinson_hyperlegible.FAMILY
ATKINSON_FILES = Path(fontpkg_atkinson_hyperlegible.ROOT) / "files"
_ATKINSON_FACES = (("Regular", "normal", "normal"), ("Bold", "bold", "normal"),
                   ("Italic", "normal", "italic"), ("BoldItalic", "bold", "italic"))


def atkinson_font_faces(italic: bool = True) -> Markup:
    """Return CSS ``@font-face`` rules for Atkinson Hyperlegible from the installed font files.

    With ``italic=False`` only the upright faces are declared (large print has no italics).
    Raises RenderError when a font file is missing.
    """
    rules: list[str] = []
    for face, weight, style in _ATKINSON_FACES:
        if style == "italic" and not italic:
            continue
        path = ATKINSON_FILES / f"AtkinsonHyperlegible-{face}.ttf"
        if not path.is_file():
            raise RenderError(f"font file {path} is missing (reinstall the Python package "
                              "fontpkg-atkinson-hyperlegible)")
        rules.append(f'@font-face {{ font-family: "{ATKINSON_FAMILY}"; '
                     f'src: url("{path.as_uri()}"); font-weight: {weight}; '
                     f"font-style: {style}; }}")
    return Markup("\n".join(rules))


def print_html(document: Document, template: str, stylesheets: list[Path], *,
               pdf_title: str, edition_name: str = "", italic_fonts: bool = True,
               **extra: Any) -> str:
    """Return the print HTML of ``document`` from ``template`` (links show their addresses,
    words that depend on the medium take their print form).

    ``extra`` goes into the template's context as it is.
    """
    env = environment()
    context = page_context(document, "paged", show_addresses=True,
                           stylesheets=[path.as_uri() for path in stylesheets],
                           font_faces=atkinson_font_faces(italic_fonts),
                           pdf_title=pdf_title, edition_name=edition_name, **extra)
    return env.get_template(template).render(context)


def stylesheet(relative: str) -> Path:
    """Return the path of a stylesheet under the templates folder ("print/print.css")."""
    return TEMPLATES / relative
