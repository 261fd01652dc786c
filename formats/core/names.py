"""Names the editions share: the one file-name slug, the "first few and N more" phrase, and the
ids the editions make beside the source's own (derived and reserved ids)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

SHOWN = 3  # examples a message names before it says how many more there are


def slug(title: str, empty: str = "document") -> str:
    """Return a file-name slug of a title: "Café à la carte" -> "cafe-a-la-carte".

    Accents are folded to ASCII letters, everything that is not a letter or a digit becomes one
    hyphen; a title with no letter or digit gives ``empty``.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or empty


def easy_read_stem(title: str) -> str:
    """Return the stem every edition gives its Easy Read files (the Easy Read edition's PDF and
    Word file, the Easy Read recording, the Easy Read EPUB), which the web pages link to:
    ``<slug of the toolkit's title>-easy-read``."""
    return f"{slug(title)}-easy-read"


def some(items: Iterable[str], separator: str = "; ", shown: int = SHOWN) -> str:
    """Return the first ``shown`` items joined by ``separator``, then " and N more" when there
    are more: "a; b; c and 2 more"."""
    items = list(items)
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return separator.join(items[:shown]) + more


SHORT_TEXT = 40  # characters of a text a message shows


def shortened(text: str) -> str:
    """Return ``text`` as a message shows it: its first ``SHORT_TEXT`` characters, the last
    three of them "..." when it is longer."""
    return text if len(text) <= SHORT_TEXT else text[:SHORT_TEXT - 3] + "..."


# The ids the pages' templates give their own elements (the title, the contents, the skip
# link's target...): a section or block of the source may not take one of them.
RESERVED_IDS = frozenset({"title", "contents", "contents-heading", "main-content",
                          "other-formats-heading", "about-heading"})
DERIVED = "--"  # the source's ids never hold two hyphens together (see the loader's ID_PATTERN)


def derived_id(base: str, part: str | int) -> str:
    """Return the id of a part of the element with id ``base`` ("q-who--answer" for its answer
    box, "q-who--2" for its second option; "page--12" for a page break): as the source's ids
    never hold "--", a derived id is never one of them, nor another element's derived id."""
    return f"{base}{DERIVED}{part}"


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # jinja2 templates, CSS, Word


def source_date(default: date) -> datetime:
    """Return the time files record as when they were made: ``SOURCE_DATE_EPOCH`` when it is
    set (reproducible-builds.org), else midnight UTC of ``default`` (the edition's date), so
    that the same source always gives the same files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(default, datetime.min.time(), UTC)
