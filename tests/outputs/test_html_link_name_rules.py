"""web/link-names (formats.outputs.html.link_name_rules): links named alike that go to
different places fail, naming the name and the places; a name given by aria-label that says
where each goes passes; the same name to the same place passes."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.html.browser import run_checks
from formats.outputs.html.link_name_rules import check_link_names

PAGE = """<!DOCTYPE html><html lang="en-GB"><head><title>Links</title></head><body><main>
<h2 id="quiz-1">Quiz 1</h2><h2 id="quiz-2">Quiz 2</h2><h2 id="answers">Answers</h2>
<p>The answers are in <a href="#quiz-1"{one}>appendix 4</a>.</p>
<p>The answers are in <a href="#quiz-2"{two}>appendix  4</a>.</p>
<p>See <a href="#answers">the answers</a> and <a href="#answers">the answers</a> again.</p>
</main></body></html>"""


def result(tmp_path: Path, one: str = "", two: str = "") -> tuple[bool, str]:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(one=one, two=two), encoding="utf-8")
    (found,) = run_checks(page, "test/html", (check_link_names,))
    return found.passed, found.message


def test_links_named_alike_going_to_two_places_fail(tmp_path: Path) -> None:
    assert result(tmp_path) == (
        False, "test/html: links named 'appendix 4' go to 2 places (#quiz-1, #quiz-2): a list "
               "of the page's links cannot tell them apart; name each by where it goes")


def test_links_named_by_where_they_go_pass(tmp_path: Path) -> None:
    assert result(tmp_path, ' aria-label="appendix 4 (Quiz 1)"',
                  ' aria-label="appendix 4 (Quiz 2)"') == (
        True, "test/html: each of the 3 names of links leads to one place")


def test_one_link_named_is_enough_when_the_other_keeps_its_words(tmp_path: Path) -> None:
    assert result(tmp_path, two=' aria-label="appendix 4 (Quiz 2)"')[0]
