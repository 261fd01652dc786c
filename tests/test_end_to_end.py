"""The whole pipeline as CI runs it on the bundled toolkit: build every format, then the check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from junitparser import JUnitXml

import build
from tests.conftest import REAL_SOURCE


@pytest.mark.slow
def test_every_format_of_the_toolkit_builds_and_passes_the_check(
        real_dist: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # real_dist is the build (``build.py --source source --out DIR``, asserted to exit 0), made
    # once a session and shared with the other tests that read the full build
    out, reports = real_dist, tmp_path / "reports"
    assert {path.name for path in out.iterdir()} == {
        "standard", "large-print", "easy-read", "word", "audio", "braille", "epub",
        "manifest.json"}
    capsys.readouterr()
    code = build.main(["check", "--source", str(REAL_SOURCE), "--out", str(out),
                       "--report", str(reports)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "All 68 sections are in all 13 outputs." in printed
    report = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert report["outputs"] == [
        "standard/html", "standard/pdf", "large-print/pdf", "large-print/docx",
        "easy-read/html", "easy-read/pdf", "easy-read/docx", "word/docx", "audio/mp3",
        "audio/easy-read-mp3", "braille/brf", "epub/epub", "epub/easy-read-epub"]
    assert report["summary"]["passed"] is True
    suites = JUnitXml.fromfile(str(reports / "junit.xml"))
    assert sum(suite.failures + suite.errors for suite in suites) == 0
    assert sum(suite.tests for suite in suites) > 68 * 13
