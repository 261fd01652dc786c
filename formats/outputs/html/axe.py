"""axe-core's script, as axe-playwright-python carries it (no download)."""

from __future__ import annotations

import functools


@functools.cache
def axe_script() -> str:
    """Return axe-core's JavaScript source. Raises ImportError when axe-playwright-python is
    not installed (the browser rules report that before opening a page)."""
    from axe_playwright_python.sync_playwright import Axe

    return str(Axe().axe_script)
