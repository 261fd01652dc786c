"""Text cleaned of what a speech engine reads badly, and web addresses spelt out for listening."""

from __future__ import annotations

import re
import unicodedata

_ADDRESS = re.compile(
    r"(?:https?://|mailto:|www\.)[^\s<>()\"'“”‘’]*[^\s<>()\"'“”‘’.,;:!?]"  # web addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w.@])@\w+")  # social media names
_SCHEME = re.compile(r"^(?:https?://|mailto:)")
_ADDRESS_MARKS = {".": "dot", "@": "at", "/": "slash", "-": "dash", "_": "underscore",
                  ":": "colon", "?": "question mark", "=": "equals", "&": "and", "#": "hash",
                  "~": "tilde", "%": "per cent", "+": "plus"}
_ADDRESS_PART = re.compile(r"[.@/\-_:?=&#~%+]|[^.@/\-_:?=&#~%+]+")
_LONG_NUMBER = re.compile(r"\d{5,}")

_PAGE_REFERENCE = re.compile(
    r"\s*[(\[]\s*(?:see\s+)?(?:pages?|pp?\.?)\s*\d+(?:\s*[-–]\s*\d+)?\s*[)\]]", re.IGNORECASE)
_ELLIPSIS = re.compile(r"(?:\.\s*){3,}|…")
_NUMBER_RANGE = re.compile(r"(?<=\d)\s*[–—]\s*(?=\d)")
_DASH = re.compile(r"\s*[–—]\s*|\s+-\s+")
_PLURAL_SLASH = re.compile(r"\b([A-Za-z]+)/s\b")
_WORD_SLASH = re.compile(r"(?<=[A-Za-z])\s*/\s*(?=[A-Za-z])")
_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")
_KEPT_APOSTROPHE = "\x00"
_QUOTE = re.compile(r"[\"“”„‘’'`´]")
_POUNDS = re.compile(r"£\s*(\d[\d,]*(?:\.\d+)?)")
_SYMBOLS = {"&": " and ", "%": " per cent", "+": " plus ", "=": " equals ", "@": " at "}
_STRAY = re.compile(r"[*•·#_|~^<>{}\[\]\\/§¶†‡]")
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+([,.;:?!)])")
_MARK_BEFORE_STOP = re.compile(r"[,;:]\s*(?=[.?!])")
_REPEATED_STOP = re.compile(r"([.?!])(?:\s*[.,;:])+")
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")
_LINE_START_MARKS = re.compile(r"^[\s,.;:]+", re.MULTILINE)
_EMPTY_BRACKETS = re.compile(r"\(\s*[,.;:]?\s*\)")
_SPACES = re.compile(r"[ \t]+")


def spell_address(address: str) -> str:
    """Return a web or e-mail address as it is said: "www dot ilis dot co dot uk".

    The scheme and a trailing slash are left out; long runs of digits are read one by one.
    """
    address = _SCHEME.sub("", address).rstrip("/")
    words: list[str] = []
    for part in _ADDRESS_PART.findall(address):
        if part in _ADDRESS_MARKS:
            words.append(_ADDRESS_MARKS[part])
        else:
            words.append(_LONG_NUMBER.sub(lambda match: " ".join(match.group(0)), part))
    return " ".join(words)


def spell_addresses(text: str) -> str:
    """Return ``text`` with every web address, e-mail address and @name spelt out."""
    return _ADDRESS.sub(lambda match: spell_address(match.group(0)), text)


def clean(text: str) -> str:
    """Return text without what a speech engine reads badly.

    Removes bracketed page references, stray symbols and quotation marks; turns dashes into
    pauses, "Chair/s" into "Chair or Chairs", "a/b" into "a or b", ellipses into full stops,
    "&" into "and"; tidies the punctuation left behind. Lines (blocks) are kept.
    """
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _PAGE_REFERENCE.sub("", text)
    text = _ELLIPSIS.sub(". ", text)
    text = _NUMBER_RANGE.sub(" to ", text)
    text = _DASH.sub(", ", text)
    text = _PLURAL_SLASH.sub(r"\1 or \1s", text)
    text = _WORD_SLASH.sub(" or ", text)
    text = _APOSTROPHE.sub(_KEPT_APOSTROPHE, text)
    text = _QUOTE.sub("", text).replace(_KEPT_APOSTROPHE, "'")
    text = _POUNDS.sub(r"\1 pounds", text)
    for symbol, words in _SYMBOLS.items():
        text = text.replace(symbol, words)
    text = _STRAY.sub(" ", text)
    return _tidy(text)


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text)
    text = _EMPTY_BRACKETS.sub("", text)
    text = _SPACE_BEFORE_MARK.sub(r"\1", text)
    text = _MARK_BEFORE_STOP.sub("", text)
    text = _REPEATED_STOP.sub(r"\1", text)
    text = _REPEATED_COMMA.sub(",", text)
    text = _LINE_START_MARKS.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
