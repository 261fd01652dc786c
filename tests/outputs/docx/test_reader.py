"""The one .docx reader, on small documents made by hand: where a section starts, what its text
is (table cells row by row, content controls, pictures' alt text, non-breaking hyphens), and
what it reports about files that are not there or not Word documents. It reads the package XML
with lxml, never with the writer's library."""

from __future__ import annotations

import ast
import zipfile
from pathlib import Path

import pytest

from formats.core.contract import FoundSection
from formats.outputs.docx import parts, reader, rules
from formats.outputs.docx.reader import read_back_docx, read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
</w:styles>"""


def paragraph(text: str, style: str = "", bookmark: str = "", inner: str = "") -> str:
    """Return a ``w:p`` with a style, a bookmark around it, a run of ``text`` and ``inner``."""
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    start = f'<w:bookmarkStart w:id="1" w:name="{bookmark}"/>' if bookmark else ""
    end = '<w:bookmarkEnd w:id="1"/>' if bookmark else ""
    return f"<w:p>{properties}{start}<w:r><w:t>{text}</w:t></w:r>{inner}{end}</w:p>"


def picture(alt: str | None) -> str:
    """Return a run holding a picture whose ``wp:docPr`` has ``alt`` as its description."""
    descr = f' descr="{alt}"' if alt is not None else ""
    return (f'<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1"{descr}/>'
            "</wp:inline></w:drawing></w:r>")


def cell(text: str) -> str:
    return f"<w:tc>{paragraph(text)}</w:tc>"


BODY = "".join([
    paragraph("A title", "Title", "title-mark"),  # a bookmark outside a heading: no section
    paragraph("Before any section"),
    paragraph("First section", "Kop1", "first"),
    paragraph("Co", inner="<w:r><w:noBreakHyphen/><w:t>production</w:t><w:tab/>"
                          "<w:t>works.</w:t></w:r>"),
    "<w:tbl><w:tblPr/><w:tr>" + cell("A1") + cell("B1") + "</w:tr><w:tr>" + cell("A2")
    + cell("B2") + "</w:tr></w:tbl>",
    '<w:sdt><w:sdtPr><w:alias w:val="Your answer"/></w:sdtPr><w:sdtContent>'
    + paragraph("Inside a control") + "</w:sdtContent></w:sdt>",
    paragraph("Tick", inner='<w:sdt><w:sdtContent><w:r><w:t>[box]</w:t></w:r></w:sdtContent>'
                            "</w:sdt>"),
    paragraph("A block heading", "Kop2"),  # no bookmark: the section goes on
    paragraph("Contents entry", "Kop2", "_Toc00000001"),  # a hidden bookmark: goes on too
    paragraph("", inner=picture("Three boxes in a row")),
    paragraph("Second section", "Kop2", "second"),
    paragraph("", inner=picture(None) + picture("")),
])


Found = dict[str, FoundSection]


def make_docx(path: Path, body: str = BODY, styles: str = STYLES) -> Path:
    """Write a minimal .docx (document and styles parts) at ``path``; return it."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}" xmlns:wp="{WP}"><w:body>{body}<w:sectPr/>'
                "</w:body></w:document>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", styles)
    return path


@pytest.fixture()
def found(tmp_path: Path) -> Found:
    """Return the sections read from the document above, made in a sub-folder of tmp_path."""
    (tmp_path / "sub").mkdir()
    return read_docx(make_docx(tmp_path / "sub" / "made.docx"), tmp_path)


def test_a_bookmarked_paragraph_in_a_built_in_heading_style_starts_a_section(found: Found) -> None:
    assert list(found) == ["first", "second"]
    assert (found["first"].title, found["first"].file) == ("First section", "sub/made.docx")
    assert found["second"].title == "Second section"


def test_the_reader_reads_table_cells_row_by_row_and_content_controls(found: Found) -> None:
    assert found["first"].text == (
        "First section Co-production works. A1 B1 A2 B2 Inside a control Tick[box] "
        "A block heading Contents entry Three boxes in a row")


def test_a_picture_without_alt_text_is_a_problem_of_its_section(found: Found) -> None:
    assert found["first"].problems == ()
    assert found["second"].problems == ("2 picture(s) without alt text",)
    assert found["second"].text == "Second section"


def test_heading_styles_are_found_by_their_built_in_name_not_their_id(tmp_path: Path) -> None:
    body = paragraph("Heading", "Heading1", "one") + paragraph("Words")
    path = make_docx(tmp_path / "renamed.docx", body)
    assert read_docx(path, tmp_path) == {}  # "Heading1" is no style of this document


def test_read_back_reports_no_file_several_files_and_a_broken_file(tmp_path: Path) -> None:
    assert read_back_docx(tmp_path, "*.docx", "x/docx").problems == (
        f"no file matching *.docx in {tmp_path}",)
    make_docx(tmp_path / "a.docx")
    make_docx(tmp_path / "b.docx")
    assert read_back_docx(tmp_path, "*.docx", "x/docx").problems == (
        f"2 files (a.docx, b.docx) matching *.docx in {tmp_path}",)
    (tmp_path / "b.docx").unlink()
    readback = read_back_docx(tmp_path, "*.docx", "x/docx")
    assert (readback.output, list(readback.sections), readback.problems) == (
        "x/docx", ["first", "second"], ())
    (tmp_path / "a.docx").write_text("not a zip file", encoding="utf-8")
    [problem] = read_back_docx(tmp_path, "*.docx", "x/docx").problems
    assert problem.startswith("a.docx cannot be opened as a Word document: ")


def test_a_docx_without_styles_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "bare.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W}"/>')
    [problem] = read_back_docx(tmp_path, "*.docx", "x/docx").problems
    assert problem == ("bare.docx cannot be opened as a Word document: "
                       "'word/document.xml or word/styles.xml'")


@pytest.mark.parametrize("module", [reader, parts, rules], ids=["reader", "parts", "rules"])
def test_the_readers_do_not_use_the_writers_library(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name == "docx" or name.startswith("docx.")}
