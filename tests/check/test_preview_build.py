"""What the live preview does on a save: the served editions' web pages first (open pages
reload with the edit), then the whole build, after which the preview's own pages are
deleted; a failed build serves the last good one again."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from formats.check import preview_build
from formats.check.serve import PreviewState, start_server
from formats.core.contract import RenderError
from formats.core.load import SourceError, load
from formats.core.model import Document
from tests.check.test_serve import get
from tests.conftest import FIXTURES

EDIT = "A sentence the editor has just added."


def _rebuild(load_source: Callable[[], Document], out: Path, pages: Path, report: Path,
             state: PreviewState, say: Callable[[str, str], None]) -> None:
    """What the preview does on a save, both steps in turn: the pages, then the build."""
    document = preview_build.show_pages(load_source, pages, state, say)
    if document is not None:
        preview_build.build_and_report(document, out, pages, report, state, say)


@pytest.fixture
def edited(tmp_path: Path) -> Document:
    """Return the Easy Read fixture toolkit with a sentence added to its first chapter."""
    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "easy-read", source)
    chapter = source / "chapters" / "01-start.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{EDIT}\n", encoding="utf-8")
    return load(source)


def test_the_web_pages_are_served_with_the_edit_before_the_rest_is_built(
        edited: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, pages, report = tmp_path / "dist", tmp_path / ".dist.preview", tmp_path / "report"
    state = PreviewState()
    seen: list[tuple[int, bool, bool]] = []
    server = start_server({"": out}, state, "127.0.0.1", 0, first={"": pages})
    port = server.server_address[1]

    def whole_build(document: Document, out_dir: Path, names: list[str]) -> list[object]:
        code, page = get(port, "/standard/index.html")  # what a reloading page gets now
        easy_read = (pages / "easy-read" / "index.html").is_file()
        seen.append((state.build, code == 200 and EDIT.encode() in page, easy_read))
        (out_dir / "standard").mkdir(parents=True)
        (out_dir / "standard" / "index.html").write_text("the build's page", encoding="utf-8")
        return [SimpleNamespace(name=name) for name in names]

    monkeypatch.setattr(preview_build, "build", whole_build)
    monkeypatch.setattr(preview_build, "write_reports", lambda *args: None)
    monkeypatch.setattr(preview_build, "coverage", lambda *args: None)
    said: list[str] = []
    try:
        _rebuild(lambda: edited, out, pages, report, state,
                              lambda line, style: said.append(line))
        assert seen == [(1, True, True)]  # pages reloaded and showed the edit, then the build
        assert not pages.exists()  # the build's pages are served again
        assert get(port, "/standard/index.html")[1].startswith(b"the build's page")
        assert (state.build, state.report, state.problems) == (1, 1, [])
        assert said == ["Pages updated; now building the other files.",
                        "Built standard, easy-read."]
    finally:
        server.shutdown()
        server.server_close()


def test_a_failed_build_serves_the_last_good_one_again_and_says_why(
        edited: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = tmp_path / ".dist.preview"
    state = PreviewState()

    def failing(document: Document, out_dir: Path, names: list[str]) -> list[object]:
        assert (pages / "standard" / "index.html").is_file()
        raise RenderError("WeasyPrint could not lay out mini-toolkit.pdf")

    monkeypatch.setattr(preview_build, "build", failing)
    said: list[str] = []
    _rebuild(lambda: edited, tmp_path / "dist", pages, tmp_path / "report", state,
                          lambda line, style: said.append(f"{style}:{line}"))
    assert not pages.exists()
    assert state.problems == ["WeasyPrint could not lay out mini-toolkit.pdf"]
    assert state.build == 2  # the edit's pages, then the last good build's: pages reload twice
    assert said[-1] == "red:error: WeasyPrint could not lay out mini-toolkit.pdf"


def test_a_source_problem_writes_no_page_and_builds_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = PreviewState()
    monkeypatch.setattr(preview_build, "build", lambda *args: pytest.fail("built"))

    def broken() -> Document:
        raise SourceError(["src/chapters/01-start.md:7: heading 'X' has no id"])

    _rebuild(broken, tmp_path / "dist", tmp_path / "pages", tmp_path / "report",
                          state, lambda line, style: None)
    assert state.problems == ["src/chapters/01-start.md:7: heading 'X' has no id"]
    assert state.build == 0 and not (tmp_path / "pages").exists()


def test_the_pages_written_first_are_the_pages_the_build_writes(
        edited: Document, tmp_path: Path) -> None:
    from formats.registry import edition

    preview_build.write_pages(edited, tmp_path / "pages", ["standard", "easy-read"])
    for name in ("standard", "easy-read"):
        built = tmp_path / "built" / name
        edition(name).render(edited, built)
        first = sorted(path.relative_to(tmp_path / "pages" / name)
                       for path in (tmp_path / "pages" / name).rglob("*") if path.is_file())
        assert first and all(_but_files_to_print((built / path).read_bytes())
                             == _but_files_to_print(
                                 (tmp_path / "pages" / name / path).read_bytes())
                             for path in first)
    assert not (tmp_path / "pages.new").exists()


def _but_files_to_print(page: bytes) -> bytes:
    """Return a page without its list of other ways to get it: the Easy Read page written
    first cannot offer the booklets, which are laid out after it."""
    return re.sub(rb'<aside class="other-formats" aria-labelledby="other-formats-heading">.*?'
                  rb'</aside>\n', b"", page, flags=re.S)


def test_pages_written_again_replace_the_last_ones_whole(edited: Document, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "old-edition").mkdir(parents=True)
    (pages / "old-edition" / "index.html").write_text("old", encoding="utf-8")
    preview_build.write_pages(edited, pages, ["standard"])
    assert sorted(path.name for path in pages.iterdir()) == ["standard"]
    assert (pages / "standard" / "index.html").is_file()


def test_a_save_during_a_build_shows_at_once_and_only_the_last_save_is_built_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit saved while the last one builds (the bundled toolkit's build and report took
    about 25 s) is shown at once; that build leaves its pages and writes no report; then the
    last save alone is built."""
    import threading
    import time

    source = tmp_path / "src"
    shutil.copytree(FIXTURES / "easy-read", source)
    chapter = source / "chapters" / "01-start.md"
    original = chapter.read_text(encoding="utf-8")
    out, pages, report = tmp_path / "dist", tmp_path / ".dist.preview", tmp_path / "report"
    started = threading.Event()
    releases = [threading.Event(), threading.Event()]  # each build ends when its is set
    builds: list[Document] = []
    reports: list[Document] = []

    def slow_build(document: Document, out_dir: Path, names: list[str]) -> list[object]:
        builds.append(document)
        started.set()
        assert releases[len(builds) - 1].wait(60)
        return [SimpleNamespace(name=name) for name in names]

    monkeypatch.setattr(preview_build, "build", slow_build)
    monkeypatch.setattr(preview_build, "coverage", lambda *args: None)
    monkeypatch.setattr(preview_build, "write_reports", lambda *args: reports.append(args[2]))
    state = PreviewState()
    preview = preview_build.Preview(lambda: load(source), out, pages, report, state,
                                    lambda line, style: None)
    stop = threading.Event()
    preview.saved()
    builder = threading.Thread(target=preview.build_when_saved, args=(stop,))
    builder.start()
    try:
        assert started.wait(60)  # the first save builds
        for number in (1, 2):
            chapter.write_text(original + f"\n{EDIT} Number {number}.\n", encoding="utf-8")
            preview.saved()
            shown = (pages / "standard" / "index.html").read_text(encoding="utf-8")
            assert f"{EDIT} Number {number}." in shown and state.build == 1 + number
        started.clear()
        releases[0].set()
        assert started.wait(60)  # the next build: the last save's
        assert (pages / "standard" / "index.html").is_file() and reports == []
        releases[1].set()
        deadline = time.monotonic() + 60
        while not reports and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for release in releases:
            release.set()
        builder.join(60)
    assert len(builds) == 2 and f"{EDIT} Number 2." in repr(builds[1])
    assert reports == [builds[1]] and state.report == 1 and not pages.exists()


def test_the_first_page_links_the_pages_written_before_anything_is_built(
        edited: Document, tmp_path: Path) -> None:
    """A preview started on a source with a problem has built nothing: once the problem is
    fixed, its first page links the pages written, not "Nothing is built yet"."""
    out, pages = tmp_path / "dist", tmp_path / ".dist.preview"
    state = PreviewState()
    server = start_server({"": out}, state, "127.0.0.1", 0, first={"": pages})
    try:
        port = server.server_address[1]
        assert b"Nothing is built yet." in get(port, "/")[1]
        assert preview_build.show_pages(lambda: edited, pages, state,
                                        lambda line, style: None) is edited
        first = get(port, "/")[1]
        assert b'<a href="/standard/">The web edition</a>' in first
        assert b'<a href="/easy-read/">The Easy Read edition</a>' in first
    finally:
        server.shutdown()
        server.server_close()
