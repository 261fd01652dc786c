"""What the live preview does when the source is saved: the web pages first, then the rest.

An edit shows in the preview as soon as the served editions' web pages are written (a few
tenths of a second), not once their PDFs and Word files are (several seconds): the pages are
written into the preview's own folder (:func:`show_pages`), which is served before the output
folder, and open pages reload. The whole build then runs as ``build.py`` runs it (staging,
read-back, manifest); once it is in the output folder, the preview's folder is emptied (the
same pages are now the build's) and the check's report is written
(:func:`build_and_report`). A source problem or a failed build empties it too: the last good
build is served again, under a banner.

In ``build.py serve`` (:class:`Preview`) the pages of each save are written at once, by the
thread that watches the source, even while the build of an earlier save runs (it took the
build and the report, about 25 s for the bundled toolkit, before an edit saved meanwhile
showed); the build then runs again once, for the last save only, and the preview's folder is
emptied only by the build of the pages it holds.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from pathlib import Path

from formats.check.coverage import coverage
from formats.check.output_folder import OutputError, sibling
from formats.check.pipeline import build
from formats.check.reports import write_reports
from formats.check.serve import PreviewState, source_state, watch
from formats.check.worker_start import workers_started_by
from formats.core.contract import RenderError
from formats.core.file_lock import exclusive_lock
from formats.core.load import SourceError
from formats.core.model import Document
from formats.registry import edition

POLL_S = 0.5  # how often the building thread looks whether it is stopped
WATCHER_WAIT_S = 10  # seconds the preview waits, at its end, for its watcher to finish pages
# what the preview's fork server imports once, before it forks each worker
PRELOAD = ("formats.check.pipeline", "formats.check.coverage", "formats.editions.standard",
           "formats.editions.easy_read")
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


def show_pages(load: Callable[[], Document], pages: Path, state: PreviewState,
               say: Say) -> Document | None:
    """Load the source (``load``) and write its web pages into ``pages`` (open pages reload);
    return the document, or None when the source has a problem or a page cannot be written
    (recorded in ``state``, so the pages show it, and said)."""
    try:
        document = load()
    except SourceError as error:
        state.failed(error.problems)
        for problem in error.problems:
            say(problem, "red")
        return None
    try:
        write_pages(document, pages, served(document))
    except RenderError as error:
        _failed(state, pages, say, error)
        return None
    state.finished()
    say("Pages updated; now building the other files.", "")
    return document


def build_and_report(document: Document, out_dir: Path, pages: Path, report_dir: Path,
                     state: PreviewState, say: Say,
                     latest: Callable[[], AbstractContextManager[bool]] | None = None) -> None:
    """Build the served editions of ``document`` into ``out_dir``, empty ``pages`` (the build
    now serves them), then write the check's report into ``report_dir``. ``latest`` says,
    holding what writes the pages meanwhile, whether ``pages`` still holds this document's
    pages: when it does not, they are left (a later save's) and no report is written (the
    later save's build writes it)."""
    latest = latest or _always
    try:
        built = build(document, out_dir, served(document))
    except (RenderError, OutputError) as error:
        with latest() as current:
            if current:
                _failed(state, pages, say, error)
                return
        say(f"error: {error}", "red")
        return
    with latest() as current:
        if current:
            clear(pages)
    say(f"Built {', '.join(one.name for one in built)}.", "")
    if current:
        write_reports(coverage(document, out_dir, served(document)), report_dir, document)
        state.reported()


@contextmanager
def _always() -> Iterator[bool]:
    yield True


def _failed(state: PreviewState, pages: Path, say: Say, error: Exception) -> None:
    """Serve the last good build again, with the problem in the banner (pages reload)."""
    clear(pages)
    state.failed([str(error)], reload=True)
    say(f"error: {error}", "red")


class Preview:
    """The live preview's work: :meth:`saved` writes the pages of the source as saved (called
    by the thread that watches the source); :meth:`build_when_saved` builds, in the thread
    that calls it (Ctrl-C stops it there), the last save whose pages were written, once, each
    time there is a new one."""

    def __init__(self, load: Callable[[], Document], out_dir: Path, pages: Path,
                 report_dir: Path, state: PreviewState, say: Say) -> None:
        self._load, self._out_dir, self._pages = load, out_dir, pages
        self._report_dir, self._state, self._say = report_dir, state, say
        self._lock = threading.Lock()  # held while the pages are written or emptied
        self._saves = 0  # the number of the save whose pages were written last
        self._waiting: Document | None = None  # its document, until its build starts
        self._new = threading.Event()

    def saved(self) -> None:
        """Write the pages of the source as it is now (the problem, if it has one, is shown
        instead); ask for its build. Whatever goes wrong is shown and said, never raised: the
        watching thread goes on."""
        try:
            with self._lock:
                document = show_pages(self._load, self._pages, self._state, self._say)
                if document is None:
                    return
                self._saves += 1
                self._waiting = document
        except Exception as error:  # the preview must go on watching, whatever happened
            self._state.failed([f"error: {error}"])
            self._say(f"error: {error}", "red")
            return
        self._new.set()

    def build_when_saved(self, stop: threading.Event) -> None:
        """Build and report each new save (the last one only, when several came during a
        build), until ``stop`` is set."""
        while not stop.is_set():
            if not self._new.wait(POLL_S):
                continue
            with self._lock:
                self._new.clear()
                document, save, self._waiting = self._waiting, self._saves, None
            if document is not None:
                build_and_report(document, self._out_dir, self._pages, self._report_dir,
                                 self._state, self._say, partial(self._is_save, save))

    @contextmanager
    def _is_save(self, save: int) -> Iterator[bool]:
        """Hold the pages' lock; yield whether the pages written last are those of ``save``."""
        with self._lock:
            yield self._saves == save


@contextmanager
def only_preview(out_dir: Path) -> Iterator[bool]:
    """Yield True, holding the preview lock of ``out_dir`` while the block runs, when no other
    preview serves it; else False (two previews of one folder would write and empty each
    other's pages)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    taken = threading.Event()
    taken.set()  # try once, do not wait
    with exclusive_lock(sibling(out_dir, "preview-lock"), taken) as held:
        yield held


def preview_until_stopped(source: Path, load: Callable[[], Document], out_dir: Path,
                          pages: Path, report_dir: Path, state: PreviewState, say: Say) -> None:
    """Write the pages of the source (``load``) and build it, then again on each save to
    ``source``, until Ctrl-C (KeyboardInterrupt, which ends it); the preview's pages are
    deleted at the end.

    The pages of each save are written by a thread watching the source, at once, while this
    one builds (Ctrl-C stops the build here); the workers are forked by a process of one
    thread, not by this one (:mod:`formats.check.worker_start`)."""
    seen = source_state(source)
    stop = threading.Event()
    preview = Preview(load, out_dir, pages, report_dir, state, say)
    watcher = threading.Thread(target=watch, args=(source, preview.saved, stop, seen),
                               name="preview-watcher", daemon=True)
    try:
        with workers_started_by("forkserver", PRELOAD):
            preview.saved()
            watcher.start()
            preview.build_when_saved(stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if watcher.is_alive():
            watcher.join(WATCHER_WAIT_S)  # it may be writing pages
        clear(pages)
