"""web/form-answers: the feedback form's downloaded answers name every question with its words.
It passes on the mini toolkit's page, and fails on a copy whose script cannot find the words
(the fault the id change brought in: form.js looked for "<id>-words", the page had "<id>--words",
so every downloaded answer lost its question)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from formats.core.model import Document
from formats.outputs.html.browser import run_checks
from formats.outputs.html.form_rules import check_form_answers
from tests.conftest import Builds

pytestmark = pytest.mark.usefixtures("one_browser")  # one Chromium for the module's pages


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
