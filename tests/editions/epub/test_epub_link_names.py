"""epub/link-names: in a reading system's list of links, no two links of a document are named
alike and go to different places. The real toolkit's second chapter has two links "appendix 4"
(the answers of quizzes 1 and 2): each is named by where it goes, and the document passes; the
same document without those names fails, naming the links."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from formats.editions.epub import rules as epub_rules
from formats.outputs.html.browser import run_checks
from formats.outputs.html.link_name_rules import check_link_names

pytestmark = pytest.mark.slow  # Chromium

CHAPTER = "EPUB/02-defining-co-production.xhtml"


@pytest.fixture(scope="module")
def unpacked(real_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the real toolkit's EPUB unzipped."""
    out = tmp_path_factory.mktemp("real-epub")
    with zipfile.ZipFile(real_dist / "epub" / "all-together-now.epub") as archive:
        archive.extractall(out)
    return out


def test_the_epub_runs_the_rule() -> None:
    assert check_link_names in epub_rules.CHECKS


def test_the_chapter_names_its_links_by_where_they_go(unpacked: Path) -> None:
    [result] = run_checks(unpacked / CHAPTER, "02-defining-co-production.xhtml",
                          (check_link_names,))
    assert result.passed, result.message


def test_the_chapter_without_the_names_fails(unpacked: Path, tmp_path: Path) -> None:
    page = tmp_path / "chapter.xhtml"
    text = (unpacked / CHAPTER).read_text(encoding="utf-8")
    page.write_text(re.sub(r' aria-label="[^"]*"', "", text), encoding="utf-8")
    [result] = run_checks(page, "02-defining-co-production.xhtml", (check_link_names,))
    assert (result.passed, result.message) == (
        False, "02-defining-co-production.xhtml: links named 'appendix 4' go to 2 places "
               "(#answers-rewards-and-risks, #answers-what-should-you-do): a list of the page's "
               "links cannot tell them apart; name each by where it goes")
