"""The Easy Read EPUB: the Easy Read text as its own EPUB, read back and checked."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

import build
from formats.check.coverage import Status, coverage, judge
from formats.core.load import load
from formats.core.model import Document
from formats.editions import epub
from formats.editions.epub.easy_read import render_easy_read_contents
from formats.editions.epub.overlay_rules import easy_read_passages, overlay_rule
from formats.outputs.epub.overlay_reader import read_overlays
from formats.outputs.epub.reader import open_epub
from tests.conftest import FIXTURES

EASY_READ_SOURCE = FIXTURES / "easy-read"
BOOK = "mini-toolkit-easy-read.epub"


@pytest.fixture(scope="module")
def easy_document() -> Document:
    """Return the fixture toolkit that has an Easy Read text."""
    return load(EASY_READ_SOURCE)


@pytest.fixture(scope="module")
def easy_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder of the fixture built with its EPUBs (and the standard and
    audio editions they need)."""
    out = tmp_path_factory.mktemp("easy-read-epub")
    assert build.main(["--source", str(EASY_READ_SOURCE), "--out", str(out), "--format",
                       "epub"]) == 0
    return out


def test_every_row_heading_and_word_list_entry_is_a_passage(easy_document: Document) -> None:
    shown = render_easy_read_contents(easy_document).passages
    easy_read = easy_document.easy_read
    assert easy_read is not None
    wanted = [ref for part in easy_read.parts
              for ref in (f"{part.id}/h", *(f"{part.id}/r{n}"
                                            for n in range(1, len(part.rows) + 1)))]
    wanted += ["word-list/h", "word-list/p1",
               *(f"word-list/e{n}" for n in range(1, len(easy_read.word_list) + 1))]
    assert [ref for found in shown.values() for ref in found] == wanted
    assert shown["01-er-what-it-is.xhtml"]["er-what-it-is/r1"] == "er-what-it-is.r1"


def test_the_easy_read_epub_has_its_parts_pictures_and_font(easy_epub: Path) -> None:
    book = open_epub(easy_epub / "epub" / BOOK)
    assert [label for _, label, _ in book.toc] == ["1. What is it?", "2. Try it", "Word list"]
    assert book.metadata["dc:identifier"] == ["urn:test:easy-read:easy-read:epub"]
    assert "alternativeText" in book.metadata["schema:accessibilityFeature"]
    assert book.metadata["schema:accessibilitySummary"][0].startswith(
        "This Easy Read EPUB meets EPUB Accessibility 1.1")
    assert book.manifest["fonts/AtkinsonHyperlegible-Regular.ttf"][0] == "font/ttf"
    part = book.documents["01-er-what-it-is.xhtml"]
    pictures = part.xpath("//*[local-name()='img']")
    assert pictures and all(picture.get("alt") for picture in pictures)
    assert (easy_epub / "epub" / "mini-toolkit.epub").is_file()


@pytest.mark.slow  # EPUBCheck on both EPUBs (axe-core on them: tests/test_end_to_end.py)
def test_the_check_reads_both_epubs_back_whole(easy_document: Document, easy_epub: Path,
                                               no_browser_rules: None) -> None:
    result = coverage(easy_document, easy_epub, ["epub"])
    assert result.outputs == ["epub/epub", "epub/easy-read-epub"]
    assert all(cell.status is Status.PRESENT for cell in result.cells.values())
    failed = [(rule.rule, rule.where, rule.message) for rule in result.rules
              if not rule.passed and rule.rule != "epub/chromium"]
    assert failed == []
    not_in_a_browser = [rule for rule in result.rules if rule.rule == "epub/chromium"]
    assert all(rule.level == "warning" and "turned off" in rule.message
               for rule in not_in_a_browser)
    books = {Path(rule.where.split(":")[0]).name for rule in result.rules}
    assert books == {"mini-toolkit.epub", BOOK}


def test_a_row_left_out_of_the_easy_read_epub_is_found(easy_document: Document, easy_epub: Path,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(easy_epub, out)
    path = out / "epub" / BOOK
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in entries:
            changed = re.sub(rb'<div class="row" id="er-what-it-is\.r3">.*?</div>', b"", data,
                             count=1, flags=re.S)
            archive.writestr(info, changed if info.filename.endswith("01-er-what-it-is.xhtml")
                             else data)
    found = epub.EDITION.read_back(out / "epub")[1]
    assert found.output == "epub/easy-read-epub"
    wanted = epub.EDITION.expected_for(easy_document, found.output)["what-is-it"]
    cell = judge(wanted, found.sections.get(wanted.found_id))
    assert (cell.status, cell.details) == (Status.INCOMPLETE, (
        "1 sentence(s) not found: 'A report from 2009 says it is a partnership.'",))


def test_each_row_is_highlighted_while_the_easy_read_audio_says_it(
        easy_document: Document, easy_epub: Path) -> None:
    path = easy_epub / "epub" / BOOK
    overlays = read_overlays(path)
    easy_read = easy_document.easy_read
    assert easy_read is not None
    assert {document: len(pars) for document, pars in overlays.pars.items()} == {
        **{f"{part.number:02d}-{part.id}.xhtml": 1 + len(part.rows) for part in easy_read.parts},
        "03-word-list.xhtml": 2 + len(easy_read.word_list)}
    first = overlays.pars["01-er-what-it-is.xhtml"][1]
    assert (first.element_id, first.audio) == ("er-what-it-is.r1",
                                               "audio/001-er-what-it-is.mp3")
    result = overlay_rule(path, easy_read_passages(easy_document))
    assert result.passed, result.message
    assert epub.EDITION.read_back(easy_epub / "epub")[1].problems == ()
