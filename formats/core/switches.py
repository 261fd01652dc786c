"""Switches the environment gives the check, read in one place."""

from __future__ import annotations

import os

BROWSER_SWITCH = "TOOLKIT_BROWSER_RULES"  # "0" turns the browser rules off (a warning each page)


def browser_rules_on() -> bool:
    """Return False when the environment turns the browser rules off (``TOOLKIT_BROWSER_RULES``
    is "0"), for a quick check while editing; each page is then one warning, never a pass."""
    return os.environ.get(BROWSER_SWITCH, "").strip() != "0"
