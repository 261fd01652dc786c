"""The Easy Read web page (``index.html``): one row per idea, a picture beside its words."""

from __future__ import annotations

import importlib.metadata
import shutil
from collections.abc import Sequence
from pathlib import Path

from formats.core.contract import RenderError
from formats.core.model import Document
from formats.core.names import easy_read_stem
from formats.editions.easy_read.parts import BOOKLET_NAME
from formats.outputs.html.easy_read import context, easy_read_environment, font_files
from formats.outputs.html.templating import TEMPLATES, PictureCopier

PAGE = "index.html"
STYLESHEET = "easy-read.css"


def font_licence() -> str:
    """Return the licence text of Atkinson Hyperlegible (SIL Open Font License 1.1)."""
    text = importlib.metadata.distribution("fontpkg-atkinson-hyperlegible").read_text(
        "licenses/LICENSE")
    if not text:
        raise RenderError("the licence of Atkinson Hyperlegible is missing from its package "
                          "fontpkg-atkinson-hyperlegible: reinstall it")
    return text


def other_ways(document: Document, files: Sequence[Path]) -> list[tuple[str, str]]:
    """Return the other ways to get the guide that the page offers, as (link words, address):
    the edition's own ``files`` (its PDF and Word document, or their booklets), then the Easy
    Read recording and e-book when the audio and EPUB editions are built."""
    ways: list[tuple[str, str]] = []
    for file in files:
        booklet = BOOKLET_NAME.search(file.name)
        if file.suffix == ".pdf":
            ways.append((f"Booklet {booklet[1]} of {booklet[2]} to print (PDF)" if booklet
                         else "This guide to print (PDF)", file.name))
        elif file.suffix == ".docx":
            ways.append((f"Booklet {booklet[1]} of {booklet[2]} as a Word document" if booklet
                         else "This guide as a Word document", file.name))
    stem = easy_read_stem(document.meta.title)
    if "audio" in document.meta.formats:
        ways.append(("Listen to this guide (MP3)", f"../audio/easy-read/{stem}-complete.mp3"))
    if "epub" in document.meta.formats:
        ways.append(("This guide as an e-book (EPUB)", f"../epub/{stem}.epub"))
    return ways


def render_html(document: Document, out_dir: Path, files: Sequence[Path] = ()) -> list[Path]:
    """Write ``index.html`` with its stylesheet, fonts and pictures, offering the edition's
    other ``files`` (see :func:`other_ways`); return the files written."""
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
    page.write_text(env.get_template("easy-read/web.html.j2").render(
        context(document, other_ways=other_ways(document, files))), encoding="utf-8")
    written.append(page)
    return written + pictures.written
