"""The real toolkit's Easy Read edition (slow): every rule, every section in every output,
booklets of at most 24 pages, no word alone on a line, pictures beside words."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from formats.check.coverage import Status, judge
from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.easy_read import expected
from formats.editions.easy_read.pdf import pdf_files
from tests.conftest import ROOT
from tests.editions.easy_read.support import run_check
from tests.helpers.checked import checked_readbacks, checked_rules


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
