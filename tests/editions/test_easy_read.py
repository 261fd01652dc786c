"""The Easy Read edition: its rules on the source, its three outputs read back, and the check.

Fast tests use the small fixture tests/fixtures/easy-read (the mini toolkit with two Easy Read
parts, a word list and three pictures); each rule is broken in a copy of it. Slow tests build the
real toolkit, measure its PDFs and open its page in headless Chromium.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

import build
from formats.check.coverage import Status, judge
from formats.core.contract import RenderError, RuleResult
from formats.core.load import load
from formats.core.model import Document
from formats.core.text import normalise
from formats.editions.easy_read import EDITION, expected
from formats.editions.easy_read import docx as docx_output
from formats.editions.easy_read.parts import MAX_PAGES
from formats.editions.easy_read.pdf import pdf_files, render_pdfs
from formats.editions.easy_read.rules import (
    html_pictures,
    initials_in,
    pdf_pages,
    pdf_text_size,
    source_rules,
)
from tests.conftest import FIXTURES, ROOT
from tests.helpers.checked import checked_readbacks, checked_rules

FIXTURE = FIXTURES / "easy-read"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PDF_NAME = "mini-toolkit-easy-read.pdf"
DOCX_NAME = "mini-toolkit-easy-read.docx"


# ---------------------------------------------------------------------------------------------
# Helpers


@pytest.fixture(scope="session")
def er_document() -> Document:
    """Return the Easy Read fixture toolkit."""
    return load(FIXTURE)


def copy_fixture(target: Path) -> Path:
    """Copy the Easy Read fixture into ``target``; return the copy's folder."""
    shutil.copytree(FIXTURE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there once) with ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_into(source: Path, out: Path) -> Path:
    """Build the easy-read format of ``source`` with build.py into ``out``; return its folder."""
    assert build.main(["build", "--source", str(source), "--format", "easy-read",
                       "--out", str(out)]) == 0
    return out / "easy-read"


def run_check(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run ``build.py check`` on the easy-read format; return its exit code and its output."""
    capsys.readouterr()
    code = build.main(["check", "--source", str(source), "--format", "easy-read",
                       "--out", str(out)])
    return code, capsys.readouterr().out


def failures(results: list[RuleResult], rule: str) -> list[tuple[str, str, str]]:
    """Return (where, message, level) of every failed result of ``rule``."""
    return [(result.where, result.message, result.level) for result in results
            if result.rule == rule and not result.passed]


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder (with its manifest) of the fixture built once by build.py."""
    out = tmp_path_factory.mktemp("easy-read-fixture") / "dist"
    build_into(FIXTURE, out)
    return out


@pytest.fixture()
def fixture_copy(fixture_build: Path, tmp_path: Path) -> Path:
    """Return a copy of the fixture's output folder that a test may damage."""
    return Path(shutil.copytree(fixture_build, tmp_path / "dist"))


# ---------------------------------------------------------------------------------------------
# Rules on the source: the fixture passes, and each broken copy is reported with its place


def test_every_rule_passes_on_the_fixture(er_document: Document) -> None:
    results = source_rules(er_document)
    assert [result for result in results if not result.passed] == []
    assert {result.rule for result in results} == {
        "easy-read/mapping", "easy-read/sentence-length", "easy-read/row-sentences",
        "easy-read/picture", "easy-read/picture-meaning", "easy-read/currency",
        "easy-read/word-list", "easy-read/initials", "easy-read/digits",
        "easy-read/reading-ease", "easy-read/sign-off", "easy-read/checked-against"}
    messages = {result.message for result in results}
    assert "all 6 standard sections are covered by the 2 parts" in messages
    assert "all 14 sentences have 15 words or fewer" in messages
    assert "all 8 rows have 2 sentences or fewer" in messages
    assert "all 6 bold words are in the word list" in messages
    assert ("each of the 3 pictures means one thing, and each of the 8 rows says what its "
            "picture means") in messages
    assert ("Checked by the Test Reading Group on 30 November 2026: the 2 parts and 6 sections "
            "they checked are unchanged") in messages
    assert "every part was re-read beside the 6 sections it covers, as they are now" in messages


def test_reading_ease_is_reported_for_every_part_even_when_it_passes(
        er_document: Document) -> None:
    scores = [result for result in source_rules(er_document)
              if result.rule == "easy-read/reading-ease"]
    assert [result.where for result in scores] == [
        f"{FIXTURE}/easy-read/01-what-it-is.md:2", f"{FIXTURE}/easy-read/02-try-it.md:2"]
    for result, part in zip(scores, ("'er-what-it-is' (What is it?)", "'er-try-it' (Try it)"),
                            strict=True):
        match = re.fullmatch(rf"part {re.escape(part)}: Flesch reading ease (\d+\.\d) "
                             r"\(target at least 80\)", result.message)
        assert match and float(match.group(1)) >= 80 and result.passed
        assert result.level == "warning"


PART_1 = "easy-read/01-what-it-is.md"
PART_2 = "easy-read/02-try-it.md"
# Any edit of the fixture changes what was checked: the sign-off rules (warnings, tested in
# tests/editions/easy_read/test_sign_off.py) report it besides the rule a case breaks.
FRESHNESS = ("easy-read/sign-off", "easy-read/checked-against")
SENTENCE_18 = ("Co-production means that all of us work together as a big team to plan the "
               "things we need.")
BROKEN = [
    pytest.param(
        PART_1, "Co-production means we work as a team.", SENTENCE_18,
        "easy-read/sentence-length", f"{PART_1}:11",
        f"sentence of 18 words (at most 15): '{SENTENCE_18}'", "error", id="long-sentence"),
    pytest.param(
        PART_2, "Try the quiz. Is **co-production** a game to win?",
        "Try the quiz. Is **co-production** a game to win? Find out.",
        "easy-read/row-sentences", f"{PART_2}:11",
        "row of 3 sentences (at most 2): split it into rows of one idea, each with its own "
        "picture", "error", id="three-sentences-in-a-row"),
    pytest.param(
        PART_2, "![](tick) Try the quiz.", "Try the quiz.",
        "easy-read/picture", f"{PART_2}:11",
        "row has no picture: start it with ![](NAME), NAME a picture of "
        "pictures/easy-read/pictures.yaml", "error", id="no-picture"),
    pytest.param(
        PART_2, "![](group) **Partners** share", "![](tick) **Partners** share",
        "easy-read/picture-meaning", f"{PART_2}:15",
        "picture 'tick' means 'checking and answers', but the row says none of its words "
        "(check, answer, quiz): use a picture that means what the row says", "error",
        id="picture-used-for-another-meaning"),
    pytest.param(
        PART_1, "covers: [start, what-is-it, details]", "covers: [start, what-is-it]",
        "easy-read/mapping", "easy-read/easy-read.yaml",
        "standard section 'details' (a) Details) is covered by no Easy Read part: add its id to "
        "the 'covers' list of a part", "error", id="unmapped-section"),
    pytest.param(
        PART_1, "covers: [start, what-is-it, details]",
        "covers: [start, what-is-it, details, nowhere]",
        "easy-read/mapping", f"{PART_1}:2",
        "part 'er-what-it-is' covers 'nowhere', which is not a standard section id", "error",
        id="unknown-cover"),
    pytest.param(
        PART_2, "**Partners** share **power**.", "**Partners** share **control**.",
        "easy-read/word-list", f"{PART_2}:15",
        "bold word 'control' is not in the word list", "error", id="bold-word-not-in-word-list"),
    pytest.param(
        PART_2, "Tell us what you think.", "Tell the ILiS team what you think.",
        "easy-read/initials", f"{PART_2}:17",
        "'ILiS' is not explained: say what it stands for in this part ('ILiS is short for ...' "
        "or '... (ILiS)') or add it to the word list", "error", id="unexplained-initials"),
    pytest.param(
        PART_2, "Tell us what you think.", "DPOs can tell us what they think.",
        "easy-read/initials", f"{PART_2}:17",
        "'DPOs' is not explained: say what it stands for in this part ('DPOs is short for ...' "
        "or '... (DPOs)') or add it to the word list", "error",
        id="initials-explained-only-in-another-part"),
    pytest.param(
        PART_2, "You can answer 3 questions.", "You can answer three questions.",
        "easy-read/digits", f"{PART_2}:17",
        "'three' is a number word: write numbers as digits (3)", "warning", id="number-word"),
]


@pytest.mark.parametrize(("file", "old", "new", "rule", "where", "message", "level"), BROKEN)
def test_a_broken_rule_is_reported_with_its_place(
        tmp_path: Path, file: str, old: str, new: str, rule: str, where: str, message: str,
        level: str) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / file, old, new)
    results = source_rules(load(source))
    assert failures(results, rule) == [(f"{source}/{where}", message, level)]
    others = [result for result in results if not result.passed
              and result.rule not in (rule, *FRESHNESS)]
    assert others == []


def test_hard_words_make_a_reading_ease_warning_with_the_score(tmp_path: Path) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / PART_2, "Try the quiz. Is **co-production** a game to win?",
         "Consider participating in the evaluation. Is co-production competitive?")
    results = [result for result in source_rules(load(source))
               if result.rule == "easy-read/reading-ease" and not result.passed]
    assert len(results) == 1 and results[0].level == "warning"
    assert results[0].where == f"{source}/{PART_2}:2"
    match = re.fullmatch(r"part 'er-try-it' \(Try it\): Flesch reading ease (-?\d+\.\d) "
                         r"\(target at least 80\)", results[0].message)
    assert match and float(match.group(1)) < 80


@pytest.mark.parametrize(("text", "found"), [
    pytest.param("Disabled People's Organisations (DPOs) help.", ["DPOs"], id="plural-initials"),
    pytest.param("The ILiS project and CoSLA.", ["ILiS", "CoSLA"], id="mixed-case-initials"),
    pytest.param("Ask McDonald. I am here. A B", [], id="names-and-single-capitals"),
])
def test_initials_are_words_of_mostly_capitals(text: str, found: list[str]) -> None:
    assert initials_in(text) == found


@pytest.mark.parametrize(("sentence", "flagged"), [
    pytest.param("No one can do it alone. Help one another.", [], id="no-one-and-one-another"),
    pytest.param("Seven people and twenty chairs.", ["'Seven'", "'twenty'"], id="number-words"),
    pytest.param("Someone has 2 tickets.", [], id="digits-and-someone"),
])
def test_number_words_are_flagged(tmp_path: Path, sentence: str, flagged: list[str]) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / PART_2, "Tell us what you think. You can answer 3 questions.", sentence)
    found = [message.split(" is a number word")[0]
             for _, message, _ in failures(source_rules(load(source)), "easy-read/digits")]
    assert found == flagged


def test_plural_of_a_word_list_term_counts_as_in_the_word_list(er_document: Document) -> None:
    # "**partners**" is in the fixture; the word list has "Partner".
    assert failures(source_rules(er_document), "easy-read/word-list") == []
    assert "**partners**" in (FIXTURE / PART_1).read_text(encoding="utf-8")


def test_no_easy_read_text_is_a_rule_failure_and_a_render_error(
        mini_document: Document, tmp_path: Path) -> None:
    source = mini_document.source_dir
    assert failures(source_rules(mini_document), "easy-read/source") == [
        (f"{source}/easy-read", "there is no Easy Read text (easy-read/easy-read.yaml)", "error")]
    with pytest.raises(RenderError) as error:
        EDITION.render(mini_document, tmp_path / "out")
    assert str(error.value) == (f"{source}/easy-read/easy-read.yaml does not exist: the Easy "
                                "Read edition needs its own text")
    assert {entry.found_id for entry in expected(mini_document).values()} == {""}


def test_a_picture_that_is_not_png_stops_the_build(tmp_path: Path) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    (source / "pictures" / "easy-read" / "photo.png").write_bytes(
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    with (source / "pictures" / "easy-read" / "pictures.yaml").open("a", encoding="utf-8") as file:
        file.write("\nphoto:\n  file: photo.png\n  alt: A photo\n  meaning: quizzes\n"
                   "  says: [quiz]\n  licence: CC0\n")
    edit(source / PART_2, "![](tick) Try the quiz.", "![](photo) Try the quiz.")
    with pytest.raises(RenderError) as error:
        EDITION.render(load(source), tmp_path / "out")
    assert str(error.value) == (f"{source}/{PART_2}:11: picture 'photo.png' is not a PNG file: "
                                "save it as PNG")


# ---------------------------------------------------------------------------------------------
# Coverage: which part stands for which standard section


def test_expected_names_the_part_covering_each_section(er_document: Document) -> None:
    wanted = expected(er_document)
    assert {section_id: (entry.found_id, entry.title) for section_id, entry in wanted.items()} == {
        "start": ("er-what-it-is", "What is it?"),
        "what-is-it": ("er-what-it-is", "What is it?"),
        "details": ("er-what-it-is", "What is it?"),
        "try-it": ("er-try-it", "Try it"),
        "answers": ("er-try-it", "Try it"),
        "answers-true-false": ("er-try-it", "Try it"),
    }
    assert wanted["try-it"].sentences == (
        "Try the quiz.", "Is co-production a game to win?", "The answer is no.",
        "It is not a game.", "Partners share power.", "Tell us what you think.",
        "You can answer 3 questions.")


def test_a_section_no_part_covers_is_expected_under_no_id(tmp_path: Path) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / PART_1, "covers: [start, what-is-it, details]", "covers: [start, what-is-it]")
    entry = expected(load(source))["details"]
    assert (entry.found_id, entry.title, entry.sentences) == ("", "Details", ())


@pytest.mark.slow  # the check opens the page in Chromium
def test_the_check_passes_on_the_built_fixture(
        fixture_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(FIXTURE, fixture_build, capsys)
    assert code == 0, out
    assert "All 6 sections are in all 3 outputs." in out


def test_every_output_holds_both_parts_and_the_word_list(fixture_build: Path) -> None:
    readbacks = {readback.output: readback
                 for readback in EDITION.read_back(fixture_build / "easy-read")}
    assert list(readbacks) == ["easy-read/html", "easy-read/pdf", "easy-read/docx"]
    files = {"easy-read/html": "index.html", "easy-read/pdf": PDF_NAME,
             "easy-read/docx": DOCX_NAME}
    for output, readback in readbacks.items():
        assert readback.problems == ()
        for part_id, title in (("er-what-it-is", "What is it?"), ("er-try-it", "Try it"),
                               ("word-list", "Word list")):
            found = readback.sections[part_id]
            assert (found.title, found.file, found.problems) == (title, files[output], ())
        assert "partners share power" in normalise(readback.sections["er-try-it"].text)


def cut_html(folder: Path) -> None:
    """Delete the part 'er-try-it' (its whole <section>) from the built page."""
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    cut, count = re.subn(r'<section id="er-try-it".*?</section>\n', "", html, flags=re.S)
    assert count == 1
    page.write_text(cut, encoding="utf-8")


def cut_pdf(folder: Path) -> None:
    """Delete the pages, the bookmark and the named destination of the part 'Try it'."""
    path = folder / PDF_NAME
    reader = PdfReader(path)
    starts = {str(item.title): reader.get_destination_page_number(item) for item in reader.outline}
    first = starts["Try it"]
    after = min(page for page in starts.values() if page > first)
    writer = PdfWriter(clone_from=reader)
    outlines = writer.root_object["/Outlines"].get_object()
    item = outlines["/First"].get_object()
    while item["/Title"] != "Try it":
        item = item["/Next"].get_object()
    before, following = item.raw_get("/Prev"), item.raw_get("/Next")  # references, not copies
    before.get_object()[NameObject("/Next")] = following
    following.get_object()[NameObject("/Prev")] = before
    outlines[NameObject("/Count")] = NumberObject(int(outlines["/Count"]) - 1)
    names = writer.root_object["/Names"].get_object()["/Dests"].get_object()["/Names"]
    index = [str(name) for name in names[::2]].index("er-try-it") * 2
    del names[index:index + 2]
    for page in reversed(range(first, after)):
        writer.remove_page(page)
    writer.write(path)
    assert [str(item.title) for item in PdfReader(path).outline] == ["What is it?", "Word list"]


def cut_docx(folder: Path) -> None:
    """Delete the heading of the part 'er-try-it' and its table from the Word file."""
    path = folder / DOCX_NAME
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(contents["word/document.xml"])
    mark = root.find(f".//{{{W}}}bookmarkStart[@{{{W}}}name='er-try-it']")
    heading = mark.getparent()
    table = heading.getnext()
    assert table.tag == f"{{{W}}}tbl"
    heading.getparent().remove(table)
    heading.getparent().remove(heading)
    contents["word/document.xml"] = etree.tostring(root, xml_declaration=True,
                                                   encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


@pytest.mark.usefixtures("no_browser_rules")  # what is found, not how the page looks
@pytest.mark.parametrize(("output", "cut"), [
    pytest.param("easy-read/html", cut_html, id="html"),
    pytest.param("easy-read/pdf", cut_pdf, id="pdf"),
    pytest.param("easy-read/docx", cut_docx, id="docx"),
])
def test_the_check_fails_and_names_the_sections_of_a_removed_part(
        fixture_copy: Path, capsys: pytest.CaptureFixture[str], output: str,
        cut: Callable[[Path], None]) -> None:
    cut(fixture_copy / "easy-read")
    code, out = run_check(FIXTURE, fixture_copy, capsys)
    assert code == 1
    lines = [line for line in out.splitlines() if " is missing" in line or " is incomplete" in line]
    assert lines == [
        f"{output}: section 'try-it' (1.2 Try it) is missing: heading not found",
        f"{output}: section 'answers' (Appendix 1: Suggested answers) is missing: heading not "
        "found",
        f"{output}: section 'answers-true-false' (Quiz 1: True or false?) is missing: heading "
        "not found",
    ]


# ---------------------------------------------------------------------------------------------
# The web page


class _Page(HTMLParser):
    """Collects tags with their attributes, and the rows of the Easy Read page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


def parse_page(path: Path) -> _Page:
    """Return the parsed page."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_the_page_has_language_title_skip_link_landmarks_and_contents(fixture_build: Path) -> None:
    page = parse_page(fixture_build / "easy-read" / "index.html")
    tags = [tag for tag, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "en-GB"})
    assert page.title == "Mini toolkit in Easy Read"
    first_link = next(attrs for tag, attrs in page.tags if tag == "a")
    assert first_link == {"class": "skip-link", "href": "#main-content"}
    assert {"header", "nav", "main", "footer"} <= set(tags)
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert {"#er-what-it-is", "#er-try-it", "#word-list"} <= set(links)
    sections = [attrs["id"] for tag, attrs in page.tags if tag == "section"]
    assert sections == ["er-what-it-is", "er-try-it", "word-list"]
    pictures = [attrs for tag, attrs in page.tags if tag == "img"]
    assert len(pictures) == 8 and all(attrs["alt"] for attrs in pictures)
    for attrs in pictures:
        assert (fixture_build / "easy-read" / str(attrs["src"])).is_file()


def test_the_page_uses_big_sans_serif_text_from_bundled_fonts(fixture_build: Path) -> None:
    folder = fixture_build / "easy-read"
    css = (folder / "assets" / "easy-read.css").read_text(encoding="utf-8")
    body = re.search(r"\nbody \{(.*?)\}", css, re.S).group(1)
    assert "font-size: 1.5rem;" in body and "background: #ffffff;" in body
    assert 'font-family: "Atkinson Hyperlegible", Arial, "Liberation Sans", sans-serif;' in body
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert (folder / "assets" / url).stat().st_size > 10_000


def test_the_built_files_pass_the_file_rules(fixture_build: Path) -> None:
    from formats.editions.easy_read import file_rules
    results = file_rules(fixture_build / "easy-read")
    assert [result for result in results if not result.passed] == []
    assert {result.rule for result in results} >= {
        "easy-read/html-picture", "web/back-to-contents", "easy-read/pages",
        "easy-read/pdf-text-size",
        "easy-read/word/heading-styles", "easy-read/word/alt-text", "easy-read/word/language"}


def test_the_picture_rule_reads_the_built_page(fixture_copy: Path) -> None:
    folder = fixture_copy / "easy-read"
    assert failures(html_pictures(folder, "index.html"), "easy-read/html-picture") == []
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    part = html.index('<section id="er-try-it"')
    alt = html.index('alt="A tick in a box"', part)
    page.write_text(html[:alt] + 'alt=""' + html[alt + len('alt="A tick in a box"'):],
                    encoding="utf-8")
    assert failures(html_pictures(folder, "index.html"), "easy-read/html-picture") == [
        ("index.html", "row 1 of part 'er-try-it' has no picture with alt text", "error")]


# ---------------------------------------------------------------------------------------------
# The PDF


def test_the_pdf_is_tagged_with_language_title_bookmarks_and_embedded_fonts(
        fixture_build: Path) -> None:
    reader = PdfReader(fixture_build / "easy-read" / PDF_NAME)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title == "Mini toolkit in Easy Read"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert [str(item.title) for item in reader.outline] == ["What is it?", "Try it", "Word list"]
    fonts = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font
                          else font)["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(key in descriptor for key in
                                                ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert any("Atkinson-Hyperlegible" in name for name in fonts)


def figure_alts(reader: PdfReader) -> list[str]:
    """Return the /Alt of every Figure in the PDF's structure tree."""
    alts: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts


def test_every_pdf_picture_is_a_figure_with_alt_text(fixture_build: Path) -> None:
    alts = figure_alts(PdfReader(fixture_build / "easy-read" / PDF_NAME))
    assert sorted(alts) == sorted(["Two people talking", "A group of people", "A group of people",
                                   "A tick in a box", "A tick in a box", "A tick in a box",
                                   "A group of people", "Two people talking"])


def test_pdf_text_is_at_least_16pt_and_the_pages_are_counted(fixture_build: Path) -> None:
    folder = fixture_build / "easy-read"
    files = pdf_files(folder)
    assert [path.name for path in files] == [PDF_NAME]
    count = len(PdfReader(files[0]).pages)
    assert pdf_pages(files, folder) == [
        RuleResult("easy-read/pages", PDF_NAME, True, f"{count} pages (at most {MAX_PAGES})")]
    assert failures(pdf_pages(files, folder, max_pages=count - 1), "easy-read/pages") == [
        (PDF_NAME, f"{count} pages (at most {count - 1})", "error")]
    import pdfplumber
    with pdfplumber.open(files[0]) as pdf:
        smallest = min(char["size"] for page in pdf.pages for char in page.chars)
    assert round(smallest, 2) >= 16
    assert pdf_text_size(files, folder)[0].passed


def test_pdf_text_smaller_than_16pt_fails_naming_its_size_and_page(tmp_path: Path) -> None:
    from weasyprint import HTML
    path = tmp_path / "small.pdf"
    HTML(string="<html lang='en'><body><p style='font-size: 18pt'>Big words.</p>"
                "<p style='font-size: 12pt; break-before: page'>Small words.</p>"
                "</body></html>").write_pdf(path)
    assert pdf_text_size([path], tmp_path) == [RuleResult(
        "easy-read/pdf-text-size", "small.pdf", False, "smallest text 12pt on page 2 (at least "
        "16pt)")]


def test_a_long_guide_is_split_into_numbered_booklets(er_document: Document,
                                                      tmp_path: Path) -> None:
    written = render_pdfs(er_document, tmp_path, max_pages=4)
    assert [path.name for path in written] == ["mini-toolkit-easy-read-booklet-1-of-2.pdf",
                                               "mini-toolkit-easy-read-booklet-2-of-2.pdf"]
    readers = [PdfReader(path) for path in written]
    assert [len(reader.pages) for reader in readers] == [4, 4]
    for number, reader in enumerate(readers, start=1):
        assert f"Booklet {number} of 2" in reader.pages[0].extract_text()
        assert reader.metadata.title == f"Mini toolkit in Easy Read, booklet {number} of 2"
    assert [[str(item.title) for item in reader.outline] for reader in readers] == [
        ["What is it?", "Word list"], ["Try it", "Word list"]]
    assert "Power" not in readers[0].pages[-1].extract_text()
    assert "Partnership" in readers[0].pages[-1].extract_text()
    assert "Power" in readers[1].pages[-1].extract_text()
    found = {readback.output: readback for readback in EDITION.read_back(tmp_path)}["easy-read/pdf"]
    assert (found.sections["er-what-it-is"].file, found.sections["er-try-it"].file) == (
        written[0].name, written[1].name)


# ---------------------------------------------------------------------------------------------
# The Word file


def docx_xml(folder: Path, name: str) -> etree._Element:
    """Return a part of the built Word file, parsed."""
    with zipfile.ZipFile(folder / DOCX_NAME) as archive:
        return etree.fromstring(archive.read(name))


def test_the_word_file_has_bookmarked_headings_and_borderless_picture_tables(
        fixture_build: Path) -> None:
    folder = fixture_build / "easy-read"
    document = docx_xml(folder, "word/document.xml")
    ns = {"w": W, "wp": WP}
    headings = [(paragraph.xpath("string(.)"),
                 paragraph.xpath("w:bookmarkStart/@w:name", namespaces=ns))
                for paragraph in document.xpath("//w:body/w:p[w:pPr/w:pStyle/@w:val='Heading1']",
                                                namespaces=ns)]
    assert headings == [("What is in this guide", []), ("What is it?", ["er-what-it-is"]),
                        ("Try it", ["er-try-it"]), ("Word list", ["word-list"])]
    tables = document.xpath("//w:body/w:tbl", namespaces=ns)
    assert len(tables) == 2
    for table in tables:
        borders = table.xpath("w:tblPr/w:tblBorders/*/@w:val", namespaces=ns)
        assert borders and set(borders) == {"nil"}
        for row in table.xpath("w:tr", namespaces=ns):
            picture, words = row.xpath("w:tc", namespaces=ns)
            assert picture.xpath(".//wp:docPr/@descr", namespaces=ns)[0].strip()
            assert not picture.xpath(".//wp:docPr/@title", namespaces=ns)
            assert words.xpath("string(.)").strip()
    styles = docx_xml(folder, "word/styles.xml")
    assert styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=ns) == [
        "en-GB"]
    core = docx_xml(folder, "docProps/core.xml")
    assert core.xpath("string(//*[local-name()='title'])") == "Mini toolkit in Easy Read"


def test_the_word_file_read_back_names_a_missing_word_list(fixture_copy: Path) -> None:
    folder = fixture_copy / "easy-read"
    path = folder / DOCX_NAME
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents["word/document.xml"] = contents["word/document.xml"].replace(
        b'w:name="word-list"', b'w:name="_word-list"')  # a hidden bookmark starts no section
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    readback = docx_output.read_back(folder)
    assert readback.problems == ("the word list was not found",)
    assert list(readback.sections) == ["er-what-it-is", "er-try-it"]


# ---------------------------------------------------------------------------------------------
# The real toolkit (slow)


@pytest.fixture(scope="session")
def real_build(real_dist: Path) -> Path:
    """Return the output folder of the real toolkit's Easy Read edition, built by build.py (with
    every other format, once a run: see tests/conftest.py). The tests only read it."""
    return real_dist


@pytest.mark.slow
def test_real_toolkit_passes_every_easy_read_rule(real_document: Document,
                                                   real_build: Path) -> None:
    results = checked_rules(real_document, real_build, "easy-read")  # as the check found them
    assert [result for result in results if not result.passed and result.level == "error"] == []
    parts = real_document.easy_read.parts
    scores = [result for result in results if result.rule == "easy-read/reading-ease"]
    assert len(scores) == len(parts)


@pytest.mark.slow
def test_real_toolkit_pdfs_have_at_most_24_pages(real_build: Path) -> None:
    files = pdf_files(real_build / "easy-read")
    assert files
    for path in files:
        assert len(PdfReader(path).pages) <= 24, path.name


@pytest.mark.slow
def test_real_toolkit_every_section_is_in_every_output(real_document: Document,
                                                       real_build: Path) -> None:
    wanted = expected(real_document)
    for readback in checked_readbacks(real_document, real_build, "easy-read"):
        assert readback.problems == ()
        for section in real_document.sections():
            cell = judge(wanted[section.id], readback.sections.get(wanted[section.id].found_id))
            assert cell.status is Status.PRESENT, (readback.output, section.id, cell.details)


def stranded_lines(path: Path) -> list[str]:
    """Return words alone on a line of a row although the next line's first word fits after
    them (measured from the characters pdfplumber finds in the words column)."""
    import pdfplumber
    found: list[str] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            right = page.width - 2 / 2.54 * 72
            lines: dict[int, list[dict]] = {}
            for word in page.extract_words():
                lines.setdefault(round(word["top"]), []).append(word)
            # the lines of the words column (beside the pictures), top to bottom
            tops = sorted(top for top, line in lines.items() if line[0]["x0"] > 150)
            for top, following in pairwise(tops):
                line, after = lines[top], lines[following]
                if len(line) != 1 or following - top > 30:
                    continue  # not one word, or the next line is another paragraph
                space = (line[0]["x1"] - line[0]["x0"]) / len(line[0]["text"])
                width = after[0]["x1"] - after[0]["x0"]
                if line[0]["x1"] + space + width < right:
                    found.append(f"{path.name} page {page.page_number}: {line[0]['text']}")
    return found


@pytest.mark.slow
def test_real_toolkit_pdf_leaves_no_word_alone_on_a_line(real_build: Path) -> None:
    for path in pdf_files(real_build / "easy-read"):
        assert stranded_lines(path) == []


@pytest.mark.slow
def test_real_toolkit_check_passes(real_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(ROOT / "source", real_build, capsys)
    assert code == 0, out


ROWS_JS = """
() => Array.from(document.querySelectorAll('.row')).map(row => {
  const a = row.querySelector('img').getBoundingClientRect();
  const b = row.querySelector('.words').getBoundingClientRect();
  return {left_of: a.right <= b.left,
          overlap: Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top), picture: a.width,
          size: parseFloat(getComputedStyle(row.querySelector('.words')).fontSize)};
})
"""


@pytest.mark.slow  # Chromium
def test_real_toolkit_page_shows_pictures_beside_words(
        real_document: Document, real_build: Path) -> None:
    from formats.outputs.html.browser import run_checks

    rows_in_source = sum(len(part.rows) for part in real_document.easy_read.parts)

    def pictures_beside_words(page: Any, where: str, output: str) -> list[RuleResult]:
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            rows = page.evaluate(ROWS_JS)
            assert len(rows) == rows_in_source
            for row in rows:
                assert row["left_of"] and row["overlap"] > 0, (width, row)
                # a phone gives the words room (easy-read/row-measure-320): 56 px, clear still
                assert (48 <= row["picture"] <= 64 if width == 320
                        else 80 <= row["picture"] <= 100), (width, row)
                assert row["size"] >= 16 * 4 / 3, (width, row)  # at least 16pt
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        return []

    # axe-core on this page is one of the rules test_real_toolkit_passes_every_easy_read_rule
    # reads as the check found them
    assert run_checks(real_build / "easy-read" / "index.html", "easy-read/html",
                      (pictures_beside_words,)) == []


def test_the_easy_read_page_links_back_to_the_full_toolkit(fixture_copy: Path) -> None:
    from formats.outputs.html.link_rules import links_resolve

    page = fixture_copy / "easy-read" / "index.html"
    assert '<a href="../standard/index.html">Read the full toolkit, ' in page.read_text(
        encoding="utf-8")
    assert not links_resolve(page, "easy-read/html", fixture_copy).passed  # not built yet
    assert build.main(["build", "--source", str(FIXTURE), "--format", "standard",
                       "--out", str(fixture_copy)]) == 0
    assert links_resolve(page, "easy-read/html", fixture_copy).passed
