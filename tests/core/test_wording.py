"""The text rules' judgements (formats.core.wording): a heading that is only a block's kind, a
caption that repeats its heading, and words that are only true in print."""

from __future__ import annotations

import pytest

from formats.core.contract import RuleResult
from formats.core.wording import TextFound, only_a_kind, print_words, repeats, text_rules


@pytest.mark.parametrize(("heading", "only"), [
    ("Activity", True), ("Checklist", True), ("Quiz 3", True), ("quiz", True),
    ("Activity: Three definitions", False), ("Quiz 2: What should you do?", False),
    ("Activities and quizzes", False),
])
def test_a_heading_that_is_only_a_kind(heading: str, only: bool) -> None:
    assert only_a_kind(heading) is only


@pytest.mark.parametrize(("caption", "heading", "repeated"), [
    ("What should you do?", "Quiz 2: What should you do?", True),
    ("Suggested answers: Rewards and risks", "Quiz 1: Rewards and risks", True),
    ("Rewards and risks", "Rewards and risks", True),
    ("What is it?", "1.1 What is it?", True), ("Details", "a) Details", True),
    ("A better outcome", "Better outcome", False),
    ("Information, consultation and co-production compared",
     "a) Co-production, not consultation or information giving", False),
    ("", "Quiz 1: Rewards and risks", False),
])
def test_a_caption_that_repeats_its_heading(caption: str, heading: str, repeated: bool) -> None:
    assert repeats(caption, heading) is repeated


def test_print_words_are_found_with_the_words_around_them() -> None:
    text = ("Compare it with the checklist on the following page. Circle your answer. We went "
            "round in circles. See the table below. Please underline one.")
    assert print_words(text) == [
        "'on the following page' in \"...Compare it with the checklist on the following page. "
        "Circle your answer. We went ...\"",
        "'Circle' in \"...cklist on the following page. Circle your answer. We went round in...\"",
        "'underline' in \".... See the table below. Please underline one....\""]


def test_the_rules_name_what_they_found_and_print_words_only_on_a_screen() -> None:
    found = TextFound(headings=["1.1 What is it?", "Activity"],
                      captions=[("What should you do?", "Quiz 2: What should you do?")],
                      text="Turn to the form overleaf.")
    assert text_rules(found, "f.html", "x/html", screen=True) == [
        RuleResult("text/heading-is-only-a-kind", "f.html", False,
                   "x/html: heading 'Activity' says only what kind of block follows"),
        RuleResult("text/caption-repeats-heading", "f.html", False,
                   "x/html: caption 'What should you do?' repeats the heading 'Quiz 2: What "
                   "should you do?'"),
        RuleResult("text/print-words", "f.html", False,
                   "x/html: 'overleaf' in \"...Turn to the form overleaf....\"")]
    assert [result.rule for result in text_rules(found, "f.pdf", "x/pdf", screen=False)] == [
        "text/heading-is-only-a-kind", "text/caption-repeats-heading"]
    assert all(result.passed for result in text_rules(TextFound(["1.1 What is it?"]), "f", "x",
                                                      screen=True))
