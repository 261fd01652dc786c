"""pdf/short-blocks-whole (formats.outputs.pdf.block_rules): a short list point split across
pages fails, naming the pages and the point; kept whole, it passes; and a list inside a point,
both going on over a page break, stay one list point and one list in the structure tree
(formats.outputs.pdf.tagging)."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.names import TEMPLATES
from formats.outputs.pdf import structure
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.block_rules import short_blocks_whole
from formats.outputs.pdf.rules import OpenPdf
from formats.outputs.pdf.tag_rules import text_of

POINT = ("A point of a list that is short, four or five lines long on this small page, and "
         "that a reader should find on one page.")


def _page(css: str, body: str) -> str:
    return (f"<html lang='en-GB'><head><title>Blocks</title><style>@page {{ size: A6; margin: "
            f"1.5cm 1cm }} body {{ font-size: 11pt; line-height: 1.4 }} {css}</style></head>"
            f"<body><h1>Blocks</h1>{body}</body></html>")


def _split_point(css: str) -> str:
    """A page whose last lines hold the start of a short list point."""
    return _page(css, f"<div style='height: 7.9cm'></div><ul><li>{POINT}</li></ul>")


@pytest.mark.parametrize(("css", "passed", "message"), [
    ("li { break-inside: auto }", False,
     "pages 1-2: list point '• A point of a list that is short, fo...' (121 characters) is "
     "split across pages"),
    ("li { break-inside: avoid }", True,
     "each of the 1 short blocks (list points, table rows, quotations, figures and boxes of at "
     "most 300 characters) is on one page"),
], ids=["split", "kept-whole"])
def test_a_short_point_is_judged_by_whether_it_is_split(tmp_path: Path, css: str,
                                                       passed: bool, message: str) -> None:
    path = pdf_writer.write_pdf(_split_point(css), tmp_path / "point.pdf", TEMPLATES)
    verdict = short_blocks_whole(OpenPdf.read(path, None))
    assert (verdict.passed, verdict.message) == (passed, message)


def test_a_list_in_a_point_over_a_page_break_stays_one_list(tmp_path: Path) -> None:
    inner = "".join(f"<li>Inner point {number}.</li>" for number in range(1, 31))
    html = _page("", f"<ul><li>The outer point.<ul>{inner}</ul></li>"
                     "<li>The last outer point.</li></ul>")
    path = pdf_writer.write_pdf(html, tmp_path / "nested.pdf", TEMPLATES)
    pdf = OpenPdf.read(path, None)
    lists = [(element, page) for element, page in pdf.elements() if element["/S"] == "/L"]
    outer, at = lists[0]
    kids = [kid.get_object() for kid in structure.kids(outer)]
    assert [(str(kid["/S"]), text_of(pdf, kid, at)[:20]) for kid in kids] == [
        ("/LI", "• The outer point. ◦"), ("/LI", "• The last outer poi")]
    body = [kid.get_object() for kid in structure.kids(kids[0])][-1]  # the point's LBody
    [inner] = [kid.get_object() for kid in structure.kids(body)
               if kid.get_object()["/S"] == "/L"]  # inside its point (pdf/lists-in-points)
    inner_points = [kid for kid in structure.kids(inner) if kid.get_object()["/S"] == "/LI"]
    assert str(body["/S"]) == "/LBody" and len(inner_points) == 30
    assert len(lists) == 2  # not one more a page
