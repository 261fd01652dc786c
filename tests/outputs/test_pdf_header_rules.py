"""pdf/running-chapter: the running header of every page from the first chapter's says the
chapter the page is in. A PDF whose header says only the title (as the large-print PDF's did)
fails, naming the pages; one whose header follows the chapters passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.outputs.pdf.header_rules import running_chapter
from formats.outputs.pdf.writer import write_pdf

CHAPTERS = [("one", "1. One"), ("two", "2. Two")]
PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Book</title><style>
@page {{ size: A6; @top-left {{ content: {header}; }} }}
section.level-1 {{ string-set: chapter attr(data-label); break-before: page; }}
</style></head><body><h1>Book</h1>
<section id="one" class="level-1" data-label="1. One"><h2>1. One</h2>{words}</section>
<section id="two" class="level-1" data-label="2. Two"><h2>2. Two</h2>{words}</section>
</body></html>"""


@pytest.mark.parametrize("header, passed, message", [
    ("string(chapter)", True, "each of the 4 pages from the first chapter says its chapter in "
                              "the running header"),
    ('"Book"', False, "4 page(s) do not say their chapter in the running header: page 2 "
                      "('Book', not '1. One'); page 3 ('Book', not '1. One'); page 4 ('Book', "
                      "not '2. Two') and 1 more"),
], ids=["chapter", "title-only"])
def test_the_running_header_names_each_pages_chapter(tmp_path: Path, header: str, passed: bool,
                                                     message: str) -> None:
    words = "<p>Co-production is working together as equal partners.</p>" * 12
    pdf = write_pdf(PAGE.format(header=header, words=words), tmp_path / "book.pdf", tmp_path)
    result = running_chapter(pdf, "test/pdf", CHAPTERS)
    assert (result.rule, result.passed, result.message) == ("pdf/running-chapter", passed,
                                                            message)
