"""The list of links beside the recording: every web and e-mail address it mentions, in full.

The recording says an address by its site only ("on scotland dot gov dot uk"); ``links.html``
gives, section by section, each link's words and its full address, for a listener who wants to
visit it (a screen reader reads the page, and its links can be followed).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from formats.core.model import Document
from formats.editions.audio.headings import name, places
from formats.editions.audio.wording import LinkSaid


def write_links(path: Path, document: Document, links: list[LinkSaid]) -> Path:
    """Write the list of links as an HTML page; return its path."""
    meta = document.meta
    # each section named as the recording names it ("Appendix 1, part 1: Some other guides")
    labels = {place.section.id: f"{name(place)}: {place.section.title}"
              for place in places(document)}
    body: list[str] = []
    current = None
    for link in links:
        if link.section_id != current:
            if current is not None:
                body.append("</ul>")
            current = link.section_id
            body += [f"<h2>{escape(labels.get(current, current))}</h2>", "<ul>"]
        shown = link.address.removeprefix("mailto:")
        words = link.words if link.words and link.words != shown else ""
        said = f"{escape(words.rstrip(': '))}: " if words else ""  # "Email: x", not "Email:: x"
        body.append(f'<li>{said}<a href="{escape(link.address)}">{escape(shown)}</a></li>')
    if current is not None:
        body.append("</ul>")
    if not links:
        body.append("<p>The recording mentions no web or e-mail address.</p>")
    page = "\n".join([
        "<!DOCTYPE html>", f'<html lang="{escape(meta.language)}">', "<head>",
        '<meta charset="utf-8">', f"<title>{escape(meta.title)}: links in the audio</title>",
        "</head>", "<body>", f"<h1>{escape(meta.title)}: links in the audio edition</h1>",
        "<p>The recording says each web address by its site only. Here are the full "
        "addresses, by section.</p>", *body, "</body>", "</html>", ""])
    path.write_text(page, encoding="utf-8")
    return path
