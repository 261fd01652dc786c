"""What the build keeps beside the default output folder is left out of git: a newcomer who runs
the README's build command in a clone sees nothing new in ``git status`` (a ``.dist.lock`` did
show before)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from formats.check.output_folder import lock_path, sibling
from tests.conftest import ROOT


def _ignored(path: Path) -> bool:
    done = subprocess.run(["git", "check-ignore", "--quiet", "--no-index",
                           str(path.relative_to(ROOT))], cwd=ROOT, check=False)
    assert done.returncode in (0, 1), "git check-ignore failed"
    return done.returncode == 0


@pytest.mark.parametrize("path", [
    pytest.param(ROOT / "dist" / "standard" / "index.html", id="the-output"),
    pytest.param(lock_path(ROOT / "dist"), id="lock"),
    pytest.param(sibling(ROOT / "dist", "previous") / "manifest.json", id="previous"),
    pytest.param(sibling(ROOT / "dist", "staging-a1b2c3") / "manifest.json", id="staging"),
    pytest.param(sibling(ROOT / "dist", "report") / "report.html", id="preview-report"),
])
def test_what_a_build_writes_in_the_clone_is_ignored_by_git(path: Path) -> None:
    assert _ignored(path)


def test_the_source_is_not_ignored() -> None:
    assert not _ignored(ROOT / "source" / "toolkit.yaml")
