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


@pytest.mark.slow  # EPUBCheck starts a Java virtual machine
def test_epubcheck_finds_nothing_in_a_well_made_book(tmp_path: Path) -> None:
    result = epubcheck(write_sample(tmp_path / "a.epub"))
    assert result.passed
    assert result.message == "EPUBCheck 5: 0 fatals, 0 errors, 0 warnings"


@pytest.mark.slow  # EPUBCheck starts a Java virtual machine
def test_epubcheck_fails_a_book_with_a_broken_link(tmp_path: Path) -> None:
    html = chapter().data.replace(b"<p>First words.", b'<p><a href="gone.xhtml">Gone</a>First')
    path = write_sample(tmp_path / "a.epub", documents=(Resource("01-start.xhtml", html),))
    result = epubcheck(path)
    assert not result.passed
    assert result.message.startswith("EPUBCheck: 0 fatals, 1 error, 0 warnings: RSC-007 at "
                                     "EPUB/01-start.xhtml:")
    assert "gone.xhtml" in result.message


@pytest.mark.slow  # EPUBCheck starts a Java virtual machine
def test_a_warning_fails_epubcheck(tmp_path: Path) -> None:
    sample = book()
    path = write_sample(tmp_path / "a.epub",
                        metadata=replace(sample.metadata, date="27 November 2026"))
    result = epubcheck(path)
    assert not result.passed
    assert result.message == (
        'EPUBCheck: 0 fatals, 0 errors, 1 warning: OPF-053 at EPUB/package.opf:2:361: Date '
        'value "27 November 2026" does not follow recommended syntax as per '
        'http://www.w3.org/TR/NOTE-datetime:[For input string: "27 November 2026"] is not an '
        "integer.")


@pytest.mark.slow  # EPUBCheck starts a Java virtual machine
@pytest.mark.parametrize("compiler", [True, False], ids=["one-run", "no-java-compiler"])
def test_books_checked_together_each_get_their_own_verdict(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compiler: bool) -> None:
    html = chapter().data.replace(b"<p>First words.", b'<p><a href="gone.xhtml">Gone</a>First')
    broken = write_sample(tmp_path / "broken.epub", documents=(Resource("01-start.xhtml", html),))
    good = write_sample(tmp_path / "good.epub")
    runs: list[list[str]] = []
    real_run = epub_rules._run
    monkeypatch.setattr(epub_rules, "_run", lambda command: runs.append(command)
                        or real_run(command))
    if not compiler:  # a Java runtime that cannot run a source file: one run a book
        monkeypatch.setattr(epub_rules, "CHECK_BOOKS", tmp_path / "missing.java")
    results = epub_rules.epubcheck_books([broken, tmp_path / "none.epub", good])
    assert [result.passed for result in results] == [False, False, True]
    assert "RSC-007" in results[0].message and "gone.xhtml" in results[0].message
    assert results[1].message == f"{tmp_path / 'none.epub'} does not exist"
    assert results[2].message == "EPUBCheck 5: 0 fatals, 0 errors, 0 warnings"
    assert len(runs) == (1 if compiler else 3)


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
