"""LibreOffice's layout of a .docx: the profiles it runs with are kept and reused, one run a
profile, and a damaged kept profile is replaced instead of failing the build; the pages found
are remembered by the file's bytes."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import docx
import pytest

from formats.core.helper_slot import slot_file
from formats.outputs.docx import libreoffice
from formats.outputs.docx.libreoffice import (
    Layout,
    laid_out_by_libreoffice,
    laid_out_by_libreoffice_of,
    laid_out_of,
    laid_out_pages,
    laid_out_pages_of,
)
from formats.outputs.docx.libreoffice_profiles import KEPT_PROFILES, profiles_folder


@pytest.fixture
def bookmarked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a .docx whose second page starts with the bookmark "second", with the tool's
    cache in a folder of the test's own."""
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    document = docx.Document()
    document.add_paragraph("First page.")
    document.add_page_break()
    paragraph = document.add_paragraph()
    start = paragraph._p.makeelement(docx.oxml.ns.qn("w:bookmarkStart"),
                                     {docx.oxml.ns.qn("w:id"): "1",
                                      docx.oxml.ns.qn("w:name"): "second"})
    end = paragraph._p.makeelement(docx.oxml.ns.qn("w:bookmarkEnd"),
                                   {docx.oxml.ns.qn("w:id"): "1"})
    paragraph._p.append(start)
    paragraph.add_run("Second page.")
    paragraph._p.append(end)
    path = tmp_path / "two-pages.docx"
    document.save(str(path))
    return path


def _used_profiles(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    used: list[Path] = []
    lay_out = libreoffice._laid_out

    def laid_out(program: str, profile: Path, paths: list[Path]) -> list[Layout]:
        used.append(profile)
        return lay_out(program, profile, paths)

    monkeypatch.setattr(libreoffice, "_laid_out", laid_out)
    return used


@pytest.mark.slow  # LibreOffice
def test_the_kept_profile_is_made_once_and_used_again(bookmarked: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    used = _used_profiles(monkeypatch)
    assert laid_out_by_libreoffice(bookmarked)["second"] == 2
    assert laid_out_by_libreoffice(bookmarked)["second"] == 2
    assert used == [profiles_folder() / "0"] * 2
    assert (profiles_folder() / "0" / "user").is_dir()  # LibreOffice's profile, kept
    # LibreOffice did not run its graphics self-tests (which write this log when they end)
    assert not (profiles_folder() / "0" / "user" / "GraphicsRenderTests.log").exists()


@pytest.mark.slow  # LibreOffice
def test_a_profile_in_use_by_another_run_is_not_shared(bookmarked: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    used = _used_profiles(monkeypatch)
    profiles_folder().mkdir(parents=True)
    held = []
    for slot in range(KEPT_PROFILES):  # every kept profile in use by other runs
        handle = os.open(profiles_folder() / f"{slot}.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.append(handle)
    try:
        assert laid_out_by_libreoffice(bookmarked)["second"] == 2
    finally:
        for handle in held:
            os.close(handle)
    [profile] = used
    assert profile.parent != profiles_folder() and not profile.exists()  # its own, deleted


@pytest.mark.slow  # LibreOffice
def test_a_damaged_kept_profile_is_replaced(bookmarked: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    used = _used_profiles(monkeypatch)
    profiles_folder().mkdir(parents=True)
    (profiles_folder() / "0").write_text("not a folder", encoding="utf-8")
    assert laid_out_by_libreoffice(bookmarked)["second"] == 2
    assert used[0] == profiles_folder() / "0"
    assert used[1].parent != profiles_folder()
    assert not (profiles_folder() / "0").exists()  # deleted: the next run makes it again


@pytest.mark.slow  # LibreOffice
def test_a_cache_folder_that_cannot_be_written_gives_a_profile_of_its_own(
        bookmarked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used = _used_profiles(monkeypatch)
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_CACHE", str(not_a_folder))
    assert laid_out_by_libreoffice(bookmarked)["second"] == 2
    [profile] = used
    assert profile.parent != profiles_folder() and not profile.exists()


def test_libreoffice_runs_holding_the_builds_helper_slot(bookmarked: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    lock = tmp_path / "helpers.lock"
    held: list[bool] = []

    def lay_out(program: str, profile: Path, paths: list[Path]) -> list[Layout]:
        other = os.open(lock, os.O_RDWR)
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held.append(False)
        except BlockingIOError:
            held.append(True)
        finally:
            os.close(other)
        return [Layout({}, 1) for _ in paths]

    monkeypatch.setattr(libreoffice, "_laid_out", lay_out)
    with slot_file(lock):
        laid_out_by_libreoffice(bookmarked)
    assert held == [True]


def _counted_layouts(monkeypatch: pytest.MonkeyPatch, runs: list[list[Path]] | None = None
                     ) -> list[Path]:
    """Replace LibreOffice by a layout that puts every bookmark on page 2; return the files it
    was asked to lay out (and put each run's files in ``runs``)."""
    asked: list[Path] = []

    def lay_out(program: str, profile: Path, paths: list[Path]) -> list[Layout]:
        asked.extend(paths)
        if runs is not None:
            runs.append(list(paths))
        return [Layout({"second": 2}, 2) for _ in paths]

    monkeypatch.setattr(libreoffice, "_laid_out", lay_out)
    return asked


def test_the_same_bytes_are_laid_out_once(bookmarked: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counted_layouts(monkeypatch)
    copy = tmp_path / "elsewhere" / "copy.docx"
    copy.parent.mkdir()
    copy.write_bytes(bookmarked.read_bytes())
    assert laid_out_pages(bookmarked) == {"second": 2}
    assert laid_out_pages(copy) == {"second": 2}  # the same bytes in another place
    assert asked == [bookmarked]
    [entry] = (tmp_path / "cache" / libreoffice.LAYOUTS).glob("*.json")
    assert entry.read_text(encoding="utf-8") == ('{"bookmarks": {"second": 2}, "pages": 2, '
                                                 '"rooms": []}')
    assert laid_out_of([copy]) == [Layout({"second": 2}, 2)]  # its pages are remembered too
    assert asked == [bookmarked]


def test_other_bytes_a_damaged_entry_or_another_libreoffice_are_laid_out_again(
        bookmarked: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counted_layouts(monkeypatch)
    laid_out_pages(bookmarked)
    [entry] = (tmp_path / "cache" / libreoffice.LAYOUTS).glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert laid_out_pages(bookmarked) == {"second": 2}
    assert len(asked) == 2
    with bookmarked.open("ab") as more:  # one byte more: another file
        more.write(b"\0")
    laid_out_pages(bookmarked)
    assert len(asked) == 3
    other = tmp_path / "bin" / "soffice"  # another installation of LibreOffice
    other.parent.mkdir()
    other.write_text("#!/bin/sh\n", encoding="utf-8")
    other.chmod(0o755)
    monkeypatch.setenv("PATH", str(other.parent))
    laid_out_pages(bookmarked)
    assert len(asked) == 4


def test_files_not_remembered_are_laid_out_in_one_run(bookmarked: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The Easy Read Word booklets: LibreOffice starts once (and takes one turn of the helper
    slot) for the four, not once each; a file laid out before is not laid out again."""
    runs: list[list[Path]] = []
    _counted_layouts(monkeypatch, runs)
    others = []
    for number in range(2):
        other = tmp_path / f"other-{number}.docx"
        other.write_bytes(bookmarked.read_bytes() + bytes(number + 1))  # other bytes
        others.append(other)
    laid_out_pages(bookmarked)
    assert laid_out_pages_of([bookmarked, *others]) == [{"second": 2}] * 3
    assert runs == [[bookmarked], others]


@pytest.mark.slow  # LibreOffice
def test_one_run_lays_out_each_file_even_of_the_same_name(bookmarked: Path,
                                                          tmp_path: Path) -> None:
    one_page = tmp_path / "elsewhere" / bookmarked.name
    one_page.parent.mkdir()
    document = docx.Document(str(bookmarked))
    for paragraph in document.paragraphs[:2]:  # the first page and its break
        paragraph._p.getparent().remove(paragraph._p)
    document.save(str(one_page))
    assert laid_out_by_libreoffice_of([bookmarked, one_page]) == [
        Layout({"second": 2}, 2), Layout({"second": 1}, 1)]
