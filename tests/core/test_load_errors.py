"""Bad input: every problem located as path:line, all collected, exit code 2, dist/ untouched."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import build
from formats.core.load import SourceError, load
from tests.conftest import MINI_SOURCE

START = "chapters/01-start.md"


def _variant(tmp_path: Path, relative: str, edit: Callable[[str], str]) -> Path:
    """Return a copy of the mini toolkit with ``edit`` applied to one of its files."""
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    path = source / relative
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return source


def _insert_after(marker: str, text: str) -> Callable[[str], str]:
    return lambda original: original.replace(marker, marker + text, 1)


CASES = [
    pytest.param("toolkit.yaml", _insert_after("rights: Free to copy for tests.\n",
                                               "formats: [standard\n"),
                 "toolkit.yaml:10: invalid YAML: expected ',' or ']', but got ':'",
                 id="invalid-yaml"),
    pytest.param(START, _insert_after("## Try it {#try-it}\n",
                                      "\n::: sidebar A note\nWords.\n:::\n"),
                 f"{START}:37: unknown block type 'sidebar' (expected one of: activity, answers, "
                 "checklist, form, part, question, quiz, quote, review, table)",
                 id="unknown-block-type"),
    pytest.param(START, lambda text: text + "\n## Again {#what-is-it}\n\nText.\n",
                 f"{START}:62: duplicate id 'what-is-it' (first used at {{src}}/{START}:7)",
                 id="duplicate-id"),
    pytest.param("toolkit.yaml", lambda text: text.replace("publisher: Test Publisher\n", ""),
                 "toolkit.yaml:1: missing metadata field 'publisher'",
                 id="missing-metadata-field"),
    pytest.param(START, lambda text: text.replace("(#term-power)", "(#term-nowhere)"),
                 f"{START}:9: link to '#term-nowhere' but no section, quiz, entry or question has "
                 "that id", id="cross-reference-to-missing-id"),
    pytest.param(START, _insert_after("## Try it {#try-it}\n",
                                      "\n![A chart](../pictures/chart.png)\n"),
                 f"{START}:37: picture '../pictures/chart.png' does not exist",
                 id="missing-picture"),
    pytest.param(START, _insert_after("## Try it {#try-it}\n",
                                      "\n![A chart](../../../chart.png)\n"),
                 f"{START}:37: picture '../../../chart.png' is outside the source folder",
                 id="picture-outside-source"),
    pytest.param(START, lambda text: text + "\n## Nothing here {#nothing}\n",
                 f"{START}:62: section 'nothing' is empty: give it some text or sub-sections",
                 id="empty-section"),
]


@pytest.mark.parametrize(("relative", "edit", "expected"), CASES)
def test_bad_input_is_reported_with_its_location(tmp_path: Path, relative: str,
                                                 edit: Callable[[str], str], expected: str) -> None:
    source = _variant(tmp_path, relative, edit)
    with pytest.raises(SourceError) as raised:
        load(source)
    assert raised.value.problems == [f"{source}/{expected.format(src=source)}"]


def test_text_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    path = source / START
    path.write_bytes(path.read_bytes().replace(b"Second point", b"Second caf\xe9 point"))
    with pytest.raises(SourceError) as raised:
        load(source)
    assert raised.value.problems == [f"{source}/{START}:12: text is not UTF-8 (byte 0xe9)"]


def test_every_problem_is_collected_before_stopping(tmp_path: Path) -> None:
    source = _variant(tmp_path, START, lambda text: text.replace("(#term-power)", "(#gone)")
                      .replace("::: checklist Ready?", "::: sidebar Ready?"))
    with pytest.raises(SourceError) as raised:
        load(source)
    assert len(raised.value.problems) == 2


def test_bad_input_exits_2_and_leaves_dist_untouched(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out)]) == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    source = _variant(tmp_path, START, lambda text: text.replace("(#term-power)", "(#gone)"))
    capsys.readouterr()
    assert build.main(["--source", str(source), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert f"{source}/{START}:9: link to '#gone'" in captured.err
    assert "Traceback" not in captured.err + captured.out
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert after == before


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--source", str(MINI_SOURCE), "--format", "daisy"]) == 2
    assert "unknown format 'daisy'" in capsys.readouterr().err
