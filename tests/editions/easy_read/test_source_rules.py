"""The Easy Read rules on the source: the fixture passes, and each broken copy is
reported with its place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import build
from formats.core.contract import RenderError
from formats.core.load import load
from formats.core.model import Document
from formats.editions.easy_read import EDITION, expected
from formats.editions.easy_read.rules import (
    initials_in,
    source_rules,
)
from tests.editions.easy_read.support import FIXTURE, PART_1, PART_2, copy_fixture, edit, failed


def test_every_rule_passes_on_the_fixture(er_fixture: Document) -> None:
    results = source_rules(er_fixture)
    assert [result for result in results if not result.passed] == []
    assert {result.rule for result in results} == {
        "easy-read/mapping", "easy-read/sentence-length", "easy-read/row-sentences",
        "easy-read/picture", "easy-read/picture-meaning", "easy-read/currency",
        "easy-read/word-list", "easy-read/initials", "easy-read/digits",
        "easy-read/reading-ease", "easy-read/sign-off", "easy-read/checked-against"}
    messages = {result.message for result in results}
    assert "all 6 standard sections are covered by the 2 parts" in messages
    assert "all 14 sentences have 15 words or fewer" in messages
    assert "all 8 rows have 2 sentences or fewer" in messages
    assert "all 6 bold words are in the word list" in messages
    assert ("each of the 3 pictures means one thing, and each of the 8 rows says what its "
            "picture means") in messages
    assert ("Checked by the Test Reading Group on 30 November 2026: the 2 parts and 6 sections "
            "they checked are unchanged") in messages
    assert "every part was re-read beside the 6 sections it covers, as they are now" in messages


def test_reading_ease_is_reported_for_every_part_even_when_it_passes(
        er_fixture: Document) -> None:
    scores = [result for result in source_rules(er_fixture)
              if result.rule == "easy-read/reading-ease"]
    assert [result.where for result in scores] == [
        f"{FIXTURE}/easy-read/01-what-it-is.md:2", f"{FIXTURE}/easy-read/02-try-it.md:2"]
    for result, part in zip(scores, ("'er-what-it-is' (What is it?)", "'er-try-it' (Try it)"),
                            strict=True):
        match = re.fullmatch(rf"part {re.escape(part)}: Flesch reading ease (\d+\.\d) "
                             r"\(target at least 80\)", result.message)
        assert match and float(match.group(1)) >= 80 and result.passed
        assert result.level == "warning"


# Any edit of the fixture changes what was checked: the sign-off rules (warnings, tested in
# tests/editions/easy_read/test_sign_off.py) report it besides the rule a case breaks.
FRESHNESS = ("easy-read/sign-off", "easy-read/checked-against")
SENTENCE_18 = ("Co-production means that all of us work together as a big team to plan the "
               "things we need.")
BROKEN = [
    pytest.param(
        PART_1, "Co-production means we work as a team.", SENTENCE_18,
        "easy-read/sentence-length", f"{PART_1}:11",
        f"sentence of 18 words (at most 15): '{SENTENCE_18}'", "error", id="long-sentence"),
    pytest.param(
        PART_2, "Try the quiz. Is **co-production** a game to win?",
        "Try the quiz. Is **co-production** a game to win? Find out.",
        "easy-read/row-sentences", f"{PART_2}:11",
        "row of 3 sentences (at most 2): split it into rows of one idea, each with its own "
        "picture", "error", id="three-sentences-in-a-row"),
    pytest.param(
        PART_2, "![](tick) Try the quiz.", "Try the quiz.",
        "easy-read/picture", f"{PART_2}:11",
        "row has no picture: start it with ![](NAME), NAME a picture of "
        "pictures/easy-read/pictures.yaml", "error", id="no-picture"),
    pytest.param(
        PART_2, "![](group) **Partners** share", "![](tick) **Partners** share",
        "easy-read/picture-meaning", f"{PART_2}:15",
        "picture 'tick' means 'checking and answers', but the row says none of its words "
        "(check, answer, quiz): use a picture that means what the row says", "error",
        id="picture-used-for-another-meaning"),
    pytest.param(
        PART_1, "covers: [start, what-is-it, details]", "covers: [start, what-is-it]",
        "easy-read/mapping", "easy-read/easy-read.yaml",
        "standard section 'details' (a) Details) is covered by no Easy Read part: add its id to "
        "the 'covers' list of a part", "error", id="unmapped-section"),
    pytest.param(
        PART_1, "covers: [start, what-is-it, details]",
        "covers: [start, what-is-it, details, nowhere]",
        "easy-read/mapping", f"{PART_1}:2",
        "part 'er-what-it-is' covers 'nowhere', which is not a standard section id", "error",
        id="unknown-cover"),
    pytest.param(
        PART_2, "**Partners** share **power**.", "**Partners** share **control**.",
        "easy-read/word-list", f"{PART_2}:15",
        "bold word 'control' is not in the word list", "error", id="bold-word-not-in-word-list"),
    pytest.param(
        PART_2, "Tell us what you think.", "Tell the ILiS team what you think.",
        "easy-read/initials", f"{PART_2}:17",
        "'ILiS' is not explained: say what it stands for in this part ('ILiS is short for ...' "
        "or '... (ILiS)') or add it to the word list", "error", id="unexplained-initials"),
    pytest.param(
        PART_2, "Tell us what you think.", "DPOs can tell us what they think.",
        "easy-read/initials", f"{PART_2}:17",
        "'DPOs' is not explained: say what it stands for in this part ('DPOs is short for ...' "
        "or '... (DPOs)') or add it to the word list", "error",
        id="initials-explained-only-in-another-part"),
    pytest.param(
        PART_2, "You can answer 3 questions.", "You can answer three questions.",
        "easy-read/digits", f"{PART_2}:17",
        "'three' is a number word: write numbers as digits (3)", "warning", id="number-word"),
]


@pytest.mark.parametrize(("file", "old", "new", "rule", "where", "message", "level"), BROKEN)
def test_a_broken_rule_is_reported_with_its_place(
        tmp_path: Path, file: str, old: str, new: str, rule: str, where: str, message: str,
        level: str) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / file, old, new)
    results = source_rules(load(source))
    assert failed(results, rule) == [(f"{source}/{where}", message, level)]
    others = [result for result in results if not result.passed
              and result.rule not in (rule, *FRESHNESS)]
    assert others == []


def test_hard_words_make_a_reading_ease_warning_with_the_score(tmp_path: Path) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / PART_2, "Try the quiz. Is **co-production** a game to win?",
         "Consider participating in the evaluation. Is co-production competitive?")
    results = [result for result in source_rules(load(source))
               if result.rule == "easy-read/reading-ease" and not result.passed]
    assert len(results) == 1 and results[0].level == "warning"
    assert results[0].where == f"{source}/{PART_2}:2"
    match = re.fullmatch(r"part 'er-try-it' \(Try it\): Flesch reading ease (-?\d+\.\d) "
                         r"\(target at least 80\)", results[0].message)
    assert match and float(match.group(1)) < 80


@pytest.mark.parametrize(("text", "found"), [
    pytest.param("Disabled People's Organisations (DPOs) help.", ["DPOs"], id="plural-initials"),
    pytest.param("The ILiS project and CoSLA.", ["ILiS", "CoSLA"], id="mixed-case-initials"),
    pytest.param("Ask McDonald. I am here. A B", [], id="names-and-single-capitals"),
])
def test_initials_are_words_of_mostly_capitals(text: str, found: list[str]) -> None:
    assert initials_in(text) == found


@pytest.mark.parametrize(("sentence", "flagged"), [
    pytest.param("No one can do it alone. Help one another.", [], id="no-one-and-one-another"),
    pytest.param("Seven people and twenty chairs.", ["'Seven'", "'twenty'"], id="number-words"),
    pytest.param("Someone has 2 tickets.", [], id="digits-and-someone"),
])
def test_number_words_are_flagged(tmp_path: Path, sentence: str, flagged: list[str]) -> None:
    source = copy_fixture(tmp_path / "toolkit")
    edit(source / PART_2, "Tell us what you think. You can answer 3 questions.", sentence)
    found = [message.split(" is a number word")[0]
             for _, message, _ in failed(source_rules(load(source)), "easy-read/digits")]
    assert found == flagged


def test_plural_of_a_word_list_term_counts_as_in_the_word_list(er_fixture: Document) -> None:
    # "**partners**" is in the fixture; the word list has "Partner".
    assert failed(source_rules(er_fixture), "easy-read/word-list") == []
    assert "**partners**" in (FIXTURE / PART_1).read_text(encoding="utf-8")


def test_no_easy_read_text_is_a_rule_failure_and_a_render_error(
        mini_document: Document, tmp_path: Path) -> None:
    source = mini_document.source_dir
    assert failed(source_rules(mini_document), "easy-read/source") == [
        (f"{source}/easy-read", "there is no Easy Read text (easy-read/easy-read.yaml)", "error")]
    with pytest.raises(RenderError) as error:
        EDITION.render(mini_document, tmp_path / "out")
    assert str(error.value) == (f"{source}/easy-read/easy-read.yaml does not exist: the Easy "
                                "Read edition needs its own text")
    assert {entry.found_id for entry in expected(mini_document).values()} == {""}


def test_a_picture_that_is_not_png_is_a_located_source_problem_and_builds_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JPEG saved as photo.png: found by the loader with every other problem, at its entry
    of the picture library, before anything is built (it was once found while the Easy Read
    edition was built: exit 1, after the other editions' work)."""
    source = copy_fixture(tmp_path / "toolkit")
    (source / "pictures" / "easy-read" / "photo.png").write_bytes(
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    library = source / "pictures" / "easy-read" / "pictures.yaml"
    with library.open("a", encoding="utf-8") as file:
        file.write("\nphoto:\n  file: photo.png\n  alt: A photo\n  meaning: quizzes\n"
                   "  says: [quiz]\n  licence: CC0\n")
    line = library.read_text(encoding="utf-8").splitlines().index("photo:") + 1
    edit(source / PART_2, "![](tick) Try the quiz.", "![](photo) Try the quiz.")
    out = tmp_path / "dist"
    capsys.readouterr()
    assert build.main(["--source", str(source), "--out", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [  # the row using it is not told twice
        f"{library}:{line}: picture 'photo': file 'photo.png' is not a PNG file: save it as PNG "
        "(the Word booklets take PNG)", "1 problem(s) in the source; nothing was built."]
    assert not out.exists()
