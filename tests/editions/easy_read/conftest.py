"""Fixtures of the Easy Read tests: the Easy Read fixture toolkit (tests/fixtures/easy-read),
a copy of it a test may change, its Easy Read edition built once, its web page alone, and its
PDF and Word booklets split at 4 pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.core.load import load
from formats.core.model import Document
from formats.editions.easy_read import EDITION
from formats.editions.easy_read import docx as docx_output
from formats.editions.easy_read import html as html_output
from formats.editions.easy_read import pdf as pdf_output
from tests.editions.easy_read.support import FIXTURE, build_into


@pytest.fixture(scope="session")
def er_fixture() -> Document:
    """Return the Easy Read fixture toolkit, loaded."""
    return load(FIXTURE)


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """Return a copy of the Easy Read fixture's source that a test may change."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "toolkit"))


@pytest.fixture(scope="session")
def er_built(er_fixture: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the fixture's Easy Read edition (page, PDF, Word file), built once."""
    out = tmp_path_factory.mktemp("easy-read-built")
    EDITION.render(er_fixture, out)
    return out


@pytest.fixture
def built_copy(er_built: Path, tmp_path: Path) -> Path:
    """Return a copy of the built Easy Read edition that a test may damage."""
    return Path(shutil.copytree(er_built, tmp_path / "built"))


@pytest.fixture(scope="session")
def er_page_folder(er_fixture: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the fixture's Easy Read web page, made once (only the page, its
    stylesheet and pictures: no booklet, no Word file). Tests read it; one that changes it
    works on a copy."""
    out = tmp_path_factory.mktemp("easy-read-page")
    html_output.render_html(er_fixture, out)
    return out


@pytest.fixture(scope="session")
def er_booklets(er_fixture: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder with the fixture's PDF booklets (at most 4 pages: 2 booklets) and the
    Word booklets made from their plan, as the edition's render makes them, made once. Tests
    read it; one that changes it works on a copy."""
    out = tmp_path_factory.mktemp("easy-read-booklets")
    booklets = pdf_output.render_booklets(er_fixture, out, max_pages=4)
    docx_output.render_docx(er_fixture, out, [booklet for booklet, _ in booklets])
    return out


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder (with its manifest) of the fixture built once by build.py."""
    out = tmp_path_factory.mktemp("easy-read-fixture") / "dist"
    build_into(FIXTURE, out)
    return out


@pytest.fixture()
def fixture_copy(fixture_build: Path, tmp_path: Path) -> Path:
    """Return a copy of the fixture's output folder that a test may damage."""
    return Path(shutil.copytree(fixture_build, tmp_path / "dist"))
