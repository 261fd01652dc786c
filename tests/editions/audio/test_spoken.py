"""What the audio edition says (formats/editions/audio/spoken.py, clean.py, lexicon.py), read
from the script made from the model: headings, blocks, links, quizzes, forms, the lexicon, the
cleaning of text, the opening."""

from __future__ import annotations

import re

import pytest

from formats.core.model import Document, LexiconEntry, Location
from formats.core.text import inline_text, section_texts
from formats.editions.audio.clean import clean, spell_address
from formats.editions.audio.lexicon import compile_lexicon
from formats.editions.audio.spoken import opening, script


@pytest.mark.parametrize("section_id, heading", [
    ("start", "Chapter 1. Getting started."),
    ("what-is-it", "Section 1.1. What is it?"),
    ("details", "Section 1.1 a. Details."),
    ("answers", "Appendix 1. Suggested answers."),
    ("answers-true-false", "Quiz 1: True or false?"),
], ids=["chapter", "section", "lettered-sub-section", "appendix", "unnumbered"])
def test_each_section_starts_with_its_number_and_title(mini_document: Document,
                                                       section_id: str, heading: str) -> None:
    spoken = {section.id: section for section in script(mini_document)}
    assert spoken[section_id].text.splitlines()[0] == heading

@pytest.mark.parametrize("section_id, heading", [
    ("defining-co-production", "Chapter 2. Defining co-production."),
    ("what-is-co-production", "Section 2.1. What is co-production?"),
    ("rewards-and-risks", "Section 2.5 b. Rewards and risks."),
    ("quiz-answers", "Appendix 4. Suggested answers to quiz questions."),
    ("ilis-project", "The eye-liss project."),
], ids=["chapter", "section", "lettered", "appendix", "closing-with-lexicon"])
def test_real_headings_are_said_with_their_numbers(real_document: Document, section_id: str,
                                                   heading: str) -> None:
    spoken = {section.id: section for section in script(real_document)}
    assert spoken[section_id].text.splitlines()[0] == heading


@pytest.mark.parametrize("section_id, lines", [
    ("what-is-it", ["A list of 2 points.", "First point.", "Second point, with a link to us."]),
    ("details", ["Checklist: Ready?", "A checklist of 2 points.", "I know what it is.",
                 "I am ready."]),
    ("details", ["Table: Three ways compared. 1 row.",
                 "Row 1. Information: No relationship. Consultation: Minimal contact. "
                 "Co-production: Equal partners."]),
    ("try-it", ["Quiz 1: True or false?", "Circle your answer.", "Table. 1 row.",
                "Row 1. Statement: Co-production is a competition. True or false? space for "
                "your answer.", "The suggested answers are in appendix 1."]),
    ("try-it", ["Form: Tell us.", "It has 3 questions.",
                "Question 1. Who are you? 2 answers to choose from. A disabled person. A worker.",
                "Question 2. Was it useful? Answer yes or no.",
                "Question 3. Any ideas? Space for your answer."]),
    ("what-is-it", ["A quotation from A report, 2009.", "Co-production is a partnership.",
                    "End of quotation."]),
], ids=["list", "checklist", "table-row-by-row", "quiz-with-answers-place", "form", "quote"])
def test_blocks_are_announced(mini_document: Document, section_id: str,
                              lines: list[str]) -> None:
    said = {section.id: section.text.splitlines() for section in script(mini_document)}
    text = said[section_id]
    start = text.index(lines[0])
    assert text[start:start + len(lines)] == lines


def test_links_are_read_as_their_text_and_addresses_spelt(real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    assert "https" not in " ".join(spoken.values())
    assert "on our web-site (www dot ilis dot co dot uk)." in spoken["who-is-this-toolkit-for"]
    assert "Email: contact at ilis dot co dot uk." in spoken["ilis-information"]
    assert "Twitter: at ilisproject." in spoken["ilis-information"]


def test_every_quiz_says_where_its_answers_are(real_document: Document) -> None:
    text = "\n".join(section.text for section in script(real_document))
    quizzes = real_document.quizzes()
    assert len(quizzes) == 4
    for quiz in quizzes:
        title = inline_text(quiz.title)
        assert re.search(rf"Quiz {quiz.number}: {re.escape(title)}.*?\nThe suggested answers "
                         r"are in appendix 4\.", text, re.DOTALL), title


def test_the_feedback_form_is_read_with_its_options(real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    form = spoken["feedback-form"]
    assert "Question 1. Please say who you are (you can tick, circle or underline): 6 answers " \
           "to choose from. I am a disabled person." in form
    assert "Question 3. Did it encourage you to have a go? 3 answers to choose from. yes. no. " \
           "maybe." in form


def _model_text(document: Document) -> str:
    meta = document.meta
    parts = [meta.title, meta.subtitle, meta.publisher]
    for section in document.sections():
        parts.append(section.title)
        parts.extend(section_texts(section))
    return "\n".join(parts)


def test_the_source_lexicon_covers_the_abbreviations_the_text_uses(
        real_document: Document) -> None:
    written = {entry.written for entry in real_document.lexicon}
    text = _model_text(real_document)
    used = {word for word in re.findall(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*)\b", text)
            if len(word) <= 5 and word not in ("BUT", "UKgovernment")}
    assert used <= written
    assert {"DPO", "DPOs", "BSL", "ILiS", "CoSLA", "ODI", "ILSG", "e.g.", "etc."} <= written


def test_every_lexicon_entry_is_applied_where_its_word_appears(
        real_document: Document) -> None:
    text = _model_text(real_document)
    spoken = "\n".join(section.text for section in script(real_document))
    checked = 0
    for entry in real_document.lexicon:
        written = re.compile(rf"(?<![\w.]){re.escape(entry.written)}(?!\w)")
        if not written.search(text):
            continue
        checked += 1
        assert entry.spoken in spoken, entry.written
        assert not written.search(spoken), entry.written
    assert checked >= 9


@pytest.mark.parametrize("text, said", [
    ("DPOs and DPO, not dpo or XDPO.", "D P O's and D P O, not dpo or XDPO."),
    ("Furniture, e.g. chairs.", "Furniture, for example chairs."),
    ("Housing, education, etc.", "Housing, education, et cetera."),
    ("Housing, etc. and more.", "Housing, et cetera and more."),
], ids=["whole-word-case-sensitive", "dotted", "keeps-full-stop", "mid-sentence"])
def test_lexicon_replaces_whole_words_with_their_case(text: str, said: str) -> None:
    entries = tuple(LexiconEntry(written, spoken, Location("lexicon.yaml", 1)) for
                    written, spoken in [("DPO", "D P O"), ("DPOs", "D P O's"),
                                        ("e.g.", "for example"), ("etc.", "et cetera")])
    assert compile_lexicon(entries).apply(text) == said


@pytest.mark.parametrize("text, said", [
    ("The Chair/s of the group.", "The Chair or Chairs of the group."),
    ("True / False?", "True or False?"),
    ("See the table (page 12) below.", "See the table below."),
    ("Independent living—A Shared Vision", "Independent living, A Shared Vision"),
    ("disabled people – and their partners", "disabled people, and their partners"),
    ("from 2010–2015", "from 2010 to 2015"),
    ("the 'co-production partners' don't", "the co-production partners don't"),
    ("“an approach”", "an approach"),
    ("staff.... There were", "staff. There were"),
    ("Get ready, get set...", "Get ready, get set."),
    ("**Note:** • first # point", "Note: first point"),
    ("Friends & family", "Friends and family"),
], ids=["plural-slash", "word-slash", "page-reference", "em-dash", "en-dash", "range",
        "single-quotes", "double-quotes", "ellipsis-mid", "ellipsis-end", "stray-symbols",
        "ampersand"])
def test_text_is_cleaned_of_what_engines_read_badly(text: str, said: str) -> None:
    assert clean(text) == said


@pytest.mark.parametrize("address, said", [
    ("https://www.ilis.co.uk/", "www dot ilis dot co dot uk"),
    ("contact@ilis.co.uk", "contact at ilis dot co dot uk"),
    ("www.scotland.gov.uk/Publications/2011/06/27154527/0",
     "www dot scotland dot gov dot uk slash Publications slash 2011 slash 06 slash "
     "2 7 1 5 4 5 2 7 slash 0"),
], ids=["web", "e-mail", "path-and-long-number"])
def test_addresses_are_spelt_for_listening(address: str, said: str) -> None:
    assert spell_address(address) == said


def test_the_opening_gives_title_publisher_contents_and_length(
        real_document: Document) -> None:
    text = opening(real_document, 4712.0).text
    assert text.splitlines()[:2] == [
        "All together now.",
        "A toolkit on co-production for disabled people and their organisations."]
    assert "Published by Independent Living in Scotland (eye-liss) project." in text
    assert "This recording contains 5 chapters, 5 appendices and a closing page, in 68 " \
           "sections." in text
    assert "It lasts about 1 hour and 19 minutes." in text
