"""Names the editions share: the one file-name slug, and the "first few and N more" phrase."""

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


def some(items: Iterable[str], separator: str = "; ", shown: int = SHOWN) -> str:
    """Return the first ``shown`` items joined by ``separator``, then " and N more" when there
    are more: "a; b; c and 2 more"."""
    items = list(items)
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return separator.join(items[:shown]) + more


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # jinja2 templates, CSS, Word


def source_date(default: date) -> datetime:
    """Return the time files record as when they were made: ``SOURCE_DATE_EPOCH`` when it is
    set (reproducible-builds.org), else midnight UTC of ``default`` (the edition's date), so
    that the same source always gives the same files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.combine(default, datetime.min.time(), UTC)
