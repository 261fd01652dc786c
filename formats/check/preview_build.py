"""What the live preview does when the source is saved: the web pages first, then the rest.

An edit shows in the preview as soon as the served editions' web pages are written (a few
tenths of a second), not once their PDFs and Word files are (several seconds): the pages are
written into the preview's own folder (:func:`write_pages`), which is served before the output
folder, and open pages reload. The whole build then runs as ``build.py`` runs it (staging,
read-back, manifest); once it is in the output folder, the preview's folder is emptied (the
same pages are now the build's) and the check's report is written. A source problem or a
failed build empties it too: the last good build is served again, under a banner.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from formats.check.coverage import coverage
from formats.check.output_folder import OutputError
from formats.check.pipeline import build
from formats.check.reports import write_reports
from formats.check.serve import PreviewState
from formats.core.contract import RenderError
from formats.core.load import SourceError
from formats.core.model import Document
from formats.registry import edition

SERVED = ("standard", "easy-read")  # the editions the live preview builds and serves

Say = Callable[[str, str], None]  # a line for the editor, and its colour ("" for none)


def served(document: Document) -> list[str]:
    """Return the editions the preview builds: those of SERVED the toolkit has (else the
    standard edition)."""
    return [name for name in SERVED if name in document.meta.formats] or ["standard"]


def write_pages(document: Document, folder: Path, names: list[str]) -> None:
    """Make ``folder`` hold the web page of each edition of ``names`` (in the edition's folder,
    with its assets) and nothing else: written beside it, then put in its place. Raises
    RenderError when a page cannot be written."""
    fresh = folder.with_name(f"{folder.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    try:
        for name in names:
            chosen = edition(name)
            chosen.render_preview(document, fresh / chosen.name)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    clear(folder)
    fresh.rename(folder)


def clear(folder: Path) -> None:
    """Delete the preview's pages: the output folder's are served again."""
    shutil.rmtree(folder, ignore_errors=True)


def rebuild(load: Callable[[], Document], out_dir: Path, pages: Path, report_dir: Path,
            state: PreviewState, say: Say) -> None:
    """Load the source (``load``), write its web pages into ``pages`` (open pages reload),
    build the served editions into ``out_dir``, then write the check's report into
    ``report_dir``. A problem is recorded in ``state`` (the pages show it) and said."""
    try:
        document = load()
    except SourceError as error:
        state.failed(error.problems)
        for problem in error.problems:
            say(problem, "red")
        return
    wanted = served(document)
    try:
        write_pages(document, pages, wanted)
    except RenderError as error:
        _failed(state, pages, say, error)
        return
    state.finished()
    say("Pages updated; now building the other files.", "")
    try:
        built = build(document, out_dir, wanted)
    except (RenderError, OutputError) as error:
        _failed(state, pages, say, error)
        return
    clear(pages)
    say(f"Built {', '.join(one.name for one in built)}.", "")
    write_reports(coverage(document, out_dir, wanted), report_dir, document)
    state.reported()


def _failed(state: PreviewState, pages: Path, say: Say, error: Exception) -> None:
    """Serve the last good build again, with the problem in the banner (pages reload)."""
    clear(pages)
    state.failed([str(error)], reload=True)
    say(f"error: {error}", "red")
