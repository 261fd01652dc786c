"""The build's memory budget: which editions may be built at the same time.

WeasyPrint holds the whole laid-out document until it has written the PDF: about 0.9 MB a
page. For the bundled toolkit that is little, but for a toolkit ten times as long the standard
and large-print PDFs, laid out at the same time, held 1.16 GB together. So the build starts an
edition only while its memory estimate (:meth:`Edition.memory_estimate_mb`) fits, beside those
of the editions being built, in a budget: ``TOOLKIT_MEMORY_MB`` (1000 MB unless set), less what
the build's own process holds. An edition whose estimate alone is over the budget is still
built, on its own. The budget orders the builds; it never leaves one out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

BUDGET_VARIABLE = "TOOLKIT_MEMORY_MB"
DEFAULT_BUDGET_MB = 1000.0
_PAGE_MB = (os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096) / 1024 / 1024


def budget_mb() -> float:
    """Return the memory, in MB, that the build's processes together may hold:
    ``TOOLKIT_MEMORY_MB`` when it is a positive number, else 1000."""
    wanted = os.environ.get(BUDGET_VARIABLE, "").strip()
    try:
        value = float(wanted)
    except ValueError:
        return DEFAULT_BUDGET_MB
    return value if value > 0 else DEFAULT_BUDGET_MB


def own_resident_mb() -> float:
    """Return the memory, in MB, that this process holds (0.0 where the system does not say:
    only Linux's /proc is read)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE_MB
    except (OSError, IndexError, ValueError):
        return 0.0


def fits(wanted_mb: float, running_mb: Iterable[float], budget: float) -> bool:
    """Return whether an edition estimated at ``wanted_mb`` may start beside editions estimated
    at ``running_mb``: when nothing runs, or when together they are within ``budget``."""
    running = list(running_mb)
    return not running or sum(running) + wanted_mb <= budget
