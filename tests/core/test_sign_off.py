"""The hashes the Easy Read sign-off records (:func:`part_hash`, :func:`section_hash`) and how
the sign-off is written into YAML without touching any other line."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from formats.core.hashing import SHORT, part_hash, section_hash, short
from formats.core.load import load
from formats.core.model import Image, Paragraph, Strong, Text
from formats.core.sign_off import covered_hashes, part_hashes, replace_key
from tests.conftest import FIXTURES

FIXTURE = FIXTURES / "easy-read"


def test_hashes_do_not_depend_on_where_the_source_is(tmp_path: Path) -> None:
    here = load(FIXTURE)
    there = load(Path(shutil.copytree(FIXTURE, tmp_path / "elsewhere")))
    assert part_hashes(here.easy_read) == part_hashes(there.easy_read)
    assert covered_hashes(here, here.easy_read) == covered_hashes(there, there.easy_read)
    assert all(len(value) == SHORT for value in part_hashes(here.easy_read).values())


def test_a_part_hash_is_what_a_reader_meets() -> None:
    document = load(FIXTURE)
    part = document.easy_read.parts[0]
    first, *rest = part.rows
    picture = first.content[0]
    assert isinstance(picture, Image)

    def with_first(*content: object) -> str:
        return part_hash(dataclasses.replace(part, rows=(Paragraph(content, first.location),
                                                         *rest)))

    same = part_hash(part)
    assert part_hash(dataclasses.replace(part, covers=(), checked_against=())) == same
    assert part_hash(dataclasses.replace(part, location=dataclasses.replace(
        part.location, line=99))) == same
    changed = [
        part_hash(dataclasses.replace(part, title="Another title")),
        with_first(picture, Text(" This guide is about co-production.")),  # bold removed
        with_first(dataclasses.replace(picture, alt="Two friends"), *first.content[1:]),
        with_first(dataclasses.replace(picture, meaning="friends"), *first.content[1:]),
        with_first(dataclasses.replace(picture, path=picture.path.with_name("tick.png")),
                   *first.content[1:]),
    ]
    assert same not in changed and len(set(changed)) == len(changed)
    assert isinstance(first.content[2], Strong)


def test_a_section_hash_is_its_own_words() -> None:
    document = load(FIXTURE)
    section = document.section("try-it")
    assert short(section_hash(section)) == short(section_hash(dataclasses.replace(
        section, title=" Try  it ", location=dataclasses.replace(section.location, line=3))))
    assert section_hash(section) != section_hash(dataclasses.replace(section, title="Try"))


@pytest.mark.parametrize(("text", "lines", "result"), [
    pytest.param("a: 1\nkey: []   # a note\nb: 2\n", ["key:", "  x: \"1\""],
                 "a: 1\nkey:\n  x: \"1\"\nb: 2\n", id="replaced"),
    pytest.param("a: 1\n# about key\nkey:\n  old: \"0\"\n  older: \"1\"\n# about b\nb: 2\n",
                 ["key: {}"], "a: 1\n# about key\nkey: {}\n# about b\nb: 2\n",
                 id="indented-lines-replaced-comments-kept"),
    pytest.param("a: 1\nb: 2\n", ["key: {}"], "a: 1\nb: 2\nkey: {}\n", id="added-at-the-end"),
])
def test_replace_key_changes_one_top_level_key(text: str, lines: list[str], result: str) -> None:
    assert replace_key(text, "key", lines) == result


def test_quote_marks_and_spaces_are_not_a_change() -> None:
    document = load(FIXTURE)
    part = document.easy_read.parts[1]
    first, *rest = part.rows
    curly = Paragraph(tuple(dataclasses.replace(node, text=node.text.replace("?", "?  “ok”"))
                            if isinstance(node, Text) else node for node in first.content),
                      first.location)
    straight = Paragraph(tuple(dataclasses.replace(node, text=node.text.replace("?", '? "ok"'))
                               if isinstance(node, Text) else node for node in first.content),
                         first.location)
    assert part_hash(dataclasses.replace(part, rows=(curly, *rest))) == part_hash(
        dataclasses.replace(part, rows=(straight, *rest))) != part_hash(part)
    section = document.section("start")
    assert section_hash(dataclasses.replace(section, title="Getting ‘started’")) == \
        section_hash(dataclasses.replace(section, title="Getting 'started'"))
