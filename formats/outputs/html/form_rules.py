"""The feedback form in Chromium: its answers, as a reader sends them (``web/form-answers``),
and its boxes' names, as a screen-reader user hears them (``web/form-boxes-named``).

The form is filled in on screen and its answers downloaded as a text file to send by e-mail
(``form.js``). The check answers every question (the first choice of each, "x" in each box),
presses "Download", reads the file the browser saves, and finds in it each question's number
and words as the page shows them: a question whose words are missing from the file cannot be
told from the next one by whoever reads the answers (an id the script looked for had changed).

A question's parts ("a) What was it?") are answered in boxes of their own; tabbing from box to
box, a screen-reader user hears each box's name and nothing around it, so "a) What was it?"
alone does not say which question it is part of (question 10's four parts, the follow-ups of
questions 1, 4 and 7 were so). The name of each box, as Chromium's accessibility tree gives it,
must hold the number of the question the box is in ("10").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from formats.core.contract import RuleResult
from formats.core.names import some

RULE = "web/form-answers"

# Answer each question of the page's form number ``index``, and return "number. words" of each
# as the page shows them.
_ANSWER_ALL = """(index) => {
  const shown = (question) => {
    const words = [...question.querySelectorAll("label, legend, .question-words")]
      .find((element) => element.closest("[data-question]") === question);
    const copy = words ? words.cloneNode(true) : document.createElement("span");
    copy.querySelectorAll(".number, .hint").forEach((part) => part.remove());
    return question.dataset.question + ". " + copy.textContent.replace(/\\s+/g, " ").trim();
  };
  const form = document.querySelectorAll(".feedback-form")[index];
  return [...form.querySelectorAll("[data-question]")].map((question) => {
    question.querySelectorAll("input, textarea").forEach((control) => {
      if (control.closest("[data-question]") !== question) { return; }
      if (control.tagName === "TEXTAREA") { control.value = "x"; }
      else if (!question.querySelector("input:checked")) { control.checked = true; }
    });
    return shown(question);
  });
}"""


def check_form_answers(page: Any, where: str, output: str) -> list[RuleResult]:
    """Return ``web/form-answers`` on a page with feedback forms (nothing on a page without
    one): passed when each form's downloaded answers name every question of the form with its
    words (a page may hold several forms, each downloading its own answers)."""
    forms = page.locator(".feedback-form")
    indexes = [index for index in range(forms.count())
               if forms.nth(index).locator("button[data-action=download]").count()]
    if not indexes:
        return []
    asked_all: list[str] = []
    missing: list[str] = []
    for index in indexes:
        asked: list[str] = page.evaluate(_ANSWER_ALL, index)
        with page.expect_download() as saving:
            forms.nth(index).locator("button[data-action=download]").first.click()
        text = Path(saving.value.path()).read_text(encoding="utf-8")
        lines = {" ".join(line.split()) for line in text.splitlines()}
        asked_all += asked
        missing += [question for question in asked if question not in lines]
    if missing:
        return [RuleResult(RULE, where, False, f"{output}: the downloaded answers do not name "
                           f"{len(missing)} of the {len(asked_all)} questions with their words: "
                           + some(f"'{question}'" for question in missing))]
    return [RuleResult(RULE, where, True, f"the downloaded answers name all {len(asked_all)} "
                       "questions with their words")]


NAMED_RULE = "web/form-boxes-named"

# Each box to write in of the form: its id and the number of the (top) question it is in.
_BOXES = """() => [...document.querySelectorAll(".feedback-form textarea")].map((box) => {
  const questions = [];
  let at = box.closest("[data-question]");
  while (at) {
    questions.push(at);
    at = at.parentElement.closest("[data-question]");
  }
  const top = questions[questions.length - 1];
  return {id: box.id, number: top ? top.dataset.question.split(/\\s/)[0] : ""};
})"""
_NAME = re.compile(r'^- textbox "(.*)"', re.M)


def check_form_boxes_named(page: Any, where: str, output: str) -> list[RuleResult]:
    """Return ``web/form-boxes-named`` on a page with a feedback form (nothing on a page
    without one): passed when the accessible name of each of its boxes to write in holds the
    number of its question."""
    boxes: list[dict[str, str]] = page.evaluate(_BOXES)
    if not boxes:
        return []
    unnamed = []
    for box in boxes:
        found = _NAME.search(page.locator(f"[id='{box['id']}']").aria_snapshot())
        name = found.group(1) if found else ""
        if not re.search(rf"(?<!\d){re.escape(box['number'])}(?!\d)", name):
            unnamed.append(f"'{name}' (question {box['number']})")
    if unnamed:
        return [RuleResult(NAMED_RULE, where, False,
                           f"{output}: {len(unnamed)} of the {len(boxes)} boxes to write in are "
                           f"not named with their question's number: {some(unnamed)}")]
    return [RuleResult(NAMED_RULE, where, True, f"{output}: each of the {len(boxes)} boxes to "
                       "write in is named with its question's number")]
