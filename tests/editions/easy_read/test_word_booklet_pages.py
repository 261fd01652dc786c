"""Each Easy Read Word booklet is 24 pages or fewer as LibreOffice lays it out
(``easy-read/word-booklet-pages``, read from the built Word files), as each PDF booklet is.

The fixture toolkit is split into 2 booklets with ``max_pages=4``, as in test_word_booklets.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from formats.editions.easy_read import docx as docx_output
from formats.editions.easy_read.word_booklet_pages import RULE, word_booklet_pages

STEM = "mini-toolkit-easy-read"
BOOKLETS = [f"{STEM}-booklet-1-of-2.docx", f"{STEM}-booklet-2-of-2.docx"]


@pytest.fixture
def split(er_booklets: Path) -> Path:
    """Return the fixture's PDF and Word booklets, split at 4 pages (tests/.../conftest.py)."""
    return er_booklets


def judged(folder: Path, max_pages: int = 24) -> list[tuple[str, str, bool, str]]:
    return [(result.rule, result.where, result.passed, result.message)
            for result in word_booklet_pages(docx_output.docx_files(folder), folder, max_pages)]


@pytest.mark.slow  # LibreOffice
def test_each_word_booklet_is_counted_as_libreoffice_lays_it_out(split: Path) -> None:
    assert judged(split) == [
        (RULE, BOOKLETS[0], True, "4 pages as LibreOffice lays it out (at most 24)"),
        (RULE, BOOKLETS[1], True, "4 pages as LibreOffice lays it out (at most 24)")]
    assert [passed for _, _, passed, _ in judged(split, max_pages=3)] == [False, False]


@pytest.mark.slow  # LibreOffice
def test_a_word_booklet_longer_than_24_pages_fails(split: Path, tmp_path: Path) -> None:
    longer = tmp_path / "easy-read"
    shutil.copytree(split, longer)
    booklet = docx.Document(str(longer / BOOKLETS[1]))
    for _ in range(24):  # a picture made larger in Word, say: each row on a page of its own
        booklet.add_page_break()
    booklet.save(str(longer / BOOKLETS[1]))
    assert judged(longer) == [
        (RULE, BOOKLETS[0], True, "4 pages as LibreOffice lays it out (at most 24)"),
        (RULE, BOOKLETS[1], False, "27 pages as LibreOffice lays it out (at most 24)")]


def test_without_libreoffice_every_booklet_fails(split: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))  # nothing remembered
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    results = word_booklet_pages(docx_output.docx_files(split), split)
    assert [(result.where, result.passed) for result in results] == [
        (BOOKLETS[0], False), (BOOKLETS[1], False)]
    assert results[0].message.startswith("its pages cannot be counted: LibreOffice (soffice) "
                                         "is needed")


def test_no_word_file_gives_no_result(tmp_path: Path) -> None:
    assert word_booklet_pages([], tmp_path) == []
