"""What a screen reader reads of our PDFs (formats.outputs.pdf.tagging, read back by
formats.outputs.pdf.tag_rules): a small page of several A6 pages (running header and footer, a
section over many pages, a table with a header row, a link broken over lines, a contents list
with leader dots) passes the five rules when written by formats.outputs.pdf.writer, and fails
each of them, naming the page and the thing, when written as WeasyPrint 70 tags it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from formats.core.contract import RuleResult
from formats.core.names import TEMPLATES
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.rules import pdf_rules
from formats.outputs.pdf.tag_rules import TAG_RULES

TAG_RULE_NAMES = [name for name, _ in TAG_RULES]
ROWS = "".join(f"<tr><th scope='row'>Row {index}</th><td>cell {index}</td></tr>"
               for index in range(24))
WORDS = "Plain words in a long paragraph that wraps over several lines. " * 30
# The contents as the print template writes it now: the title, its leader dots, the page number.
CONTENTS_CSS = (".toc a { display: block; position: relative; padding-right: 2em } "
                ".toc .title::after { content: leader('.') } "
                ".toc a::after { content: target-counter(attr(href url), page); "
                "position: absolute; right: 0; bottom: 0 }")
# The contents as it was: the page number before the title, the leader dots after it.
OLD_CONTENTS_CSS = (".toc a { display: block; position: relative; padding-right: 2em } "
                    ".toc a::after { content: leader('.') } "
                    ".toc a::before { content: target-counter(attr(href url), page); "
                    "position: absolute; right: 0; bottom: 0 }")


def page(contents_css: str) -> str:
    """Return the HTML of the small page, its contents set by ``contents_css``."""
    return f"""<html lang="en-GB"><head><title>Tags</title><style>
@page {{ size: A6; margin: 2cm 1cm; @top-center {{ content: "Tags" }}
        @bottom-center {{ content: "Page " counter(page) }} }}
{contents_css}</style></head><body>
<nav class="toc"><ol><li><a href="#one"><span class="title">One</span></a></li>
<li><a href="#two"><span class="title">Two</span></a></li></ol></nav>
<section id="one"><h1>One</h1><p>{WORDS} <a href="#two">the second section, by a long link
that wraps</a>.</p></section>
<section id="two"><h1>Two</h1><table><thead><tr><th>Name</th><th>Value</th></tr></thead>
<tbody>{ROWS}</tbody></table><p>See <a href="https://example.org/tags">https://example.org/tags</a>
</p></section></body></html>"""


def tag_results(path: Path) -> dict[str, RuleResult]:
    """Return the results of the five tag rules on the PDF at ``path``, by rule name."""
    return {result.rule: result for result in pdf_rules(path, "test/pdf")
            if result.rule in TAG_RULE_NAMES}


def failures(path: Path) -> dict[str, str]:
    return {rule: result.message for rule, result in tag_results(path).items()
            if not result.passed}


def test_the_page_passes_every_tag_rule(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    found = tag_results(path)
    assert list(found) == TAG_RULE_NAMES
    assert {rule: result.message for rule, result in found.items()} == {
        "pdf/link-descriptions": "each of the 5 link annotations is described by its "
                                 "link's words",
        "pdf/artifacts": "115 marked-content sequences are in the structure tree, 116 are "
                         "artifacts",
        "pdf/structure-whole": "2 Sect elements; no table goes on in another",
        "pdf/contents-order": "2 links showing their page number read it after their title; "
                              "no link reads leader dots",
        "pdf/contents-one-link": "2 links ending with their page number (contents entries) are "
                                 "one Link element each; each of the 5 link annotations is a "
                                 "kid of its Link element"}
    assert all(result.passed for result in found.values())


def test_the_page_as_weasyprint_tags_it_fails_every_tag_rule(
        tmp_path: Path, as_weasyprint_tags_it: None) -> None:
    path = pdf_writer.write_pdf(page(OLD_CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    dots = ". . . . . . . . . . . . . . . ...."
    assert failures(path) == {
        "pdf/link-descriptions": f"page 1: link '1 One {dots}' is described as 'one'; page 1: "
                                 f"link '1' is described as 'one'; page 1: link 'One . {dots}' "
                                 "is described as 'one' and 11 more",
        "pdf/artifacts": "page 1: marked content /Span MCID 119 'Tags' is neither in the "
                         "structure tree nor an artifact; page 1: marked content /Span MCID 120 "
                         "'Page 1' is neither in the structure tree nor an artifact; page 2: "
                         "marked content /Span MCID 18 'Tags' is neither in the structure tree "
                         "nor an artifact and 9 more",
        "pdf/structure-whole": "page 2: Sect 'words in a long paragraph that wraps ...' does "
                               "not begin with a heading (a section cut at a page break); page "
                               "3: Sect 'lines. Plain words in a long paragrap...' does not "
                               "begin with a heading (a section cut at a page break); page 4: "
                               "Sect 'over several lines. Plain words in a ...' does not begin "
                               "with a heading (a section cut at a page break) and 2 more",
        "pdf/contents-order": f"page 1: link '1 One {dots}' reads leader dots; page 1: contents "
                              f"entry 'One . {dots}' reads its page number 1 before its title; "
                              f"page 1: link 'One . {dots}' reads leader dots and 7 more",
        "pdf/contents-one-link": f"page 1: contents entry 'One' has its page number 1 as a link "
                                 f"of its own; page 1: link 'One' is a Link element inside link "
                                 f"'1 One'; page 1: link '. . . {dots}' is a Link element inside "
                                 "link 'One' and 6 more"}


def test_a_link_is_described_by_its_words(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    descriptions = [str(annotation.get_object()["/Contents"])
                    for one in PdfReader(path).pages for annotation in one.get("/Annots", [])]
    assert "the second section, by a long link that wraps" in descriptions
    assert "https://example.org/tags" in descriptions  # the words of the link are its address
    assert not [description for description in descriptions if description.startswith("#")
                or description in ("one", "two")]


def test_the_old_contents_reads_its_page_numbers_first(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(page(OLD_CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    assert failures(path) == {"pdf/contents-order": "page 1: contents entry 'One' reads its page "
                                                    "number 1 before its title; page 1: contents "
                                                    "entry 'Two' reads its page number 4 before "
                                                    "its title"}


@pytest.fixture
def as_tagged_before_one_link() -> Iterator[None]:
    """Write PDFs mended as they were before a link was made one ``Link`` element (the contents
    entry's page number a link of its own, annotations under spans) while the test runs."""
    from formats.outputs.pdf import tagging

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tagging._Tagging, "make_one_link", lambda *arguments: None)
        patch.setattr(tagging, "one_annotation_a_line", lambda *arguments: None)
        yield


@pytest.mark.parametrize("tagged", ["as_weasyprint_tags_it", "as_tagged_before_one_link"])
def test_a_contents_entry_read_as_two_links_fails(tmp_path: Path, tagged: str,
                                                  request: pytest.FixtureRequest) -> None:
    request.getfixturevalue(tagged)
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    assert failures(path)["pdf/contents-one-link"] == (
        "page 1: contents entry 'One' has its page number 1 as a link of its own; page 1: "
        "contents entry 'Two' has its page number 4 as a link of its own; page 1: a link "
        "annotation of 'One 1' is under a Span element, not directly under its Link element "
        "and 3 more")


def contents_links(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """Return the Link elements of the first page: their words, the descriptions of the link
    annotations that are their own kids, and the types of the kids holding other annotations."""
    from formats.outputs.pdf import structure
    from formats.outputs.pdf.rules import OpenPdf
    from formats.outputs.pdf.tag_rules import text_of

    pdf = OpenPdf.read(path, None)
    found = []
    for element, at in pdf.elements():
        if element["/S"] != "/Link" or at != 0:
            continue
        own, under = [], []
        holders = [node for node, _ in structure.walk(element, pdf.page_index)
                   if isinstance(node, dict) and "/S" in node]
        for node in holders:
            for reference in structure.kids(node):
                kid = reference.get_object()
                if isinstance(kid, dict) and kid.get("/Type") == "/OBJR":
                    if node is element:
                        own.append(str(kid["/Obj"].get_object()["/Contents"]))
                    else:
                        under.append(str(node["/S"]))
        found.append((text_of(pdf, element, at), own, under))
    return found


def test_a_contents_entry_is_one_link_holding_its_annotations(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    # one link, one annotation: the block's, over those of the title's span, the leader dots
    # (two boxes) and the page number, which are dropped (test_pdf_link_rules)
    assert contents_links(path) == [("One 1", ["One 1"], []), ("Two 4", ["Two 4"], [])]
    again = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "again.pdf", TEMPLATES)
    assert again.read_bytes() == path.read_bytes()


def test_a_contents_entry_was_two_links_its_annotations_under_spans(
        tmp_path: Path, as_tagged_before_one_link: None) -> None:
    path = pdf_writer.write_pdf(page(CONTENTS_CSS), tmp_path / "page.pdf", TEMPLATES)
    held = ["/Span", "/NonStruct", "/NonStruct", "/Link"]  # the title, leader dots, the number
    assert contents_links(path) == [("One 1", ["One 1"], held), ("1", ["1"], []),
                                    ("Two 4", ["Two 4"], held), ("4", ["4"], [])]


TABLE = f"""<html lang="en-GB"><head><title>Table</title><style>@page {{ size: A6 }}</style>
</head><body><h1>A table</h1><table><thead><tr><th>Name</th><th>Value</th></tr></thead>
<tbody>{ROWS}</tbody></table></body></html>"""


def table_cells(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Return the ids of the TH cells, the header ids the TD cells name, and the words of the
    column header cells (in the THead) as the tree holds them."""
    from formats.outputs.pdf.rules import OpenPdf
    from formats.outputs.pdf.tag_rules import text_of

    pdf = OpenPdf.read(path, None)
    ids, named, heads = [], [], []
    for element, at in pdf.elements():
        if element["/S"] == "/TH":
            ids.append(str(element["/ID"]))
            if element["/P"].get_object()["/P"].get_object()["/S"] == "/THead":
                heads.append(text_of(pdf, element, at))
        elif element["/S"] == "/TD":
            named += [str(name) for name in element["/A"].get_object()["/Headers"]]
    return ids, named, heads


def test_a_table_over_pages_is_one_table_its_header_row_once(tmp_path: Path) -> None:
    path = pdf_writer.write_pdf(TABLE, tmp_path / "table.pdf", TEMPLATES)
    assert len(PdfReader(path).pages) == 2
    assert failures(path) == {}
    ids, named, heads = table_cells(path)
    assert heads == ["Name", "Value"]  # the header row repeated on page 2 is an artifact
    assert len(ids) == len(set(ids)) == 2 + 24
    assert set(named) <= set(ids)  # every data cell, on every page, names header cells
    assert len(named) == 24 * 2  # its column's header and its row's


def test_a_table_as_weasyprint_tags_it_is_one_table_a_page(
        tmp_path: Path, as_weasyprint_tags_it: None) -> None:
    path = pdf_writer.write_pdf(TABLE, tmp_path / "table.pdf", TEMPLATES)
    assert failures(path)["pdf/structure-whole"] == (
        "page 2: Table 'Name Value Row 11 cell 11 Row 12 cell...' goes on from the one on page 1 "
        "(cut at a page break)")


def test_another_weasyprint_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint
    from weasyprint.pdf import tags

    from formats.outputs.pdf import tagging

    monkeypatch.setattr(tags, "_toolkit_tagger", False)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    with pytest.raises(RuntimeError, match=r"mends WeasyPrint 70\.0's tagging; WeasyPrint "
                                           r"71\.0 is installed"):
        tagging.install_tagger()
