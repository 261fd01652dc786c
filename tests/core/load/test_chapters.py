"""Chapter files: front matter, headings into sections, the numbering of chapters, appendices
and sections, and the problems of each, with their exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.load.chapters import (
    SectionBuilder,
    chapter_number,
    read_chapter,
    read_chapters,
    section_number,
)
from formats.core.load.state import LoadState
from formats.core.model import Location, Section
from tests.core.load.support import CHAPTER, Problems


def write(state: LoadState, text: str, name: str = "test.md") -> Path:
    """Write a chapter file; return its path."""
    path = state.source_dir / "chapters" / name
    path.write_text(text, encoding="utf-8")
    return path


def front(kind: str = "chapter", extra: str = "") -> str:
    return f"---\nid: start\ntitle: Getting started\nkind: {kind}\n{extra}---\n"


def numbers(section: Section) -> list[tuple[str, str]]:
    return [(found.id, found.number) for found in section.walk()]


BODY = ("\n## One {#one}\n\nText.\n\n### Sub {#sub}\n\nText.\n\n#### Deep {#deep}\n\nText.\n\n"
        "### Next {#next}\n\nText.\n\n## Two {#two}\n\nText.\n")


@pytest.mark.parametrize(("kind", "extra", "expected"), [
    pytest.param("chapter", "", [("start", "3"), ("one", "3.1"), ("sub", "a"), ("deep", ""),
                                 ("next", "b"), ("two", "3.2")], id="chapter"),
    pytest.param("appendix", "", [("start", "Appendix 2"), ("one", ""), ("sub", ""),
                                  ("deep", ""), ("next", ""), ("two", "")], id="appendix"),
    pytest.param("appendix", "numbered-sections: true\n",
                 [("start", "Appendix 2"), ("one", "1"), ("sub", ""), ("deep", ""), ("next", ""),
                  ("two", "2")], id="appendix-numbered"),
    pytest.param("closing", "", [("start", ""), ("one", ""), ("sub", ""), ("deep", ""),
                                 ("next", ""), ("two", "")], id="closing"),
])
def test_headings_open_numbered_sections(kind: str, extra: str, expected: list[tuple[str, str]],
                                         state: LoadState, problems: Problems) -> None:
    chapter = read_chapter(state, write(state, front(kind, extra) + BODY), 2, 1)
    assert chapter is not None and numbers(chapter) == expected
    assert [child.level for child in chapter.walk()] == [1, 2, 3, 4, 3, 2]
    assert chapter.location == Location(CHAPTER, 2) and problems() == []


def test_numbers_of_chapters_and_sections() -> None:
    assert [chapter_number("chapter", 4, 1), chapter_number("appendix", 4, 1),
            chapter_number("closing", 4, 1)] == ["5", "Appendix 2", ""]
    numbered = SectionBuilder("s", "S", 2, "section", "2.1", Location(CHAPTER, 1))
    numbered.children.append(SectionBuilder("a", "A", 3, "section", "a", Location(CHAPTER, 2)))
    assert section_number(numbered, 3, True) == "b"
    assert section_number(numbered, 3, False) == ""
    assert section_number(numbered, 4, True) == ""


def test_chapters_and_appendices_are_counted_apart(state: LoadState) -> None:
    write(state, front("chapter") + BODY, "1.md")
    write(state, front("appendix").replace("start", "app") + "\nText.\n", "2.md")
    write(state, front("chapter").replace("start", "second") + "\nText.\n", "3.md")
    write(state, front("closing").replace("start", "end") + "\nText.\n", "4.md")
    chapters = read_chapters(state, ["1.md", "2.md", "3.md", "4.md", "5.md"],
                             Location("toolkit.yaml", 14))
    assert [(chapter.id, chapter.number) for chapter in chapters] == [
        ("start", "1"), ("app", "Appendix 1"), ("second", "2"), ("end", "")]
    assert [item.removeprefix(f"{state.source_dir}/") for item in state.problems.items] == [
        "toolkit.yaml:18: chapter file 'chapters/5.md' does not exist"]


def test_blocks_and_review_notes_go_in_the_open_section(state: LoadState) -> None:
    chapter = read_chapter(state, write(state, front() + "Intro.\n\n## One {#one}\n\nText.\n\n"
                                        "::: review\nCheck.\n:::\n"), 0, 0)
    assert chapter is not None
    assert (len(chapter.blocks), len(chapter.children[0].blocks)) == (1, 1)
    assert [note.text for note in chapter.children[0].reviews] == ["Check."]


PROBLEMS = [
    pytest.param("No front matter.\n", ["1: the file must start with front matter between '---' "
                                        "lines (id, title, kind)"], id="no-front-matter"),
    pytest.param("---\nid: [x\n---\n", ["2: invalid YAML: expected ',' or ']', but got "
                                        "'<stream end>'"], id="front-matter-not-yaml"),
    pytest.param("---\n- x\n---\n", ["2: front matter must be a mapping (id, title, kind)"],
                 id="front-matter-not-a-mapping"),
    pytest.param("---\nother: 1\n---\n", ["1: missing metadata field 'id'",
                                          "1: missing metadata field 'title'",
                                          "1: missing metadata field 'kind'"],
                 id="front-matter-missing-fields"),
    pytest.param(front("part"), ["1: unknown section kind 'part' (expected one of: chapter, "
                                 "appendix, closing)"], id="unknown-kind"),
    pytest.param(front() + "\n# Big {#big}\n\nText.\n",
                 ["7: heading level 1 is not allowed: use ## for sections, ### and #### below "
                  "them"],
                 id="heading-level-1"),
    pytest.param(front() + "\nText.\n\n##### Small {#small}\n",
                 ["9: heading level 5 is not allowed: use ## for sections, ### and #### below "
                  "them"], id="heading-level-5"),
    pytest.param(front() + "\nText.\n\n### Skipped {#skipped}\n\nText.\n",
                 ["9: heading level 3 comes after level 1: a level is skipped"],
                 id="heading-skips-a-level"),
    pytest.param(front() + "\nText.\n\n## No id\n\nText.\n",
                 ["9: heading 'No id' has no id: end it with {#some-id}"], id="heading-no-id"),
    pytest.param(front() + "\n## Outer {#outer}\n\n### Inner {#inner}\n",
                 ["9: section 'inner' is empty: give it some text or sub-sections"],
                 id="empty-section"),
    pytest.param(front(), ["2: section 'start' is empty: give it some text or sub-sections"],
                 id="empty-chapter"),
    pytest.param(front() + "\n## A {#a}\n\n### B {#b}\n\n## C {#c}\n\nText.\n\n## D {#d}\n",
                 ["9: section 'b' is empty: give it some text or sub-sections",
                  "15: section 'd' is empty: give it some text or sub-sections"],
                 id="empty-sections-in-order"),
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS)
def test_each_problem_of_a_chapter_file_is_located(text: str, expected: list[str],
                                                   state: LoadState, problems: Problems) -> None:
    read_chapter(state, write(state, text), 0, 0)
    assert problems() == [f"{CHAPTER}:{message}" for message in expected]
