"""A keyboard user tabs through each link of our PDFs once a line, in the structure's order
(formats.outputs.pdf.tagging drops the link annotations that lie inside another of the same
link; read back by formats.outputs.pdf.link_rules): the small page of test_pdf_tag_rules (a
printed contents with leader dots and page numbers, a link over two lines) passes
``pdf/link-tab-stops``, and fails it, naming the page and the link, when written with every
box's annotation kept, or naming the page when its ``/Tabs`` is not ``/S``; and
``pdf/link-names``: two links described alike that go to different places fail, and a link
named by where it goes (``aria-label``) is described by its name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

from formats.core.names import TEMPLATES
from formats.outputs.pdf import tagging
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.link_rules import extra_stops, lies_inside, link_names, link_tab_stops
from formats.outputs.pdf.rules import OpenPdf, pdf_rules
from tests.outputs.test_pdf_tag_rules import CONTENTS_CSS, page


@pytest.fixture
def every_box_annotated() -> Iterator[None]:
    """Write PDFs with the annotation WeasyPrint gives every box inside a link, as before."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tagging, "one_annotation_a_line", lambda *arguments: None)
        yield


def annotations_by_words(path: Path) -> dict[str, int]:
    """Return how many link annotations each link's description has, over the whole PDF."""
    found: dict[str, int] = {}
    for one in PdfReader(path).pages:
        for reference in one.get("/Annots", []):
            words = str(reference.get_object()["/Contents"])
            found[words] = found.get(words, 0) + 1
    return found


def test_each_link_is_one_tab_stop_a_line(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    verdict = link_tab_stops(OpenPdf.read(path, None))
    assert verdict.passed, verdict.message
    assert verdict.message == ("5 link annotations for 4 links (a link counted on each of its "
                               "pages), none inside another of its link: one tab stop a link a "
                               "line, in the structure's order")
    # a contents entry is one annotation (its block's, the title and page number within it);
    # the link over two lines keeps one a line
    assert annotations_by_words(path) == {
        "One 1": 1, "Two 4": 1, "the second section, by a long link that wraps": 2,
        "https://example.org/tags": 1}


def test_the_annotation_kept_covers_those_dropped(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tagging, "one_annotation_a_line", lambda *arguments: None)
        every = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "every.pdf", TEMPLATES)
    kept = {str(annotation["/Contents"]): annotation
            for annotation in first_page_annotations(path)}
    dropped = [annotation for annotation in first_page_annotations(every)
               if str(annotation["/Contents"]) in ("One 1", "Two 4")]
    assert len(dropped) == 10  # a click on the title or the page number still follows the link
    assert all(lies_inside(annotation, kept[str(annotation["/Contents"])])
               for annotation in dropped)


def first_page_annotations(path: Path) -> list[DictionaryObject]:
    return [reference.get_object() for reference in PdfReader(path).pages[0]["/Annots"]]


def test_every_box_annotated_fails_naming_the_page_and_the_link(
        tmp_path: Path, every_box_annotated: None) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    verdict = link_tab_stops(OpenPdf.read(path, None))
    assert not verdict.passed
    assert verdict.message == (
        "page 1: link 'One 1' is 5 tab stops where 1 would do (4 of its link annotations lie "
        "inside another); page 1: link 'Two 4' is 5 tab stops where 1 would do (4 of its link "
        "annotations lie inside another)")


def test_without_a_structure_tree_a_link_is_its_target(
        tmp_path: Path, every_box_annotated: None) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    untagged = PdfWriter(clone_from=path)
    del untagged.root_object[NameObject("/StructTreeRoot")]
    with (tmp_path / "untagged.pdf").open("wb") as file:
        untagged.write(file)
    verdict = link_tab_stops(OpenPdf.read(tmp_path / "untagged.pdf", None))
    assert verdict.message.startswith(
        "page 1: link 'One 1' is 5 tab stops where 1 would do (4 of its link annotations lie "
        "inside another)")


@pytest.mark.parametrize(("tabs", "said"), [
    pytest.param(None, "missing", id="no-tabs"), pytest.param("/R", "/R", id="row-order")])
def test_a_page_whose_tab_order_is_not_the_structure_fails(
        tmp_path: Path, tabs: str | None, said: str) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    edited = PdfWriter(clone_from=path)
    if tabs is None:
        del edited.pages[0][NameObject("/Tabs")]
    else:
        edited.pages[0][NameObject("/Tabs")] = NameObject(tabs)
    with (tmp_path / "edited.pdf").open("wb") as file:
        edited.write(file)
    verdict = link_tab_stops(OpenPdf.read(tmp_path / "edited.pdf", None))
    assert verdict.message == (f"page 1: the Tab key does not follow the structure tree (/Tabs "
                               f"is {said}, not /S)")


def box(left: float, bottom: float, right: float, top: float) -> DictionaryObject:
    """Return a link annotation with the area given."""
    return DictionaryObject({NameObject("/Rect"): ArrayObject(
        FloatObject(value) for value in (left, top, right, bottom))})


@pytest.mark.parametrize(("areas", "extra"), [
    pytest.param([box(0, 0, 100, 20), box(10, 0, 60, 20), box(90, -0.5, 100, 20.5)], 2,
                 id="inside-the-first"),
    pytest.param([box(0, 0, 100, 20), box(0, 0, 100, 20)], 1, id="the-same-area-twice"),
    pytest.param([box(0, 20, 100, 40), box(0, 0, 60, 20)], 0, id="two-lines"),
    pytest.param([box(0, 0, 100, 20), box(50, 0, 150, 20)], 0, id="overlapping-not-inside"),
])
def test_extra_stops_counts_the_annotations_inside_another(
        areas: list[DictionaryObject], extra: int) -> None:
    assert extra_stops(areas) == extra


NAMED = """<html lang="en-GB"><head><title>Names</title><style>@page {{ size: A5 }}</style></head>
<body><h1>Names</h1><p>The answers are in <a href="#quiz-1"{one}>appendix 4</a>.</p>
<p>The answers are in <a href="#quiz-2"{two}>appendix 4</a>.</p>
<h2 id="quiz-1">Quiz 1</h2><h2 id="quiz-2">Quiz 2</h2></body></html>"""


def test_links_described_alike_going_to_two_places_fail(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(NAMED.format(one="", two=""), tmp_path / "a.pdf", TEMPLATES)
    verdict = link_names(OpenPdf.read(path, None))
    assert (verdict.passed, verdict.message) == (
        False, "links described as 'appendix 4' go to 2 places (quiz-1, quiz-2): a list of the "
               "links cannot tell them apart")


def test_a_link_named_by_where_it_goes_is_described_by_its_name(tmp_path: Path) -> None:
    page_html = NAMED.format(one=' aria-label="appendix 4 (Quiz 1)"',
                             two=' aria-label="appendix 4 (Quiz 2)"')
    path = pdf_writer.write_pdf(page_html, tmp_path / "b.pdf", TEMPLATES)
    assert annotations_by_words(path) == {"appendix 4 (Quiz 1)": 1, "appendix 4 (Quiz 2)": 1}
    opened = OpenPdf.read(path, None)
    assert link_names(opened).passed
    found = {result.rule: result for result in pdf_rules(path, "test/pdf")}
    assert found["pdf/link-descriptions"].message == (
        "each of the 2 link annotations is described by its link's words (2 by a name that "
        "begins with them and says where the link goes)")
