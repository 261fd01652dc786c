"""Plain text of the model in each medium, and the sentence matching of the coverage check:
words that depend on the medium are compared in the form of the output's medium, a page
number of print as any number."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import pytest

from formats.core.contract import Edition, ReadBack, standard_expected
from formats.core.model import (
    Document,
    Link,
    Location,
    Medium,
    MediumWords,
    Paragraph,
    Section,
    Strong,
    Text,
)
from formats.core.text import inline_text, missing_sentences, section_texts

TABLE_WORDS = MediumWords((Text("the table on the following page"),),
                          paged="the table on page [page]", reflowable="the table below",
                          spoken="the table that follows", target="#t")
SAY_NOTHING = MediumWords((Text(" (tick or circle)"),), reflowable="")


@pytest.mark.parametrize(("medium", "said"), [
    (None, "See the table on the following page. Who are you (tick or circle)?"),
    ("paged", "See the table on page [page]. Who are you (tick or circle)?"),
    ("reflowable", "See the table below. Who are you?"),
    ("spoken", "See the table that follows. Who are you (tick or circle)?"),
])
def test_words_that_depend_on_the_medium_take_its_form(medium: str | None, said: str) -> None:
    inlines = (Text("See "), Strong((TABLE_WORDS,)), Text(". Who are you"), SAY_NOTHING,
               Text("?"))
    assert inline_text(inlines, medium) == said  # type: ignore[arg-type]


def test_a_medium_without_a_form_keeps_the_written_words() -> None:
    words = MediumWords((Link("#x", (Text("below"),)),), spoken="later")
    assert [inline_text((words,), medium) for medium in ("paged", "reflowable", "spoken")] == [
        "below", "below", "later"]


def test_a_page_number_of_print_matches_any_number() -> None:
    expected = ["Think about the table on page [page].", "[page] is where it is.", "Plain."]
    assert missing_sentences(expected, "Think about the table on page 14. 3 is where it is. "
                                       "Plain.") == []
    assert missing_sentences(expected, "Think about the table on page fourteen. Plain.") == [
        "Think about the table on page [page].", "[page] is where it is."]
    assert missing_sentences(["Think about the table below."],
                             "Think about the table on page 14.") == [
        "Think about the table below."]


def _document(mini_document: Document) -> Document:
    section = Section("s", "S", 1, "chapter", "1",
                      (Paragraph((Text("Think about "), TABLE_WORDS, Text(".")),
                                 Location("chapters/x.md", 3)),), (), Location("chapters/x.md", 1))
    return Document(mini_document.meta, (section,), Path(), "hash")


def test_expected_sentences_are_given_for_each_medium(mini_document: Document) -> None:
    expected = standard_expected(_document(mini_document))["s"]
    assert expected.sentences == ("Think about the table below.",)  # a screen's, by default
    assert expected.sentences_in("paged") == ("Think about the table on page [page].",)
    assert expected.sentences_in("spoken") == ("Think about the table that follows.",)
    assert section_texts(_document(mini_document).chapters[0]) == [
        "Think about the table on the following page."]  # no medium: the written words


def test_an_edition_says_the_medium_of_each_output() -> None:
    class Printed(Edition):
        name = "printed"
        media: ClassVar[Mapping[str, Medium]] = {"printed/pdf": "paged"}

        def render(self, document: Document, out_dir: Path, inputs: object = None) -> list[Path]:
            return []

        def read_back(self, out_dir: Path) -> list[ReadBack]:
            return []

    assert (Printed().medium("printed/pdf"), Printed().medium("printed/html")) == (
        "paged", "reflowable")
