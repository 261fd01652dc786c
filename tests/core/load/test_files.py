"""Reading the source's files: text, YAML and its located errors, front matter, the line of a
key, and the hash of the source folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from formats.core.load.files import (
    key_line,
    parse_yaml,
    read_fields,
    read_front_matter,
    read_text,
    read_yaml,
    source_hash,
)
from formats.core.load.markdown import parse_blocks
from formats.core.load.state import LoadState
from formats.core.model import Location
from tests.conftest import FIXTURES, REAL_SOURCE
from tests.core.load.support import Problems

YAML_TEXTS = sorted({*REAL_SOURCE.rglob("*.yaml"), *FIXTURES.rglob("*.yaml")})


def test_text_is_read_as_utf8(state: LoadState, problems: Problems) -> None:
    (state.source_dir / "a.md").write_text("café\n", encoding="utf-8")
    assert read_text(state, state.source_dir / "a.md") == "café\n"
    assert problems() == [] and not state.unreadable


def test_a_missing_file_or_one_not_in_utf8_is_a_problem_that_marks_the_load(
        state: LoadState, problems: Problems) -> None:
    (state.source_dir / "b.md").write_bytes(b"one\ntwo caf\xe9\n")
    assert read_text(state, state.source_dir / "missing.md") is None
    assert read_text(state, state.source_dir / "b.md") is None
    assert problems() == ["missing.md:1: cannot read the file: No such file or directory",
                          "b.md:2: text is not UTF-8 (byte 0xe9)"]
    assert state.unreadable


def test_a_yaml_error_is_located_from_the_line_where_the_text_starts(
        state: LoadState, problems: Problems) -> None:
    path = state.source_dir / "a.yaml"
    assert read_yaml(state, path, "a: 1\nb: [2\nc: 3\n") is None
    assert read_yaml(state, path, "a: 1\nb: [2\nc: 3\n", first_line=10) is None
    assert read_yaml(state, path, "a: [1, 2]\n") == {"a": [1, 2]}
    assert problems() == ["a.yaml:3: invalid YAML: expected ',' or ']', but got ':'",
                          "a.yaml:12: invalid YAML: expected ',' or ']', but got ':'"]


@pytest.mark.parametrize("path", YAML_TEXTS, ids=lambda path: path.name)
def test_the_fast_parser_gives_pyyamls_values(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError as error:
        with pytest.raises(yaml.YAMLError) as raised:
            parse_yaml(text)
        assert str(raised.value) == str(error)
        return
    assert parse_yaml(text) == expected


def test_the_fast_parser_reports_pyyamls_own_message() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        parse_yaml("a: 1\nb: [2\nc: 3\n")
    assert raised.value.problem == "expected ',' or ']', but got ':'"  # type: ignore[attr-defined]
    assert yaml.__with_libyaml__  # the fast parser is there: PyYAML's wheels carry libyaml


def test_fields_are_a_mapping(state: LoadState, problems: Problems) -> None:
    (state.source_dir / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (state.source_dir / "b.yaml").write_text("- a\n", encoding="utf-8")
    (state.source_dir / "c.yaml").write_text("", encoding="utf-8")
    here = Location("b.yaml", 1)
    assert read_fields(state, state.source_dir / "a.yaml", here) == ("a: 1\n", {"a": 1})
    assert read_fields(state, state.source_dir / "b.yaml", here) == ("- a\n", None)
    assert read_fields(state, state.source_dir / "c.yaml", here) == ("", None)
    assert read_fields(state, state.source_dir / "d.yaml", here) == ("", None)
    assert problems() == ["b.yaml:1: expected a mapping of fields",
                          "b.yaml:1: expected a mapping of fields",  # c.yaml is empty
                          "d.yaml:1: cannot read the file: No such file or directory"]


def test_front_matter_is_the_mapping_at_the_start_of_a_file(state: LoadState,
                                                            problems: Problems) -> None:
    path = state.source_dir / "a.md"
    assert read_front_matter(state, path, parse_blocks("---\nid: x\n---\nText.\n")) == {"id": "x"}
    assert read_front_matter(state, path, parse_blocks("Text.\n")) is None
    assert read_front_matter(state, path, parse_blocks("---\n- x\n---\n")) is None
    assert read_front_matter(state, path, parse_blocks("---\na: 1\nb: [2\n---\n")) is None
    assert problems() == [
        "a.md:1: the file must start with front matter between '---' lines (id, title, kind)",
        "a.md:2: front matter must be a mapping (id, title, kind)",
        "a.md:3: invalid YAML: expected ',' or ']', but got '<stream end>'"]


def test_the_line_of_a_top_level_key() -> None:
    text = "title: T\n  chapters: nested\nchapters:\n  - a.md\n"
    assert [key_line(text, key) for key in ("chapters", "title", "none")] == [3, 1, 1]


def test_the_source_hash_changes_with_any_name_or_content(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.md").write_text("one", encoding="utf-8")
    first = source_hash(tmp_path)
    assert source_hash(tmp_path) == first and len(first) == 64
    (tmp_path / "a" / "b.md").write_text("two", encoding="utf-8")
    second = source_hash(tmp_path)
    (tmp_path / "a" / "b.md").rename(tmp_path / "a" / "c.md")
    assert len({first, second, source_hash(tmp_path)}) == 3
