"""The Word file as LibreOffice converts it, and the real toolkit's Word edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

import build
from formats.check.coverage import coverage
from formats.core.model import Document
from tests.editions.word.docx_xml import convert_to_pdf, outline_titles


@pytest.mark.slow
def test_libreoffice_converts_the_docx_with_the_same_headings(
        picture_docx: Path, picture_document: Document, tmp_path: Path) -> None:
    pdf = convert_to_pdf(picture_docx, tmp_path)
    reader = PdfReader(str(pdf))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    flat = " ".join(text.split())
    for section in picture_document.sections():
        assert section.label in flat, section.label
    titles = iter(outline_titles(reader))  # block headings (quizzes...) are in it too
    assert all(section.label in titles for section in picture_document.sections())
    assert reader.metadata.title == "Word picture toolkit"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.slow
def test_real_toolkit_word_edition_has_every_section(real_document: Document,
                                                     tmp_path: Path) -> None:
    assert build.main(["--out", str(tmp_path), "--format", "word",
                       "--source", str(Path(build.__file__).parent / "source")]) == 0
    result = coverage(real_document, tmp_path, ["word"])
    assert result.failures() == [] and not result.problems
    assert len(result.sections) == len(list(real_document.sections()))
