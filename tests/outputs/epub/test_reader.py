"""The EPUB reader: container -> package -> navigation and content documents, as XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from formats.outputs.epub.reader import EpubError, open_epub, read_back, read_sections
from formats.outputs.epub.writer import NavPoint
from tests.outputs.epub.sample import CHAPTER, chapter, write_sample


def test_the_book_is_found_as_a_reading_system_finds_it(tmp_path: Path) -> None:
    book = open_epub(write_sample(tmp_path / "a.epub"))
    assert book.package_path == "EPUB/package.opf"
    assert book.spine == ["01-start.xhtml"]
    assert book.nav == "nav.xhtml"
    assert book.toc == [("01-start.xhtml#start", "1. Start", 1),
                        ("01-start.xhtml#more", "1.1 More", 2)]
    assert book.pages == [("3", "01-start.xhtml#page-3")]
    assert book.metadata["dc:title"] == ["Sample"]
    assert book.metadata["schema:accessMode"] == ["textual"]


def test_sections_have_their_heading_and_own_text(tmp_path: Path) -> None:
    sections = read_sections(open_epub(write_sample(tmp_path / "a.epub")))
    assert list(sections) == ["start", "more"]
    assert sections["start"].title == "1. Start"
    assert sections["start"].text == "1. Start First words. Second line. A picture of three steps"
    assert sections["more"].text == ("1.1 More One point. Another point. Name Answer "
                                     "Co-production Yes")
    assert sections["more"].file == "01-start.xhtml"
    assert sections["more"].problems == ()


def test_a_section_the_contents_do_not_reach_has_that_problem(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.epub", toc=(NavPoint("01-start.xhtml#start", "1. Start"),))
    sections = read_sections(open_epub(path))
    assert sections["more"].problems == (
        "not reached from the navigation document's table of contents",)


def test_a_contents_entry_that_goes_nowhere_is_a_problem(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "a.epub", toc=(NavPoint("01-start.xhtml#gone", "Gone"),))
    assert read_back(tmp_path).problems == (
        "the table of contents entry 'Gone' goes to 01-start.xhtml#gone, which does not exist",)
    assert path.is_file()


def test_a_section_removed_from_a_document_is_not_found(tmp_path: Path) -> None:
    start = CHAPTER.index('<section id="more">')
    html = CHAPTER[:start] + CHAPTER[CHAPTER.index("</section>", start) + 10:]
    write_sample(tmp_path / "a.epub", documents=(chapter(html),))
    found = read_back(tmp_path)
    assert set(found.sections) == {"start"}
    assert found.problems == ("the table of contents entry '1.1 More' goes to "
                              "01-start.xhtml#more, which does not exist",)


def test_a_folder_without_exactly_one_epub_is_a_problem(tmp_path: Path) -> None:
    assert read_back(tmp_path).problems == (f"no EPUB file (*.epub) in {tmp_path}",)


def test_files_a_reading_system_could_not_open_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.epub").write_bytes(b"not a zip")
    with pytest.raises(EpubError,
                       match=r"^a\.epub cannot be opened as a zip: File is not a zip file$"):
        open_epub(tmp_path / "a.epub")
    with zipfile.ZipFile(tmp_path / "b.epub", "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    with pytest.raises(EpubError, match=r"^META-INF/container\.xml is missing$"):
        open_epub(tmp_path / "b.epub")
    with zipfile.ZipFile(tmp_path / "c.epub", "w") as archive:
        archive.writestr("META-INF/container.xml", "<container><rootfiles>")
    with pytest.raises(EpubError, match=r"^META-INF/container\.xml is not well-formed XML: "):
        open_epub(tmp_path / "c.epub")
