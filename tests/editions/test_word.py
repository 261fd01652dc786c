"""The Word edition and the large-print Word document, read as Word's accessibility checker,
python-docx and LibreOffice read them."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from lxml import etree
from pypdf import PdfReader

import build
from formats.check.coverage import Status, coverage
from formats.core.contract import RenderError
from formats.core.load import load
from formats.core.model import Document, Quiz, walk_blocks
from formats.editions import word
from formats.editions.large_print import profile as large_print_profile
from formats.editions.large_print.rules import DOCX_RULES as LARGE_PRINT_DOCX_RULES
from formats.outputs.docx.contents import number_contents
from formats.outputs.docx.document import REFERENCE, write_docx
from formats.outputs.docx.profile import STANDARD
from formats.outputs.docx.reader import read_docx
from formats.outputs.docx.rules import WORD_RULES, docx_rules
from formats.outputs.docx.xml import P_PR, R_PR, TBL_PR, TC_PR
from tests.conftest import FIXTURES, MINI_SOURCE

PICTURE_SOURCE = FIXTURES / "word-picture"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NS = {"w": W, "w14": W14,
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/"}
TYPED_BULLET = re.compile(r"^\s*[•◦▪‣·*\-–]\s")
LARGE_PRINT_MINIMUM = 16


def w(name: str) -> str:
    """Return the qualified name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


# ---------------------------------------------------------------------------------------------
# Fixtures and helpers


@pytest.fixture(scope="module")
def picture_document() -> Document:
    """Return the fixture toolkit with a picture, nested and numbered lists and a level 4."""
    return load(PICTURE_SOURCE)


@pytest.fixture(scope="module")
def picture_docx(picture_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the standard Word file of the picture fixture, built by build.py."""
    out = tmp_path_factory.mktemp("word-picture")
    assert build.main(["--source", str(PICTURE_SOURCE), "--out", str(out), "--format",
                       "word"]) == 0
    return out / "word" / "word-picture-toolkit.docx"


@pytest.fixture(scope="module")
def large_print_docx(picture_document: Document,
                     tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the large-print Word file of the picture fixture."""
    path = tmp_path_factory.mktemp("word-large") / "large-print.docx"
    write_docx(picture_document, path, large_print_profile.DOCX)
    return path


def part(path: Path, name: str) -> etree._Element:
    """Return the parsed XML part ``name`` ("word/document.xml") of a .docx."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def text_of(node: etree._Element) -> str:
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def style_names(path: Path) -> dict[str, str]:
    """Return style id -> style name of a .docx."""
    styles = part(path, "word/styles.xml")
    return {style.get(w("styleId")): style.find(w("name")).get(w("val"))
            for style in styles.findall(w("style"))}


def paragraph_style(paragraph: etree._Element, names: dict[str, str]) -> str:
    """Return the name of a paragraph's style ("Normal" when it names none)."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return names.get(style.get(w("val")), "") if style is not None else "Normal"


def styled_paragraphs(path: Path) -> list[tuple[str, str]]:
    """Return (style name, text) of every paragraph of the body, in order."""
    names = style_names(path)
    return [(paragraph_style(paragraph, names), text_of(paragraph))
            for paragraph in part(path, "word/document.xml").iter(w("p"))]


def heading_paragraphs(path: Path) -> list[tuple[int, etree._Element]]:
    """Return (level, paragraph) for every paragraph in a built-in "heading N" style."""
    names = style_names(path)
    found = []
    for paragraph in part(path, "word/document.xml").iter(w("p")):
        name = paragraph_style(paragraph, names)
        if re.fullmatch(r"heading [1-9]", name):
            found.append((int(name[-1]), paragraph))
    return found


def bookmarks(paragraph: etree._Element) -> list[str]:
    """Return the names of a paragraph's visible bookmarks (hidden ones start with "_")."""
    return [mark.get(w("name")) for mark in paragraph.iter(w("bookmarkStart"))
            if not mark.get(w("name")).startswith("_")]


def convert_to_pdf(docx_path: Path, tmp_path: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice headless; return the PDF. Fails on any error."""
    out = tmp_path / "pdf"
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path),
         f"-env:UserInstallation=file://{tmp_path}/lo-profile"],
        capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr
    pdf = out / f"{docx_path.stem}.pdf"
    assert pdf.is_file(), result.stdout + result.stderr
    return pdf


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    return titles


# ---------------------------------------------------------------------------------------------
# Coverage and the reader


@pytest.mark.parametrize("source", [MINI_SOURCE, PICTURE_SOURCE], ids=["mini", "word-picture"])
def test_every_section_is_read_back_present(source: Path, tmp_path: Path) -> None:
    document = load(source)
    assert build.main(["--source", str(source), "--out", str(tmp_path), "--format", "word"]) == 0
    result = coverage(document, tmp_path, ["word"])
    assert result.outputs == ["word/docx"] and not result.problems
    assert {sid: cell.status for (sid, _), cell in result.cells.items()} == {
        section.id: Status.PRESENT for section in document.sections()}


def test_reader_gives_each_section_its_own_text_and_the_picture_alt_text(
        picture_docx: Path) -> None:
    found = read_docx(picture_docx, picture_docx.parent)
    assert list(found) == ["start", "what-is-it", "details", "smaller-things", "try-it",
                           "answers", "answers-true-false"]
    assert found["details"].title == "a) Details"
    assert found["details"].file == "word-picture-toolkit.docx"
    assert "Three boxes in a row, joined by lines" in found["what-is-it"].text
    assert "Equal partners" in found["details"].text  # table cells, in order
    assert "Write down one idea" not in found["details"].text  # belongs to smaller-things
    assert "Decide on your answer." in found["try-it"].text  # the quiz bookmark starts no
    # section; Word is read on a screen, so it has the screen's words, not "Circle your answer."


def test_a_folder_without_a_docx_is_reported(tmp_path: Path) -> None:
    [readback] = word.EDITION.read_back(tmp_path)
    assert readback.output == "word/docx"
    assert readback.problems == (f"no file matching *.docx in {tmp_path}",)


# Word reports a file as damaged when children come in another order than the schema's
# (ECMA-376 part 1): the order of the containers the writer fills, first-child rules included.
SCHEMA_ORDERS = {"pPr": P_PR, "rPr": R_PR, "tblPr": TBL_PR, "tcPr": TC_PR,
                 "tbl": ("tblPr", "tblGrid", "tr"), "tr": ("tblPrEx", "trPr", "tc"),
                 "tc": ("tcPr", "p", "tbl"), "sdt": ("sdtPr", "sdtEndPr", "sdtContent")}
FIRST_CHILD = {"p": "pPr", "r": "rPr"}


@pytest.mark.parametrize("which", ["standard", "large print"])
def test_children_are_in_schema_order(which: str, picture_docx: Path,
                                      large_print_docx: Path) -> None:
    path = picture_docx if which == "standard" else large_print_docx
    misplaced = []
    for name in ("word/document.xml", "word/styles.xml"):
        for node in part(path, name).iter():
            if not isinstance(node.tag, str) or not node.tag.startswith(f"{{{W}}}"):
                continue
            local = etree.QName(node).localname
            children = [etree.QName(c).localname for c in node
                        if isinstance(c.tag, str) and c.tag.startswith(f"{{{W}}}")]
            if local in SCHEMA_ORDERS and node.getparent() is not None:
                order = SCHEMA_ORDERS[local]
                ranks = [order.index(c) for c in children if c in order]
                if ranks != sorted(ranks):
                    misplaced.append((name, local, children))
            if local in FIRST_CHILD and FIRST_CHILD[local] in children[1:]:
                misplaced.append((name, local, children))
    assert misplaced == []


# ---------------------------------------------------------------------------------------------
# The Word rules of standards.md


def test_headings_use_builtin_styles_in_order_without_skipped_levels(
        picture_docx: Path, picture_document: Document) -> None:
    headings = heading_paragraphs(picture_docx)
    levels = [level for level, _ in headings]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels)), levels
    bookmarked = [(level, text_of(paragraph)) for level, paragraph in headings
                  if bookmarks(paragraph)]
    assert bookmarked == [(section.level, section.label)
                          for section in picture_document.sections()]


def test_title_is_in_the_title_style_and_core_properties(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    first = body.find(f"{w('body')}/{w('p')}")
    assert first.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "Title"
    assert text_of(first) == "Word picture toolkit"
    properties = docx.Document(str(picture_docx)).core_properties
    assert properties.title == "Word picture toolkit"
    assert properties.subject == "A small toolkit with a picture, for the Word tests"
    assert properties.author == "Test Publisher"
    assert properties.language == "en-GB"
    assert properties.identifier == "urn:test:word-picture"
    assert properties.keywords == "Getting started"


def test_document_language_is_en_gb_in_the_style_defaults(picture_docx: Path) -> None:
    styles = part(picture_docx, "word/styles.xml")
    [language] = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS)
    assert language == "en-GB"


def test_every_picture_has_alt_text_in_descr_only(picture_docx: Path) -> None:
    pictures = part(picture_docx, "word/document.xml").xpath("//wp:docPr", namespaces=NS)
    assert len(pictures) == 1
    for picture in pictures:
        assert picture.get("descr") == ("Three boxes in a row, joined by lines: three steps of "
                                        "working together")
        assert picture.get("title") is None


def test_every_table_has_a_repeating_header_row_and_first_row_look(picture_docx: Path) -> None:
    tables = part(picture_docx, "word/document.xml").iter(w("tbl"))
    count = 0
    for table in tables:
        count += 1
        rows = table.findall(w("tr"))
        assert rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is not None
        assert all(row.find(f"{w('trPr')}/{w('tblHeader')}") is None for row in rows[1:])
        assert table.find(f"{w('tblPr')}/{w('tblLook')}").get(w("firstRow")) == "1"
        assert table.find(f"{w('tblPr')}/{w('tblStyle')}").get(w("val")) == "ToolkitTable"
    assert count == 3


def test_link_text_says_where_it_goes_and_every_link_leads_somewhere(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    relations = part(picture_docx, "word/_rels/document.xml.rels")
    external = {rel.get("Id"): rel.get("Target") for rel in relations
                if rel.get("TargetMode") == "External"}
    names = set(body.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    links = body.iter(w("hyperlink"))
    texts = []
    for link in links:
        text = text_of(link).strip()
        texts.append(text)
        assert not re.match(r"(https?://|www\.)", text, re.I), text
        assert not re.search(r"\b(click here|here|read more|link)\b$", text, re.I), text
        if link.get(w("anchor")) is not None:
            assert link.get(w("anchor")) in names
        else:
            assert external[link.get(f"{{{NS['r']}}}id")].startswith(("https://", "mailto:"))
    assert "link to us" in texts and "glossary" in texts and "our site at www.example.org" in texts


def test_lists_use_list_styles_not_typed_bullets(picture_docx: Path) -> None:
    styled: dict[str, list[str]] = {}
    for name, text in styled_paragraphs(picture_docx):
        assert not TYPED_BULLET.match(text), text
        styled.setdefault(name, []).append(text)
    assert styled["List Bullet"] == [
        "First point.", "Second point, with a link to us (www.example.org).",
        "Third point, with our site at www.example.org."]
    assert styled["List Bullet 2"] == ["A point inside the second point."]
    assert styled["List Number"] == ["Plan it together.", "Do it together.", "One more time."]


def test_each_numbered_list_counts_from_one(picture_docx: Path) -> None:
    names = style_names(picture_docx)
    numbering = part(picture_docx, "word/numbering.xml")
    number_ids = [paragraph.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}").get(w("val"))
                  for paragraph in part(picture_docx, "word/document.xml").iter(w("p"))
                  if paragraph_style(paragraph, names) == "List Number"]
    assert len(number_ids) == 3 and number_ids[0] == number_ids[1] != number_ids[2]
    for num_id in set(number_ids):
        [start] = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:lvlOverride/w:startOverride"
                                  "/@w:val", namespaces=NS)
        assert start == "1"


def test_build_check_runs_the_word_rules_and_they_pass(picture_document: Document,
                                                       picture_docx: Path) -> None:
    result = coverage(picture_document, picture_docx.parent.parent, ["word"])
    assert [(rule.rule, rule.passed) for rule in result.rules] == [
        ("word/heading-styles", True), ("word/title", True), ("word/language", True),
        ("word/alt-text", True), ("word/table-header", True), ("word/link-text", True),
        ("word/link-names", True), ("word/list-styles", True), ("word/contents", True),
        ("word/answer-spaces", True), ("word/links-kept", True),
        ("word/short-blocks-whole", True), ("word/running-chapter", True),
        ("text/heading-is-only-a-kind", True), ("text/caption-repeats-heading", True),
        ("text/print-words", True)]
    assert result.complete


def _skip_a_heading_level(edited: docx.document.Document) -> None:
    [heading] = [p for p in edited.paragraphs
                 if p.text == "a) Details" and p.style.name == "Heading 3"]
    heading.style = edited.styles["Heading 5"]


def _remove_the_title(edited: docx.document.Document) -> None:
    edited.core_properties.title = ""


def _say_american_english(edited: docx.document.Document) -> None:
    edited.styles.element.find(f"{w('docDefaults')}//{w('lang')}").set(w("val"), "en-US")


def _remove_alt_text(edited: docx.document.Document) -> None:
    for picture in edited.element.body.iter(f"{{{NS['wp']}}}docPr"):
        del picture.attrib["descr"]


def _remove_the_repeating_header(edited: docx.document.Document) -> None:
    for mark in list(edited.element.body.iter(w("tblHeader")))[:1]:
        mark.getparent().remove(mark)


def _write_click_here(edited: docx.document.Document) -> None:
    link = next(edited.element.body.iter(w("hyperlink")))
    for text in link.iter(w("t")):
        text.text = ""
    next(link.iter(w("t"))).text = "click here"


def _name_two_places_alike(edited: docx.document.Document) -> None:
    """'Suggested answers to quiz 1' worded as the glossary's link: two places, one name."""
    link = next(link for link in edited.element.body.iter(w("hyperlink"))
                if "".join(text.text for text in link.iter(w("t"))).startswith("Suggested"))
    for text in link.iter(w("t")):
        text.text = ""
    next(link.iter(w("t"))).text = "glossary"


def _let_a_point_split(edited: docx.document.Document) -> None:
    """A short list point that may turn the page halfway, as every point of the Word editions
    could."""
    [point] = [p for p in edited.paragraphs if p.text == "Plan it together."]
    point.paragraph_format.keep_together = None


def _type_a_bullet(edited: docx.document.Document) -> None:
    edited.add_paragraph("• A typed point.")


def _contents_entries(edited: docx.document.Document) -> list:
    return [paragraph for paragraph in edited.paragraphs
            if re.fullmatch(r"toc \d", paragraph.style.name.lower())]


def _contents_without_page_numbers(edited: docx.document.Document) -> None:
    """The contents as it was: a TOC field of links without page numbers."""
    for entry in _contents_entries(edited):
        link = next(entry._p.iter(w("hyperlink")))
        for run in list(link)[1:]:  # the tab and the page number (a PAGEREF field)
            link.remove(run)


def _contents_without_a_section(edited: docx.document.Document) -> None:
    entry = next(entry for entry in _contents_entries(edited)
                 if "".join(text.text for text in entry._p.iter(w("t"))).startswith("a) "))
    entry._p.getparent().remove(entry._p)


def _contents_listing_a_block_title(edited: docx.document.Document) -> None:
    entries = _contents_entries(edited)
    added = copy.deepcopy(entries[-1]._p)
    next(added.iter(w("hyperlink"))).set(w("anchor"), "_Toc00000001")
    next(added.iter(w("t"))).text = "Quiz 1: True or false?"
    list(added.iter(w("t")))[-1].text = "9"  # not the page of the entry it copies
    entries[-1]._p.addnext(added)


def _no_contents_field(edited: docx.document.Document) -> None:
    for code in edited.element.body.iter(w("instrText")):
        if code.text.strip().startswith("TOC"):
            code.text = " INDEX "


def _a_short_box_after_a_loose_label(edited: docx.document.Document) -> None:
    """A label and a box of two lines that may be split from it, as large print's were."""
    label = edited.add_paragraph("What to think about:")
    control = etree.SubElement(label._p.getparent(), w("sdt"))
    properties = etree.SubElement(control, w("sdtPr"))
    etree.SubElement(properties, w("alias")).set(w("val"), "What to think about")
    content = etree.SubElement(control, w("sdtContent"))
    for _ in range(2):
        etree.SubElement(content, w("p"))
    label._p.addnext(control)


def _a_link_left_after_its_table(edited: docx.document.Document) -> None:
    """The link after a table, and the table's last row not kept with it, as the Word edition's
    'Back to quiz 4' was (alone on page 41)."""
    for table in edited.element.body.iter(w("tbl")):
        after = table.getnext()
        if after is not None and after.tag == w("p") and after.find(w("hyperlink")) is not None:
            for keep in list(table.findall(w("tr"))[-1].iter(w("keepNext"))):
                keep.getparent().remove(keep)


def test_a_link_after_a_box_to_write_in_is_kept_with_the_box(large_print_docx: Path,
                                                           tmp_path: Path) -> None:
    """Large print's 'Suggested answers to quiz 2' had page 34 to itself, after its quiz's box
    to write in."""
    from formats.outputs.docx.parts import read_parts
    from formats.outputs.docx.rules import links_kept

    assert links_kept(read_parts(large_print_docx)) == []
    edited = docx.Document(str(large_print_docx))
    boxes = [box for box in edited.element.body.iter(w("sdt"))
             if (after := box.getnext()) is not None and after.find(w("hyperlink")) is not None]
    assert boxes
    for box in boxes:  # its last line let go of what follows, as the writer had it
        keep = list(box.iter(w("p")))[-1].find(f"{w('pPr')}/{w('keepNext')}")
        keep.set(w("val"), "0")
    path = tmp_path / "edited.docx"
    edited.save(str(path))
    assert links_kept(read_parts(path))[0].endswith(
        "(a link after a box to write in) may be left alone on a page: the box to write in is "
        "not kept with it (no keep with next)")


BREAKAGES = [
    (_skip_a_heading_level, "word/heading-styles",
     "heading 'a) Details' (level 5) skips level 3"),
    (_remove_the_title, "word/title", "no title in the core properties"),
    (_say_american_english, "word/language",
     "the style defaults say the language is en-US, not en-GB"),
    (_remove_alt_text, "word/alt-text", "Picture 1 has no alt text (descr)"),
    (_remove_the_repeating_header, "word/table-header",
     "table 1 ('Information | Consultation | Co-production') has no repeating header row"),
    (_write_click_here, "word/link-text", "link text 'click here' does not say where it goes"),
    (_name_two_places_alike, "word/link-names",
     "links named 'glossary' go to 2 places (term-power, answers-true-false): a list of the "
     "links cannot tell them apart"),
    (_let_a_point_split, "word/short-blocks-whole",
     "'Plan it together.' (List Number, 17 characters) may be split across pages (no keep "
     "lines together)"),
    (_type_a_bullet, "word/list-styles",
     "'• A typed point.' is a typed list item (style Normal)"),
    (_contents_without_page_numbers, "word/contents",
     "6 of 6 contents entries have no page number and updateFields is not set: 1. Getting "
     "started; 1.1 What is it?; a) Details and 3 more"),
    (_contents_without_a_section, "word/contents",
     "heading 'a) Details' (level 3) is not in the contents at level 3"),
    (_contents_listing_a_block_title, "word/contents",
     "the contents lists 'Quiz 1: True or false?', which is not a section's heading (block "
     "titles are in no contents)"),
    (_no_contents_field, "word/contents", "the document has no contents list (no TOC field)"),
    (_a_short_box_after_a_loose_label, "word/answer-spaces",
     "'What to think about' has 2 line(s) to write on (at least 4); 'What to think about': the "
     "paragraph before it may end a page without it (no keep with next)"),
    (_a_link_left_after_its_table, "word/links-kept",
     "'Suggested answers to quiz 1' (a link after a table) may be left alone on a page: the "
     "table's last row is not kept with it (no keep with next); 'Back to quiz 1: True or "
     "false?' (a link after a table) may be left alone on a page: the table's last row is not "
     "kept with it (no keep with next)"),
]


@pytest.mark.parametrize("breakage, rule, message", BREAKAGES,
                         ids=[rule for _, rule, _ in BREAKAGES])
def test_each_word_rule_finds_what_breaks_it(breakage, rule: str, message: str,
                                            picture_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "edited.docx"
    edited = docx.Document(str(picture_docx))
    breakage(edited)
    edited.save(str(path))
    failed = [(result.rule, result.message) for result in docx_rules(path, tmp_path)
              if not result.passed]
    assert failed == [(rule, message)]


# ---------------------------------------------------------------------------------------------
# Bookmarks, links both ways, contents


def test_each_section_heading_holds_a_bookmark_named_after_its_id(
        picture_docx: Path, picture_document: Document) -> None:
    on_headings = {name: text_of(paragraph) for _, paragraph in heading_paragraphs(picture_docx)
                   for name in bookmarks(paragraph)}
    assert on_headings == {section.id: section.label for section in picture_document.sections()}


def test_quiz_and_answers_link_to_each_other(picture_docx: Path,
                                             picture_document: Document) -> None:
    body = part(picture_docx, "word/document.xml")
    found = read_docx(picture_docx, picture_docx.parent)
    [quiz] = [block for section in picture_document.sections()
              for block in walk_blocks(section.blocks) if isinstance(block, Quiz)]
    links = {text_of(link): link.get(w("anchor")) for link in body.iter(w("hyperlink"))}
    assert links["Suggested answers to quiz 1"] == quiz.answers_id == "answers-true-false"
    assert links["Back to quiz 1: True or false?"] == quiz.id
    [quiz_mark] = body.xpath(f"//w:p[w:bookmarkStart/@w:name='{quiz.id}']", namespaces=NS)
    assert text_of(quiz_mark) == "Decide on your answer."  # the screen's words for print's
    assert "Suggested answers to quiz 1" in found["try-it"].text
    assert "Back to quiz 1" in found["answers-true-false"].text


def test_glossary_links_reach_the_term(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    [term] = body.xpath("//w:p[w:bookmarkStart/@w:name='term-power']", namespaces=NS)
    assert text_of(term) == "Power"
    assert [link.get(w("anchor")) for link in body.iter(w("hyperlink"))
            if text_of(link) == "glossary"] == ["term-power"]


def contents_entries(path: Path) -> list[tuple[str, str, str, str]]:
    """Return (style, words, page number, bookmark) of every entry of the contents list."""
    names = style_names(path)
    found = []
    for paragraph in part(path, "word/document.xml").iter(w("p")):
        style = paragraph_style(paragraph, names)
        if style.startswith("toc "):
            words = "".join(node.text or "" if node.tag == w("t") else "\t"
                            for node in paragraph.iter(w("t"), w("tab"))
                            if node.getparent().tag == w("r"))
            text, _, page = words.rpartition("\t")
            found.append((style, text, page, paragraph.find(w("hyperlink")).get(w("anchor"))))
    return found


def test_contents_is_a_toc_field_listing_section_headings_1_to_3_with_page_numbers(
        picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    instruction = "".join(body.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-3" \\h' in instruction
    entries = contents_entries(picture_docx)
    sections = [(f"toc {level}", text_of(paragraph), bookmarks(paragraph)[0])
                for level, paragraph in heading_paragraphs(picture_docx)
                if level <= 3 and bookmarks(paragraph)]
    assert [(style, text, anchor) for style, text, _, anchor in entries] == sections
    assert entries[:3] == [("toc 1", "1. Getting started", "3", "start"),
                           ("toc 2", "1.1 What is it?", "3", "what-is-it"),
                           ("toc 3", "a) Details", "3", "details")]
    block_titles = {text_of(paragraph) for level, paragraph in heading_paragraphs(picture_docx)
                    if level <= 3 and not bookmarks(paragraph)}
    assert block_titles == {"Quiz 1: True or false?", "Tell us"}  # a quiz and a form, level 3
    assert {anchor for _, _, _, anchor in entries} <= {  # listed nowhere, like quizzes 1-3
        name for _, paragraph in heading_paragraphs(picture_docx) for name in bookmarks(paragraph)}
    assert "Tell us" not in {text for _, text, _, _ in entries}
    settings = part(picture_docx, "word/settings.xml")
    assert settings.find(w("updateFields")) is None  # no "update fields?" question on opening


def test_header_shows_the_title_and_footer_the_page_number(picture_docx: Path) -> None:
    document = docx.Document(str(picture_docx))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Word picture toolkit"
    footer = section.footer._element
    assert "PAGE" in "".join(footer.xpath(".//w:instrText/text()"))
    assert section.footer.paragraphs[0].text.startswith("Page ")


# ---------------------------------------------------------------------------------------------
# Filling in: tick boxes, answer spaces, quiz answer column


def test_checklist_and_form_choices_are_real_tick_boxes(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    boxes = body.xpath("//w:sdt[w:sdtPr/w14:checkbox]", namespaces=NS)
    aliases = [box.find(f"{w('sdtPr')}/{w('alias')}").get(w("val")) for box in boxes]
    assert aliases == ["I know what it is.", "I am ready.", "A disabled person (question 1)",
                       "A worker (question 1)", "yes (question 2)", "no (question 2)"]
    for box in boxes:
        assert text_of(box) == "\u2610"
        assert box.xpath("w:sdtPr/w14:checkbox/w14:checked/@w14:val", namespaces=NS) == ["0"]
        assert box.xpath("w:sdtPr/w14:checkbox/w14:checkedState/@w14:val",
                         namespaces=NS) == ["2612"]
    names = style_names(picture_docx)
    assert {paragraph_style(box.getparent(), names) for box in boxes} == {"Checklist"}


def test_free_text_question_has_a_titled_bordered_space_to_write(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    [control] = body.xpath("//w:body/w:sdt[w:sdtPr/w:tag/@w:val='q-ideas']", namespaces=NS)
    assert control.find(f"{w('sdtPr')}/{w('alias')}").get(w("val")) == \
        "Your answer to question 3"
    lines = control.findall(f"{w('sdtContent')}/{w('p')}")
    assert len(lines) == 4 and not "".join(text_of(line) for line in lines).strip()
    names = style_names(picture_docx)
    assert {paragraph_style(line, names) for line in lines} == {"Answer Space"}
    styles = part(picture_docx, "word/styles.xml")
    sides = styles.xpath("w:style[w:name/@w:val='Answer Space']/w:pPr/w:pBdr/*",
                         namespaces=NS)
    assert {etree.QName(side).localname for side in sides} == {"top", "left", "bottom", "right"}


def test_quiz_table_keeps_an_empty_answer_column_with_room_to_write(picture_docx: Path) -> None:
    body = part(picture_docx, "word/document.xml")
    [quiz_table] = [table for table in body.iter(w("tbl"))
                    if "Co-production is a competition." in text_of(table)
                    and "True or false?" in text_of(table)]
    rows = quiz_table.findall(w("tr"))
    answer_cells = [row.findall(w("tc"))[1] for row in rows[1:]]
    assert [text_of(cell) for cell in answer_cells] == [""]
    height = rows[1].find(f"{w('trPr')}/{w('trHeight')}")
    assert height.get(w("hRule")) == "atLeast" and int(height.get(w("val"))) >= 567


def test_quotes_use_the_quote_style_with_the_source_next(picture_docx: Path) -> None:
    styled = styled_paragraphs(picture_docx)
    index = styled.index(("Quote", "Co-production is a partnership."))
    assert styled[index + 1] == ("Quote Source", "\u2014 A report, 2009")


# ---------------------------------------------------------------------------------------------
# Errors


def test_an_id_word_cannot_keep_as_a_bookmark_stops_the_build(mini_document: Document,
                                                               tmp_path: Path) -> None:
    long_id = "a-very-long-section-id-that-word-would-cut-short"
    chapter = mini_document.chapters[0]
    renamed = dataclasses.replace(mini_document, chapters=(
        dataclasses.replace(chapter, id=long_id), *mini_document.chapters[1:]))
    with pytest.raises(RenderError) as error:
        word.EDITION.render(renamed, tmp_path)
    assert str(error.value) == ("Word bookmarks must start with a letter and have at most 40 "
                                f"characters; shorten these ids: {long_id}")


def test_a_missing_reference_document_is_a_render_error(mini_document: Document,
                                                         tmp_path: Path) -> None:
    missing = tmp_path / "reference.docx"
    with pytest.raises(RenderError) as error:
        write_docx(mini_document, tmp_path / "out.docx", STANDARD, reference=missing)
    assert str(error.value).startswith(f"{missing}: the Word reference document cannot be "
                                       "opened (")
    assert str(error.value).endswith("make it again with: python tools/make_reference_docx.py")


def test_check_names_a_section_removed_from_the_docx(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(tmp_path), "--format",
                       "word"]) == 0
    path = tmp_path / "word" / "mini-toolkit.docx"
    edited = docx.Document(str(path))
    body = edited.element.body
    start = next(p for p in body.iter(w("p")) if "details" in bookmarks(p))
    names = style_names(path)
    doomed, node = [start], start.getnext()
    while node is not None and not (node.tag == w("p") and bookmarks(node)
                                    and paragraph_style(node, names).startswith("heading")):
        doomed.append(node)
        node = node.getnext()
    for element in doomed:
        body.remove(element)
    edited.save(str(path))
    capsys.readouterr()
    assert build.main(["check", "--source", str(MINI_SOURCE), "--out", str(tmp_path),
                       "--format", "word"]) == 1
    printed = capsys.readouterr().out
    assert "word/docx: section 'details' (a) Details) is missing: heading not found" in printed
    assert "section 'what-is-it'" not in printed and "section 'try-it'" not in printed


# ---------------------------------------------------------------------------------------------
# The reference document: restyling without code


EXPECTED_STYLES = ("Normal", "Title", "Subtitle", *(f"heading {n}" for n in range(1, 7)),
                   "List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                   "List Number 2", "List Number 3", "Quote", "Quote Source", "caption",
                   "Toolkit Table", "TOC Heading", "toc 1", "toc 2", "toc 3", "Hyperlink",
                   "Checklist", "Form Question", "Answer Space", "Glossary Term",
                   "Glossary Definition", "Table Text", "header", "footer")


@pytest.mark.parametrize("which", ["committed", "remade"])
def test_reference_document_defines_every_style(which: str, tmp_path: Path) -> None:
    if which == "committed":
        reference = REFERENCE
    else:
        reference = tmp_path / "reference.docx"
        result = subprocess.run([str(Path(build.__file__).parent / ".venv" / "bin" / "python"),
                                 "tools/make_reference_docx.py", str(reference)],
                                cwd=Path(build.__file__).parent, capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"wrote {reference}\n"
    names = set(style_names(reference).values())
    assert set(EXPECTED_STYLES) <= names, set(EXPECTED_STYLES) - names
    assert "word/stylesWithEffects.xml" not in part_names(reference)  # Word 2010 would use it
    sections = part(reference, "word/document.xml").xpath("//w:sectPr/w:pgSz", namespaces=NS)
    assert [(size.get(w("w")), size.get(w("h"))) for size in sections] == [("11906", "16838")]


def test_restyling_the_reference_in_word_restyles_the_output(mini_document: Document,
                                                             tmp_path: Path) -> None:
    reference = tmp_path / "restyled.docx"
    shutil.copyfile(REFERENCE, reference)
    partner = docx.Document(str(reference))
    heading = partner.styles["Heading 1"]
    heading.font.size = docx.shared.Pt(26)
    heading.font.color.rgb = docx.shared.RGBColor(0x80, 0x00, 0x40)
    partner.save(str(reference))
    out = tmp_path / "out.docx"
    write_docx(mini_document, out, STANDARD, reference=reference)
    result = docx.Document(str(out)).styles["Heading 1"]
    assert result.font.size == docx.shared.Pt(26)
    assert str(result.font.color.rgb) == "800040"


# ---------------------------------------------------------------------------------------------
# Large print


def run_properties(path: Path) -> list[etree._Element]:
    """Return every rPr of the styles, numbering, body, headers and footers of a .docx."""
    names = [name for name in part_names(path)
             if re.fullmatch(r"word/(styles|numbering|document|header\d*|footer\d*)\.xml", name)]
    return [properties for name in names for properties in part(path, name).iter(w("rPr"))]


def test_large_print_has_nothing_below_16pt(large_print_docx: Path) -> None:
    sizes = [int(size.get(w("val"))) / 2 for properties in run_properties(large_print_docx)
             for size in properties if etree.QName(size).localname in ("sz", "szCs")]
    assert sizes and min(sizes) >= LARGE_PRINT_MINIMUM
    styles = part(large_print_docx, "word/styles.xml")
    [body] = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val", namespaces=NS)
    assert int(body) / 2 == 18


def test_large_print_headings_are_24_22_20_bold(large_print_docx: Path) -> None:
    document = docx.Document(str(large_print_docx))
    looks = [(document.styles[f"Heading {n}"].font.size.pt, document.styles[f"Heading {n}"]
              .font.bold) for n in (1, 2, 3)]
    assert looks == [(24, True), (22, True), (20, True)]


def test_large_print_has_no_italics(large_print_docx: Path) -> None:
    italic = [properties for properties in run_properties(large_print_docx)
              for flag in properties if etree.QName(flag).localname in ("i", "iCs")
              and flag.get(w("val"), "1") not in ("0", "false")]
    assert italic == []
    styles = part(large_print_docx, "word/styles.xml")
    assert styles.xpath("w:style[@w:styleId='Emphasis']/w:rPr/w:b", namespaces=NS)


def test_large_print_line_spacing_is_1_5_left_aligned(large_print_docx: Path) -> None:
    styles = part(large_print_docx, "word/styles.xml")
    lines = styles.xpath("//w:spacing[@w:line]", namespaces=NS)
    assert lines and {(line.get(w("line")), line.get(w("lineRule"))) for line in lines} == {
        ("360", "auto")}
    [default] = styles.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:spacing", namespaces=NS)
    assert default.get(w("line")) == "360"
    assert int(default.get(w("after"))) >= 360  # a blank line (18pt) between paragraphs
    justified = [jc for name in ("word/styles.xml", "word/document.xml")
                 for jc in part(large_print_docx, name).iter(w("jc"))
                 if jc.get(w("val")) in ("both", "distribute")]
    assert justified == []


def test_large_print_uses_arial_and_margins_of_at_least_2cm(large_print_docx: Path) -> None:
    document = docx.Document(str(large_print_docx))
    section = document.sections[0]
    assert (section.page_width.cm, section.page_height.cm) == pytest.approx((21.0, 29.7), abs=0.01)
    assert min(section.left_margin, section.right_margin, section.top_margin,
               section.bottom_margin).cm >= 2
    styles = part(large_print_docx, "word/styles.xml")
    fonts = styles.xpath("//w:rFonts", namespaces=NS)
    assert {font.get(w("ascii")) for font in fonts} == {"Arial"}
    assert not styles.xpath("//w:rFonts[@w:asciiTheme]", namespaces=NS)


def test_large_print_writes_tables_as_label_value_lines(large_print_docx: Path) -> None:
    body = part(large_print_docx, "word/document.xml")
    assert list(body.iter(w("tbl"))) == []  # two-column quizzes and answers too
    lines = [text_of(p) for p in body.iter(w("p"))]
    start = lines.index("Information: No relationship")
    assert lines[start:start + 3] == ["Information: No relationship",
                                      "Consultation: Minimal contact",
                                      "Co-production: Equal partners"]
    found = read_docx(large_print_docx, large_print_docx.parent)
    assert "Equal partners" in found["details"].text


def test_large_print_rules_pass_on_large_print_and_fail_on_the_standard_look(
        large_print_docx: Path, picture_docx: Path) -> None:
    large = docx_rules(large_print_docx, large_print_docx.parent, "large-print",
                       extra=LARGE_PRINT_DOCX_RULES)
    assert [result.rule for result in large if not result.passed] == []
    assert len(large) == len(WORD_RULES) + 6  # the Word rules, then 6 of large print
    standard = {result.rule: result.message
                for result in docx_rules(picture_docx, picture_docx.parent, "large-print",
                                         extra=LARGE_PRINT_DOCX_RULES) if not result.passed}
    assert set(standard) == {"large-print/min-size", "large-print/no-italics",
                             "large-print/line-spacing", "large-print/sans-serif"}
    assert standard["large-print/sans-serif"] == ("Courier in style Macro Text Char; "
                                                  "Courier in style macro")
    assert standard["large-print/min-size"].startswith("10pt in style Heading 8 Char; ")
    assert standard["large-print/no-italics"].startswith("italics in style Emphasis; ")


def test_large_print_header_says_large_print(large_print_docx: Path) -> None:
    header = docx.Document(str(large_print_docx)).sections[0].header
    assert header.paragraphs[0].text == "Word picture toolkit (large print)"


# ---------------------------------------------------------------------------------------------
# LibreOffice and the real toolkit (slow)


@pytest.mark.slow
def test_libreoffice_converts_the_docx_with_the_same_headings(
        picture_docx: Path, picture_document: Document, tmp_path: Path) -> None:
    pdf = convert_to_pdf(picture_docx, tmp_path)
    reader = PdfReader(str(pdf))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    for section in picture_document.sections():
        assert section.label in flat, section.label
    titles = iter(outline_titles(reader))  # block headings (quizzes...) are in it too
    assert all(section.label in titles for section in picture_document.sections())
    assert reader.metadata.title == "Word picture toolkit"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_contents_page_numbers_are_where_libreoffice_puts_the_headings(picture_docx: Path,
                                                                       tmp_path: Path) -> None:
    """A partner who opens or converts the file in LibreOffice reads the same pages in the
    contents as in the footers of the pages the headings are on."""
    pdf = convert_to_pdf(picture_docx, tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    contents_page = next(page for page in pages if "Contents" in page)
    for _, text, number, _ in contents_entries(picture_docx):
        assert re.search(rf"{re.escape(text)}\.*\s*{number}\s*$", contents_page, re.M), text
        assert text in " ".join(pages[int(number) - 1].split()), (text, number)


def test_a_document_without_contents_entries_is_not_laid_out(tmp_path: Path) -> None:
    path = tmp_path / "plain.docx"
    edited = docx.Document(str(REFERENCE))
    edited.add_paragraph("No contents here.")
    edited.save(str(path))
    written = path.read_bytes()
    assert number_contents(path) == {}
    assert path.read_bytes() == written


def test_without_libreoffice_the_word_file_cannot_get_its_page_numbers(
        picture_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "copy.docx"
    shutil.copyfile(picture_docx, path)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(RenderError) as error:
        number_contents(path)
    assert str(error.value) == ("LibreOffice (soffice) is needed to put page numbers in the "
                                "Word contents and is not installed: run .ci/setup (package "
                                "libreoffice-writer-nogui)")


@pytest.mark.slow
def test_libreoffice_shows_the_large_print_docx_at_16pt_or_more(large_print_docx: Path,
                                                                tmp_path: Path) -> None:
    pdf = convert_to_pdf(large_print_docx, tmp_path)
    with pdfplumber.open(pdf) as opened:
        sizes = [char["size"] for page in opened.pages for char in page.chars]
    assert sizes and min(sizes) >= LARGE_PRINT_MINIMUM - 0.05
    assert max(set(sizes), key=sizes.count) == pytest.approx(18, abs=0.05)


@pytest.mark.slow
def test_real_toolkit_word_edition_has_every_section(real_document: Document,
                                                     tmp_path: Path) -> None:
    assert build.main(["--out", str(tmp_path), "--format", "word",
                       "--source", str(Path(build.__file__).parent / "source")]) == 0
    result = coverage(real_document, tmp_path, ["word"])
    assert result.failures() == [] and not result.problems
    assert len(result.sections) == len(list(real_document.sections()))
