"""Web addresses, e-mail addresses and handles, said for a listener: the site, never the path.

A web address is said as its site: the host without ``www``, each part joined by "dot":
"I L I S dot co dot uk". A part is said through the lexicon only when the lexicon's words spell
it ("gdaonline" -> "GDA online"); a short part the lexicon says otherwise is spelt, letter by
letter ("ilis" is "I L I S", not "eye-liss"; "scie" is "S C I E", not "sky", which would send
the listener to another site). An address with a path is said "on" its site ("on scotland dot
gov dot uk"): the path's letters, capitals and numbers cannot be followed by ear, and the full
address is in the list of links beside the recording. The site is said whole: leaving out its
first parts (sub-domains) names another site ("nes.scot.nhs.uk" is not "scot.nhs.uk"). Only a
site said in more than ``MAX_WORDS`` words (letters spelt one after another count as one word)
is said as "part of" the end of its host that fits ("part of example dot org dot uk"). Text
that already says "on" before an address does not say it twice.

An e-mail address is said "name at site" (an "at" before it in the text becomes a comma: "by
e-mail at contact@..." is not "by e-mail at contact at ..."); a handle "@name" is said "at
name", and "all one word" after it when the name is said in several ("at independent living in
scotland, all one word"). Addresses are found with or without ``https://`` or ``www.``
("odi.dwp.gov.uk/odi-projects"): a bare host counts when it ends with a known top-level domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from formats.core.addresses import Address, find_addresses, host_and_path

MAX_WORDS = 8  # the most words a site is said in
SPELT_AT_MOST = 6  # letters of an address part the lexicon says otherwise, spelt out
_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_WORD_BREAK = re.compile(r"[._+-]+")
_AT_BEFORE = re.compile(r"(?<=\w),? at (?=$)", re.IGNORECASE)
_ON_BEFORE = re.compile(r"\bon $", re.IGNORECASE)


def word_count(text: str) -> int:
    """Return how many words a text is said in, letters spelt one after another ("N H S")
    counting as one."""
    return said_length(text.split())


def said_length(words: list[str]) -> int:
    """Return how many words ``words`` are said in, a run of single letters counting as one."""
    return sum(1 for index, word in enumerate(words)
               if len(word) > 1 or index == 0 or len(words[index - 1]) > 1)


def say_site(host: str, say_word: Callable[[str], str],
             count: Callable[[str], int] = word_count) -> str:
    """Return a host as said: each part through ``say_word``, joined by "dot"; when that takes
    more than MAX_WORDS words by ``count``, "part of" the end of the host that fits (at least
    two parts), never fewer parts as if they were the site."""
    parts = [say_word(part) for part in host.split(".") if part]
    if len(parts) <= 2 or count(" dot ".join(parts)) <= MAX_WORDS:
        return " dot ".join(parts)
    while len(parts) > 2 and count("part of " + " dot ".join(parts)) > MAX_WORDS:
        parts = parts[1:]
    return "part of " + " dot ".join(parts)


def part_as_said(part: str, marked: str, words: str) -> str:
    """Return how a part of an address is said, given the lexicon's ``marked`` form of it and
    that form's ``words``: ``marked`` when those words spell the part ("GDA online" spells
    "gdaonline"), else the part spelt, letter by letter, when it is short ("ilis" -> "I L I S":
    a listener cannot type "eye-liss"), else ``marked``."""
    if re.sub(r"[\W_]+", "", words).lower() == re.sub(r"[\W_]+", "", part).lower():
        return marked
    if part.isalpha() and len(part) <= SPELT_AT_MOST:
        return " ".join(part.upper())
    return marked


def say_address(address: Address, say_word: Callable[[str], str],
                count: Callable[[str], int] = word_count) -> str:
    """Return an address as said: "eye-liss dot co dot uk", "on scotland dot gov dot uk",
    "contact at eye-liss dot co dot uk", "at eye-liss project"."""
    if address.kind == "handle":  # one word, whatever it is said in
        name = say_name(address.written[1:], say_word)
        return f"at {name}" + (", all one word" if count(name) > 1 else "")
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
        before = text[last:address.start]
        if address.kind == "email":
            before = _AT_BEFORE.sub(", ", before)
        said = say_address(address, say_word, count)
        if said.startswith("on ") and _ON_BEFORE.search(before):  # "is on www.a.org/b"
            said = said[3:]
        pieces += [before, said]
        last = address.end
    return "".join(pieces) + text[last:]
