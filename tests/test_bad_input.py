"""Bad input of every kind (tests/fixtures/bad/*.yaml): a located error, exit 2, no traceback,
and an existing output folder left exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import build
from formats.registry import names
from tests.conftest import FIXTURES, MINI_SOURCE

CASES = sorted((FIXTURES / "bad").glob("*.yaml"))


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an output folder built from the mini toolkit."""
    out = tmp_path_factory.mktemp("bad-input") / "dist"
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out), "--format",
                       "standard"]) == 0
    return out


def apply(source: Path, edit: dict[str, Any]) -> None:
    """Apply one edit of a case to the copy of the mini toolkit at ``source``."""
    path = source / edit["file"]
    encoding = edit.get("encoding", "utf-8")
    if "size_mb" in edit:
        line = "Words that someone pasted in by mistake, again and again.\n"
        path.write_text("---\nid: start\ntitle: Big\nkind: chapter\n---\n\n"
                        + line * (edit["size_mb"] * 1024 * 1024 // len(line)), encoding="utf-8")
        return
    if "write" in edit:
        path.write_text(edit["write"], encoding=encoding)
        return
    text = path.read_text(encoding="utf-8")
    if "replace" in edit:
        old, new = edit["replace"]
        assert old in text, f"{old!r} is not in {edit['file']}"
        text = text.replace(old, new, 1)
    if "append" in edit:
        text += edit["append"]
    path.write_text(text, encoding=encoding)


@pytest.mark.parametrize("case", CASES, ids=[path.stem for path in CASES])
def test_bad_input_is_located_exits_2_and_changes_nothing(
        case: Path, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    for edit in spec.get("edit", []):
        apply(source, edit)
    if "profile" in spec:
        (tmp_path / "profile.yaml").write_text(spec["profile"], encoding="utf-8")
    fill = {"src": str(source), "tmp": str(tmp_path), "formats": ", ".join(names())}
    args = [arg.format(**fill) for arg in spec.get("args", [])]
    before = tree(built)
    capsys.readouterr()
    code = build.main(["--source", str(source), "--out", str(built), "--format", "standard",
                       *args])
    captured = capsys.readouterr()
    assert code == 2, captured.err
    assert spec["error"].format(**fill) in captured.err.splitlines()
    assert "Traceback" not in captured.err + captured.out
    assert tree(built) == before


def test_there_are_at_least_20_cases() -> None:
    assert len(CASES) >= 20


SCRIPT = '<script>alert("x")</script> and <img src=x onerror="alert(1)"> and &lt;b&gt;'


def test_html_in_the_text_is_shown_as_text_in_every_format(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    apply(source, {"file": "chapters/01-start.md",
                   "replace": ["Co-production is working together.",
                               f"Co-production is working together. Typed: {SCRIPT}."]})
    out = tmp_path / "dist"
    assert build.main(["--source", str(source), "--out", str(out), "--format", "standard",
                       "--format", "word"]) == 0
    page = (out / "standard" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "onerror=" not in page.replace("onerror=&#34;", "")
    assert "&lt;script&gt;alert" in page
    from formats.outputs.docx.reader import read_back_docx
    from formats.outputs.pdf.reader import read_back_one

    pdf = read_back_one(out / "standard", "*.pdf", "standard/pdf").sections["what-is-it"].text
    docx = read_back_docx(out / "word", "*.docx", "word/docx").sections["what-is-it"].text
    for text in (pdf, docx):  # the text's quotes are set curly, as everywhere in the text
        assert text is not None and '<script>alert(\u201cx\u201d)</script>' in text
