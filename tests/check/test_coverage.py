"""How the check reads one edition (formats/check/coverage.py, read_edition)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from formats.check.coverage import read_edition
from formats.core.model import Document
from formats.core.reading import current_stretch
from formats.registry import edition


@pytest.mark.usefixtures("no_browser_rules")
def test_an_editions_readers_and_rules_share_one_stretch_with_the_collector_paused(
        mini_document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))  # nothing remembered
    chosen = edition("braille")
    seen: list[tuple[str, bool, int | None]] = []

    def noting(what: str, then: Any) -> Any:
        def run(*args: Any) -> Any:
            seen.append((what, gc.isenabled(), current_stretch()))
            return then(*args)
        return run

    monkeypatch.setattr(chosen, "read_back", noting("read back", chosen.read_back))
    monkeypatch.setattr(chosen, "rules", noting("rules", chosen.rules))
    read_edition(mini_document, tmp_path / "dist", "braille")
    assert [(what, collecting) for what, collecting, _ in seen] == [
        ("read back", False), ("rules", False)]
    assert seen[0][2] is not None and seen[0][2] == seen[1][2]
    assert gc.isenabled() and current_stretch() is None
