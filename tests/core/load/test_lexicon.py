"""``lexicon.yaml``: entries in order, and the problems of the file with exact messages."""

from __future__ import annotations

from formats.core.load.lexicon import read_lexicon
from formats.core.load.state import LoadState
from formats.core.model import LexiconEntry, Location
from tests.core.load.support import Problems


def write(state: LoadState, text: str) -> None:
    (state.source_dir / "lexicon.yaml").write_text(text, encoding="utf-8")


def test_entries_are_read_in_order_with_their_lines(state: LoadState, problems: Problems) -> None:
    write(state, "# How to say it\nDPO: D P O\ne.g.: for example\n")
    assert read_lexicon(state) == (
        LexiconEntry("DPO", "D P O", Location("lexicon.yaml", 2)),
        LexiconEntry("e.g.", "for example", Location("lexicon.yaml", 3)))
    assert problems() == []


def test_no_lexicon_or_an_empty_one_has_no_entries(state: LoadState) -> None:
    assert read_lexicon(state) == ()
    write(state, "# nothing yet\n")
    assert read_lexicon(state) == () and state.problems.items == []


def test_an_entry_without_how_to_say_it_is_a_problem(state: LoadState,
                                                     problems: Problems) -> None:
    write(state, "A: a\nX:\nY: [a]\nZ: '  '\n")
    assert [entry.written for entry in read_lexicon(state)] == ["A"]
    assert problems() == [f"lexicon.yaml:{line}: lexicon entry '{key}' needs how to say it"
                          for line, key in ((2, "X"), (3, "Y"), (4, "Z"))]


def test_a_lexicon_that_is_not_a_mapping_of_valid_yaml_is_a_problem(
        state: LoadState, problems: Problems) -> None:
    write(state, "- a\n")
    assert read_lexicon(state) == ()
    write(state, "A: b\nC: [d\n")
    assert read_lexicon(state) == ()
    assert problems() == ["lexicon.yaml:1: the lexicon is a mapping: WRITTEN: spoken",
                          "lexicon.yaml:3: invalid YAML: expected ',' or ']', but got "
                          "'<stream end>'"]
