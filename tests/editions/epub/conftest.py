"""The mini toolkit built once with its EPUB, for every test of the EPUB edition."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import build
from tests.conftest import MINI_SOURCE


@pytest.fixture(scope="package")
def mini_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder of the mini toolkit built with its EPUB (and the standard
    edition whose PDF gives the print pages, and the audio edition whose speech gives the
    media overlays)."""
    out = tmp_path_factory.mktemp("mini-epub")
    assert build.main(["--source", str(MINI_SOURCE), "--out", str(out), "--format",
                       "epub"]) == 0
    return out


@pytest.fixture(scope="package")
def mini_epub_unpacked(mini_epub: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder holding the mini toolkit's EPUB unzipped (tests that change a file
    change a copy)."""
    out = tmp_path_factory.mktemp("epub-unpacked")
    with zipfile.ZipFile(mini_epub / "epub" / "mini-toolkit.epub") as archive:
        archive.extractall(out)
    return out
