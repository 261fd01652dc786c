"""Web addresses, e-mail addresses and handles, said for a listener: the site, never the path.

A web address is said as its site: the host without ``www``, each part through the lexicon
("ilis" -> "eye-liss"), joined by "dot": "eye-liss dot co dot uk". An address with a path is
said "on" its site ("on scotland dot gov dot uk"): the path's letters, capitals and numbers
cannot be followed by ear, and the full address is in the list of links beside the recording.
A site said in more than ``MAX_WORDS`` words loses its first parts (sub-domains). An e-mail
address is said "name at site"; a handle "@name" is said "at name". Addresses are found with
or without ``https://`` or ``www.`` ("odi.dwp.gov.uk/odi-projects"): a bare host counts when
it ends with a known top-level domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_WORDS = 8  # the most words a site is said in
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
_WORD_BREAK = re.compile(r"[._+-]+")


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


def word_count(text: str) -> int:
    """Return how many words a text is said in."""
    return len(text.split())


def say_site(host: str, say_word: Callable[[str], str],
             count: Callable[[str], int] = word_count) -> str:
    """Return a host as said: each part through ``say_word``, joined by "dot", with its first
    parts left out while it takes more than MAX_WORDS words by ``count`` (at least two parts
    are kept)."""
    parts = [say_word(part) for part in host.split(".") if part]
    while len(parts) > 2 and count(" dot ".join(parts)) > MAX_WORDS:
        parts = parts[1:]
    return " dot ".join(parts)


def say_address(address: Address, say_word: Callable[[str], str],
                count: Callable[[str], int] = word_count) -> str:
    """Return an address as said: "eye-liss dot co dot uk", "on scotland dot gov dot uk",
    "contact at eye-liss dot co dot uk", "at eye-liss project"."""
    if address.kind == "handle":
        return f"at {say_name(address.written[1:], say_word)}"
    if address.kind == "email":
        name, _, host = _SCHEME.sub("", address.written).partition("@")
        return f"{say_name(name, say_word)} at {say_site(host, say_word, count)}"
    host, path = host_and_path(address.written)
    site = say_site(host, say_word, count)
    return f"on {site}" if path else site


def say_name(name: str, say_word: Callable[[str], str]) -> str:
    """Return the name part of an e-mail address or handle as said, its pieces through
    ``say_word`` ("first.last" -> "first dot last" is not said: "first last")."""
    whole = say_word(name)
    if whole != name:
        return whole
    return " ".join(say_word(piece) for piece in _WORD_BREAK.split(name) if piece)


def say_addresses(text: str, say_word: Callable[[str], str],
                  count: Callable[[str], int] = word_count) -> str:
    """Return ``text`` with every address said for a listener."""
    pieces, last = [], 0
    for address in find_addresses(text):
        pieces += [text[last:address.start], say_address(address, say_word, count)]
        last = address.end
    return "".join(pieces) + text[last:]
