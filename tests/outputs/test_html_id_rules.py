"""Every id of a built page is on one element (web/unique-ids): it passes on the mini toolkit's
pages, fails naming the ids on a page made to break it, and the ids the editions make for the
parts of a question can no longer equal an id of the source (a question "q-who-2" beside the
options of a question "q-who": the web page had two elements "q-who-2", so the second option's
label led a screen reader to the other question, and the PDF did not build)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.core.load import load
from formats.core.model import Document
from formats.core.names import derived_id
from formats.outputs.html.id_rules import (
    glossary_one_list,
    labels_said_once,
    structure_rules,
    unique_ids,
)
from formats.registry import edition
from tests.conftest import FIXTURES, MINI_SOURCE, Builds

SECOND_QUESTION = """
::: question choice #q-who-2
Who else?

- A carer
- A friend
:::
"""


def test_each_id_of_the_built_pages_is_on_one_element(mini_document: Document,
                                                      built: Builds) -> None:
    pages = [built(mini_document, "standard") / "index.html",
             built(load(FIXTURES / "easy-read"), "easy-read") / "index.html"]
    for page in pages:
        result = unique_ids(page)
        assert (result.rule, result.passed) == ("web/unique-ids", True), result.message


def test_a_page_with_an_id_on_two_elements_fails_naming_it(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<!DOCTYPE html><html lang="en-GB"><head><title>T</title></head><body>'
                    '<h2 id="a">A</h2><input id="q-1"><label for="q-1">One</label>'
                    '<input id="q-1"><p id="a">again</p><p id="a">and again</p></body></html>',
                    encoding="utf-8")
    result = unique_ids(page)
    assert not result.passed
    assert result.message == ("ids on more than one element (a label or link leads to the first "
                              "only): 'a' (3 elements); 'q-1' (2 elements)")


def test_a_question_id_like_another_questions_option_gives_unique_ids(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(MINI_SOURCE, source)
    chapter = source / "chapters" / "01-start.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("::: question yesno #q-useful",
                                    SECOND_QUESTION.lstrip() + "\n::: question yesno #q-useful",
                                    1), encoding="utf-8")
    out = tmp_path / "standard"
    edition("standard").render(load(source), out)  # the PDF too: it failed on the same ids
    page = out / "index.html"
    result = unique_ids(page)
    assert result.passed, result.message
    html = page.read_text(encoding="utf-8")
    assert f'id="{derived_id("q-who", 2)}"' in html and 'id="q-who-2"' in html


@pytest.mark.parametrize("rule, broken, message, kept", [
    (labels_said_once,
     '<div role="group" aria-labelledby="q1-words"><fieldset><legend id="q1-words">1. Who are '
     'you?</legend><input type="checkbox"></fieldset><div><label>a) Where?</label></div></div>',
     "1 group(s) labelled by the legend of a fieldset inside them (said twice): q1-words",
     # a question in parts only: its words are a paragraph, the group's one label
     '<div role="group" aria-labelledby="q2-words"><p id="q2-words">2. Did it help?</p>'
     '<fieldset><legend id="q2a-words">a) With what?</legend></fieldset></div>'),
    (glossary_one_list,
     '<section><h2>Jargon</h2><dl class="glossary"><dt>Asset</dt><dd>A resource.</dd></dl>\n'
     '<dl class="glossary"><dt>Outcome</dt><dd>An end result.</dd></dl><p>Then</p>'
     '<dl class="glossary"><dt>Power</dt><dd>To decide.</dd></dl></section>',
     "1 glossary list(s) follow another with nothing between them: one list of entries is said "
     "as many lists of one",
     '<dl class="glossary"><div class="glossary-entry"><dt>Asset</dt><dd>A resource.</dd></div>'
     '<div class="glossary-entry"><dt>Outcome</dt><dd>An end result.</dd></div></dl>'),
], ids=["group-labelled-by-its-legend", "glossary-lists-side-by-side"])
def test_a_structure_rule_fails_on_a_page_made_to_break_it(rule, broken: str, message: str,
                                                          kept: str) -> None:
    result = rule(broken, "page.html")
    assert (result.passed, result.message) == (False, message)
    assert rule(kept, "page.html").passed


def test_the_real_page_keeps_the_structure_rules(real_document: Document,
                                                 built: Builds) -> None:
    # the feedback form's questions 1, 4 and 7 have parts; the jargon is eleven entries
    page = built(real_document, "standard") / "index.html"
    results = structure_rules(page.read_text(encoding="utf-8"), str(page))
    assert [(result.rule, result.passed) for result in results] == [
        ("web/labels-said-once", True), ("web/glossary-one-list", True)]
