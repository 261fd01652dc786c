"""`build.py diff`: what changed between two editions of the source, for release notes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import build
from formats.check.diff import diff_documents
from formats.core.load import load
from formats.core.text import section_texts, sentences
from tests.conftest import MINI_SOURCE

START = "chapters/01-start.md"


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """Return a copy of the mini toolkit with a sentence changed, a section renamed, one added
    and one removed."""
    source = tmp_path / "new"
    shutil.copytree(MINI_SOURCE, source)
    path = source / START
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("## "))
    text = text.replace(first, first.replace("## ", "## Renamed: "), 1)
    path.write_text(text + "\n## A new section {#a-new-section}\n\nBrand new words here.\n",
                    encoding="utf-8")
    return source


def test_diff_lists_added_renamed_and_changed_sections(edited: Path) -> None:
    old, new = load(MINI_SOURCE), load(edited)
    changes = diff_documents(old, new, "old", "new")
    assert changes.added == [("a-new-section", "1.3 A new section")]
    assert changes.removed == []
    assert [(change.id, change.old_title, change.new_title) for change in changes.renamed] == [
        ("what-is-it", "1.1 What is it?", "1.1 Renamed: What is it?")]
    assert changes.changed == []
    assert diff_documents(old, old, "a", "b").empty


def test_a_removed_sentence_is_listed(tmp_path: Path) -> None:
    source = tmp_path / "new"
    shutil.copytree(MINI_SOURCE, source)
    document = load(MINI_SOURCE)
    section = next(section for section in document.sections() if section.blocks)
    sentence = sentences(section_texts(section))[0]
    path = source / section.location.path
    path.write_text(path.read_text(encoding="utf-8").replace(sentence, "", 1), encoding="utf-8")
    changes = diff_documents(document, load(source), "old", "new")
    assert [change.id for change in changes.changed] == [section.id]
    assert sentence in changes.changed[0].removed


def test_diff_command_prints_text_and_json(edited: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["diff", str(MINI_SOURCE), "--source", str(edited)]) == 0
    text = capsys.readouterr().out
    assert "Added: " in text and "(a-new-section)" in text and "Renamed: " in text
    assert build.main(["diff", str(MINI_SOURCE), "--source", str(edited), "--format",
                       "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [section_id for section_id, _ in data["added"]] == ["a-new-section"]


def test_diff_against_a_git_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repository = tmp_path / "repo"
    shutil.copytree(MINI_SOURCE, repository / "source")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repository, check=True)
    subprocess.run([*git, "add", "."], cwd=repository, check=True)
    subprocess.run([*git, "commit", "-qm", "first edition"], cwd=repository, check=True)
    subprocess.run([*git, "tag", "edition-1"], cwd=repository, check=True)
    page = repository / "source" / START
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence for edition 2.\n",
                    encoding="utf-8")
    assert build.main(["diff", "edition-1", "--source", str(repository / "source")]) == 0
    assert "  + One more sentence for edition 2." in capsys.readouterr().out


def test_an_unknown_revision_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["diff", "no-such-revision-anywhere", "--source", str(MINI_SOURCE)]) == 2
    assert capsys.readouterr().err.startswith(
        "error: 'no-such-revision-anywhere' is neither a folder nor a git revision: ")
