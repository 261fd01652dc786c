"""web/form-answers: the feedback form's downloaded answers name every question with its words.
It passes on the mini toolkit's page, and fails on a copy whose script cannot find the words
(the fault the id change brought in: form.js looked for "<id>-words", the page had "<id>--words",
so every downloaded answer lost its question). web/form-boxes-named: a part's box to write in is
named with its question's number."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest

from formats.core.model import Document
from formats.outputs.html.browser import run_checks
from formats.outputs.html.form_rules import check_form_answers, check_form_boxes_named
from tests.conftest import Builds


@pytest.mark.slow  # Chromium
def test_the_downloaded_answers_name_every_question(mini_document: Document,
                                                    built: Builds) -> None:
    page = built(mini_document, "standard") / "index.html"
    [result] = run_checks(page, "standard/html", (check_form_answers,))
    assert (result.rule, result.passed) == ("web/form-answers", True), result.message
    assert re.fullmatch(r"the downloaded answers name all \d+ questions with their words",
                        result.message)


@pytest.mark.slow  # Chromium
def test_answers_without_their_questions_fail_naming_them(mini_document: Document,
                                                         built: Builds, tmp_path: Path) -> None:
    folder = tmp_path / "standard"
    shutil.copytree(built(mini_document, "standard"), folder)
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'data-words="([^"]+)"', r'data-words="\1-gone"', html),
                    encoding="utf-8")
    [result] = run_checks(page, "standard/html", (check_form_answers,))
    assert not result.passed
    assert result.message.startswith("standard/html: the downloaded answers do not name ")
    assert "'1. Who are you?'" in result.message


@pytest.mark.slow  # Chromium
def test_each_form_of_a_page_downloads_its_own_answers(mini_document: Document,
                                                       built: Builds, tmp_path: Path) -> None:
    """A page may hold two forms (a partner's toolkit, or one ten times longer): each form's
    Download gives that form's answers, and each is checked (the first form's download was
    searched for both forms' questions: "do not name 171 of the 190 questions")."""
    from lxml import html as lxml_html

    folder = tmp_path / "standard"
    shutil.copytree(built(mini_document, "standard"), folder)
    page = folder / "index.html"
    tree = lxml_html.parse(str(page))
    [form] = tree.xpath("//div[@class='feedback-form']")
    second = copy.deepcopy(form)
    for element in second.iter():
        for name in ("id", "for", "aria-labelledby", "aria-describedby", "name",
                     "data-words"):
            if element.get(name):
                element.set(name, " ".join(f"{value}-2" for value in element.get(name).split()))
    for words in second.iter("label", "legend"):  # its questions' own words
        for node in words.iter():
            if node.tail and node.tail.strip():
                node.tail = node.tail.rstrip() + " (form 2) "
    form.addnext(second)
    page.write_bytes(lxml_html.tostring(tree, doctype="<!DOCTYPE html>", encoding="utf-8"))
    [result] = run_checks(page, "standard/html", (check_form_answers,))
    asked = len(form.xpath(".//*[@data-question]")) * 2
    assert (result.rule, result.passed, result.message) == (
        "web/form-answers", True,
        f"the downloaded answers name all {asked} questions with their words")


def _form_page(folder: Path, named: bool) -> Path:
    """Return a page whose form has question 10 and its part a, with a box each; the part's box
    named with the question's number (as the page is now) or by its own words alone (as the
    first web page had it)."""
    named_by = ' aria-labelledby="q10--number q10a--words"' if named else ""
    page = folder / "form.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Form</title></head><body><main>'
        '<div class="feedback-form"><div class="question" data-question="10">'
        '<label id="q10--words" for="q10--answer"><span class="number" id="q10--number">10.'
        '</span> Tell us about it.</label><textarea id="q10--answer"></textarea>'
        '<div class="part" data-question="10 a"><label id="q10a--words" for="q10a--answer">'
        '<span class="number">a)</span> What was it?</label>'
        f'<textarea id="q10a--answer"{named_by}></textarea></div></div></div>'
        '</main></body></html>', encoding="utf-8")
    return page


@pytest.mark.slow  # Chromium
@pytest.mark.parametrize("named", [True, False], ids=["named", "part-words-alone"])
def test_each_box_to_write_in_is_named_with_its_questions_number(tmp_path: Path,
                                                                 named: bool) -> None:
    [result] = run_checks(_form_page(tmp_path, named), "test/html", (check_form_boxes_named,))
    assert (result.rule, result.passed, result.message) == (
        ("web/form-boxes-named", True,
         "test/html: each of the 2 boxes to write in is named with its question's number")
        if named else
        ("web/form-boxes-named", False, "test/html: 1 of the 2 boxes to write in are not named "
                                        "with their question's number: 'a) What was it?' "
                                        "(question 10)"))
