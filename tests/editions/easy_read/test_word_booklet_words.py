"""Each Easy Read Word booklet stands alone, as its PDF booklet does: every bold phrase of its
parts is in its own word list, and every word-list term its parts use is bold there and in its
word list (``easy-read/word-booklet-word-list``, read from the built Word files).

The fixture toolkit is split into 2 booklets with ``max_pages=4``, as in test_word_booklets.py:
booklet 1 uses "co-production", "partner" and "partnership", booklet 2 "co-production",
"partner" and "power"."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from formats.core.model import Document, EasyRead, EasyReadPart, GlossaryEntry
from formats.editions.easy_read import EDITION
from formats.editions.easy_read import docx as docx_output
from formats.editions.easy_read import pdf as pdf_output
from formats.editions.easy_read.word_booklet_words import (
    RULE,
    read_word_booklet,
    word_booklet_word_list,
)
from tests.editions.easy_read.support import failed

STEM = "mini-toolkit-easy-read"
BOOKLETS = [f"{STEM}-booklet-1-of-2.docx", f"{STEM}-booklet-2-of-2.docx"]


@pytest.fixture
def split(er_booklets: Path) -> Path:
    """Return the fixture's PDF and Word booklets, split at 4 pages (tests/.../conftest.py)."""
    return er_booklets


def judged(folder: Path, document: Document) -> list[tuple[str, bool, str]]:
    assert document.easy_read is not None
    return [(result.where, result.passed, result.message) for result in word_booklet_word_list(
        docx_output.docx_files(folder), folder, document.easy_read.word_list)]


def test_each_word_booklet_has_the_word_list_its_bold_words_need(
        er_fixture: Document, split: Path) -> None:
    assert judged(split, er_fixture) == [
        (BOOKLETS[0], True, "the 3 bold words and every word-list term used are in this "
                            "booklet's word list of 3 words"),
        (BOOKLETS[1], True, "the 3 bold words and every word-list term used are in this "
                            "booklet's word list of 3 words")]


def test_the_parts_bold_words_and_the_word_lists_terms_are_read_as_word_shows_them(
        er_fixture: Document, split: Path) -> None:
    assert er_fixture.easy_read is not None
    ids = {part.id for part in er_fixture.easy_read.parts}
    booklet = read_word_booklet(split / BOOKLETS[1], ids)
    assert booklet.terms == ["Co-production", "Partner", "Power"]  # bold by their style
    # the parts' text only: not the title page's note ("bold letters"), not the headings
    assert "bold letters" not in booklet.parts
    assert "Try it" not in booklet.parts
    assert "\x01power\x02" in booklet.parts.lower()


def test_the_rule_fails_on_word_booklets_with_another_booklets_word_list(
        er_fixture: Document, split: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each Word booklet given the first part's words only: booklet 2 lacks "power"."""
    made_for = docx_output.words_for

    def first_parts_words(easy_read: EasyRead,
                          parts: tuple[EasyReadPart, ...]) -> tuple[GlossaryEntry, ...]:
        return made_for(easy_read, easy_read.parts[:1])

    monkeypatch.setattr(docx_output, "words_for", first_parts_words)
    out = tmp_path / "easy-read"
    out.mkdir()
    booklets = pdf_output.render_booklets(er_fixture, out, max_pages=4)
    docx_output.render_docx(er_fixture, out, [booklet for booklet, _ in booklets])
    results = word_booklet_word_list(docx_output.docx_files(out), out,
                                     er_fixture.easy_read.word_list)  # type: ignore[union-attr]
    assert failed(results, RULE) == [
        (BOOKLETS[1], "bold 'power' is not in this booklet's word list; 'Power' is used but "
                      "not in this booklet's word list", "error")]


def without_strong(source: Path, target: Path) -> Path:
    """Copy a Word file, its body's runs no longer in the bold character style "Strong" (the
    hard words of its parts); return the copy."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b'<w:rPr><w:rStyle w:val="Strong"/></w:rPr>', b"")
            new.writestr(item, data)
    return target


def test_the_rule_fails_on_a_word_booklet_whose_hard_words_are_not_bold(
        er_fixture: Document, split: Path, tmp_path: Path) -> None:
    out = tmp_path / "easy-read"
    out.mkdir()
    without_strong(split / BOOKLETS[1], out / BOOKLETS[1])
    results = word_booklet_word_list([out / BOOKLETS[1]], out,
                                     er_fixture.easy_read.word_list)  # type: ignore[union-attr]
    assert failed(results, RULE) == [
        (BOOKLETS[1], "'Co-production' is used but never bold in this booklet: make its first "
                      "use bold, so a reader knows to look it up; 'Partner' is used but never "
                      "bold in this booklet: make its first use bold, so a reader knows to "
                      "look it up; 'Power' is used but never bold in this booklet: make its "
                      "first use bold, so a reader knows to look it up", "error")]


def test_a_file_that_is_not_a_word_document_fails_the_rule(tmp_path: Path) -> None:
    path = tmp_path / BOOKLETS[0]
    path.write_text("not a Word file", encoding="utf-8")
    assert [(where, passed) for where, passed, _ in
            [(result.where, result.passed, result.message)
             for result in word_booklet_word_list([path], tmp_path, ())]] == [
        (BOOKLETS[0], False)]


def test_the_edition_runs_the_rule_on_each_word_booklet(er_fixture: Document, split: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "easy-read"
    out.mkdir()
    for path in docx_output.docx_files(split):  # the rule reads the Word files alone
        shutil.copy(path, out / path.name)
    results = [result for result in EDITION.rules(er_fixture, out) if result.rule == RULE]
    assert [(result.where, result.passed) for result in results] == [
        (BOOKLETS[0], True), (BOOKLETS[1], True)]
