"""Skip what has not changed: an edition whose source, code and settings are the same as at the
last build is kept, with no rendering and no read-back; editions are built in parallel."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import build
from formats.check.pipeline import cache_key, readback_kind
from formats.core.load import load
from formats.core.memo import remembered_readbacks
from formats.editions.standard import StandardEdition
from formats.registry import EDITIONS, edition
from tests.conftest import MINI_SOURCE


class ExplodingEdition(StandardEdition):
    """The standard edition, failing the test if it is rendered or read back."""

    def render(self, document: Any, out_dir: Path, inputs: Any = None) -> list[Path]:
        raise AssertionError("rendered although nothing changed")

    def read_back(self, out_dir: Path) -> Any:
        raise AssertionError("read back although nothing changed")


def tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build_into(out: Path, source: Path = MINI_SOURCE, *extra: str) -> int:
    return build.main(["--source", str(source), "--out", str(out), "--format", "standard",
                       "--format", "word", *extra])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the mini toolkit built (standard and Word) once a module: no test changes it."""
    out = tmp_path_factory.mktemp("pristine") / "dist"
    assert build_into(out) == 0
    return out


@pytest.fixture
def built_once(pristine: Path, tmp_path: Path) -> Path:
    """Return a folder of the test's own holding the mini toolkit's build, as build.py left it
    (a copy of the module's build: each build of it took 3-4 s)."""
    out = tmp_path / "dist"
    shutil.copytree(pristine, out)
    return out


def explode(monkeypatch: pytest.MonkeyPatch) -> None:
    module = type(sys)("exploding_edition")
    module.EDITION = ExplodingEdition()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "exploding_edition", module)
    monkeypatch.setitem(EDITIONS, "standard", "exploding_edition")


def test_a_rebuild_with_nothing_changed_renders_and_reads_nothing(
        built_once: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(built_once)
    capsys.readouterr()
    explode(monkeypatch)
    assert build_into(built_once) == 0
    assert tree(built_once) == before
    err = capsys.readouterr().err
    assert "standard     web page and PDF (" in err and "pages) (unchanged, kept)" in err


def test_an_edited_source_builds_again(built_once: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    page = source / "chapters" / "01-start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    assert cache_key(load(source), "standard") != cache_key(load(MINI_SOURCE), "standard")
    capsys.readouterr()
    assert build_into(built_once, source) == 0
    assert "A new sentence." in (built_once / "standard" / "index.html").read_text(
        encoding="utf-8")
    assert "(unchanged, kept)" not in capsys.readouterr().err


def test_the_key_does_not_depend_on_where_the_source_is(tmp_path: Path) -> None:
    shutil.copytree(MINI_SOURCE, tmp_path / "elsewhere")
    assert cache_key(load(tmp_path / "elsewhere"), "word") == cache_key(load(MINI_SOURCE), "word")


def test_an_output_file_changed_by_hand_is_built_again(built_once: Path) -> None:
    page = built_once / "standard" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"Mini toolkit", b"Edited by hand", 1))
    assert build_into(built_once) == 0
    assert page.read_bytes() == original


def test_no_cache_builds_everything_again(built_once: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert build_into(built_once, MINI_SOURCE, "--no-cache") == 0
    assert "(unchanged, kept)" not in capsys.readouterr().err


def test_editions_built_in_parallel_are_the_same_as_one_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    monkeypatch.setenv("TOOLKIT_WORKERS", "1")
    assert build_into(tmp_path / "serial") == 0
    monkeypatch.setenv("TOOLKIT_WORKERS", "2")
    assert build_into(tmp_path / "parallel") == 0
    serial, parallel = tree(tmp_path / "serial"), tree(tmp_path / "parallel")
    assert set(serial) == set(parallel)
    same = {path for path in serial if serial[path] == parallel[path]}
    assert {path for path in serial if path.endswith((".html", ".pdf", ".css"))} <= same


EASY_SOURCE = MINI_SOURCE.parent / "easy-read"


def test_each_edition_is_built_again_only_when_what_it_renders_changed(tmp_path: Path) -> None:
    source, out = tmp_path / "src", tmp_path / "dist"
    shutil.copytree(EASY_SOURCE, source)
    command = ["--source", str(source), "--out", str(out), "--format", "standard",
               "--format", "easy-read"]
    assert build.main(command) == 0
    keys = {name: cache_key(load(source), name) for name in ("standard", "easy-read")}
    chapter = source / "chapters" / "01-start.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA new sentence.\n",
                       encoding="utf-8")
    edited = load(source)
    assert cache_key(edited, "standard") != keys["standard"]
    assert cache_key(edited, "easy-read") == keys["easy-read"]
    easy_files = tree(out / "easy-read")
    assert build.main(command) == 0
    assert tree(out / "easy-read") == easy_files
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # so the check does not call the kept edition stale: it renders nothing that changed
    assert {name: record["source_hash"] for name, record in manifest["formats"].items()} == {
        "standard": edited.source_hash, "easy-read": edited.source_hash}
    part = source / "easy-read" / "02-try-it.md"
    part.write_text(part.read_text(encoding="utf-8").replace("It is not a game.",
                                                             "It is not a game at all."),
                    encoding="utf-8")
    easy_edit = load(source)
    assert cache_key(easy_edit, "standard") == cache_key(edited, "standard")
    assert cache_key(easy_edit, "easy-read") != keys["easy-read"]


def test_an_edit_that_no_edition_renders_still_updates_the_manifest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "src", tmp_path / "dist"
    shutil.copytree(EASY_SOURCE, source)
    command = ["--source", str(source), "--out", str(out), "--format", "standard"]
    assert build.main(command) == 0
    part = source / "easy-read" / "02-try-it.md"
    part.write_text(part.read_text(encoding="utf-8").replace("It is not a game.",
                                                             "It is not a game at all."),
                    encoding="utf-8")
    edited = load(source)
    capsys.readouterr()
    assert build.main(command) == 0
    assert "(unchanged, kept)" in capsys.readouterr().err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_hash"] == edited.source_hash
    assert manifest["formats"]["standard"]["source_hash"] == edited.source_hash


def test_the_check_after_a_build_reads_back_nothing_the_build_read_back(
        pristine: Path) -> None:  # the build's own folder: what it remembered names its files
    document = load(MINI_SOURCE)
    for name in ("standard", "word"):
        files = sorted(path for path in (pristine / name).rglob("*") if path.is_file())

        def read_again(name: str = name) -> Any:
            raise AssertionError(f"{name}: read back again although the build read these bytes")

        found = remembered_readbacks(readback_kind(name), files, cache_key(document, name),
                                     read_again)
        assert found == edition(name).read_back(pristine / name)


def test_a_file_changed_after_the_build_is_read_back_again(built_once: Path) -> None:
    document = load(MINI_SOURCE)
    page = built_once / "standard" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<h2", "<h3", 1), encoding="utf-8")
    files = sorted(path for path in (built_once / "standard").rglob("*") if path.is_file())
    read: list[str] = []

    def read_again() -> Any:
        read.append("standard")
        return edition("standard").read_back(built_once / "standard")

    remembered_readbacks(readback_kind("standard"), files, cache_key(document, "standard"),
                         read_again)
    assert read == ["standard"]
