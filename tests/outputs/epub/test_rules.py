"""The EPUB rules: EPUBCheck and the accessibility metadata, each kept and broken."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from formats.outputs.epub import rules as epub_rules
from formats.outputs.epub.rules import a11y_metadata, epubcheck
from formats.outputs.epub.writer import Resource
from tests.outputs.epub.sample import ACCESSIBILITY, book, chapter, write_sample


def _books(folder: Path) -> tuple[Path, Path, Path]:
    """Write three sample EPUBs: a well-made one, one with a broken link (an error) and one
    whose date EPUBCheck warns about."""
    html = chapter().data.replace(b"<p>First words.", b'<p><a href="gone.xhtml">Gone</a>First')
    broken = write_sample(folder / "broken.epub", documents=(Resource("01-start.xhtml", html),))
    warned = write_sample(folder / "warned.epub",
                          metadata=replace(book().metadata, date="27 November 2026"))
    return write_sample(folder / "good.epub"), broken, warned


@pytest.fixture
def java_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Return the Java commands EPUBCheck's rule runs in the test, as it runs them."""
    runs: list[list[str]] = []
    real_run = epub_rules._run
    monkeypatch.setattr(epub_rules, "_run", lambda command: runs.append(command)
                        or real_run(command))
    return runs


@pytest.mark.slow  # EPUBCheck starts a Java virtual machine
def test_epubcheck_passes_a_well_made_book_and_fails_an_error_or_a_warning(
        tmp_path: Path, java_runs: list[list[str]]) -> None:
    good, broken, warned = _books(tmp_path)
    results = epub_rules.epubcheck_books([good, broken, tmp_path / "none.epub", warned])
    assert len(java_runs) == 1  # every book in one Java virtual machine
    assert (results[0].passed, results[0].message) == (
        True, "EPUBCheck 5: 0 fatals, 0 errors, 0 warnings")
    assert not results[1].passed
    assert results[1].message.startswith("EPUBCheck: 0 fatals, 1 error, 0 warnings: RSC-007 at "
                                         "EPUB/01-start.xhtml:")
    assert "gone.xhtml" in results[1].message
    assert (results[2].passed, results[2].message) == (
        False, f"{tmp_path / 'none.epub'} does not exist")
    assert (results[3].passed, results[3].message) == (False, (
        'EPUBCheck: 0 fatals, 0 errors, 1 warning: OPF-053 at EPUB/package.opf:2:361: Date '
        'value "27 November 2026" does not follow recommended syntax as per '
        'http://www.w3.org/TR/NOTE-datetime:[For input string: "27 November 2026"] is not an '
        "integer."))


@pytest.mark.slow  # EPUBCheck starts a Java virtual machine
def test_without_javas_compiler_each_book_is_checked_by_a_run_of_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, java_runs: list[list[str]]) -> None:
    _, broken, _ = _books(tmp_path)
    monkeypatch.setattr(epub_rules, "CHECK_BOOKS", tmp_path / "missing.java")
    result = epubcheck(broken)
    assert len(java_runs) == 2 and "-jar" in java_runs[1]
    assert not result.passed and "RSC-007" in result.message


def test_a_missing_file_or_java_is_reported(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    result = epubcheck(tmp_path / "none.epub")
    assert (result.passed, result.message) == (False, f"{tmp_path / 'none.epub'} does not exist")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = epubcheck(write_sample(tmp_path / "a.epub"))
    assert (result.passed, result.message) == (False, "EPUBCheck could not be run: Java is not "
                                               "installed (Debian's default-jre-headless)")


def test_the_accessibility_metadata_of_a_well_made_book_passes(tmp_path: Path) -> None:
    result = a11y_metadata(write_sample(tmp_path / "a.epub"))
    assert result.passed
    assert result.message == ('conforms to "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"; access '
                              "modes, 3 features, hazards and a summary declared")


def test_a_book_without_accessibility_metadata_fails(tmp_path: Path) -> None:
    sample = book()
    path = write_sample(tmp_path / "a.epub", metadata=replace(sample.metadata, accessibility=()))
    result = a11y_metadata(path)
    assert not result.passed
    assert result.message == ("no dcterms:conformsTo; no schema:accessMode; no "
                              "schema:accessModeSufficient and 3 more")


def test_a_wrong_conformance_claim_and_a_page_navigation_without_pages_fail(
        tmp_path: Path) -> None:
    statements = tuple(("dcterms:conformsTo", "EPUB Accessibility 1.0 - WCAG 2.0 Level A")
                       if name == "dcterms:conformsTo" else (name, value)
                       for name, value in ACCESSIBILITY)
    sample = book()
    path = write_sample(tmp_path / "a.epub", pages=(),
                        metadata=replace(sample.metadata, accessibility=statements))
    assert a11y_metadata(path).message == (
        'dcterms:conformsTo is not "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"; '
        "pageNavigation is declared but there is no page list")


def test_synchronised_audio_is_declared_only_with_media_overlays(tmp_path: Path) -> None:
    sample = book()
    claimed = (*ACCESSIBILITY, ("schema:accessibilityFeature", "synchronizedAudioText"))
    path = write_sample(tmp_path / "a.epub", metadata=replace(sample.metadata,
                                                               accessibility=claimed))
    assert a11y_metadata(path).message == ("synchronizedAudioText is declared but the book has "
                                           "no media overlay")
