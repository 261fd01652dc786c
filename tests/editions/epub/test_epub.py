"""The EPUB edition: built by build.py, opened as a reading system would, and checked."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

import build
from formats.check.coverage import Status, coverage, judge
from formats.core.model import Document
from formats.core.passages import section_passages
from formats.editions import epub
from formats.editions.epub.book import make_book
from formats.editions.epub.content import render_contents
from formats.editions.epub.rules import page_list_result
from formats.outputs.epub import rules as epub_rules
from formats.outputs.epub.names import EPUB_NS, XHTML_NS
from formats.outputs.epub.reader import open_epub, read_sections
from formats.outputs.epub.writer import write_epub
from formats.outputs.pdf.page_text import pdfium_document
from formats.outputs.pdf.print_pages import page_labels, section_pages
from tests.conftest import MINI_SOURCE

H = {"h": XHTML_NS, "epub": EPUB_NS}


def _epub(out: Path) -> Path:
    return out / "epub" / "mini-toolkit.epub"


def _document(out: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(_epub(out)) as archive:
        return etree.fromstring(archive.read(f"EPUB/{name}"))


def test_every_section_is_read_back_present(mini_document: Document, mini_epub: Path) -> None:
    found = epub.EDITION.read_back(mini_epub / "epub")[0]
    assert found.output == "epub/epub" and found.problems == ()
    assert {sid: section.problems for sid, section in found.sections.items()} == {
        section.id: () for section in mini_document.sections()}


def test_the_contents_list_every_section_with_the_web_editions_ids(mini_epub: Path) -> None:
    page = lxml.html.fromstring((mini_epub / "standard" / "index.html").read_bytes())
    web_ids = page.xpath("//section/@id")
    book = open_epub(_epub(mini_epub))
    assert [href.split("#")[1] for href, _, _ in book.toc] == web_ids
    assert [label for _, label, _ in book.toc] == [
        "1. Getting started", "1.1 What is it?", "a) Details", "1.2 Try it",
        "Appendix 1: Suggested answers", "Quiz 1: True or false?"]
    assert book.spine[:2] == ["00-title-page.xhtml", "nav.xhtml"]


def test_the_page_list_gives_the_standard_pdfs_pages(mini_document: Document,
                                                     mini_epub: Path) -> None:
    pdf = mini_epub / "standard" / "mini-toolkit.pdf"
    pages = section_pages(pdf)
    with pdfium_document(pdf) as opened:
        labels = page_labels(opened)
    book = open_epub(_epub(mini_epub))
    # every page from the first chapter's, not only those a section starts on ("5" starts
    # inside a section): a reader told "turn to page 5" finds it
    assert [label for label, _ in book.pages] == labels[labels.index(pages["start"]):]
    assert "5" not in pages.values()
    result = page_list_result(mini_document, _epub(mini_epub), pdf.parent)
    assert (result.rule, result.passed) == ("epub/page-list", True)
    chapter = _document(mini_epub, "01-start.xhtml")
    marker = chapter.xpath("//h:section[@id='start']/h:span[@epub:type='pagebreak']",
                           namespaces=H)[0]
    assert marker.get("role") == "doc-pagebreak" and marker.get("title") == pages["start"]


def test_links_between_documents_go_to_the_right_document(mini_epub: Path) -> None:
    chapter = _document(mini_epub, "01-start.xhtml")
    assert chapter.xpath("//h:a[text()='glossary']/@href", namespaces=H) == [
        "02-answers.xhtml#term-power"]
    answers = _document(mini_epub, "02-answers.xhtml")
    assert answers.xpath("//h:p[@class='answers-link']/h:a/@href", namespaces=H) == [
        "01-start.xhtml#quiz-true-false"]


def test_every_passage_has_an_id_for_media_overlays(mini_epub: Path) -> None:
    chapter = _document(mini_epub, "01-start.xhtml")
    ids = chapter.xpath("//@id")
    assert {"what-is-it.h", "what-is-it.b1", "what-is-it.b2.i1", "what-is-it.b2.i2",
            "details.b1.p1", "details.b2.r1", "try-it.b1.b2.r1"} <= set(ids)
    assert chapter.xpath("//h:p[@id='what-is-it.b1']/text()", namespaces=H)[0].startswith(
        "Co-production is working together.")
    assert chapter.xpath("//*[@id='details.b2.r1']", namespaces=H)[0].tag == f"{{{XHTML_NS}}}tr"
    assert len(ids) == len(set(ids))
    assert not chapter.xpath("//@data-ref")


@pytest.mark.parametrize("toolkit", ["mini", "real"])
def test_every_passage_of_the_model_is_shown_by_one_element(
        toolkit: str, mini_document: Document, real_document: Document) -> None:
    document = mini_document if toolkit == "mini" else real_document
    shown = render_contents(document, {}).passages
    refs = [passage.ref for section in document.sections()
            for passage in section_passages(section)]
    assert sorted(ref for found in shown.values() for ref in found) == sorted(refs)
    ids = [element_id for found in shown.values() for element_id in found.values()]
    assert len(ids) == len(set(ids))


def test_the_package_says_what_a_reader_needs(mini_epub: Path) -> None:
    book = open_epub(_epub(mini_epub))
    assert book.metadata["dc:identifier"] == ["urn:test:mini:epub"]
    assert book.metadata["dc:language"] == ["en-GB"]
    assert book.metadata["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert book.metadata["schema:accessibilityFeature"] == [
        "structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
        "unlocked", "pageNavigation", "pageBreakMarkers", "synchronizedAudioText"]
    assert book.metadata["pageBreakSource"] == [
        "Mini toolkit, standard print edition (PDF), edition 1"]
    # The form's fields are not scripting, and the EPUB runs no script: no buttons that need one
    assert book.manifest["01-start.xhtml"][1] == ""
    start = book.documents["01-start.xhtml"]
    names = {etree.QName(node).localname for node in start.iter() if isinstance(node.tag, str)}
    assert {"input", "textarea"} <= names
    assert not {"button", "noscript", "script", "form"} & names


def test_the_same_source_gives_the_same_file(mini_document: Document, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    first = epub.EDITION.render(mini_document, tmp_path / "one")[0]
    second = epub.EDITION.render(mini_document, tmp_path / "two")[0]
    assert first.read_bytes() == second.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    third = epub.EDITION.render(mini_document, tmp_path / "three")[0]
    assert open_epub(third).metadata["dcterms:modified"] == ["2025-12-01T00:00:00Z"]
    with zipfile.ZipFile(third) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 12, 1, 0, 0, 0)}


def test_without_the_standard_edition_there_is_no_page_list(mini_document: Document,
                                                            tmp_path: Path) -> None:
    book = open_epub(epub.EDITION.render(mini_document, tmp_path)[0])
    assert book.pages == []
    assert "pageNavigation" not in book.metadata["schema:accessibilityFeature"]
    assert "synchronizedAudioText" not in book.metadata["schema:accessibilityFeature"]
    assert not any(href.endswith((".smil", ".mp3")) for href in book.manifest)


def _rewrite(path: Path, name: str, change: str, into: str) -> None:
    """Replace ``change`` by ``into`` in the document ``name`` of the EPUB at ``path``."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in entries:
            if info.filename == f"EPUB/{name}":
                text = data.decode()
                assert re.search(change, text, re.S)
                archive.writestr(info, re.sub(change, into, text, count=1, flags=re.S).encode())
            else:
                archive.writestr(info, data)


@pytest.mark.slow  # the check runs EPUBCheck and axe-core
def test_check_passes_on_a_complete_build(mini_document: Document, mini_epub: Path) -> None:
    result = coverage(mini_document, mini_epub, ["epub"])
    assert result.outputs == ["epub/epub"]
    assert all(cell.status is Status.PRESENT for cell in result.cells.values())
    assert [(rule.rule, rule.passed) for rule in result.rules] == [
        ("epub/epubcheck", True), ("epub/a11y-metadata", True), ("epub/overlays", True),
        ("epub/labels-said-once", True), ("epub/glossary-one-list", True),
        ("epub/answer-boxes", True), ("epub/axe", True),
        ("epub/reflow-320", True), ("epub/words-whole-320", True), ("epub/text-spacing", True),
        ("epub/lang", True), ("epub/title", True), ("epub/link-names", True),
        ("epub/form-boxes-named", True), ("epub/page-list", True)]


@pytest.mark.usefixtures("no_browser_rules")  # what is found, not how the pages look
def test_check_fails_and_names_a_section_removed_from_the_epub(
        mini_epub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def not_run(paths: list[Path]) -> None:  # nor whether EPUBCheck accepts the book (its own
        raise RuntimeError("not run by this test")  # tests: tests/outputs/epub/test_rules.py)

    monkeypatch.setattr(epub_rules, "run_epubcheck", not_run)
    out = tmp_path / "dist"
    shutil.copytree(mini_epub, out)
    _rewrite(_epub(out), "01-start.xhtml", r'<section id="details".*?</section>', "")
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(out),
                       "--format", "epub"]) == 1
    report = capsys.readouterr().out
    assert "epub/epub: section 'details' (a) Details) is missing: heading not found" in report


def test_a_sentence_cut_or_a_section_left_out_of_the_contents_is_incomplete(
        mini_document: Document, mini_epub: Path, tmp_path: Path) -> None:
    folder = tmp_path / "epub"
    shutil.copytree(mini_epub / "epub", folder)
    _rewrite(_epub(tmp_path), "01-start.xhtml", "It means sharing power", "It means")
    _rewrite(_epub(tmp_path), "nav.xhtml", r'<li><a href="01-start.xhtml#try-it">.*?</li>', "")
    found = read_sections(open_epub(_epub(tmp_path)))
    expected = epub.EDITION.expected(mini_document)
    cut = judge(expected["what-is-it"], found["what-is-it"])
    assert (cut.status, cut.details) == (Status.INCOMPLETE, (
        "1 sentence(s) not found: 'It means sharing power, as the glossary says.'",))
    hidden = judge(expected["try-it"], found["try-it"])
    assert (hidden.status, hidden.details) == (Status.INCOMPLETE, (
        "not reached from the navigation document's table of contents",))


def test_the_real_toolkit_is_present_whole(real_document: Document, tmp_path: Path) -> None:
    path = epub.EDITION.render(real_document, tmp_path)[0]
    found = epub.EDITION.read_back(tmp_path)[0]
    assert found.problems == ()
    assert set(found.sections) == {section.id for section in real_document.sections()}
    assert all(not section.problems for section in found.sections.values())
    assert len(open_epub(path).spine) == 2 + len(real_document.chapters)


def test_a_page_list_of_the_pages_sections_start_on_only_fails(mini_document: Document,
                                                               mini_epub: Path,
                                                               tmp_path: Path) -> None:
    """The first EPUB listed only the pages a section starts on (34 of the toolkit's 52)."""
    standard = mini_epub / "standard"
    book = make_book(mini_document, section_pages(standard / "mini-toolkit.pdf"))  # no openings
    path = write_epub(book, tmp_path / "mini-toolkit.epub")
    result = page_list_result(mini_document, path, standard)
    assert (result.passed, result.message) == (False, "1 of the 3 print pages from the first "
                                                      "chapter's are not in the page list: 5")
