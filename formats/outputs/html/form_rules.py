"""The feedback form's answers, as a reader sends them (``web/form-answers``), in Chromium.

The form is filled in on screen and its answers downloaded as a text file to send by e-mail
(``form.js``). The check answers every question (the first choice of each, "x" in each box),
presses "Download", reads the file the browser saves, and finds in it each question's number
and words as the page shows them: a question whose words are missing from the file cannot be
told from the next one by whoever reads the answers (an id the script looked for had changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from formats.core.contract import RuleResult
from formats.core.names import some

RULE = "web/form-answers"

# Answer each question, and return "number. words" of each as the page shows them.
_ANSWER_ALL = """() => {
  const shown = (question) => {
    const words = [...question.querySelectorAll("label, legend, .question-words")]
      .find((element) => element.closest("[data-question]") === question);
    const copy = words ? words.cloneNode(true) : document.createElement("span");
    copy.querySelectorAll(".number, .hint").forEach((part) => part.remove());
    return question.dataset.question + ". " + copy.textContent.replace(/\\s+/g, " ").trim();
  };
  return [...document.querySelectorAll(".feedback-form [data-question]")].map((question) => {
    question.querySelectorAll("input, textarea").forEach((control) => {
      if (control.closest("[data-question]") !== question) { return; }
      if (control.tagName === "TEXTAREA") { control.value = "x"; }
      else if (!question.querySelector("input:checked")) { control.checked = true; }
    });
    return shown(question);
  });
}"""


def check_form_answers(page: Any, where: str, output: str) -> list[RuleResult]:
    """Return ``web/form-answers`` on a page with a feedback form (nothing on a page without
    one): passed when the downloaded answers name every question with its words."""
    if page.locator(".feedback-form button[data-action=download]").count() == 0:
        return []
    asked: list[str] = page.evaluate(_ANSWER_ALL)
    with page.expect_download() as saving:
        page.locator(".feedback-form button[data-action=download]").first.click()
    text = Path(saving.value.path()).read_text(encoding="utf-8")
    lines = {" ".join(line.split()) for line in text.splitlines()}
    missing = [question for question in asked if question not in lines]
    if missing:
        return [RuleResult(RULE, where, False, f"{output}: the downloaded answers do not name "
                           f"{len(missing)} of the {len(asked)} questions with their words: "
                           + some(f"'{question}'" for question in missing))]
    return [RuleResult(RULE, where, True, f"the downloaded answers name all {len(asked)} "
                       "questions with their words")]
