"""Ids, links and quizzes: claiming an id, checking links, pairing quizzes with answers and
linking each quiz to the section of its answers."""

from __future__ import annotations

import pytest

from formats.core.load.references import (
    add_answers,
    add_quiz,
    check_links,
    check_quizzes,
    claim_id,
    link_quizzes,
    link_to,
    split_id,
)
from formats.core.load.state import LoadState
from formats.core.model import Location, Paragraph, Quiz, Section, Text
from tests.core.load.support import CHAPTER, Problems

A, B, C = Location(CHAPTER, 3), Location(CHAPTER, 8), Location("chapters/other.md", 2)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Try it {#try-it}", ("Try it", "try-it"), id="with-id"),
    pytest.param("Try it  {#try-it}  ", ("Try it", "try-it"), id="spaces"),
    pytest.param("Try it", ("Try it", None), id="without-id"),
    pytest.param("Try it {#}", ("Try it", ""), id="empty-id"),
    pytest.param("Try {#this} now", ("Try {#this} now", None), id="not-at-the-end"),
])
def test_an_id_is_split_from_the_end_of_a_heading(text: str,
                                                  expected: tuple[str, str | None]) -> None:
    assert split_id(text) == expected


def test_an_id_is_claimed_once_and_must_be_well_formed(state: LoadState,
                                                      problems: Problems) -> None:
    assert claim_id(state, "try-it-2", A)
    assert not claim_id(state, "try-it-2", C)
    assert not claim_id(state, "Try_It", B)
    assert not claim_id(state, "", B)
    assert state.ids == {"try-it-2": A}
    assert problems() == [
        f"chapters/other.md:2: duplicate id 'try-it-2' (first used at {state.source_dir}/"
        f"{CHAPTER}:3)",
        f"{CHAPTER}:8: id 'Try_It' must be lower-case letters, digits and hyphens",
        f"{CHAPTER}:8: id '' must be lower-case letters, digits and hyphens"]


def test_a_link_to_an_id_nothing_claimed_is_a_problem(state: LoadState,
                                                      problems: Problems) -> None:
    link_to(state, "later", A)
    link_to(state, "nowhere", B)
    claim_id(state, "later", C)
    check_links(state)
    assert problems() == [f"{CHAPTER}:8: link to '#nowhere' but no section, quiz, entry or "
                          "question has that id"]


def test_quizzes_are_numbered_and_paired_with_their_answers(state: LoadState,
                                                            problems: Problems) -> None:
    assert (add_quiz(state, "quiz-a", A), add_quiz(state, "quiz-b", B)) == (1, 2)
    assert add_quiz(state, "quiz-a", C) is None
    add_answers(state, "quiz-a", C, "answers-a")
    add_answers(state, "quiz-c", C, None)
    add_answers(state, "quiz-a", C, "answers-again")
    check_quizzes(state)
    assert state.quizzes.count == 2
    assert state.quizzes.answer_sections == {"quiz-a": "answers-again"}
    where = "chapters/other.md:2"
    assert problems() == [
        f"{where}: duplicate id 'quiz-a' (first used at {state.source_dir}/{CHAPTER}:3)",
        f"{where}: the answers to 'quiz-c' must be in a section of a chapter, not inside "
        "another block",
        f"{where}: quiz 'quiz-a' already has answers",
        f"{CHAPTER}:8: quiz 'quiz-b' has no '::: answers #quiz-b' block"]


def test_each_quiz_of_a_section_learns_where_its_answers_are(state: LoadState) -> None:
    add_quiz(state, "quiz-a", A)
    add_answers(state, "quiz-a", C, "answers-a")
    quiz = Quiz("quiz-a", 1, (Text("Q"),), (), "", A)
    text = Paragraph((Text("T"),), B)
    inner = Section("inner", "Inner", 2, "section", "1.1", (quiz,), (), B)
    outer = Section("outer", "Outer", 1, "chapter", "1", (text, quiz), (inner,), A)
    linked = link_quizzes(state, outer)
    answered = Quiz("quiz-a", 1, (Text("Q"),), (), "answers-a", A)
    assert linked.blocks == (text, answered)
    assert linked.children[0].blocks == (answered,)
    assert (linked.id, linked.children[0].id) == ("outer", "inner")
