"""The web page, the EPUB, the PDFs and the Word files name each link whose words are also
those of a link to another place by where it goes (formats.core.link_names; a PDF's link
annotation is described by the name: tests/outputs/test_pdf_link_rules.py; a Word link's
ScreenTip: tests/editions/test_word_link_names.py)."""

from __future__ import annotations

import re
from pathlib import Path

from formats.core.link_names import shared_link_names, target_labels
from formats.core.model import Document

APPENDIX = "Appendix 4: Suggested answers to quiz questions"


def test_the_toolkits_shared_link_words_are_named_by_their_targets(
        real_document: Document) -> None:
    assert shared_link_names(real_document, "reflowable") == {
        ("appendix 4", "#quiz-answers"): APPENDIX,
        ("appendix 4", "#answers-rewards-and-risks"): "appendix 4 (Quiz 1: Rewards and risks)",
        ("appendix 4", "#answers-what-should-you-do"):
            "appendix 4 (Quiz 2: What should you do?)",
        ("appendix 4", "#answers-true-or-false"): "appendix 4 (Quiz 3: True or false?)",
        ("the checklist below", "#checklist-whats-different"):
            "the checklist below (What\u2019s different about co-production?)",
        ("the checklist below", "#checklist-ready-to-start"):
            "the checklist below (Ready to start?)"}


def test_in_print_the_checklist_is_on_its_page_and_no_longer_shared(
        real_document: Document) -> None:
    # print says "the checklist on page [page]" and "the checklist below" (no page) for the
    # two checklists: their words differ, so only "appendix 4" is shared
    assert {words for words, _ in shared_link_names(real_document, "paged")} == {"appendix 4"}


def test_the_built_web_page_names_them_and_keeps_their_words(real_dist: Path) -> None:
    html = (real_dist / "standard" / "index.html").read_text(encoding="utf-8")
    named = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">([^<]+)</a>', html)
    assert ("#quiz-answers", APPENDIX, "appendix 4") in named
    assert len(named) == 6
    assert all(name.lower().startswith(words.lower()) for _, name, words in named)


def test_every_place_a_link_may_go_has_a_label(real_document: Document,
                                               mini_document: Document) -> None:
    labels = target_labels(real_document)
    assert labels["#answers-true-or-false"] == "Quiz 3: True or false?"  # a section's label
    assert labels["#checklist-ready-to-start"] == "Ready to start?"  # a checklist's title
    assert labels["#term-remit"] == "Remit"  # a glossary entry's term
    assert labels["#table-what-should-you-do"] == "What should you do?"  # its quiz's title
    assert target_labels(mini_document)["#quiz-true-false"] == "True or false?"
    ids = {f"#{section.id}" for section in real_document.sections()}
    assert ids <= set(labels) and all(labels.values())
