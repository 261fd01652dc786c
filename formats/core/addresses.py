"""Web addresses, e-mail addresses and handles found in text, with or without ``https://`` or
``www.`` ("odi.dwp.gov.uk/odi-projects"): a bare host counts when it ends with a known
top-level domain. Every edition that must treat an address apart finds it here: the audio says
its site, braille writes it uncontracted.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from formats.core.model import Link, Medium, Section

TOP_LEVEL = ("com", "org", "net", "edu", "gov", "int", "info", "biz", "scot", "wales", "cymru",
             "london", "eu", "uk", "ie", "us", "ca", "au", "nz", "de", "fr", "nl", "io", "app",
             "dev", "co")
_END = r"[^\s<>()\"'“”‘’.,;:!?]"
_HOST_END = r"[^\s<>()\"'“”‘’.,;:!?/]"
_PATH = rf"(?:/[^\s<>()\"'“”‘’]*{_END}|/)?"
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_HOST = rf"(?:{_LABEL}\.)+(?:{'|'.join(TOP_LEVEL)})\b"
ADDRESS = re.compile(
    rf"(?P<web>(?:https?://|www\.)[^\s<>()\"'“”‘’/]*{_HOST_END}{_PATH})"
    rf"|(?P<email>(?:mailto:)?[\w.+-]+@{_LABEL}(?:\.{_LABEL})+)"
    rf"|(?P<handle>(?<![\w.@])@\w+)"
    rf"|(?P<bare>(?<![\w@./-]){_HOST}{_PATH})",
    re.IGNORECASE)
_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


@dataclass(frozen=True)
class Address:
    """An address found in text: as written, its kind ("web", "email", "handle") and where."""

    written: str
    kind: str
    start: int
    end: int

    @property
    def full(self) -> str:
        """Return the address as a link would go to it (https:, mailto:)."""
        if self.kind == "email":
            return self.written if self.written.lower().startswith("mailto:") \
                else f"mailto:{self.written}"
        if self.kind == "handle":
            return self.written
        return self.written if re.match(r"https?://", self.written, re.I) \
            else f"https://{self.written}"


def find_addresses(text: str) -> list[Address]:
    """Return every address in ``text``, in order."""
    found = []
    for match in ADDRESS.finditer(text):
        kind = match.lastgroup or "web"
        found.append(Address(match.group(0), "web" if kind == "bare" else kind,
                             match.start(), match.end()))
    return found


def host_and_path(address: str) -> tuple[str, str]:
    """Return the host (without ``www.``) and the path of a web address."""
    bare = _SCHEME.sub("", address)
    host, _, path = bare.partition("/")
    host = re.sub(r"^www\.", "", host, flags=re.IGNORECASE).rstrip(".")
    return host, path.strip("/")


def nodes_in(node: object, kinds: type | tuple[type, ...]) -> Iterator[Any]:
    """Yield every node of ``kinds`` inside ``node`` (a block, an inline, or a tuple of them), in
    order, whatever the kinds around it: the model's nodes are dataclasses, walked field by
    field (a node of ``kinds`` is searched inside too)."""
    if isinstance(node, kinds):
        yield node
    if isinstance(node, tuple):
        for item in node:
            yield from nodes_in(item, kinds)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for found in dataclasses.fields(node):
            value = getattr(node, found.name)
            if isinstance(value, tuple) or dataclasses.is_dataclass(value):
                yield from nodes_in(value, kinds)


def links_in(node: object) -> Iterator[Link]:
    """Yield every link inside ``node`` (a block, an inline, or a tuple of them), in order."""
    return nodes_in(node, Link)


@dataclass(frozen=True)
class SectionAddresses:
    """The addresses a section's own blocks name: its links to other sites (https:, mailto:)
    and the addresses written in its text."""

    links: tuple[Link, ...]
    written: tuple[Address, ...]


def section_addresses(section: Section, medium: Medium) -> SectionAddresses:
    """Return the external links of a section's own blocks and the addresses in its text as
    ``medium`` has it (not those of its sub-sections)."""
    from formats.core.text import section_texts

    return SectionAddresses(
        tuple(link for link in links_in(section.blocks) if not link.is_internal),
        tuple(address for text in section_texts(section, medium)
              for address in find_addresses(text)))
