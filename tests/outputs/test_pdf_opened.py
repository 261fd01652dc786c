"""The shared pypdf readers of formats/outputs/pdf/opened.py: one parse of a file within a stretch
of reading together (the check's read-back and rules of an edition), none kept outside one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

from formats.core.reading import current_stretch, reading_together
from formats.outputs.pdf import page_text, structure
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.page_text import artifact_texts, marked_texts, page_texts
from formats.outputs.pdf.structure import marked_content_of


def blank_pdf(path: Path, pages: int, title: str = "") -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if title:
        writer.add_metadata({"/Title": title})
    with path.open("wb") as file:
        writer.write(file)
    return path


def test_within_a_stretch_the_same_bytes_share_one_reader(tmp_path: Path) -> None:
    path = blank_pdf(tmp_path / "a.pdf", 2)
    with reading_together():
        first = pdf_reader(path)
        assert pdf_reader(path) is first
        assert len(first.pages) == 2


def test_a_file_written_again_is_read_again_even_at_the_same_size(tmp_path: Path) -> None:
    path = blank_pdf(tmp_path / "a.pdf", 1, title="one")
    with reading_together():
        first = pdf_reader(path)
        size = path.stat().st_size
        blank_pdf(path, 1, title="two")
        assert path.stat().st_size == size
        again = pdf_reader(path)
        assert again is not first and again.metadata is not None
        assert again.metadata.title == "two"


def test_outside_a_stretch_nothing_is_kept(tmp_path: Path) -> None:
    path = blank_pdf(tmp_path / "a.pdf", 1)
    assert current_stretch() is None
    assert pdf_reader(path) is not pdf_reader(path)
    with reading_together():
        inside = pdf_reader(path)
    with reading_together():
        assert pdf_reader(path) is not inside  # each stretch starts afresh


def test_within_a_stretch_a_pdfs_characters_are_read_and_its_tree_walked_once(
        mini_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read, walked = count_calls(monkeypatch, page_text, "_read_pages"), count_calls(
        monkeypatch, structure, "marked_content")
    alone = (page_texts(mini_pdf, None), marked_texts(mini_pdf), marked_content_of(mini_pdf))
    with reading_together():
        reached = marked_content_of(mini_pdf)
        assert reached is not None
        texts = page_texts(mini_pdf, None), marked_texts(mini_pdf)
        headers = artifact_texts(mini_pdf, reached)
        reached.clear()  # the caller's own set: the next caller gets it whole
        assert marked_content_of(mini_pdf) == alone[2]
    assert texts == alone[:2] and any(headers)
    assert (len(read), len(walked)) == (2 + 1, 1 + 1)  # outside the stretch, then once inside


def count_calls(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[None]:
    """Return a list that gets an item each time ``module.name`` is called."""
    calls: list[None] = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args: calls.append(None) or real(*args))
    return calls
