"""The ``::: TYPE`` blocks: the table of readers by type, what each type reads into, and the
problems of each, with their exact messages."""

from __future__ import annotations

import re

import pytest

from formats.core.load.chapters import SectionBuilder
from formats.core.load.containers import BLOCK_TYPES, CONTAINER_READERS
from formats.core.load.state import LoadState
from formats.core.model import (
    Activity,
    Checklist,
    Form,
    FormQuestion,
    Location,
    Quiz,
    QuizAnswers,
    Quote,
    ReviewNote,
    Table,
    Text,
)
from formats.core.text import inline_text
from tests.core.load.support import CHAPTER, Problems, ReadBlocks

# One small example of each type, read at the top of a section.
EXAMPLES = {
    "activity": "::: activity Try *this*\nStep one.\n:::\n",
    "answers": "::: answers #quiz-one\n| Statement | Answer |\n|---|---|\n| A | True |\n:::\n",
    "checklist": "::: checklist Ready?\nBefore you start:\n\n- One.\n- Two.\n:::\n",
    "form": (":::: form Tell us\n::: question choice #q-who\nWho are you?\n\n- Me\n- You\n:::\n\n"
             "::: question yesno #q-useful\nWas it useful?\n:::\n::::\n"),
    "part": "::: part text #q-part\nWhat was it?\n:::\n",
    "question": "::: question text #q-alone\nAny ideas?\n:::\n",
    "quiz": "::: quiz #quiz-one True or false?\nCircle one.\n\n| Statement | True? |\n|---|---|\n"
            "| A | |\n:::\n",
    "quote": "::: quote A report, 2009\nWords quoted.\n:::\n",
    "review": "::: review\nCheck the\nyear.\n\nAnd the name.\n:::\n",
    "table": "::: table Three ways\n| A | B |\n|---|---|\n| 1 | |\n:::\n",
}


def _section() -> SectionBuilder:
    return SectionBuilder("here", "Here", 2, "section", "", Location(CHAPTER, 1))


def test_the_unknown_type_message_names_exactly_the_types_in_the_table(
        read_blocks: ReadBlocks, problems: Problems) -> None:
    assert read_blocks("::: sidebar A note\nWords.\n:::\n") == []
    [message] = problems()
    named = re.fullmatch(r"chapters/test\.md:1: unknown block type 'sidebar' \(expected one of: "
                         r"(.*)\)", message)
    assert named is not None
    assert named.group(1).split(", ") == list(BLOCK_TYPES) == sorted(CONTAINER_READERS)
    assert set(EXAMPLES) == set(CONTAINER_READERS)


@pytest.mark.parametrize("block_type", sorted(EXAMPLES))
def test_every_type_in_the_table_is_read_by_its_own_reader(block_type: str,
                                                           read_blocks: ReadBlocks,
                                                           problems: Problems) -> None:
    read_blocks(EXAMPLES[block_type], _section())
    assert not any("unknown block type" in problem for problem in problems())


def test_an_empty_type_is_unknown(read_blocks: ReadBlocks, problems: Problems) -> None:
    assert read_blocks(":::\nWords.\n:::\n") == []
    assert problems() == [f"{CHAPTER}:1: unknown block type '' (expected one of: "
                          f"{', '.join(BLOCK_TYPES)})"]


def test_each_type_reads_into_its_kind_of_block(read_blocks: ReadBlocks, state: LoadState,
                                                problems: Problems) -> None:
    here = _section()
    kinds = {name: [type(block) for block in read_blocks(EXAMPLES[name], here)]
             for name in sorted(EXAMPLES)}
    assert kinds == {"activity": [Activity], "answers": [QuizAnswers], "checklist": [Checklist],
                     "form": [Form], "part": [], "question": [], "quiz": [Quiz],
                     "quote": [Quote], "review": [], "table": [Table]}
    assert problems() == [f"{CHAPTER}:1: a '::: part' block belongs inside a '::: question'",
                          f"{CHAPTER}:1: a '::: question' block belongs inside a ':::: form'"]
    assert here.reviews == [ReviewNote("Check the year. And the name.", Location(CHAPTER, 1))]
    assert state.quizzes.answer_sections == {"quiz-one": "here"}


def test_a_checklist_keeps_its_title_intro_and_points(read_blocks: ReadBlocks) -> None:
    [checklist] = read_blocks(EXAMPLES["checklist"])
    assert isinstance(checklist, Checklist)
    assert checklist.title == (Text("Ready?"),)
    assert [type(block).__name__ for block in checklist.intro] == ["Paragraph"]
    assert checklist.items == ((Text("One."),), (Text("Two."),))


def test_a_table_has_a_header_row_and_empty_cells(read_blocks: ReadBlocks) -> None:
    [table] = read_blocks(EXAMPLES["table"])
    assert table == Table((Text("Three ways"),), ((Text("A"),), (Text("B"),)),
                          (((Text("1"),), ()),), Location(CHAPTER, 2))


def test_a_quiz_is_numbered_and_its_bare_table_has_no_caption(read_blocks: ReadBlocks,
                                                              state: LoadState) -> None:
    first, second = read_blocks(EXAMPLES["quiz"] + "\n" + EXAMPLES["quiz"].replace("one", "two"))
    assert isinstance(first, Quiz) and isinstance(second, Quiz)
    assert (first.number, second.number, first.answers_id) == (1, 2, "")
    assert first.title == (Text("True or false?"),)
    assert isinstance(first.blocks[1], Table) and first.blocks[1].caption == ()  # the title's
    assert list(state.quizzes.quizzes) == ["quiz-one", "quiz-two"]


def test_the_bare_table_of_answers_has_no_caption(read_blocks: ReadBlocks) -> None:
    [answers] = read_blocks(EXAMPLES["answers"])
    assert isinstance(answers, QuizAnswers) and isinstance(answers.blocks[0], Table)
    assert answers.blocks[0].caption == ()  # the heading of the answers' section labels it


def test_a_table_in_a_quiz_may_have_an_id_and_no_caption(read_blocks: ReadBlocks,
                                                         problems: Problems,
                                                         state: LoadState) -> None:
    [quiz] = read_blocks(":::: quiz #quiz-one Which?\n::: table #quiz-one-table\n| A |\n|---|\n"
                         "| |\n:::\n::::\n")
    assert isinstance(quiz, Quiz) and isinstance(quiz.blocks[0], Table)
    assert (quiz.blocks[0].id, quiz.blocks[0].caption) == ("quiz-one-table", ())
    assert problems() == [] and "quiz-one-table" in state.ids


def test_a_checklist_and_a_table_may_have_an_id(read_blocks: ReadBlocks,
                                                state: LoadState) -> None:
    checklist, table = read_blocks("::: checklist #ready Ready?\n- One.\n:::\n\n"
                                   "::: table #three-ways Three ways\n| A |\n|---|\n| 1 |\n:::\n")
    assert isinstance(checklist, Checklist) and isinstance(table, Table)
    assert (checklist.id, checklist.title) == ("ready", (Text("Ready?"),))
    assert (table.id, table.caption) == ("three-ways", (Text("Three ways"),))
    assert {"ready", "three-ways"} <= set(state.ids)


def test_questions_have_parts_lettered_and_kinds_as_the_original_offers_them(
        read_blocks: ReadBlocks, problems: Problems, state: LoadState) -> None:
    [form] = read_blocks(
        "::::: form\n:::: question #q-sure\nDid it help you to feel sure about:\n\n"
        "::: part yesno #q-what\nWhat it is?\n:::\n\n::: part yesno #q-how\nHow to do it?\n:::\n"
        "::::\n\n::: question one-of #q-go\nDid you have a go?\n\n- yes\n- no\n- maybe\n:::\n"
        ":::::\n")
    assert problems() == []
    assert isinstance(form, Form) and form.title == ()
    sure, go = form.questions
    assert (sure.label, sure.kind, sure.options) == ("1", "parts", ())
    assert [(part.label, part.letter, part.kind, part.options) for part in sure.parts] == [
        ("1 a", "a", "yesno", ("yes", "no")), ("1 b", "b", "yesno", ("yes", "no"))]
    assert (go.label, go.kind, go.options) == ("2", "one-of", ("yes", "no", "maybe"))
    assert [asked.id for asked in sure.all()] == ["q-sure", "q-what", "q-how"]
    assert state.question_count == 2


def test_form_questions_are_numbered_and_yes_no_has_its_options(read_blocks: ReadBlocks,
                                                                state: LoadState) -> None:
    [form] = read_blocks(EXAMPLES["form"])
    assert isinstance(form, Form) and form.title == (Text("Tell us"),)
    assert form.questions == (
        FormQuestion("q-who", 1, "choice", (Text("Who are you?"),), ("Me", "You"),
                     Location(CHAPTER, 2)),
        FormQuestion("q-useful", 2, "yesno", (Text("Was it useful?"),), ("yes", "no"),
                     Location(CHAPTER, 9)),
    )
    assert state.question_count == 2 and {"q-who", "q-useful"} <= set(state.ids)


def test_a_question_of_two_paragraphs_joins_them_with_a_space(read_blocks: ReadBlocks) -> None:
    [form] = read_blocks(":::: form F\n::: question text #q-t\nAny *ideas*?\n\nTell us.\n:::\n"
                         "::::\n")
    assert isinstance(form, Form)
    assert inline_text(form.questions[0].prompt) == "Any ideas? Tell us."


PROBLEMS = [
    pytest.param("::: table Caption\n| a |\n|---|\n| 1 |\n\nText.\n:::\n",
                 "a '::: table' block holds exactly one table", id="table-with-more"),
    pytest.param("::: table\n| a |\n|---|\n| 1 |\n:::\n",
                 "a '::: table' block needs a caption after 'table'", id="table-without-caption"),
    pytest.param("::: checklist Ready?\nText.\n:::\n",
                 "a checklist holds one bullet list of points", id="checklist-without-list"),
    pytest.param("::: checklist Ready?\n- One.\n\n  More.\n:::\n",
                 "each checklist point is one line of text", id="checklist-long-point"),
    pytest.param("::: quiz True?\nQ.\n:::\n",
                 "a '::: quiz' block needs an id: '::: quiz #quiz-id ...'", id="quiz-without-id"),
    pytest.param("::: answers\nA.\n:::\n",
                 "a '::: answers' block needs an id: '::: answers #quiz-id ...'",
                 id="answers-without-id"),
    pytest.param("::: quiz #quiz-one\nQ.\n:::\n",
                 "a quiz needs a title that says what it is about: '::: quiz #quiz-id Title'",
                 id="quiz-without-title"),
    pytest.param("::: activity\nDo this.\n:::\n",
                 "an activity needs a title that says what it is about: '::: activity Title'",
                 id="activity-without-title"),
    pytest.param("::: checklist\n- One.\n:::\n",
                 "a checklist needs a title that says what it is about: '::: checklist Title'",
                 id="checklist-without-title"),
    pytest.param("::: table #three-ways\n| a |\n|---|\n| 1 |\n:::\n",
                 "a '::: table' block needs a caption after 'table'",
                 id="table-with-an-id-without-caption"),
    pytest.param("::: answers #quiz-one\nA.\n:::\n\n::: answers #quiz-one\nB.\n:::\n",
                 "quiz 'quiz-one' already has answers", id="answers-twice"),
    pytest.param("::: quote\nWords.\n:::\n",
                 "a quote needs its source: '::: quote SOURCE'", id="quote-without-source"),
    pytest.param(":::: form F\nHello.\n::::\n",
                 "a form holds only '::: question KIND #id' blocks", id="form-with-text"),
    pytest.param(":::: form F\n::: question essay #q-e\nWhy?\n:::\n::::\n",
                 "write a question as '::: question KIND #id' with KIND one of: choice, one-of, "
                 "yesno, text (leave KIND out when it is answered in its parts)",
                 id="question-of-unknown-kind"),
    pytest.param(":::: form F\n::: question text q-e\nWhy?\n:::\n::::\n",
                 "write a question as '::: question KIND #id' with KIND one of: choice, one-of, "
                 "yesno, text (leave KIND out when it is answered in its parts)",
                 id="question-id-without-hash"),
    pytest.param("::::: form F\n:::: question text #q-e\nWhy?\n\n::: part #q-p\nWhat?\n:::\n"
                 "::::\n:::::\n",
                 "write a part as '::: part KIND #id' with KIND one of: choice, one-of, yesno, "
                 "text", id="part-without-kind"),
    pytest.param(":::: form F\n::: question yesno #q-y\nGo?\n\n- yes\n- no\n- maybe\n:::\n::::\n",
                 "yesno question 'q-y' answers yes or no: for yes, no, maybe write 'one-of'",
                 id="yes-no-with-other-answers"),
    pytest.param(":::: form F\n::: question #q-p\nAbout:\n:::\n::::\n",
                 "question 'q-p' has no KIND and no '::: part' blocks: how is it answered?",
                 id="question-without-kind-or-parts"),
    pytest.param(":::: form F\n::: question choice #q-c\nWhich?\n:::\n::::\n",
                 "choice question 'q-c' needs a list of answers to tick",
                 id="choice-without-answers"),
    pytest.param(":::: form F\n::: question text #q-t\n:::\n::::\n",
                 "question 'q-t' has no text", id="question-without-text"),
]


@pytest.mark.parametrize(("markdown", "message"), PROBLEMS)
def test_each_problem_of_a_container_is_located_with_its_message(
        markdown: str, message: str, read_blocks: ReadBlocks, problems: Problems) -> None:
    read_blocks(markdown, _section())
    assert [problem.split(": ", 1)[1] for problem in problems()] == [message]
