"""PDFium's reading of a PDF's text: marked content only, line-end hyphens kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from formats.outputs.pdf.page_text import marked_texts, page_count, page_texts
from formats.outputs.pdf.structure import marked_content

HTML = """<html lang="en-GB"><head><title>t</title><style>
@page { size: A6; margin: 2cm 1cm; @top-center { content: "Running header" } }
p { width: 4.2cm; font-size: 12pt; hyphens: manual }
</style></head><body>
<h1>A heading</h1>
<p>Partners made a well-thought-out-and-agreed plan together.</p>
<p style="break-before: page">A second page.</p>
</body></html>"""


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from formats.core.names import TEMPLATES
    from formats.outputs.pdf.writer import write_pdf

    return write_pdf(HTML, tmp_path_factory.mktemp("page-text") / "page.pdf", TEMPLATES)


def test_only_the_marked_content_is_the_text_and_a_line_end_hyphen_stays(pdf: Path) -> None:
    text, second = page_texts(pdf, marked_content(PdfReader(pdf)))
    assert " ".join(second.split()) == "A second page."
    assert "Running header" not in text
    assert "A heading" in text
    assert "-\n" in text  # the compound word breaks at one of its hyphens, which stays
    assert " ".join(text.replace("-\n", "-").split()) == (
        "A heading Partners made a well-thought-out-and-agreed plan together.")
    everything, _ = page_texts(pdf, None)
    assert "Running header" in everything


def test_each_marked_content_sequence_has_its_words(pdf: Path) -> None:
    found = {" ".join(text.split()) for text in marked_texts(pdf).values()}
    assert "A heading" in found  # a sequence of its own
    assert "Running header" not in found  # an artifact: no MCID (formats.outputs.pdf.tagging)


def test_the_pages_are_counted(pdf: Path) -> None:
    assert page_count(pdf) == len(PdfReader(pdf).pages) == 2


def test_a_file_that_is_not_a_pdf_is_a_value_error(tmp_path: Path) -> None:
    path = tmp_path / "not.pdf"
    path.write_text("not a PDF", encoding="utf-8")
    with pytest.raises(ValueError, match="PDFium cannot open it"):
        page_texts(path, None)
    with pytest.raises(ValueError, match="PDFium cannot open it"):
        page_count(path)
