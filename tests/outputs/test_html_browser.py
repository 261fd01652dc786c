"""The browser that runs the web rules: inside a session every file is opened in one tab, one
after the other, and nothing a check did to one page (its width, a style it forced) is seen on
the next; axe-core is in every page; a check that fails leaves no broken tab behind."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from formats.core.contract import RuleResult
from formats.outputs.html.browser import DESKTOP, browser_session, run_checks

T = TypeVar("T")
PAGE = ("<!DOCTYPE html><html lang='en'><head><title>{title}</title></head>"
        "<body><main><h1>{title}</h1><p>Words.</p></main></body></html>")


def _pages(folder: Path) -> list[Path]:
    found = []
    for title in ("First", "Second"):
        path = folder / f"{title.lower()}.html"
        path.write_text(PAGE.format(title=title), encoding="utf-8")
        found.append(path)
    return found


def _seen(tabs: list[Any]) -> Any:
    def check(page: Any, where: str, output: str) -> list[RuleResult]:
        tabs.append(page)
        state = page.evaluate("""() => [window.innerWidth, typeof window.axe,
            getComputedStyle(document.body).letterSpacing, document.title]""")
        page.set_viewport_size({"width": 320, "height": 640})  # as the 320 px checks do
        page.add_style_tag(content="body { letter-spacing: 3px }")
        return [RuleResult("test/seen", where, True, repr(state))]
    return check


@pytest.mark.slow  # Chromium
def test_a_session_opens_each_file_in_one_tab_with_nothing_left_from_the_last(
        tmp_path: Path) -> None:
    tabs: list[Any] = []
    with browser_session():
        results = [run_checks(page, "web", (_seen(tabs),)) for page in _pages(tmp_path)]
    assert tabs[0] is tabs[1]
    assert [result.message for [result] in results] == [
        repr([DESKTOP["width"], "object", "normal", "First"]),
        repr([DESKTOP["width"], "object", "normal", "Second"])]


@pytest.mark.slow  # Chromium
def test_a_check_that_raises_leaves_the_next_file_a_fresh_tab(tmp_path: Path) -> None:
    def broken(page: Any, where: str, output: str) -> list[RuleResult]:
        page.set_viewport_size({"width": 320, "height": 640})
        raise RuntimeError("a check went wrong")

    tabs: list[Any] = []
    first, second = _pages(tmp_path)
    with browser_session():
        with pytest.raises(RuntimeError, match="a check went wrong"):
            run_checks(first, "web", (_seen(tabs), broken))
        [result] = run_checks(second, "web", (_seen(tabs),))
    assert tabs[0] is not tabs[1]
    assert result.message == repr([DESKTOP["width"], "object", "normal", "Second"])


def _in_a_thread_of_its_own(work: Callable[[], T]) -> T:
    """Return ``work()`` run in a new thread: one with no session open (a session belongs to
    the thread that opened it; the tests' own is in the main thread: tests/conftest.py)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(work).result()


@pytest.mark.slow  # Chromium
def test_outside_a_session_each_file_has_a_tab_of_its_own_with_axe(tmp_path: Path) -> None:
    tabs: list[Any] = []
    results = _in_a_thread_of_its_own(
        lambda: [run_checks(page, "web", (_seen(tabs),)) for page in _pages(tmp_path)])
    assert tabs[0] is not tabs[1]
    assert [result.message for [result] in results] == [
        repr([DESKTOP["width"], "object", "normal", "First"]),
        repr([DESKTOP["width"], "object", "normal", "Second"])]


def test_with_the_browser_rules_off_a_session_starts_no_browser(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from formats.core.switches import BROWSER_SWITCH
    from formats.outputs.html import browser

    started: list[Path] = []
    monkeypatch.setattr(browser, "_missing_tools", started.append)
    monkeypatch.setenv(BROWSER_SWITCH, "0")
    page = tmp_path / "page.html"
    page.write_text('<html lang="en"><title>t</title><p>Words.</p></html>', encoding="utf-8")
    def in_a_session() -> tuple[Any, list[RuleResult]]:
        with browser_session() as opened:
            return opened, run_checks(page, "standard/html", [])

    opened, [result] = _in_a_thread_of_its_own(in_a_session)
    assert opened is None
    assert started == []  # Chromium was not even looked for
    assert result.rule == "web/chromium" and result.level == "warning"


@pytest.mark.slow  # Chromium
def test_a_page_checked_with_another_program_inside_a_session_gets_a_browser_of_its_own(
        tmp_path: Path) -> None:
    first, second = _pages(tmp_path)
    tabs: list[Any] = []
    with browser_session():
        [before] = run_checks(first, "web", (_seen(tabs),))
        [elsewhere] = run_checks(second, "web", (_seen(tabs),), chromium=Path("/bin/true"))
        [after] = run_checks(second, "web", (_seen(tabs),))
        with pytest.raises(RuntimeError, match="cannot have one inside it"), \
                browser_session(Path("/bin/true")):
            pass
    assert (elsewhere.rule, elsewhere.passed) == ("web/chromium", False)
    assert elsewhere.message.startswith("Chromium could not be started (/bin/true): ")
    assert before.passed and after.passed and tabs[0] is tabs[1]


def _session_in_a_forked_child(page: Path) -> tuple[bool, bool]:
    """Return whether the child's session has a browser other than the one it inherited, and
    whether its check of ``page`` passed (run in a forked worker process)."""
    from formats.outputs.html import browser

    inherited = browser._SESSION.browser
    with browser_session() as opened:
        [result] = run_checks(page, "web", (_seen([]),))
    return opened is not None and opened is not inherited, result.passed


@pytest.mark.slow  # Chromium
def test_a_process_forked_inside_a_session_starts_a_browser_of_its_own(tmp_path: Path) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    first, second = _pages(tmp_path)
    tabs: list[Any] = []
    with browser_session():
        [before] = run_checks(first, "web", (_seen(tabs),))
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            own, passed = pool.submit(_session_in_a_forked_child, second).result(timeout=120)
        [after] = run_checks(second, "web", (_seen(tabs),))  # the parent's browser still works
    assert own and passed
    assert before.passed and after.passed and tabs[0] is tabs[1]
