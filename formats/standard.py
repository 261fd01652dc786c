"""The standard edition: an accessible web page (``index.html``) modelled on GOV.UK publications.

One page, not several: readers can search the whole toolkit at once, save or send one file, and
every section id is a fragment of the same address; the contents list at the top reaches every
chapter and section.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from formats import html_read
from formats.model import Document
from formats.readback import ReadBack
from formats.templating import TEMPLATES, PictureCopier, environment, page_context

NAME = "standard"
PAGE = "index.html"
STYLESHEETS = ("screen.css", "print.css")


def render(document: Document, out_dir: Path) -> list[Path]:
    """Write the web edition into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pictures = PictureCopier(document.source_dir, out_dir)
    env = environment(pictures)
    written: list[Path] = []
    for name in STYLESHEETS:
        target = out_dir / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / "standard" / name, target)
        written.append(target)
    stylesheets = [{"href": "assets/screen.css", "media": ""},
                   {"href": "assets/print.css", "media": "print"}]
    html = env.get_template("standard/toolkit.html.j2").render(
        page_context(document, stylesheets=stylesheets))
    page = out_dir / PAGE
    page.write_text(html, encoding="utf-8")
    written.append(page)
    return written + pictures.written


def read_back(out_dir: Path) -> list[ReadBack]:
    """Return what an HTML parser finds in the built web page."""
    page = out_dir / PAGE
    if not page.is_file():
        return [ReadBack("standard/html", {}, (f"{page} does not exist",))]
    return [ReadBack("standard/html", html_read.read_file(page, out_dir))]
