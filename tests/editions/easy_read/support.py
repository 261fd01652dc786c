"""What the Easy Read tests share besides fixtures: where the fixture is, copying and editing
it, building and checking it with build.py, and the failures of one rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build
from formats.core.contract import RuleResult
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "easy-read"
PART_1 = "easy-read/01-what-it-is.md"
PART_2 = "easy-read/02-try-it.md"
SETTINGS = "easy-read/easy-read.yaml"
LIBRARY = "pictures/easy-read/pictures.yaml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PDF_NAME = "mini-toolkit-easy-read.pdf"
DOCX_NAME = "mini-toolkit-easy-read.docx"


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there once) with ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def failed(results: list[RuleResult], rule: str) -> list[tuple[str, str, str]]:
    """Return (where, message, level) of every failed result of ``rule``."""
    return [(result.where, result.message, result.level) for result in results
            if result.rule == rule and not result.passed]


def copy_fixture(target: Path) -> Path:
    """Copy the Easy Read fixture into ``target``; return the copy's folder."""
    shutil.copytree(FIXTURE, target)
    return target


def build_into(source: Path, out: Path) -> Path:
    """Build the easy-read format of ``source`` with build.py into ``out``; return its folder."""
    assert build.main(["build", "--source", str(source), "--format", "easy-read",
                       "--out", str(out)]) == 0
    return out / "easy-read"


def run_check(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run ``build.py check`` on the easy-read format; return its exit code and its output."""
    capsys.readouterr()
    code = build.main(["check", "--source", str(source), "--format", "easy-read",
                       "--out", str(out)])
    return code, capsys.readouterr().out


def change_alt_text(page: Path, part: str, old: str, new: str) -> None:
    """Change the first alt text ``old`` in the part (section) ``part`` of a built web page
    to ``new``, as an editor of the HTML would."""
    html = page.read_text(encoding="utf-8")
    alt = html.index(f'alt="{old}"', html.index(f'<section id="{part}"'))
    page.write_text(html[:alt] + f'alt="{new}"' + html[alt + len(f'alt="{old}"'):],
                    encoding="utf-8")
