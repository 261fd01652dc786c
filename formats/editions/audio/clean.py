"""Text cleaned of what a speech engine reads badly (addresses are said before, by
:mod:`formats.editions.audio.addresses`)."""

from __future__ import annotations

import re
import unicodedata

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
_SYMBOLS = {"&": " and ", "%": " per cent", "+": " plus ", "=": " equals ", "@": " at ",
            "©": " Copyright ", "°": " degrees "}
_STRAY = re.compile(r"[*•·#_|~^<>{}\[\]\\/§¶†‡]")
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+([,.;:?!)])")
_MARK_BEFORE_STOP = re.compile(r"[,;:]\s*(?=[.?!])")
_REPEATED_STOP = re.compile(r"([.?!])(?:\s*[.,;:])+")
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")
_LINE_START_MARKS = re.compile(r"^[\s,.;:]+", re.MULTILINE)
_EMPTY_BRACKETS = re.compile(r"\(\s*[,.;:]?\s*\)")
_SPACES = re.compile(r"[ \t]+")


def clean(text: str) -> str:
    """Return text without what a speech engine reads badly.

    Removes bracketed page references, stray symbols and quotation marks; turns dashes into
    pauses, "Chair/s" into "Chair or Chairs", "a/b" into "a or b", ellipses into full stops,
    "&" into "and", "©" into "Copyright"; tidies the punctuation left behind. Lines (blocks)
    are kept.
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
