"""The standard web edition, read back as a browser's parser and a screen reader would."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import lxml.html
import pytest

import build
from formats.check.coverage import Status, coverage, judge
from formats.core.contract import standard_expected
from formats.core.model import Document
from formats.outputs.html.reader import read_sections
from tests.conftest import MINI_SOURCE


@pytest.fixture(scope="module")
def mini_page(mini_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("mini-web")
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out), "--format",
                       "standard"]) == 0
    return out


def _tree(out: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / "standard" / "index.html").read_bytes())


@pytest.mark.usefixtures("no_browser_rules")  # what is found, not how the page looks
def test_every_section_is_read_back_present(mini_document: Document, mini_page: Path) -> None:
    result = coverage(mini_document, mini_page, ["standard"])
    html_cells = {sid: cell for (sid, output), cell in result.cells.items()
                  if output == "standard/html"}
    assert {sid: cell.status for sid, cell in html_cells.items()} == {
        section.id: Status.PRESENT for section in mini_document.sections()}


def test_page_has_language_title_skip_link_and_landmarks(mini_page: Path) -> None:
    tree = _tree(mini_page)
    assert tree.get("lang") == "en-GB"
    assert tree.findtext(".//title") == "Mini toolkit: A small toolkit for tests"
    skip = tree.xpath("//body/a[1]")[0]
    assert skip.get("href") == "#main-content"
    assert tree.get_element_by_id("main-content") is not None
    for landmark in ("header", "nav", "main", "footer"):
        assert tree.xpath(f"//{landmark}"), landmark
    body_children = [child.tag for child in tree.xpath("//body/*")]
    assert body_children == ["a", "header", "div", "footer"]


def test_headings_are_numbered_in_order_without_skipped_levels(mini_page: Path) -> None:
    tree = _tree(mini_page)
    levels = [int(heading.tag[1]) for heading in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels))
    section_headings = [" ".join(h.text_content().split())
                        for h in tree.xpath("//section/*[1][self::h2 or self::h3 or self::h4]")]
    assert section_headings == ["1. Getting started", "1.1 What is it?", "a) Details",
                                "1.2 Try it", "Appendix 1: Suggested answers",
                                "Quiz 1: True or false?"]


def test_contents_lists_every_chapter_and_section(mini_document: Document, mini_page: Path) -> None:
    tree = _tree(mini_page)
    targets = [link.get("href") for link in tree.xpath("//nav//a")]
    assert targets == [f"#{section.id}" for section in mini_document.sections()
                       if section.level <= 3]


def test_each_chapter_ends_with_a_link_back_to_the_contents(mini_document: Document,
                                                            mini_page: Path) -> None:
    tree = _tree(mini_page)
    assert tree.xpath("//nav/@id") == ["contents"]
    ends = [chapter.xpath("./*[last()]")[0] for chapter in tree.xpath("//main/section")]
    assert [(end.get("class"), end.xpath("./a/@href"), end.text_content()) for end in ends] == [
        ("back-to-contents", ["#contents"], "Back to contents")] * 2
    # read back as the chapter's own text, after its sentences: no section loses one
    found = read_sections((mini_page / "standard" / "index.html").read_text(encoding="utf-8"))
    assert [sid for sid, section in found.items() if "Back to contents" in section.text] == [
        "start", "answers"]
    assert {sid: judge(wanted, found.get(sid)).status
            for sid, wanted in standard_expected(mini_document).items()} == {
        section.id: Status.PRESENT for section in mini_document.sections()}


def test_the_print_editions_have_no_link_back(mini_document: Document) -> None:
    from formats.editions.large_print import pdf_html as large_print_html
    from formats.editions.standard import pdf_html

    for html in (pdf_html(mini_document), large_print_html(mini_document)):
        assert 'class="back-to-contents"' not in html and "Back to contents" not in html


def test_tables_have_names_and_header_cells(mini_page: Path) -> None:
    tree = _tree(mini_page)
    compared, quiz, answers = tree.xpath("//table")
    for table in (compared, quiz, answers):
        assert {th.get("scope") for th in table.xpath("thead//th")} == {"col"}
    assert compared.xpath("caption")[0].text_content() == "Three ways compared"
    assert [th.text_content() for th in compared.xpath("thead//th")] == [
        "Information", "Consultation", "Co-production"]
    # a quiz's table has no caption (it would repeat the quiz's title): its heading names it
    assert not quiz.xpath("caption") and not answers.xpath("caption")
    heading = tree.get_element_by_id(quiz.get("aria-labelledby"))
    assert heading.tag == "h4" and heading.text_content() == "Quiz 1: True or false?"
    assert answers.get("aria-label") == "Suggested answers to quiz 1: True or false?"


def test_quiz_and_answers_link_both_ways(mini_page: Path) -> None:
    tree = _tree(mini_page)
    quiz = tree.get_element_by_id("quiz-true-false")
    assert quiz.xpath(".//a[@href='#answers-true-false']")
    answers = tree.get_element_by_id("answers-true-false")
    assert answers.xpath(".//a[@href='#quiz-true-false']")


def test_glossary_term_is_linked_and_targets_exist(mini_page: Path) -> None:
    tree = _tree(mini_page)
    ids = set(tree.xpath("//@id"))
    internal = [a.get("href")[1:] for a in tree.xpath("//a[starts-with(@href, '#')]")]
    assert "term-power" in internal
    assert set(internal) <= ids


def test_form_questions_are_real_form_controls(mini_page: Path) -> None:
    tree = _tree(mini_page)
    assert len(tree.xpath("//*[@id='q-who']//fieldset//input[@type='checkbox']")) == 2
    assert [i.get("value") for i in tree.xpath("//*[@id='q-useful']//input[@type='radio']")] \
        == ["yes", "no"]
    textarea = tree.xpath("//*[contains(@class, 'feedback-form')]//textarea")[0]
    assert tree.xpath(f"//label[@for='{textarea.get('id')}']")
    [quiz_box] = tree.xpath("//*[@id='quiz-true-false']//td[@class='write-in']/textarea")
    assert quiz_box.get("aria-labelledby") == ("quiz-true-false--table-1--row-1 "
                                               "quiz-true-false--table-1--column-2")
    legends = [" ".join(legend.text_content().split()) for legend in tree.xpath("//legend")]
    assert legends == ["1. Who are you? (tick all that apply)", "2. Was it useful? (choose one)"]


def test_the_form_is_filled_in_on_screen_and_sent_by_the_reader(mini_page: Path) -> None:
    tree = _tree(mini_page)
    assert tree.xpath("//form") == []  # nothing is posted, by mailto: or otherwise
    form = tree.xpath("//div[@class='feedback-form']")[0]
    buttons = form.xpath(".//button")
    assert [(button.get("type"), button.get("data-action")) for button in buttons] == [
        ("button", "download"), ("button", "copy"), ("button", "print")]
    assert form.xpath(".//p[@class='form-buttons']")[0].get("hidden") is not None  # until JS
    assert "need JavaScript" in form.xpath(".//noscript")[0].text_content()
    assert form.xpath(".//a[@href='mailto:contact@example.org']")
    assert [link.get("href") for link in form.xpath(".//div[@class='form-actions']//a")] == [
        "mini-toolkit.pdf"]  # the mini toolkit offers no Word edition
    assert tree.xpath("//script[@src='assets/form.js']")
    assert (mini_page / "standard" / "assets" / "form.js").is_file()


def test_other_formats_statement_is_on_the_page(mini_page: Path) -> None:
    text = " ".join(_tree(mini_page).text_content().split())
    assert "Ask us for large print, Easy Read or audio." in text
    box = _tree(mini_page).xpath("//aside[@class='other-formats']")[0]
    assert [(link.text_content(), link.get("href")) for link in box.xpath(".//li/a")] == [
        ("Print version (PDF)", "mini-toolkit.pdf")]


def test_words_that_depend_on_the_medium_take_the_screens_form(mini_page: Path) -> None:
    text = " ".join(_tree(mini_page).text_content().split())
    assert "Decide on your answer." in text and "Circle" not in text


def _without_section(page: Path, section_id: str) -> None:
    html = page.read_text(encoding="utf-8")
    start = html.index(f'<section id="{section_id}"')
    end = html.index("</section>", start) + len("</section>")
    page.write_text(html[:start] + html[end:], encoding="utf-8")


@pytest.mark.usefixtures("no_browser_rules")  # what is found, not how the page looks
def test_check_fails_and_names_a_section_removed_from_the_html(
        mini_page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    shutil.copytree(mini_page, out)
    _without_section(out / "standard" / "index.html", "details")
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(out),
                       "--format", "standard"]) == 1
    report = capsys.readouterr().out
    assert re.search(r"standard/html: section 'details' \(a\) Details\) is missing", report)


@pytest.mark.usefixtures("no_browser_rules")  # what is found, not how the page looks
def test_check_fails_when_a_sentence_is_cut_from_a_section(
        mini_page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    shutil.copytree(mini_page, out)
    page = out / "standard" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("It means sharing power", "It means"),
                    encoding="utf-8")
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(out),
                       "--format", "standard"]) == 1
    assert "section 'what-is-it' (1.1 What is it?) is incomplete: 1 sentence(s) not found: " \
           "'It means sharing power, as the glossary says.'" in capsys.readouterr().out


@pytest.mark.slow  # the check runs axe-core in Chromium
def test_check_passes_on_a_complete_build(mini_page: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(mini_page),
                       "--format", "standard"]) == 0


def test_other_formats_links_to_the_files_of_every_edition_offered(
        real_document: Document) -> None:
    from formats.editions.standard.links import (
        FormatLink,
        form_chapter,
        form_versions,
        other_formats,
    )

    assert other_formats(real_document) == [
        FormatLink("Print version (PDF)", "all-together-now.pdf"),
        FormatLink("Large print (PDF)", "../large-print/all-together-now-large-print.pdf"),
        FormatLink("Large print (Word document)",
                   "../large-print/all-together-now-large-print.docx"),
        FormatLink("Easy Read (web page)", "../easy-read/index.html"),
        FormatLink("Word document", "../word/all-together-now.docx"),
        FormatLink("Audio: the whole toolkit as one MP3 file, with chapters",
                   "../audio/all-together-now-complete.mp3"),
        FormatLink("Audio: a playlist of the sections, one MP3 file each",
                   "../audio/all-together-now.m3u8"),
        FormatLink("Easy Read audio: one MP3 file, with chapters",
                   "../audio/easy-read/all-together-now-easy-read-complete.mp3"),
        FormatLink("Braille (a BRF file for a braille display or embosser)",
                   "../braille/all-together-now.brf"),
        FormatLink("E-book (EPUB 3)", "../epub/all-together-now.epub"),
        FormatLink("Easy Read e-book (EPUB 3)", "../epub/all-together-now-easy-read.epub")]
    assert form_versions(real_document) == [
        FormatLink("print version (PDF)", "all-together-now.pdf"),
        FormatLink("Word document", "../word/all-together-now.docx")]
    assert form_chapter(real_document) == "appendix 5"
    daisy = replace(real_document, meta=replace(real_document.meta,
                                                formats=("standard", "daisy")))
    assert other_formats(daisy)[-1] == FormatLink("daisy", "")  # unknown here: no link


@pytest.mark.slow  # builds every edition of the toolkit
def test_every_link_of_the_other_formats_box_resolves_in_a_full_build(
        real_document: Document, real_dist: Path) -> None:
    from formats.outputs.html.link_rules import links_resolve, other_formats_links

    out = real_dist  # build.py --out DIR of the real toolkit, once a session
    page = out / "standard" / "index.html"
    assert links_resolve(page, "standard/html", out).passed
    assert other_formats_links(page, "standard/html", real_document.meta.formats,
                               "standard").passed


@pytest.mark.slow  # builds every edition of the toolkit
def test_each_chapter_of_the_real_page_ends_with_a_link_back(real_dist: Path) -> None:
    from formats.outputs.html.link_rules import back_to_contents

    result = back_to_contents(real_dist / "standard" / "index.html", "standard/html")
    assert result.passed, result.message
