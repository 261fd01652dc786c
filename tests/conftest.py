"""Shared fixtures: the small fixture toolkit, the real toolkit, and builds made once a session."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import build
from formats.core.free_memory import small_pages_for_arrays
from formats.core.load import load
from formats.core.model import Document
from formats.core.switches import BROWSER_SWITCH
from formats.registry import edition

ROOT = Path(__file__).resolve().parent.parent
# The tests keep the cached models, measurements and synthesised audio apart from the user's,
# in one folder a run. It is made before pytest-xdist starts its workers, which inherit the
# environment: every worker shares it, so a section of the real toolkit is synthesised once a
# run (a test that needs a cold cache sets TOOLKIT_AUDIO_CACHE to a folder of its own, as the
# audio tests' conftest does). Entries are written atomically, so workers may share them.
os.environ.setdefault("TOOLKIT_CACHE", tempfile.mkdtemp(prefix="toolkit-test-cache-"))
small_pages_for_arrays()  # as build.py does, before any test imports numpy
RUN_AUDIO_CACHE = os.environ.setdefault("TOOLKIT_AUDIO_CACHE",
                                        str(Path(os.environ["TOOLKIT_CACHE"]) / "audio"))
REAL_SOURCE = ROOT / "source"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_SOURCE = FIXTURES / "mini"


@pytest.fixture(scope="session")
def mini_document() -> Document:
    """Return the small fixture toolkit (two chapters, every block kind)."""
    return load(MINI_SOURCE)


@pytest.fixture
def no_browser_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn the check's browser rules off for a test about something else (a section left out
    of a PDF, say): each page is then one warning instead of a minute of axe-core in Chromium.
    The browser rules have tests of their own."""
    monkeypatch.setenv(BROWSER_SWITCH, "0")


@pytest.fixture(scope="session", autouse=True)
def one_browser() -> Iterator[None]:
    """Check every page a test opens in its worker's main thread in one Chromium, as the check
    does an edition's pages (:func:`formats.outputs.html.browser.browser_session`): starting
    one took 0.8 s of processor time, 36 times a run before. A page checked with another
    program, in another thread (the EPUB's shares) or in a forked worker process (a check of
    several editions) gets a browser of its own; a test about a thread without a session runs
    it in a thread of its own (tests/outputs/test_html_browser.py)."""
    from formats.outputs.html.browser import browser_session

    with browser_session():
        yield


@pytest.fixture(scope="session")
def real_document() -> Document:
    """Return the bundled toolkit from source/."""
    return load(REAL_SOURCE)


class Builds:
    """Builds one format of a document, once a run, and returns its folder; for the real
    toolkit as it is in source/, the folder of the run's full build (real_dist). Under
    pytest-xdist the first worker that needs a build makes it in the run's folder while the
    others wait for its lock, and records the edition's cache key (what it renders, the code,
    the settings) beside it: a document of the same identifier with other content is built
    apart. Tests only read it."""

    def __init__(self, root: Path, request: pytest.FixtureRequest) -> None:
        self.root = root
        self.request = request
        self.done: dict[tuple[str, str], Path] = {}

    def __call__(self, document: Document, name: str) -> Path:
        key = (document.meta.identifier, name)
        if key not in self.done and document == self.request.getfixturevalue("real_document"):
            self.done[key] = self.request.getfixturevalue("real_dist") / edition(name).name
        if key not in self.done:
            self.done[key] = self._built_once(document, name)
        return self.done[key]

    def _built_once(self, document: Document, name: str) -> Path:
        """Return the folder of ``name`` built from ``document``: the editions of a document
        side by side in one folder, as build.py writes them (the check reads them so); built
        in a folder of this worker's own when another worker built that edition of a document
        of the same identifier from other content."""
        from formats.check.pipeline import cache_key

        chosen = edition(name)
        place = self.root / document.meta.identifier.replace(":", "_")
        folder, done = place / chosen.name, place / f"{chosen.name}.built"
        key = cache_key(document, name)
        place.mkdir(parents=True, exist_ok=True)
        with (place / f"{chosen.name}.lock").open("a", encoding="utf-8") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not done.is_file():
                    shutil.rmtree(folder, ignore_errors=True)  # what a failed try left
                    chosen.render(document, folder)
                    done.write_text(key, encoding="utf-8")
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        if done.read_text(encoding="utf-8") == key:
            return folder
        own = self.root / f"worker-{os.getpid()}" / place.name / chosen.name
        chosen.render(document, own)
        return own


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Builds:
    """Return a function ``built(document, format_name) -> folder`` that builds once a run."""
    return Builds(run_folder(tmp_path_factory) / "built", request)


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the run's temporary folder, which every pytest-xdist worker of the run shares
    (above each worker's own)."""
    root = tmp_path_factory.getbasetemp()
    return root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Order the test files for pytest-xdist (``--dist loadfile --no-loadscope-reorder``: each
    file runs whole on one worker, files handed out in this order): the end-to-end test first,
    as building and checking every format of the real toolkit is the longest single job; the
    other files that read that build (or the real toolkit, which ``built`` takes from it) last,
    when it is ready; the rest between, as collected.

    A test that reads the real build is marked slow, whatever its own marks say: run alone
    (``-m "not slow"`` deselects the slow ones), it would build every format first."""
    readers = {item.path for item in items
               if {"real_dist", "real_document"} & set(getattr(item, "fixturenames", ()))}
    for item in items:
        if "real_dist" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)

    def rank(item: pytest.Item) -> int:
        if item.path == ROOT / "tests" / "test_end_to_end.py":
            return 0
        return 2 if item.path in readers else 1

    items.sort(key=rank)  # stable: each file's tests keep their order


@pytest.fixture(scope="session")
def real_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the output folder of the real toolkit built in every format by build.py, once a
    run: under pytest-xdist the first worker that needs it builds it into the run's shared
    temporary folder while the others wait for the lock. Tests only read it."""
    root = run_folder(tmp_path_factory)
    folder = root / "real-dist"
    folder.mkdir(exist_ok=True)
    out, done = folder / "dist", folder / "built"
    with (root / "real-dist.lock").open("a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.is_file():
                with pytest.MonkeyPatch.context() as patch:  # not an audio module's own cache
                    patch.setenv("TOOLKIT_AUDIO_CACHE", RUN_AUDIO_CACHE)
                    assert build.main(["--source", str(REAL_SOURCE), "--out", str(out)]) == 0
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return out
