"""pydyf's page references kept once per page count (formats/outputs/pdf/page_references.py):
the same references, made once while no page is added, and the same PDF bytes."""

from __future__ import annotations

from pathlib import Path

import pydyf

from formats.core.load import load
from formats.editions.standard import TEMPLATES, pdf_html
from formats.outputs.pdf.page_references import remember_page_references
from formats.outputs.pdf.writer import lay_out
from tests.conftest import MINI_SOURCE


def _pdf_with_pages(count: int) -> pydyf.PDF:
    pdf = pydyf.PDF()
    for _ in range(count):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    return pdf


def test_the_references_are_made_once_until_a_page_is_added() -> None:
    remember_page_references()
    remember_page_references()  # a second call changes nothing
    pdf = _pdf_with_pages(3)
    numbers = pdf.pages["Kids"][::3]
    first = pdf.page_references
    assert first == tuple(f"{number} 0 R".encode("ascii") for number in numbers)
    assert pdf.page_references is first
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == (*first, f"{pdf.pages['Kids'][-3]} 0 R".encode("ascii"))
    assert _pdf_with_pages(1).page_references == (f"{numbers[0]} 0 R".encode("ascii"),)


def test_a_pdf_written_with_the_kept_references_is_the_same_bytes(tmp_path: Path) -> None:
    layout = lay_out(pdf_html(load(MINI_SOURCE)), "mini.pdf", TEMPLATES)
    original = pydyf.PDF.page_references
    try:  # pydyf's own property, as it is when the module has not been used
        pydyf.PDF.page_references = property(
            lambda pdf: tuple(f"{number} 0 R".encode("ascii")
                              for number in pdf.pages["Kids"][::3]))
        layout.write_pdf(tmp_path / "own.pdf", pdf_variant="pdf/ua-1", pdf_tags=True)
        remember_page_references()
        layout.write_pdf(tmp_path / "kept.pdf", pdf_variant="pdf/ua-1", pdf_tags=True)
    finally:
        pydyf.PDF.page_references = original
    assert (tmp_path / "kept.pdf").read_bytes() == (tmp_path / "own.pdf").read_bytes()
