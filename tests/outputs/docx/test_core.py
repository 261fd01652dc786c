"""The one Word writer core: the Word, large-print and Easy Read documents share its page set-up,
footer, settings, runs and bookmarks; its small parts (runs, hyphens, bookmark names) alone."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from formats.core.contract import RenderError
from formats.core.load import load
from formats.core.model import Document
from formats.core.text import inline_text
from formats.editions.easy_read.docx import EASY_READ, docx_name, render_docx
from formats.editions.large_print import profile as large_print_profile
from formats.outputs.docx.bookmarks import BLOCK_IDS, bookmark_names, check_bookmark_names
from formats.outputs.docx.document import write_docx
from formats.outputs.docx.profile import STANDARD
from formats.outputs.docx.reader import read_docx
from formats.outputs.docx.xml import run
from tests.conftest import FIXTURES

EASY_READ_SOURCE = FIXTURES / "easy-read"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/"}
A4_TWIPS = ("11906", "16838")
UK_MARGIN_TWIPS = "1417"  # 2.5 cm


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def part(path: Path, name: str) -> etree._Element:
    """Return the parsed XML part ``name`` of a .docx."""
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


@pytest.fixture(scope="module")
def document() -> Document:
    """Return the Easy Read fixture toolkit (the mini toolkit with an Easy Read text)."""
    return load(EASY_READ_SOURCE)


@pytest.fixture(scope="module")
def three_documents(document: Document, tmp_path_factory: pytest.TempPathFactory
                    ) -> dict[str, Path]:
    """Return the Word, large-print and Easy Read .docx of the fixture, by name."""
    out = tmp_path_factory.mktemp("three-docx")
    write_docx(document, out / "word.docx", STANDARD)
    write_docx(document, out / "large-print.docx", large_print_profile.DOCX)
    [easy_read] = render_docx(document, out / "easy-read")
    return {"word": out / "word.docx", "large print": out / "large-print.docx",
            "easy read": easy_read}


# ---------------------------------------------------------------------------------------------
# What the core gives every document


@pytest.mark.parametrize("which", ["word", "large print", "easy read"])
def test_every_document_is_a4_with_uk_margins(which: str, three_documents: dict[str, Path]
                                             ) -> None:
    body = part(three_documents[which], "word/document.xml")
    [size] = body.xpath("//w:body/w:sectPr/w:pgSz", namespaces=NS)
    assert (size.get(w("w")), size.get(w("h"))) == A4_TWIPS
    [margins] = body.xpath("//w:body/w:sectPr/w:pgMar", namespaces=NS)
    assert {margins.get(w(side)) for side in ("top", "bottom", "left", "right")} == {
        UK_MARGIN_TWIPS}


@pytest.mark.parametrize("which", ["word", "large print", "easy read"])
def test_every_document_has_page_numbers_in_the_footer(which: str,
                                                       three_documents: dict[str, Path]) -> None:
    path = three_documents[which]
    # one footer, the first page section's: the others (the chapters') take it over
    [reference] = part(path, "word/document.xml").xpath(
        "//w:sectPr/w:footerReference[@w:type='default']/@r:id",
        namespaces={**NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/"
                               "relationships"})
    relations = part(path, "word/_rels/document.xml.rels")
    [target] = [rel.get("Target") for rel in relations if rel.get("Id") == reference]
    footer = part(path, f"word/{target}")
    assert "".join(footer.xpath("//w:instrText/text()", namespaces=NS)).strip() == "PAGE"
    assert "".join(footer.xpath("//w:t/text()", namespaces=NS)) == "Page 1"


@pytest.mark.parametrize("which", ["word", "large print", "easy read"])
def test_every_document_turns_automatic_hyphenation_off(which: str,
                                                        three_documents: dict[str, Path]) -> None:
    settings = part(three_documents[which], "word/settings.xml")
    assert settings.xpath("w:autoHyphenation/@w:val", namespaces=NS) == ["false"]
    names = [etree.QName(node).localname for node in settings]
    assert names.index("defaultTabStop") < names.index("autoHyphenation")  # schema order


@pytest.mark.parametrize("which", ["word", "large print", "easy read"])
def test_every_document_has_headings_in_the_body_font(which: str,
                                                      three_documents: dict[str, Path]) -> None:
    styles = part(three_documents[which], "word/styles.xml")
    fonts = {style: styles.xpath(f"w:style[@w:styleId='{style}']/w:rPr/w:rFonts/@w:ascii",
                                 namespaces=NS) for style in ("Normal", "Heading1", "Title")}
    assert fonts == {"Normal": ["Arial"], "Heading1": ["Arial"], "Title": ["Arial"]}


@pytest.mark.parametrize("which", ["word", "large print", "easy read"])
def test_every_document_bookmarks_its_sections_on_built_in_headings(
        which: str, three_documents: dict[str, Path], document: Document) -> None:
    path = three_documents[which]
    found = read_docx(path, path.parent)
    if which == "easy read":
        assert list(found) == ["er-what-it-is", "er-try-it", "word-list"]
    else:
        assert list(found) == [section.id for section in document.sections()]
    assert all(section.problems == () for section in found.values())


def test_the_core_properties_leave_nothing_of_the_reference(
        three_documents: dict[str, Path], document: Document) -> None:
    core = part(three_documents["easy read"], "docProps/core.xml")
    said = {etree.QName(node).localname: node.text for node in core}
    assert said["title"] == "Mini toolkit in Easy Read"
    assert said["subject"] == said["description"] == \
        f"An Easy Read version of {document.meta.title}"
    assert said["identifier"] == f"{document.meta.identifier}:easy-read"
    assert said["category"] == "Easy Read edition"
    assert said["creator"] == said["lastModifiedBy"] == document.meta.publisher
    assert "reference" not in " ".join(text or "" for text in said.values()).lower()


# ---------------------------------------------------------------------------------------------
# The Easy Read look, through the core


def test_easy_read_profile_is_arial_18_headings_28_bold_black_no_italics(
        three_documents: dict[str, Path]) -> None:
    styles = part(three_documents["easy read"], "word/styles.xml")
    assert styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val", namespaces=NS) == ["36"]
    heading = styles.xpath("w:style[@w:styleId='Heading1']/w:rPr", namespaces=NS)[0]
    assert heading.xpath("w:sz/@w:val", namespaces=NS) == ["56"]
    assert heading.find(w("b")) is not None
    assert heading.xpath("w:color/@w:val", namespaces=NS) == ["000000"]
    italic = [flag for flag in styles.iter(w("i"), w("iCs"))
              if flag.get(w("val"), "1") not in ("0", "false")]
    assert italic == []
    sizes = [int(size.get(w("val"))) for size in styles.iter(w("sz"), w("szCs"))]
    assert min(sizes) >= 32  # nothing below 16pt
    assert (EASY_READ.font, EASY_READ.body_size, EASY_READ.heading_sizes[0]) == ("Arial", 18, 28)


def test_easy_read_never_breaks_co_production_at_its_hyphen(
        three_documents: dict[str, Path], document: Document) -> None:
    path = three_documents["easy read"]
    body = part(path, "word/document.xml")
    texts = "".join(body.xpath("//w:t/text()", namespaces=NS))
    assert "co-production" not in texts.lower()  # no plain hyphen inside a word
    assert body.xpath("count(//w:noBreakHyphen)", namespaces=NS) >= 3
    [first_row] = document.easy_read.parts[0].rows[:1]
    assert "co-production" in inline_text(first_row.content)  # the model keeps a plain hyphen
    found = read_docx(path, path.parent)
    assert "This guide is about co-production. Co-production means we work as a team." in \
        found["er-what-it-is"].text  # read back as a hyphen
    assert "Co-production People working together as equals." in found["word-list"].text


def test_other_documents_keep_plain_hyphens(three_documents: dict[str, Path]) -> None:
    body = part(three_documents["word"], "word/document.xml")
    assert body.xpath("count(//w:noBreakHyphen)", namespaces=NS) == 0
    assert "co-production" in "".join(body.xpath("//w:t/text()", namespaces=NS)).lower()


def test_easy_read_rows_are_a_picture_beside_its_words(three_documents: dict[str, Path]) -> None:
    body = part(three_documents["easy read"], "word/document.xml")
    for table in body.xpath("//w:body/w:tbl", namespaces=NS):
        assert table.xpath("w:tblPr/w:tblLayout/@w:type", namespaces=NS) == ["fixed"]
        widths = [int(width) for width in table.xpath("w:tblGrid/w:gridCol/@w:w",
                                                       namespaces=NS)]
        assert widths[0] < widths[1] and sum(widths) <= 9072  # 16 cm between the margins
        for row in table.xpath("w:tr", namespaces=NS):
            assert row.find(f"{w('trPr')}/{w('cantSplit')}") is not None
            picture, words = row.findall(w("tc"))
            assert picture.xpath(".//wp:docPr/@descr", namespaces={
                "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"})
            assert not words.xpath(".//w:drawing", namespaces=NS)


def test_easy_read_file_name(document: Document) -> None:
    assert docx_name(document) == "mini-toolkit-easy-read.docx"


# ---------------------------------------------------------------------------------------------
# Small parts


def test_a_run_writes_only_the_hyphen_inside_a_word_as_non_breaking() -> None:
    node = run("co-production - a start-", no_break_hyphens=True)
    pieces = [etree.QName(piece).localname + (f":{piece.text}" if piece.text else "")
              for piece in node]
    assert pieces == ["t:co", "noBreakHyphen", "t:production - a start-"]
    assert [piece.text for piece in run("co-production")] == ["co-production"]


def test_bookmark_names_are_sections_then_the_ids_blocks_carry(mini_document: Document) -> None:
    names = bookmark_names(mini_document)
    sections = [section.id for section in mini_document.sections()]
    assert names[:len(sections)] == sections
    carried = names[len(sections):]
    assert carried and len(carried) == len(set(carried))
    assert BLOCK_IDS.missing() == [] and BLOCK_IDS.extra() == []


def test_a_bookmark_word_cannot_keep_is_a_render_error() -> None:
    check_bookmark_names(["start", "a" * 40])
    with pytest.raises(RenderError) as error:
        check_bookmark_names(["start", "1-first", "b" * 41])
    assert str(error.value) == ("Word bookmarks must start with a letter and have at most 40 "
                                f"characters; shorten these ids: 1-first, {'b' * 41}")
