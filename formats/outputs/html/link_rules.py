"""Rules on the links of a built web page, read with the standard library's HTML parser:

- ``web/links-resolve``: every link, picture, stylesheet and script that the page names by a
  relative address leads to a file in the output folder (the page lies in its edition's
  folder, beside the other editions'), and every link to ``#id`` to an element of the page;
- ``web/other-formats-links``: the "Other formats" box (``aside.other-formats``) links to the
  files of every edition offered (``toolkit.yaml``'s ``formats``).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from formats.core.contract import RuleResult

_ADDRESSES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class _LinkReader(HTMLParser):
    """Collects the ids of a page, every address it names, and the links of its "Other
    formats" box."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.addresses: list[str] = []
        self.box_links: list[str] = []
        self.box_depth = 0  # open elements inside the box (0: outside it)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        address = values.get(_ADDRESSES.get(tag, ""), "")
        if address:
            self.addresses.append(address)
        if self.box_depth:
            self.box_depth += tag not in _VOID
            if tag == "a" and address:
                self.box_links.append(address)
        elif tag == "aside" and "other-formats" in values.get("class", "").split():
            self.box_depth = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.box_depth and tag not in _VOID:
            self.box_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if self.box_depth:
            self.box_depth -= 1


def read_links(html_file: Path) -> _LinkReader:
    """Return what the page at ``html_file`` names: ids, addresses, the box's links."""
    reader = _LinkReader()
    reader.feed(html_file.read_text(encoding="utf-8"))
    reader.close()
    return reader


def broken(address: str, page: Path, ids: set[str], root: Path) -> str:
    """Return why ``address`` on ``page`` leads nowhere, or '' when it leads to a file in
    ``root`` (or an element of the page). Web and e-mail addresses are not followed."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return ""
    if not parts.path:
        fragment = unquote(parts.fragment)
        return "" if not fragment or fragment in ids else f"'{address}': no element has that id"
    target = (page.parent / unquote(parts.path)).resolve()
    try:
        target.relative_to(root.resolve())
    except ValueError:
        return f"'{address}' leads out of the output folder"
    return "" if target.is_file() else f"'{address}': no such file in the output"


def links_resolve(html_file: Path, output: str, root: Path) -> RuleResult:
    """Return ``web/links-resolve`` for the page at ``html_file`` in the output folder
    ``root``."""
    where = str(html_file)
    if not html_file.is_file():
        return RuleResult("web/links-resolve", where, False, f"{output}: {html_file} does not "
                                                             "exist")
    reader = read_links(html_file)
    problems = [f"{output}: {why}" for address in dict.fromkeys(reader.addresses)
                if (why := broken(address, html_file, reader.ids, root))]
    return RuleResult.from_problems("web/links-resolve", where, problems,
                                    f"{output}: all {len(set(reader.addresses))} addresses lead "
                                    "to a file of the output or a part of the page")


def other_formats_links(html_file: Path, output: str, offered: tuple[str, ...],
                        own: str) -> RuleResult:
    """Return ``web/other-formats-links``: the "Other formats" box of the page links to a file
    of each edition in ``offered``: in the folder ``../<edition>/``, or beside the page for
    its own edition ``own``."""
    where = str(html_file)
    links = read_links(html_file).box_links if html_file.is_file() else []
    missing = []
    for name in offered:
        prefix = f"../{name}/"
        if not any(link.startswith(prefix) or (name == own and not link.startswith(("../", "#"))
                                               and not urlsplit(link).scheme)
                   for link in links):
            missing.append(f"{output}: the Other formats box has no link to the {name} edition")
    return RuleResult.from_problems("web/other-formats-links", where, missing,
                                    f"{output}: the Other formats box links to each of the "
                                    f"{len(offered)} editions offered")
