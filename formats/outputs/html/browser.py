"""One headless Chromium, driven by Playwright, that opens built pages and runs checks on them.

A check is a function of the page, the file's name (``where``) and the output's name that
returns rule results; :func:`run_checks` opens a page and runs checks on it in order. Inside
:func:`browser_session` every file is opened in the same browser tab, one after the other (a
new browser context for each cost 0.2 s, and putting axe-core into each page another 0.2 s:
the tab has axe-core put into every page it opens, as Playwright's init script). When
Chromium or Playwright is missing, or the browser does not start, the result is one failed
``web/chromium`` rule: a page is never passed unchecked. A session belongs to the thread and
the process that opened it: a process forked inside one starts a browser of its own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from formats.core.contract import RuleResult
from formats.core.switches import BROWSER_SWITCH, browser_rules_on

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 60_000

Page = Any  # playwright.sync_api.Page; imported lazily so that a missing Playwright is reported
Check = Callable[[Page, str, str], list[RuleResult]]


def run_checks(html_file: Path, output: str, checks: Sequence[Check],
               chromium: Path = CHROMIUM) -> list[RuleResult]:
    """Return the results of ``checks`` on ``html_file`` opened in one headless Chromium.

    Each check gets the page (loaded at the desktop width), ``where`` and ``output``; checks run
    in order on the same page and may change its viewport or styles. Inside
    :func:`browser_session` the session's browser is used (the session's tab), else a browser
    is started for this page alone (from a thread of its own when the session runs another
    program). Returns one failed ``web/chromium`` result instead
    when the browser cannot be used.
    """
    where = str(html_file)
    if not html_file.is_file():
        return [RuleResult("web/page", where, False, f"{output}: {html_file} does not exist")]
    if not browser_rules_on():
        return [RuleResult("web/chromium", where, False, f"the browser rules are turned off "
                           f"({BROWSER_SWITCH}=0): this page was not checked in a browser",
                           "warning")]
    missing = _missing_tools(chromium)
    if missing:
        return [RuleResult("web/chromium", where, False, missing)]
    if _session_browser() is not None and _SESSION.chromium != chromium:
        with ThreadPoolExecutor(max_workers=1) as thread:  # a browser of its own, beside
            return thread.submit(run_checks, html_file, output, checks, chromium).result()
    with browser_session(chromium) as browser:
        if browser is None:
            return [_no_browser(where, chromium)]
        return _checked(browser, html_file, where, output, checks)


class _Session(threading.local):
    """The browser of the current thread's session, if one is open, and why it could not
    start, if it could not (Playwright's browsers belong to the thread that started them)."""

    def __init__(self) -> None:
        self.browser: Any = None
        self.chromium: Path | None = None  # the program the session's browser runs
        self.tab: Any = None  # the page every file of the session is opened in, one by one
        self.pid = 0  # the process that opened the session
        self.failure = ""


_SESSION = _Session()


def _session_browser() -> Any:
    """Return the browser of this thread's session, or None when none is open in this process.

    A process forked while a session was open (the check's and the build's workers are) has a
    copy of it that talks to its parent's browser through its parent's pipe: the copy is
    forgotten and the process starts a browser of its own when it needs one."""
    if _SESSION.browser is not None and _SESSION.pid != os.getpid():
        _SESSION.browser = _SESSION.tab = _SESSION.chromium = None
    return _SESSION.browser


@contextmanager
def browser_session(chromium: Path = CHROMIUM) -> Iterator[Any]:
    """Open one headless Chromium for every page checked while the block runs (starting a
    browser costs about a second); yield it, or None when it cannot start (each page is then
    one failed ``web/chromium`` result) or when the browser rules are turned off (none is
    started: each page is then one warning). A session inside a session of the same thread
    reuses the outer one; another thread starts its own. Raises RuntimeError for a session of
    another program inside one (Playwright runs one instance a thread: :func:`run_checks`
    checks a page with another program from a thread of its own)."""
    if _session_browser() is not None:
        if _SESSION.chromium != chromium:
            raise RuntimeError(f"a browser session of {_SESSION.chromium} is open in this "
                               f"thread: {chromium} cannot have one inside it")
        yield _SESSION.browser
        return
    if not browser_rules_on():  # no page will be opened (:func:`run_checks` says so instead)
        yield None
        return
    if _missing_tools(chromium):
        yield None
        return
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=LAUNCH_ARGS)
        except PlaywrightError as error:
            _SESSION.failure = _first_line(error)
            yield None
            return
        _SESSION.browser, _SESSION.chromium, _SESSION.pid = browser, chromium, os.getpid()
        try:
            yield browser
        finally:
            _SESSION.browser = _SESSION.tab = _SESSION.chromium = None
            browser.close()


def _no_browser(where: str, chromium: Path) -> RuleResult:
    reason = _SESSION.failure or "it did not start"
    return RuleResult("web/chromium", where, False, f"Chromium could not be started "
                      f"({chromium}): {reason}: web pages were not checked")


def _checked(browser: Any, html_file: Path, where: str, output: str,
             checks: Sequence[Check]) -> list[RuleResult]:
    """Return the results of ``checks`` on the page, opened in the session's tab when
    ``browser`` is the session's, else in a new context of ``browser`` closed afterwards."""
    from playwright.sync_api import Error as PlaywrightError

    reused = browser is _session_browser()
    if reused and _SESSION.tab is None:
        _SESSION.tab = _new_tab(browser)
    page = _SESSION.tab if reused else _new_tab(browser)
    finished = False
    try:
        page.set_viewport_size(DESKTOP)  # a check may have left the tab narrow
        try:
            page.goto(html_file.resolve().as_uri(), wait_until="load")
        except PlaywrightError as error:
            return [RuleResult("web/chromium", where, False,
                               f"Chromium could not open {html_file}: {_first_line(error)}")]
        results = [result for check in checks for result in check(page, where, output)]
        finished = True
        return results
    finally:
        if not (reused and finished):  # a tab a check failed in is not used again
            if reused:
                _SESSION.tab = None
            page.context.close()


def _new_tab(browser: Any) -> Any:
    """Return a page in a new context of ``browser``, at the desktop width, that has axe-core
    put into every document it opens."""
    from formats.outputs.html.axe import axe_script

    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(axe_script())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _first_line(error: Exception) -> str:
    """Return the first line of an error's message (Playwright adds a long call log)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _missing_tools(chromium: Path) -> str:
    """Return why the browser cannot be used (Chromium or Playwright missing), or ''."""
    if not chromium.is_file():
        return f"Chromium is not installed ({chromium}): web pages were not checked"
    try:
        import axe_playwright_python.sync_playwright  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        package = _PACKAGES.get((error.name or "").split(".")[0], error.name)
        return (f"{package} is not installed (Python module {error.name} not found): web pages "
                "were not checked")
    return ""


_PACKAGES = {"playwright": "Playwright", "axe_playwright_python": "axe-playwright-python"}
