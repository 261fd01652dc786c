"""The Easy Read web page (``index.html``): one row per idea, a picture beside its words."""

from __future__ import annotations

import importlib.metadata
import shutil
from pathlib import Path
from typing import Any

import fontpkg_atkinson_hyperlegible as atkinson
from jinja2 import Environment

from formats.core.contract import RenderError
from formats.core.model import Document
from formats.editions.easy_read.parts import (
    WORD_LIST_ID,
    WORD_LIST_TITLE,
    checked_line,
    edition_title,
    keep_hyphens,
    paragraph_rows,
    png_size,
    require_easy_read,
)
from formats.outputs.html.templating import TEMPLATES, PictureCopier, environment, page_context

PAGE = "index.html"
STYLESHEET = "easy-read.css"
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")


def easy_read_environment(pictures: PictureCopier | None = None) -> Environment:
    """Return the shared jinja2 environment with the Easy Read filters added."""
    env = environment(pictures)
    env.filters["rows"] = paragraph_rows
    env.filters["png_size"] = png_size
    env.filters["keep_hyphens"] = keep_hyphens
    return env


def font_files() -> list[Path]:
    """Return the Atkinson Hyperlegible font files (regular and bold) bundled with the package."""
    return [atkinson.ROOT / "files" / name for name in FONT_FILES]


def context(document: Document, **extra: Any) -> dict[str, Any]:
    """Return what the Easy Read templates need: metadata, the partner, the Easy Read text, who
    checked it, word-list names."""
    easy_read = require_easy_read(document)
    values: dict[str, Any] = {"easy_read": easy_read, "parts": easy_read.parts,
                              "title": edition_title(easy_read),
                              "checked": checked_line(easy_read),
                              "word_list_id": WORD_LIST_ID, "word_list_title": WORD_LIST_TITLE}
    values.update(extra)
    return page_context(document, **values)


def font_licence() -> str:
    """Return the licence text of Atkinson Hyperlegible (SIL Open Font License 1.1)."""
    text = importlib.metadata.distribution("fontpkg-atkinson-hyperlegible").read_text(
        "licenses/LICENSE")
    if not text:
        raise RenderError("the licence of Atkinson Hyperlegible is missing from its package "
                          "fontpkg-atkinson-hyperlegible: reinstall it")
    return text


def render_html(document: Document, out_dir: Path) -> list[Path]:
    """Write ``index.html`` with its stylesheet, fonts and pictures; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = PictureCopier(document.source_dir, out_dir, folder=".")
    env = easy_read_environment(pictures)
    written: list[Path] = []
    assets = out_dir / "assets"
    (assets / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / "easy-read" / STYLESHEET, assets / STYLESHEET)
    written.append(assets / STYLESHEET)
    for font in font_files():
        shutil.copyfile(font, assets / "fonts" / font.name)
        written.append(assets / "fonts" / font.name)
    licence = assets / "fonts" / "OFL.txt"  # the SIL Open Font License travels with the fonts
    licence.write_text(font_licence(), encoding="utf-8")
    written.append(licence)
    page = out_dir / PAGE
    page.write_text(env.get_template("easy-read/web.html.j2").render(context(document)),
                    encoding="utf-8")
    written.append(page)
    return written + pictures.written
