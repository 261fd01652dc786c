"""The code passes its own linters: ruff (pyproject.toml's rules) and mypy (strict about
definitions), as the conventions ask, so that a change that breaks them fails the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LINTED = ["formats", "build.py", "tests", "bench", "tools"]


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", *LINTED], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow  # mypy reads every module and its libraries' stubs (about 30 s cold)
def test_mypy_finds_nothing() -> None:
    done = subprocess.run([str(BIN / "mypy")], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
