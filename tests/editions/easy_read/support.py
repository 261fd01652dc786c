"""What the Easy Read tests share besides fixtures: where the fixture is, editing a file in
place, and the failures of one rule."""

from __future__ import annotations

from pathlib import Path

from formats.core.contract import RuleResult
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "easy-read"
PART_1 = "easy-read/01-what-it-is.md"
PART_2 = "easy-read/02-try-it.md"
SETTINGS = "easy-read/easy-read.yaml"
LIBRARY = "pictures/easy-read/pictures.yaml"


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there once) with ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def failed(results: list[RuleResult], rule: str) -> list[tuple[str, str, str]]:
    """Return (where, message, level) of every failed result of ``rule``."""
    return [(result.where, result.message, result.level) for result in results
            if result.rule == rule and not result.passed]
