"""The Word edition names each link whose words are also those of a link to another place by
a ScreenTip saying where it goes, and word/link-names proves no two links named alike go to
different places (the names themselves: tests/core/test_link_names.py)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from formats.core.model import Document
from formats.outputs.docx.parts import read_parts
from formats.outputs.docx.rules import link_names
from tests.conftest import Builds

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"


def _links(path: Path) -> list[tuple[str, str, str]]:
    """Return the (words, ScreenTip, bookmark) of each link of the .docx at ``path``."""
    body = etree.fromstring(zipfile.ZipFile(path).read(DOCUMENT))
    return [("".join(text.text or "" for text in link.iter(f"{{{W}}}t")),
             link.get(f"{{{W}}}tooltip") or "", link.get(f"{{{W}}}anchor") or "")
            for link in body.iter(f"{{{W}}}hyperlink")]


def _without_screen_tips(path: Path, target: Path) -> Path:
    """Copy the .docx at ``path`` to ``target`` with no link's ScreenTip; return ``target``."""
    shutil.copy(path, target)
    body = etree.fromstring(zipfile.ZipFile(path).read(DOCUMENT))
    for link in body.iter(f"{{{W}}}hyperlink"):
        link.attrib.pop(f"{{{W}}}tooltip", None)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            copy.writestr(item, etree.tostring(body) if item.filename == DOCUMENT else data)
    return target


def test_the_word_editions_appendix_links_say_where_each_goes(real_document: Document,
                                                              built: Builds,
                                                              tmp_path: Path) -> None:
    [path] = (built(real_document, "word")).glob("*.docx")
    named = {(words, tip, anchor) for words, tip, anchor in _links(path) if tip}
    assert named == {
        ("appendix 4", "Appendix 4: Suggested answers to quiz questions", "quiz-answers"),
        ("appendix 4", "appendix 4 (Quiz 1: Rewards and risks)", "answers-rewards-and-risks"),
        ("appendix 4", "appendix 4 (Quiz 2: What should you do?)",
         "answers-what-should-you-do"),
        ("appendix 4", "appendix 4 (Quiz 3: True or false?)", "answers-true-or-false"),
        ("the checklist below", "the checklist below (What\u2019s different about "
         "co-production?)", "checklist-whats-different"),
        ("the checklist below", "the checklist below (Ready to start?)",
         "checklist-ready-to-start")}
    assert link_names(read_parts(path)) == []
    unnamed = _without_screen_tips(path, tmp_path / "unnamed.docx")
    assert link_names(read_parts(unnamed)) == [
        "links named 'appendix 4' go to 4 places (quiz-answers, answers-rewards-and-risks, "
        "answers-what-should-you-do, answers-true-or-false): a list of the links cannot tell "
        "them apart",
        "links named 'the checklist below' go to 2 places (checklist-whats-different, "
        "checklist-ready-to-start): a list of the links cannot tell them apart"]
