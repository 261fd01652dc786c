"""The check as CI uses it: stale outputs, --strict, --report, and the build manifest."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import build
from formats.core.load import load
from tests.conftest import MINI_SOURCE


@pytest.fixture(scope="module")
def mini_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mini-dist")
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out), "--format",
                       "standard"]) == 0
    return out


def test_manifest_lists_every_file_with_its_hash_and_sections(mini_dist: Path) -> None:
    manifest = json.loads((mini_dist / "manifest.json").read_text(encoding="utf-8"))
    document = load(MINI_SOURCE)
    assert manifest["source_hash"] == document.source_hash
    files = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {path.relative_to(mini_dist).as_posix() for path in mini_dist.rglob("*")
               if path.is_file() and path.name != "manifest.json"}
    assert set(files) == on_disk
    for path, entry in files.items():
        assert entry["sha256"] == hashlib.sha256((mini_dist / path).read_bytes()).hexdigest()
    assert files["standard/index.html"]["sections"] == [s.id for s in document.sections()]


@pytest.mark.usefixtures("no_browser_rules")  # what the check says of the source's age
def test_output_built_from_an_older_source_is_reported_stale(
        mini_dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    page = source / "chapters" / "01-start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added after the build.\n",
                    encoding="utf-8")
    capsys.readouterr()
    code = build.main(["check", "--source", str(source), "--out", str(mini_dist), "--format",
                       "standard", "--strict", "--report", str(tmp_path / "reports")])
    output = capsys.readouterr().out
    assert "standard: built from an older source than the current one (stale): build again" \
        in output
    assert code == 1  # the added sentence is missing, and the output is stale
    report = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    assert {"kind": "stale", "message": "standard: built from an older source than the current "
            "one (stale): build again"} in report["warnings"]
    assert {path.name for path in (tmp_path / "reports").iterdir()} == {
        "report.json", "junit.xml", "report.html", "summary.md"}


def test_check_of_a_folder_that_does_not_exist_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out",
                       str(tmp_path / "nothing")]) == 2
    assert "does not exist: build first" in capsys.readouterr().err


def test_missing_source_is_a_usage_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["list", "--source", str(tmp_path)]) == 2
    assert f"{tmp_path}/toolkit.yaml: error: no toolkit here" in capsys.readouterr().err
