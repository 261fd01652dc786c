"""What the check finds in a built edition, through the check's own memory.

Tests that look at the real toolkit's outputs read the rule results and read-backs the check
itself produced for the same files (``formats.check.coverage.read_edition``): the end-to-end
check measures them once a run (in the run's cache folder, see tests/conftest.py) and every
other test reads the same answers instead of measuring 80 minutes of audio or 100 PDF pages
again. The answers are measured on the files' bytes, never taken from a renderer.
"""

from __future__ import annotations

from pathlib import Path

from formats.check.coverage import read_edition
from formats.core.contract import ReadBack, RuleResult
from formats.core.model import Document


def checked_rules(document: Document, out_dir: Path, name: str) -> list[RuleResult]:
    """Return the results of the edition ``name``'s rules on its files under ``out_dir``."""
    return read_edition(document, out_dir, name)[1]


def checked_readbacks(document: Document, out_dir: Path, name: str) -> list[ReadBack]:
    """Return what the edition ``name``'s readers find in its files under ``out_dir``."""
    return read_edition(document, out_dir, name)[0]


def failed(results: list[RuleResult]) -> list[tuple[str, str, str]]:
    """Return (rule, where, message) of every result that did not pass, at any level."""
    return [(result.rule, result.where, result.message) for result in results
            if not result.passed]
