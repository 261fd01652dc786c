"""What the audio edition says (formats/editions/audio/spoken.py, clean.py, lexicon.py), read
from the script made from the model: headings, blocks, links, quizzes, forms, the lexicon, the
cleaning of text, the opening."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from formats.core.model import (
    Activity,
    BulletList,
    Document,
    LexiconEntry,
    ListItem,
    Location,
    Paragraph,
    Text,
    walk_blocks,
)
from formats.core.profile import read_profile, with_partner
from formats.core.text import inline_text, section_texts
from formats.editions.audio.addresses import find_addresses, say_address
from formats.editions.audio.clean import clean
from formats.editions.audio.lexicon import compile_lexicon, parse_entry
from formats.editions.audio.numerals import say_numbers
from formats.editions.audio.opening import opening
from formats.editions.audio.print_words import PRINT_ONLY_WORD, adapt
from formats.editions.audio.speech_rules import activity_pause_problems
from formats.editions.audio.spoken import script
from formats.editions.audio.wording import Wording
from tests.editions.audio.helpers import with_blocks

LOCATION = Location("x.md", 1)


@pytest.mark.parametrize("section_id, heading", [
    ("start", "Chapter 1. Getting started. This chapter has 2 sections: 1.1, What is it? 1.2, "
              "Try it."),
    ("what-is-it", "Section 1.1. What is it?"),
    ("details", "Section 1.1 a. Details."),
    ("answers", "Appendix 1. Suggested answers. This appendix has 1 part: Quiz 1: True or "
                "false?"),
    ("answers-true-false", "Appendix 1, part 1. Quiz 1: True or false?"),
], ids=["chapter", "section", "lettered-sub-section", "appendix", "unnumbered"])
def test_each_section_starts_with_its_number_and_title(mini_document: Document,
                                                       section_id: str, heading: str) -> None:
    spoken = {section.id: section for section in script(mini_document)}
    assert spoken[section_id].text.splitlines()[0] == heading


@pytest.mark.parametrize("section_id, heading", [
    ("defining-co-production", "Chapter 2. Defining co-production. This chapter has 6 "
     "sections: 2.1, What is co-production? 2.2, What can be co-produced? 2.3, Who can be a "
     "co-production partner? 2.4, Why is co-production important now? 2.5, When does "
     "co-production work best? 2.6, What's different about co-production?"),
    ("what-is-co-production", "Section 2.1. What is co-production?"),
    ("rewards-and-risks", "Section 2.5 b. Rewards and risks."),
    ("quiz-answers", "Appendix 4. Suggested answers to quiz questions. This appendix has 4 "
     "parts: Quiz 1: Rewards and risks. Quiz 2: What should you do? Quiz 3: True or false? "
     "Quiz 4: How can you solve the problem?"),
    ("ilis-project", "Closing section. The eye-liss project."),
    ("what-support-do-you-need", "Section 3.2 a, part 1. What support do you need?"),
    ("example-housing-pilots", "Appendix 3, section 1. Evaluation of Local Housing Strategies "
     "Co-Production Pilots."),
], ids=["chapter", "section", "lettered", "appendix", "closing-with-lexicon", "level-4",
        "numbered-in-appendix"])
def test_real_headings_are_said_with_their_numbers(real_document: Document, section_id: str,
                                                   heading: str) -> None:
    spoken = {section.id: section for section in script(real_document)}
    assert spoken[section_id].text.splitlines()[0] == heading


@pytest.mark.parametrize("section_id, lines", [
    ("what-is-it", ["A list of 2 points. First point.",
                    "Second point, with a link to us (example dot org). End of list."]),
    ("details", ["Checklist: Ready? It has 2 points.", "I know what it is.",
                 "I am ready. End of checklist."]),
    ("details", ["Table: Three ways compared. It has 1 row.",
                 "Information: No relationship. Consultation: Minimal contact. "
                 "Co-production: Equal partners. End of table."]),
    ("try-it", ["Quiz 1: True or false?", "Say your answer.",
                "A table of 1 row. Statement: Co-production is a competition. End of table. "
                "Pause the recording to think about your answers. The suggested answers are in "
                "appendix 1. End of quiz."]),
    ("try-it", ["Form: Tell us. It has 3 questions. Pause the recording after each question to "
                "think about your answer.",
                "Question 1. Who are you? 2 answers, choose any that apply: A disabled person; "
                "A worker.",
                "Question 2. Was it useful? Answer yes or no.",
                "Question 3. Any ideas? End of form."]),
    ("what-is-it", ["A quotation from A report, 2009.",
                    "Co-production is a partnership. End of quotation."]),
], ids=["list", "checklist", "table-row-by-row", "quiz-with-answers-place", "form", "quote"])
def test_blocks_are_announced(mini_document: Document, section_id: str,
                              lines: list[str]) -> None:
    said = {section.id: section.text.splitlines() for section in script(mini_document)}
    text = said[section_id]
    start = text.index(lines[0])
    assert text[start:start + len(lines)] == lines


def test_links_are_read_as_their_words_and_addresses_as_their_site(
        real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    everything = " ".join(spoken.values())
    assert "https" not in everything and "www" not in everything
    assert " slash " not in everything and "underscore" not in everything
    assert "on our web-site (I L I S dot co dot uk)." in spoken["who-is-this-toolkit-for"]
    assert "Email: contact at I L I S dot co dot uk." in spoken["ilis-information"]
    assert "Twitter: at I L I S project, all one word." in spoken["ilis-information"]
    assert ("Facebook: at independent living in scotland, all one word."
            in spoken["ilis-information"])
    assert ("It's Our World Too (on I L I S dot co dot uk)." in spoken["particular-subjects"])
    assert ("Are We Being Served? (on GDA online dot co dot uk) is published by Glasgow "
            "Disability Alliance." in spoken["other-guides"])
    assert ("Independent Living Strategy (on O D I dot D W P dot gov dot uk)."
            in spoken["example-independent-living-strategy"])


def test_every_quiz_says_its_title_and_where_its_answers_are_once(
        real_document: Document) -> None:
    text = "\n".join(section.text for section in script(real_document))
    quizzes = real_document.quizzes()
    assert len(quizzes) == 4
    for quiz in quizzes:
        title = inline_text(quiz.title)
        said = re.search(rf"Quiz {quiz.number}: {re.escape(title)}\.?\n(.*?)End of quiz\.",
                         text, re.DOTALL)
        assert said, title
        assert said.group(1).count("appendix 4") == 1, title
        assert said.group(1).count(title) == 0, title
        assert said.group(1).count("Pause the recording to think about your answers.") == 1


def test_the_feedback_form_is_read_with_its_options(real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    form = spoken["feedback-form"]
    assert "Question 1. Please say who you are: 6 answers, choose any that apply: I am a " \
           "disabled person; I am a non-disabled person;" in form
    assert "Question 3. Did it encourage you to have a go? 3 answers, choose one: yes; no; " \
           "maybe." in form
    assert ("Question 2. Did the toolkit help you to feel confident about: It has 2 parts.\n"
            "Part a. What co-production is? Answer yes or no.\n"
            "Part b. How to do it? Answer yes or no.") in form


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
        said = parse_entry(entry).words  # the words the transcript shows (not the phonemes)
        assert said in spoken, entry.written
        if entry.written.lower() not in said.lower():  # not a word said another way
            assert not written.search(spoken), entry.written
    assert checked >= 9


@pytest.mark.parametrize("text, said", [
    ("DPOs and DPO, not dpo or XDPO.", "D P O's and D P O, not D P O or XDPO."),
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
    ("https://www.ilis.co.uk/", "ilis dot co dot uk"),
    ("contact@ilis.co.uk", "contact at ilis dot co dot uk"),
    ("www.scotland.gov.uk/Publications/2011/06/27154527/0", "on scotland dot gov dot uk"),
    ("odi.dwp.gov.uk/odi-projects/independent-living-strategy.php",
     "on odi dot dwp dot gov dot uk"),
    ("@ilisproject", "at ilisproject"),
    ("https://www.nes.scot.nhs.uk/media/x.pdf", "on nes dot scot dot nhs dot uk"),
    ("www.a.b.c.d.e.example.org.uk", "part of example dot org dot uk"),
], ids=["web", "e-mail", "path-said-as-its-site", "bare-domain", "handle", "sub-domains-kept",
        "long-host"])
def test_addresses_are_said_by_their_site(address: str, said: str) -> None:
    (found,) = find_addresses(f"see {address}.")
    assert found.written == address
    assert say_address(found, lambda word: word) == said


@pytest.mark.parametrize("text", ["e.g. this", "i.e. that", "etc.", "No. 10", "2.1 and 3.2",
                                  "version 1.2.3"])
def test_words_with_full_stops_are_not_addresses(text: str) -> None:
    assert find_addresses(text) == []


def test_the_lexicon_says_the_parts_of_addresses_and_handles() -> None:
    entries = tuple(LexiconEntry(written, spoken, Location("lexicon.yaml", 1)) for
                    written, spoken in [("ILiS", "eye-liss"), ("gdaonline", "GDA online"),
                                        ("ilisproject", "eye-liss project"), ("NHS", "N H S"),
                                        ("SCIE", "sky")])
    wording = Wording(compile_lexicon(entries))
    line = wording.line("Visit www.gdaonline.co.uk/files/a_b.pdf or https://www.ilis.co.uk, "
                        "mail contact@ilis.co.uk, follow @ilisproject. The SCIE guide is on "
                        "www.scie.org.uk/kr17.asp and www.nes.scot.nhs.uk/a.pdf.")
    # a part the lexicon says as it is spelt is said so; a short one it says otherwise is spelt
    # ("sky dot org dot uk" is another site, "eye-liss" cannot be typed); letters spelt count as
    # one word, so that nes.scot.nhs.uk is said whole
    assert line.text == ("Visit on GDA online dot co dot uk or I L I S dot co dot uk, mail "
                         "contact at I L I S dot co dot uk, follow at eye-liss project, all one "
                         "word. The sky guide is on S C I E dot org dot uk and on nes dot scot "
                         "dot N H S dot uk.")
    assert [link.address for link in wording.links] == [
        "https://www.gdaonline.co.uk/files/a_b.pdf", "https://www.ilis.co.uk",
        "mailto:contact@ilis.co.uk", "https://www.scie.org.uk/kr17.asp",
        "https://www.nes.scot.nhs.uk/a.pdf"]


@pytest.mark.parametrize("spoken, words, speech", [
    ("eye-liss", "the eye-liss project", "the eye-liss project"),
    ("eye-liss | [['aIlIs]]", "the eye-liss project", "the [['aIlIs]] project"),
], ids=["words", "phonemes"])
def test_lexicon_phonemes_go_to_the_engine_and_words_to_the_transcript(
        spoken: str, words: str, speech: str) -> None:
    lexicon = compile_lexicon((LexiconEntry("ILiS", spoken, Location("lexicon.yaml", 1)),))
    marked = lexicon.mark("the ILiS project")
    assert (lexicon.words(marked), lexicon.speech(marked)) == (words, speech)


def test_a_match_case_entry_leaves_other_capitals_alone() -> None:
    lexicon = compile_lexicon((LexiconEntry("US", "U S | match case",
                                            Location("lexicon.yaml", 1)),))
    assert lexicon.apply("The US and us.") == "The U S and us."


def test_an_unknown_lexicon_option_is_an_error() -> None:
    with pytest.raises(ValueError) as error:
        compile_lexicon((LexiconEntry("US", "U S | loud", Location("lexicon.yaml", 3)),))
    assert str(error.value) == ("lexicon.yaml:3: lexicon entry 'US' has an unknown option "
                                "'loud' (use 'match case' or [[phonemes]])")


@pytest.mark.parametrize("text, said", [
    ("groups of 10-15 people", "groups of 10 to 15 people"),
    ("in 2011-2012", "in 2011 to 2012"),
    ("in 1990 and 1905, not 1900", "in nineteen ninety and nineteen oh five, not nineteen "
                                   "hundred"),
    ("on 27 November 2026", "on the twenty-seventh of November 2026"),
    ("by 1st March", "by the first of March"),
    ("costs £5.50 or £1,000", "costs 5 pounds 50 or 1,000 pounds"),
    ("call 0131-555", "call 0131-555"),
], ids=["range", "year-range", "years", "date", "ordinal-date", "money", "not-a-range"])
def test_numbers_are_said_as_a_listener_expects(text: str, said: str) -> None:
    assert say_numbers(text) == said


@pytest.mark.parametrize("text, said", [
    ("Think about the table on the following page.", "Think about the table coming next."),
    ("Then think about the three questions below:",
     "Then think about the three questions coming next:"),
    ("Below are some examples.", "Here are some examples."),
    ("(there's more about this below)", "(there's more about this later)"),
    ("Circle your answer.", "Choose your answer."),
    ("Please say who you are (you can tick, circle or underline):", "Please say who you are:"),
    ("If you know of any, please tell us about them here.",
     "If you know of any, please tell us about them in your answer."),
], ids=["following-page", "the-x-below", "below-are", "below", "circle", "marking",
        "write-here"])
def test_print_only_words_are_said_for_a_listener(text: str, said: str) -> None:
    assert adapt(text) == said
    assert not PRINT_ONLY_WORD.search(adapt(text))


def test_no_transcript_of_the_real_toolkit_says_a_print_only_word(
        real_document: Document) -> None:
    for section in script(real_document):
        assert not PRINT_ONLY_WORD.search(section.text), section.id


def test_a_table_does_not_repeat_a_cell_equal_to_its_header(real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    assert "True or False? True or False" not in spoken["answers-true-or-false"]
    assert "True or false? True or false" not in spoken["three-ingredients"]
    assert "Row 1." not in spoken["answers-true-or-false"]  # the first column names the rows
    assert "Table: Suggested answers" not in spoken["answers-rewards-and-risks"]  # said already


def test_nested_lists_are_announced_and_closed(mini_document: Document) -> None:
    outer = BulletList((ListItem((Paragraph((Text("One."),), LOCATION),)),
                        ListItem((Paragraph((Text("Two."),), LOCATION),
                                  BulletList((ListItem((Paragraph((Text("Two a."),), LOCATION),)),
                                              ListItem((Paragraph((Text("Two b."),), LOCATION),)),
                                              ), False, LOCATION)))), False, LOCATION)
    document = with_blocks(mini_document, "details", (outer,))
    said = {section.id: section.text.splitlines() for section in script(document)}["details"]
    assert said[1:] == ["A list of 2 points. One.", "Two.",
                        "Inside point 2, a list of 2 points. Two a.",
                        "Two b. End of the inner list. End of list."]


def test_the_opening_gives_what_a_listener_needs_first(real_document: Document) -> None:
    lines = opening(real_document, 4712.0).text.splitlines()
    assert lines[:4] == [
        "All together now. A toolkit on co-production for disabled people and their "
        "organisations.",
        "Published by Independent Living in Scotland (eye-liss) project. Edition 1, the "
        "twenty-seventh of November 2026.",
        "Copyright Independent Living in Scotland (eye-liss) project.",
        "This toolkit is also available in large print, Easy Read, as a Word document, as "
        "audio, in braille and as an e-book. A summary is available in Easy Read and British "
        "Sign Language (B S L) on the eye-liss web-site. To ask for another format, contact "
        "eye-liss by e-mail, contact at I L I S dot co dot uk or through I L I S dot co dot "
        "uk."]
    text = "\n".join(lines)
    assert lines[4].startswith("It has 5 chapters, 5 appendices and a closing section: Chapter "
                               "1, Introduction. Chapter 2, Defining co-production.")
    assert "The voice you are listening to is a synthetic voice" in text
    assert "The recording lasts about 1 hour and 19 minutes, in 69 tracks: this introduction, " \
           "then one track for each of the 68 sections." in text
    assert "The full addresses are in the list of links that comes with this recording." in text


def test_the_recording_ends_with_the_title(real_document: Document) -> None:
    assert script(real_document)[-1].text.splitlines()[-1] == "End of All together now."


def test_a_partners_edition_names_the_partner_at_the_start_and_the_end(
        mini_document: Document) -> None:
    partnered = with_partner(mini_document, read_profile(
        Path(__file__).resolve().parents[3] / "docs" / "example-profile" / "profile.yaml"))
    first = opening(partnered, 180.0)
    assert first.passages[2].text == (
        "This edition is published by Example Disability Forum. Published by Example "
        "Disability Forum in 2026, with the permission of the Independent Living in Scotland "
        "project.")
    assert script(partnered)[-1].passages[-1].text == (
        "End of Mini toolkit. This edition was published by Example Disability Forum.")
    assert script(mini_document)[-1].passages[-1].text == "End of Mini toolkit."


def test_every_activity_offers_a_pause_and_the_rule_finds_one_that_does_not(
        real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    with_activity = [section for section in real_document.sections()
                     if any(isinstance(block, Activity) for block in walk_blocks(section.blocks))]
    assert len(with_activity) == 3
    for section in with_activity:
        said = spoken[section.id]
        assert "Pause the recording now if you want to do this activity. End of activity." in said
        assert activity_pause_problems(said, section) == []
    cut = spoken[with_activity[0].id].replace(
        "Pause the recording now if you want to do this activity.", "")
    assert activity_pause_problems(cut, with_activity[0]) == [
        "1 activity but 0 pause(s) offered to do them"]
