"""The Easy Read PDF and Word file as a reader meets them: no word broken at a line end (never
hyphenated, "co-production" kept whole), every booklet standing alone with its own word list,
and a Word page that is A4 with page numbers; each rule broken by a file made or edited here."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from formats.core.load import load
from formats.core.model import Document
from formats.editions.easy_read import html as html_output
from formats.editions.easy_read import pdf as pdf_output
from formats.editions.easy_read.booklet_rules import (
    bold_explained,
    booklet_word_list,
    part_numbers,
    pdf_line_ends,
    read_booklet,
    word_page,
)
from formats.editions.easy_read.pdf import pdf_files, render_pdfs
from formats.outputs.html.easy_read import keep_hyphens
from formats.outputs.pdf.writer import lay_out, write_layout
from tests.conftest import ROOT
from tests.editions.easy_read.support import PART_2, edit, failed
from tests.helpers.checked import checked_rules

DOCX = "mini-toolkit-easy-read.docx"
PDF = "mini-toolkit-easy-read.pdf"
NARROW = ('<html lang="en"><head><title>Line ends</title><style>.nowrap { white-space: nowrap; '
          '}</style></head><body style="width: 4cm; font-size: 18pt; hyphens: none">Partners '
          'like {word} a lot.</body></html>')


# ---------------------------------------------------------------------------------------------
# Never hyphenated, never broken at a hyphen


def narrow_pdf(folder: Path, word: str) -> Path:
    """Write a PDF whose 4 cm column puts ``word`` at a line end; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "narrow.pdf"
    return write_layout(lay_out(NARROW.replace("{word}", word), path.name, folder), path)


def test_a_line_ending_inside_a_word_at_its_hyphen_is_reported(tmp_path: Path) -> None:
    path = narrow_pdf(tmp_path, "co-production")
    assert failed(pdf_line_ends([path], tmp_path), "easy-read/pdf-line-ends") == [
        ("narrow.pdf", "page 1: a line ends 'co-' and the next starts 'production a'", "error")]


def test_a_no_wrap_span_keeps_the_word_whole(tmp_path: Path) -> None:
    path = narrow_pdf(tmp_path, keep_hyphens("co-production"))
    [result] = pdf_line_ends([path], tmp_path)
    assert result.passed and result.message == ("none of the 4 lines ends inside a word at a "
                                                 "hyphen")
    assert "co-production" in PdfReader(path).pages[0].extract_text()


@pytest.mark.parametrize(("text", "html"), [
    pytest.param("co-production", '<span class="nowrap">co-production</span>', id="a-word"),
    pytest.param("A drop-in centre & self-directed support",
                 'A <span class="nowrap">drop-in</span> centre &amp; '
                 '<span class="nowrap">self-directed</span> support', id="escaped-first"),
    pytest.param("<a href=\"x-y.html\">co-op</a>",
                 '&lt;a href=&#34;<span class="nowrap">x-y</span>.html&#34;&gt;'
                 '<span class="nowrap">co-op</span>&lt;/a&gt;', id="plain-text-is-escaped"),
    pytest.param("a - b", "a - b", id="a-dash-between-words"),
])
def test_keep_hyphens_wraps_hyphenated_words(text: str, html: str) -> None:
    assert str(keep_hyphens(text)) == html


def test_keep_hyphens_leaves_tags_alone() -> None:
    from markupsafe import Markup
    html = Markup('<a href="https://e-x.org/co-op" class="a-b">co-op</a>')
    assert str(keep_hyphens(html)) == ('<a href="https://e-x.org/co-op" class="a-b">'
                                       '<span class="nowrap">co-op</span></a>')


def test_no_easy_read_stylesheet_hyphenates_and_no_wrap_holds(er_built: Path) -> None:
    for css in (html_output.TEMPLATES / "easy-read" / "easy-read.css",
                html_output.TEMPLATES / "easy-read" / "print.css"):
        text = css.read_text(encoding="utf-8")
        assert re.findall(r"(?<![-\w])hyphens:\s*([\w-]+)", text) == ["none"], css.name
        assert ".nowrap { white-space: nowrap; }" in text
    page = (er_built / "index.html").read_text(encoding="utf-8")
    assert '<strong><span class="nowrap">co-production</span></strong>' in page
    assert "\u2011" not in page  # Atkinson Hyperlegible has no non-breaking hyphen


def test_the_built_pdf_has_no_line_broken_at_a_hyphen(er_built: Path) -> None:
    [result] = pdf_line_ends(pdf_files(er_built), er_built)
    assert result.passed and result.where == PDF


# ---------------------------------------------------------------------------------------------
# Each booklet stands alone


def test_each_booklet_explains_every_word_it_uses(er_fixture: Document, tmp_path: Path) -> None:
    written = render_pdfs(er_fixture, tmp_path, max_pages=4)
    assert len(written) == 2
    assert [read_booklet(path).terms for path in written] == [
        ["Co-production", "Partner", "Partnership"], ["Co-production", "Partner", "Power"]]
    results = booklet_word_list(written, tmp_path, er_fixture.easy_read.word_list)
    assert [(result.where, result.passed, result.message) for result in results] == [
        (written[0].name, True, "the 3 bold words and every word-list term used are in this "
                                "booklet's word list of 3 words"),
        (written[1].name, True, "the 3 bold words and every word-list term used are in this "
                                "booklet's word list of 3 words")]


def test_each_booklet_numbers_its_parts_as_the_other_formats_do(er_fixture: Document,
                                                               tmp_path: Path) -> None:
    """The first booklets numbered their own parts from 1 ("1. What is different about
    co-production?" in booklet 2 for part 5), and the other booklets' parts not at all."""
    written = render_pdfs(er_fixture, tmp_path, max_pages=4)
    parts = er_fixture.easy_read.parts
    assert [(result.where, result.passed, result.message)
            for result in part_numbers(written, tmp_path, parts)] == [
        (path.name, True, "the contents number each of its 2 parts as the other formats do")
        for path in written]
    renumbered = tuple(dataclasses.replace(part, number=part.number + 4) for part in parts)
    assert failed(part_numbers(written, tmp_path, renumbered), "easy-read/part-numbers") == [
        (path.name, "'What is it?' is not numbered 5, as in the other formats; 'Try it' is not "
                    "numbered 6, as in the other formats", "error") for path in written]


def test_each_booklet_says_how_hard_words_are_shown_before_its_first_bold_word(
        er_fixture: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Booklets 2 to 4 of the real guide first said nowhere that bold words are hard words in
    the word list (part 1, in booklet 1, says it): their title page now does."""
    written = render_pdfs(er_fixture, tmp_path / "now", max_pages=4)
    assert [(result.where, result.passed, result.message)
            for result in bold_explained(written, tmp_path / "now")] == [
        (path.name, True, "it says that hard words are in bold and in the word list before "
                          "its first bold word") for path in written]
    assert "Hard words in this booklet are in bold letters." in " ".join(
        PdfReader(written[1]).pages[0].extract_text().split())
    booklet_html = pdf_output.booklet_html

    def without_note(*args, **kwargs):  # type: ignore[no-untyped-def]
        return re.sub(r'<p class="hard-words">.*?</p>', "", booklet_html(*args, **kwargs))

    monkeypatch.setattr(pdf_output, "booklet_html", without_note)
    old = render_pdfs(er_fixture, tmp_path / "old", max_pages=4)
    assert failed(bold_explained(old, tmp_path / "old"), "easy-read/bold-explained") == [
        (path.name, f"the first bold word ('{word}') comes before the booklet says how hard "
                    "words are shown: in bold, and in its word list", "error")
        for path, word in zip(old, ["co-production", "co-production"], strict=True)]


def test_a_booklet_word_list_without_a_word_its_parts_use_fails(
        er_fixture: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words_for = pdf_output.words_for

    def without_power(easy_read, parts):  # type: ignore[no-untyped-def]
        return tuple(entry for entry in words_for(easy_read, parts) if entry.term != "Power")

    monkeypatch.setattr(pdf_output, "words_for", without_power)
    written = render_pdfs(er_fixture, tmp_path, max_pages=4)
    assert failed(booklet_word_list(written, tmp_path, er_fixture.easy_read.word_list),
                  "easy-read/booklet-word-list") == [
        (written[1].name, "bold 'power' is not in this booklet's word list; 'Power' is used "
                          "but not in this booklet's word list", "error")]


def test_a_word_used_but_never_bold_in_a_booklet_fails(source_copy: Path,
                                                       tmp_path: Path) -> None:
    edit(source_copy / PART_2, "**Partners** share", "Partners share")
    document = load(source_copy)
    written = render_pdfs(document, tmp_path / "out", max_pages=4)
    assert failed(booklet_word_list(written, tmp_path / "out", document.easy_read.word_list),
                  "easy-read/booklet-word-list") == [
        (written[1].name, "'Partner' is used but never bold in this booklet: make its first use "
                          "bold, so a reader knows to look it up", "error")]


# ---------------------------------------------------------------------------------------------
# The Word page


def rewrite_docx(path: Path, name: str, change: dict[bytes, bytes]) -> None:
    """Replace, in one part of a .docx, each byte string of ``change`` (once) by its value."""
    with zipfile.ZipFile(path) as archive:
        contents = {item: archive.read(item) for item in archive.namelist()}
    for old, new in change.items():
        assert contents[name].count(old) >= 1, old
        contents[name] = re.sub(re.escape(old), new, contents[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in contents.items():
            archive.writestr(item, data)


def test_the_word_file_is_a4_with_page_numbers(built_copy: Path) -> None:
    result = word_page(built_copy / DOCX, built_copy)
    assert (result.rule, result.passed, result.message) == (
        "easy-read/word-page", True, "A4 pages with a page number in the footer")
    page = re.search(rb'<w:pgSz [^>]*/>', zipfile.ZipFile(built_copy / DOCX).read(
        "word/document.xml")).group(0)
    footer = next(name for name in zipfile.ZipFile(built_copy / DOCX).namelist()
                  if name.startswith("word/footer"))
    rewrite_docx(built_copy / DOCX, "word/document.xml",
                 {page: b'<w:pgSz w:w="12240" w:h="15840"/>'})
    rewrite_docx(built_copy / DOCX, footer, {b"PAGE": b"DATE"})
    assert failed([word_page(built_copy / DOCX, built_copy)], "easy-read/word-page") == [
        (DOCX, "the page is 21.6 x 27.9 cm, not A4 (21.0 x 29.7 cm); no footer holds a "
               "page number (a PAGE field)", "error")]


# ---------------------------------------------------------------------------------------------
# The real toolkit (slow: it builds the booklets)


@pytest.mark.slow
def test_real_booklets_stand_alone_and_break_no_word(real_document: Document,
                                                     real_dist: Path) -> None:
    booklets = sorted((real_dist / "easy-read").glob("*-booklet-*-of-4.pdf"))
    assert len(booklets) == 4
    results = checked_rules(real_document, real_dist, "easy-read")  # as the check found them
    word_lists = [result for result in results if result.rule == "easy-read/booklet-word-list"]
    line_ends = [result for result in results if result.rule == "easy-read/pdf-line-ends"]
    assert {result.where for result in word_lists} == {path.name for path in booklets}
    assert len(line_ends) == len(pdf_files(real_dist / "easy-read"))
    for result in word_lists + line_ends:
        assert result.passed, (result.where, result.message)


@pytest.mark.slow
def test_a_partner_edition_is_not_split_into_more_booklets(real_document: Document,
                                                           tmp_path: Path) -> None:
    # The partner's title page and imprint make the whole guide's front and back pages longer:
    # the plan then counts 5 booklets, but each booklet's own word list is shorter, and 4 fit.
    from formats.core.profile import read_profile, with_partner
    partner = read_profile(ROOT / "docs" / "example-profile" / "profile.yaml")
    written = render_pdfs(with_partner(real_document, partner), tmp_path)
    assert [path.name[-18:] for path in written] == [f"booklet-{n}-of-4.pdf" for n in range(1, 5)]
    assert all(len(PdfReader(path).pages) <= 24 for path in written)
