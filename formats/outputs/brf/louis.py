"""liblouis through ctypes: Unified English Braille grade 2 to and from BRF's ASCII braille.

The project's virtual environment cannot import Debian's ``python3-louis``, so the shared
library of Debian's ``liblouis20`` (pulled in by ``liblouis-bin`` and ``liblouis-data``, which
hold ``lou_translate`` and the tables) is called directly. The display table ``en-us-brf.dis``
makes liblouis write and read the North American ASCII braille of BRF files (upper case, one
character per cell); ``en-ueb-g2.ctb`` is UEB grade 2.

Neutral: both the writer (translation) and the reader and rules (back-translation) use it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import enum
from functools import lru_cache

TABLES = "en-us-brf.dis,en-ueb-g2.ctb"
LIBRARY = "louis"
_SONAME = "liblouis.so.20"


class LiblouisError(RuntimeError):
    """liblouis is missing, or it could not translate a text."""


class Emphasis(enum.IntFlag):
    """liblouis typeforms: the emphasis classes of the UEB tables, in their order."""

    PLAIN = 0
    ITALIC = 0x0001
    UNDERLINE = 0x0002
    BOLD = 0x0004
    TRANSNOTE = 0x0010  # the transcriber's note indicators of UEB
    NO_CONTRACT = 0x1000  # letters, not contractions: an address must be typed as written


@lru_cache(maxsize=1)
def library() -> ctypes.CDLL:
    """Return liblouis, loaded once. Raises LiblouisError when it is not installed."""
    name = ctypes.util.find_library(LIBRARY) or _SONAME
    try:
        found = ctypes.CDLL(name)
    except OSError as error:
        raise LiblouisError(f"liblouis is not installed ({error}): install Debian's "
                            "liblouis-bin and liblouis-data") from None
    found.lou_charSize.restype = ctypes.c_int
    found.lou_version.restype = ctypes.c_char_p
    found.lou_getTable.restype = ctypes.c_void_p
    if not found.lou_getTable(TABLES.encode()):
        raise LiblouisError(f"the liblouis tables {TABLES} are missing: install Debian's "
                            "liblouis-data")
    return found


def version() -> str:
    """Return the version of liblouis ("3.24.0"). Raises LiblouisError when it is missing."""
    return library().lou_version().decode()


def _encoding() -> str:
    return "utf-32-le" if library().lou_charSize() == 4 else "utf-16-le"


def _call(function_name: str, text: str, typeform: list[int] | None,
          sources: bool = False) -> tuple[str, list[int]]:
    """Return what liblouis's ``function_name`` makes of ``text`` and, with ``sources`` (for
    ``lou_translate``), the index of the character each cell comes from; raises
    LiblouisError."""
    if not text:
        return "", []
    lib = library()
    encoding = _encoding()
    width = lib.lou_charSize()
    data = text.encode(encoding)
    length = len(data) // width
    capacity = length * 4 + 64
    while True:
        source = ctypes.create_string_buffer(data, len(data) + width)
        in_length = ctypes.c_int(length)
        target = ctypes.create_string_buffer(capacity * width)
        out_length = ctypes.c_int(capacity)
        forms = None
        if typeform is not None:
            forms = (ctypes.c_uint16 * max(capacity, length))(*typeform[:length])
        found = (ctypes.c_int * capacity)()
        # lou_translate takes the output and input positions and the cursor before the mode
        positions = (None, found, None) if sources else ()
        done = getattr(lib, function_name)(TABLES.encode(), source, ctypes.byref(in_length),
                                           target, ctypes.byref(out_length), forms, None,
                                           *positions, 0)
        if not done:
            raise LiblouisError(f"liblouis could not translate {text[:60]!r}")
        if in_length.value >= length or capacity > length * 64:
            cells = target.raw[:out_length.value * width].decode(encoding)
            return cells, list(found[:out_length.value]) if sources else []
        capacity *= 4  # the output was cut short: try again with more room


def translate(text: str, emphasis: list[int] | None = None) -> str:
    """Return ``text`` in UEB grade 2 as BRF cells (ASCII braille, upper case).

    ``emphasis`` gives an :class:`Emphasis` per character of ``text`` (or is None). Raises
    LiblouisError when liblouis is missing or fails.
    """
    if emphasis is not None and len(emphasis) != len(text):
        raise ValueError("one emphasis per character of the text is needed")
    return _call("lou_translateString", text, emphasis)[0]


def translate_with_sources(text: str, emphasis: list[int] | None = None
                           ) -> tuple[str, list[int]]:
    """Return ``text`` in UEB grade 2 cells (see :func:`translate`) and, for each cell, the
    index of the character of ``text`` it comes from. Raises LiblouisError (and ValueError for
    ``emphasis`` of the wrong length)."""
    if emphasis is not None and len(emphasis) != len(text):
        raise ValueError("one emphasis per character of the text is needed")
    return _call("lou_translate", text, emphasis, sources=True)


def back_translate(cells: str) -> str:
    """Return the print text that liblouis reads in BRF ``cells`` (grade 2 back-translation,
    which is lossy: "enough" comes back as "en"). Raises LiblouisError."""
    return _call("lou_backTranslateString", cells.upper(), None)[0]
