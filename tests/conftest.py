"""Shared fixtures: the small fixture toolkit, the real toolkit, and builds made once a session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from formats.core.load import load
from formats.core.model import Document
from formats.registry import edition

ROOT = Path(__file__).resolve().parent.parent
# The tests keep the cached models apart from the user's, in one folder a run.
os.environ.setdefault("TOOLKIT_CACHE", tempfile.mkdtemp(prefix="toolkit-test-cache-"))
REAL_SOURCE = ROOT / "source"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_SOURCE = FIXTURES / "mini"


@pytest.fixture(scope="session")
def mini_document() -> Document:
    """Return the small fixture toolkit (two chapters, every block kind)."""
    return load(MINI_SOURCE)


@pytest.fixture(scope="session")
def real_document() -> Document:
    """Return the bundled toolkit from source/."""
    return load(REAL_SOURCE)


class Builds:
    """Builds one format of a document into a session folder, once, and returns its folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.done: dict[tuple[str, str], Path] = {}

    def __call__(self, document: Document, name: str) -> Path:
        key = (document.meta.identifier, name)
        if key not in self.done:
            chosen = edition(name)
            folder = self.root / document.meta.identifier.replace(":", "_") / chosen.name
            chosen.render(document, folder)
            self.done[key] = folder
        return self.done[key]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """Return a function ``built(document, format_name) -> folder`` that builds once a session."""
    return Builds(tmp_path_factory.mktemp("built"))
