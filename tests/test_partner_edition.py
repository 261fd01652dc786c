"""A partner's edition: built with the example profile, every format names the partner, and
the same source with the same SOURCE_DATE_EPOCH gives the same bytes in every format.

Each file is read back by an independent reader (an HTML parser, pypdf, the .docx reader,
liblouis's back-translation, the EPUB reader), never from what the renderer meant to write;
the audio edition by its transcript, which the audio rules prove matches the sound.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from pypdf import PdfReader

import build
from formats.outputs.brf.reader import back_translate
from formats.outputs.docx.parts import w
from formats.outputs.docx.reader import paragraph_text, paragraphs_in_order
from formats.outputs.epub.reader import open_epub
from formats.outputs.epub.xhtml import text_of
from tests.conftest import FIXTURES, ROOT

PROFILE = ROOT / "docs" / "example-profile" / "profile.yaml"
PARTNER = "Example Disability Forum"
FORMATS = ["standard", "large-print", "word", "easy-read", "audio", "braille", "epub"]


def _html(path: Path) -> str:
    return " ".join(lxml.html.fromstring(path.read_bytes()).text_content().split())


def _pdf(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def _docx(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(w("body"))
    assert body is not None
    return " ".join(paragraph_text(paragraph) for paragraph in paragraphs_in_order(body))


def _epub(path: Path) -> str:
    return " ".join(text_of(document) for document in open_epub(path).documents.values())


def _brf(path: Path) -> str:
    return back_translate(" ".join(path.read_text(encoding="ascii").split()))


READERS = {".html": _html, ".pdf": _pdf, ".docx": _docx, ".epub": _epub, ".brf": _brf,
           ".txt": lambda path: path.read_text(encoding="utf-8")}
EXPECTED = {  # each file read back, by the folder it is in
    "standard": ["index.html", "*.pdf"], "large-print": ["*.pdf", "*.docx"],
    "word": ["*.docx"], "easy-read": ["index.html", "*.pdf", "*.docx"],
    "audio": ["000-opening.txt"], "braille": ["*.brf"], "epub": ["*.epub"]}


def _build(source: Path, out: Path, *extra: str) -> None:
    """Build every format of ``source`` with the example profile into ``out``, at a fixed
    SOURCE_DATE_EPOCH."""
    arguments = ["--source", str(source), "--out", str(out), "--profile", str(PROFILE), *extra]
    for name in FORMATS:
        arguments += ["--format", name]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1764547200")
        assert build.main(arguments) == 0


@pytest.fixture(scope="module")
def partner_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the Easy Read fixture toolkit (every block kind, an Easy Read text)."""
    source = tmp_path_factory.mktemp("source") / "toolkit"
    shutil.copytree(FIXTURES / "easy-read", source)
    return source


@pytest.fixture(scope="module")
def partner_build(tmp_path_factory: pytest.TempPathFactory, partner_source: Path) -> Path:
    """Return the output folder of the fixture built in every format with the example
    profile."""
    out = tmp_path_factory.mktemp("partner")
    _build(partner_source, out)
    return out


def _hashes(out: Path) -> dict[str, str]:
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.mark.slow  # builds every format, audio included
@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_every_format_names_the_partner(partner_build: Path, folder: str) -> None:
    files = [path for pattern in EXPECTED[folder]
             for path in sorted((partner_build / folder).glob(pattern))]
    assert files, f"nothing matches {EXPECTED[folder]} in {folder}"
    for path in files:
        text = READERS[path.suffix](path)
        assert PARTNER.lower() in text.lower(), f"{path.relative_to(partner_build)}"


@pytest.mark.slow  # builds every format twice
def test_the_same_source_and_date_give_the_same_bytes_in_every_format(
        partner_build: Path, partner_source: Path, tmp_path: Path) -> None:
    """A partner who builds the same source on another machine, or from another folder, gets
    the same files: nothing depends on where the source is (the PDFs once named each picture
    by its file's full path)."""
    moved = Path(shutil.copytree(partner_source, tmp_path / "elsewhere" / "toolkit"))
    again = tmp_path / "again"
    _build(moved, again, "--no-cache")
    first, second = _hashes(partner_build), _hashes(again)
    assert {path.split("/")[0] for path in first} == {*FORMATS, "manifest.json"}
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


@pytest.mark.slow  # reads the audio and the EPUB back
def test_the_check_with_the_partners_profile_passes(partner_build: Path, partner_source: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = build.main(["check", "--source", str(partner_source), "--out", str(partner_build),
                       "--profile", str(PROFILE), "--format", "audio", "--format", "epub"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "All 6 sections are in all 4 outputs." in printed
