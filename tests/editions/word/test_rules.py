"""The Word rules of standards.md, and each rule failing on a file broken as it would
be."""

from __future__ import annotations

import copy
import itertools
import re
from pathlib import Path

import docx
import pytest
from lxml import etree

from formats.check.coverage import coverage
from formats.core.model import Document
from formats.outputs.docx.rules import docx_rules
from tests.editions.word.docx_xml import (
    NS,
    TYPED_BULLET,
    bookmarks,
    heading_paragraphs,
    paragraph_style,
    part,
    style_names,
    styled_paragraphs,
    text_of,
    w,
)


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
        ("word/short-blocks-whole", True), ("word/contents-pages", True),
        ("word/running-chapter", True),
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
    failed = [(result.rule, result.message)
              for result in docx_rules(path, tmp_path, laid_out=False) if not result.passed]
    assert failed == [(rule, message)]
