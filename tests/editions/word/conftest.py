"""The Word tests' fixtures: the picture fixture toolkit, and its standard and large-print
Word files, built once a worker."""

from __future__ import annotations

from pathlib import Path

import pytest

import build
from formats.core.load import load
from formats.core.model import Document
from formats.editions.large_print import profile as large_print_profile
from formats.outputs.docx.document import write_docx
from tests.editions.word.docx_xml import PICTURE_SOURCE


@pytest.fixture(scope="session")
def picture_document() -> Document:
    """Return the fixture toolkit with a picture, nested and numbered lists and a level 4."""
    return load(PICTURE_SOURCE)


@pytest.fixture(scope="session")
def picture_docx(picture_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the standard Word file of the picture fixture, built by build.py."""
    out = tmp_path_factory.mktemp("word-picture")
    assert build.main(["--source", str(PICTURE_SOURCE), "--out", str(out), "--format",
                       "word"]) == 0
    return out / "word" / "word-picture-toolkit.docx"


@pytest.fixture(scope="session")
def large_print_docx(picture_document: Document,
                     tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the large-print Word file of the picture fixture."""
    path = tmp_path_factory.mktemp("word-large") / "large-print.docx"
    write_docx(picture_document, path, large_print_profile.DOCX)
    return path
