"""The large-print PDF measured as a reader's tools see it (pdfplumber: every character's font,
size, position and text matrix), against the "Large print" rules of the project's standards."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from formats.core.model import Document, Emphasis, Paragraph, Table, Text, walk_blocks
from formats.editions import large_print
from formats.registry import edition as edition_named
from tests.conftest import Builds
from tests.helpers.checked import checked_rules

BODY_SIZE = 18.0
HEADING_SIZES = {1: 24.0, 2: 22.0, 3: 20.0, 4: 20.0}


@pytest.fixture(params=["mini", pytest.param("real", marks=pytest.mark.slow)])
def edition(request: pytest.FixtureRequest, built: Builds) -> tuple[Document, Path]:
    """Return (document, large-print PDF) for the mini toolkit and, slow, the real one."""
    document = request.getfixturevalue(f"{request.param}_document")
    folder = built(document, "large-print")
    return document, folder / f"{large_print.file_stem(document)}.pdf"


@functools.lru_cache(maxsize=4)
def pages(path: Path) -> tuple[dict[str, Any], ...]:
    """Return, per page, its size, characters, text lines, lines drawn and link areas."""
    found = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            found.append({
                "width": page.width, "height": page.height, "chars": page.chars,
                "lines": page.extract_text_lines(return_chars=True),
                "rules": page.lines, "links": page.annots,
                "words": page.extract_words(extra_attrs=["fontname", "size"]),
            })
    return tuple(found)


def assert_rule_passes(edition: tuple[Document, Path], rule: str) -> str:
    """Assert that the check's rule ``rule`` passes on the edition's PDF, as the check found
    it (the real toolkit's results are those of the run's check); return its message."""
    document, path = edition
    (result,) = [found for found in checked_rules(document, path.parent.parent, "large-print")
                 if found.rule == rule]
    assert result.passed, result.message
    return result.message


def all_chars(path: Path) -> list[dict[str, Any]]:
    return [char for page in pages(path) for char in page["chars"]]


LEADER = "....."


def is_body_line(line: dict[str, Any]) -> bool:
    """Return True for a text line set in the regular body face at the body size.

    Lines of the contents list (with their leader dots) are not body text.
    """
    return LEADER not in line["text"] and all(
        abs(char["size"] - BODY_SIZE) < 0.01 and "Bold" not in char["fontname"]
        for char in line["chars"])


def body_lines(path: Path) -> list[dict[str, Any]]:
    """Return the text lines set in the regular body face at the body size."""
    return [line for page in pages(path) for line in page["lines"] if is_body_line(line)]


def test_nothing_is_smaller_than_16pt(edition: tuple[Document, Path]) -> None:
    assert_rule_passes(edition, "large-print/min-font-size")


def test_body_text_is_18pt(edition: tuple[Document, Path]) -> None:
    assert assert_rule_passes(edition, "large-print/body-size") == (
        f"most common text size is {BODY_SIZE:.1f}pt")


def test_only_upright_atkinson_hyperlegible_is_used(edition: tuple[Document, Path]) -> None:
    _, path = edition
    chars = all_chars(path)
    names = {re.sub(r"^[A-Z]{6}\+", "", char["fontname"]) for char in chars}
    assert names == {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"}
    assert_rule_passes(edition, "large-print/no-italics")


def heading_runs(path: Path) -> list[tuple[str, float]]:
    """Return the bold lines of 20pt or more with their size; a heading's wrapped lines joined.

    A line continues the previous heading when it has the same size and follows it at the
    heading's own line spacing (less than 1.5 lines below).
    """
    runs: list[tuple[str, float]] = []
    for page in pages(path):
        previous_size, previous_bottom = None, 0.0
        for line in page["lines"]:
            sizes = {round(char["size"], 1) for char in line["chars"] if char["text"].strip()}
            bold = all("Bold" in char["fontname"] for char in line["chars"]
                       if char["text"].strip())
            if bold and len(sizes) == 1 and min(sizes) >= 20.0:
                size = sizes.pop()
                if size == previous_size and line["bottom"] - previous_bottom < 1.5 * size:
                    runs[-1] = (f"{runs[-1][0]} {line['text']}", size)
                else:
                    runs.append((line["text"], size))
                previous_size, previous_bottom = size, line["bottom"]
            else:
                previous_size = None
    return [(" ".join(text.split()), size) for text, size in runs]


def test_headings_are_bold_24_22_20pt_by_level(edition: tuple[Document, Path]) -> None:
    document, path = edition
    runs = heading_runs(path)
    wanted = [(section.label, HEADING_SIZES[section.level]) for section in document.sections()]
    assert [pair for pair in wanted if pair not in runs] == []


def test_lines_are_spaced_one_and_a_half(edition: tuple[Document, Path]) -> None:
    _, path = edition
    gaps: list[float] = []
    for page in pages(path):
        bottoms = [line["bottom"] for line in page["lines"] if is_body_line(line)]
        gaps.extend(round(later - earlier, 1) for earlier, later in itertools.pairwise(bottoms))
    assert min(gaps) == 1.5 * BODY_SIZE


def test_text_is_not_justified_no_line_has_stretched_spaces(edition: tuple[Document, Path]
                                                            ) -> None:
    message = assert_rule_passes(edition, "large-print/not-justified")
    measured = re.fullmatch(r"no line is justified \((\d+) lines of 4 words or more measured\)",
                            message)
    assert measured and int(measured.group(1)) >= 10


@pytest.mark.slow
def test_right_edges_of_paragraph_lines_are_ragged(built: Builds,
                                                   real_document: Document) -> None:
    path = built(real_document, "large-print") / f"{large_print.file_stem(real_document)}.pdf"
    paragraphs: list[list[float]] = []
    for page in pages(path):
        lines = [line for line in page["lines"] if is_body_line(line)]
        current: list[dict[str, Any]] = []
        for line in lines:
            if current and round(line["bottom"] - current[-1]["bottom"], 1) != 27.0:
                paragraphs.append([item["x1"] for item in current[:-1]])
                current = []
            current.append(line)
        if current:
            paragraphs.append([item["x1"] for item in current[:-1]])
    long_ones = [edges for edges in paragraphs if len(edges) >= 3]
    assert len(long_ones) >= 20
    ragged = [edges for edges in long_ones if max(edges) - min(edges) > 2.0]
    assert len(ragged) / len(long_ones) > 0.9


def test_no_word_is_split_across_lines(edition: tuple[Document, Path]) -> None:
    _, path = edition
    endings = [line["text"] for page in pages(path) for line in page["lines"]
               if re.search(r"\w[-\u00ad\u2010\u2011]$", line["text"])]
    assert endings == []


def test_lines_hold_at_most_70_characters(edition: tuple[Document, Path]) -> None:
    _, path = edition
    lengths = [len(line["text"]) for line in body_lines(path)]
    assert max(lengths) <= 70


def test_every_character_is_at_least_2cm_from_the_edges(edition: tuple[Document, Path]) -> None:
    assert_rule_passes(edition, "large-print/margins")


def test_pages_are_a4_portrait(edition: tuple[Document, Path]) -> None:
    assert_rule_passes(edition, "large-print/a4-portrait")


def test_page_numbers_are_in_the_same_place_on_every_page(edition: tuple[Document, Path]
                                                          ) -> None:
    _, path = edition
    places = set()
    total = len(pages(path))
    for number, page in enumerate(pages(path), start=1):
        (line,) = [line for line in page["lines"] if line["text"] == f"Page {number} of {total}"]
        places.add((round((line["x0"] + line["x1"]) / 2), round(line["top"])))
    assert len(places) == 1


def underlines(page: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the thin horizontal rules drawn through the lower part of some text."""
    found = []
    for rule in page["rules"]:
        if rule["top"] != rule["bottom"] or rule.get("linewidth", 0) >= 1.4:
            continue
        if any(char["x0"] < rule["x1"] and char["x1"] > rule["x0"]
               and char["top"] < rule["top"] < char["bottom"] for char in page["chars"]):
            found.append(rule)
    return found


def test_only_links_are_underlined(edition: tuple[Document, Path]) -> None:
    _, path = edition
    count = 0
    for number, page in enumerate(pages(path), start=1):
        for rule in underlines(page):
            count += 1
            assert any(link["x0"] - 1 <= rule["x0"] and rule["x1"] <= link["x1"] + 1
                       and link["top"] <= rule["top"] <= link["bottom"]
                       for link in page["links"]), f"underline not under a link, page {number}"
    assert count > 0


def model_tables(document: Document) -> list[Table]:
    return [block for section in document.sections() for block in walk_blocks(section.blocks)
            if isinstance(block, Table)]


def header_rows(path: Path) -> list[int]:
    """Return, for every table row of the structure tree that has header cells, how many."""
    rows: list[int] = []
    stack = [PdfReader(path).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        kids = node.get("/K")
        kids = [] if kids is None else kids.get_object()
        kids = [kid.get_object() for kid in (kids if isinstance(kids, list) else [kids])
                if not isinstance(kid, int)]
        if node.get("/S") == "/TR":
            headers = sum(1 for kid in kids if isinstance(kid, dict) and kid.get("/S") == "/TH")
            if headers:
                rows.append(headers)
        stack.extend(kids)
    return rows


def test_every_table_becomes_a_list(edition: tuple[Document, Path]) -> None:
    """Two columns of 18pt text on A4 hold about 20 characters a line: quizzes of two columns
    become lists like the wider ones (the issue: quizzes 1-3 stayed tables, quiz 4 a list)."""
    document, path = edition
    tables = model_tables(document)
    assert tables
    assert min(len(table.header) for table in tables) >= large_print.profile.REFLOW_COLUMNS
    assert header_rows(path) == []


def test_a_wide_table_reads_as_label_and_value_lines() -> None:
    from formats.core.load import load
    from tests.conftest import MINI_SOURCE

    html = large_print.pdf_html(load(MINI_SOURCE))
    assert ('<li><strong class="cell-label">Information:</strong> No relationship</li>'
            in html)
    assert "<th scope=\"col\">Information</th>" not in html


def test_mini_text_shows_the_reflowed_table(built: Builds, mini_document: Document) -> None:
    path = built(mini_document, "large-print") / f"{large_print.file_stem(mini_document)}.pdf"
    texts = [line["text"] for page in pages(path) for line in page["lines"]]
    position = texts.index("Three ways compared")
    assert texts[position + 1:position + 4] == [
        "Information: No relationship", "Consultation: Minimal contact",
        "Co-production: Equal partners"]


def with_emphasis(document: Document) -> Document:
    """Return the document with its first paragraph holding an emphasised word and a quote."""
    chapter = document.chapters[0]
    section = chapter.children[0]
    paragraph = section.blocks[0]
    assert isinstance(paragraph, Paragraph)
    stressed = replace(paragraph, content=(Text("Plain and "), Emphasis((Text("stressed"),)),
                                           Text(" words.")))
    section = replace(section, blocks=(stressed, *section.blocks[1:]))
    chapter = replace(chapter, children=(section, *chapter.children[1:]))
    return replace(document, chapters=(chapter, *document.chapters[1:]))


def fonts_of_word(path: Path, word: str) -> set[str]:
    """Return the fonts (subset prefix removed) of every occurrence of ``word`` in the PDF."""
    return {re.sub(r"^[A-Z]{6}\+", "", found["fontname"]) for page in pages(path)
            for found in page["words"] if found["text"] == word}


@pytest.mark.parametrize(("edition_name", "font"), [
    pytest.param("standard", "Liberation-Sans-Italic", id="standard-italic"),
    pytest.param("large-print", "Atkinson-Hyperlegible-Bold", id="large-print-bold"),
])
def test_emphasis_is_italic_in_standard_print_and_bold_in_large_print(
        edition_name: str, font: str, mini_document: Document, tmp_path: Path) -> None:
    document = with_emphasis(mini_document)
    written = edition_named(edition_name).render(document, tmp_path)
    (path,) = [path for path in written if path.suffix == ".pdf"]
    assert fonts_of_word(path, "stressed") == {font}
