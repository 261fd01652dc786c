"""``toolkit.yaml``: the metadata, its problems in order, and the list of chapter files."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import yaml

from formats.core.load.metadata import METADATA_FIELDS, metadata, read_toolkit
from formats.core.load.state import LoadState
from formats.core.model import Contact, Edition, Location, ReviewNote
from tests.conftest import MINI_SOURCE
from tests.core.load.support import Problems


def fields() -> dict[str, Any]:
    """Return the fields of the mini toolkit's toolkit.yaml."""
    data: dict[str, Any] = yaml.safe_load((MINI_SOURCE / "toolkit.yaml").read_text("utf-8"))
    return data


def test_the_metadata_of_the_toolkit(state: LoadState, problems: Problems) -> None:
    data = fields() | {"contact": {"email": "a@example.org", "website": "https://x.org",
                                   "twitter": "@x"},
                       "alternative-formats": "Ask\n  us."}
    meta = metadata(state, data)
    assert meta is not None and problems() == []
    assert meta.edition == Edition(1, datetime.date(2026, 11, 27))
    assert meta.contact == Contact("a@example.org", "https://x.org", "@x", "")
    assert (meta.alternative_formats, meta.formats) == ("Ask us.", ("standard",))


def test_every_missing_field_is_a_problem_in_order(state: LoadState,
                                                   problems: Problems) -> None:
    assert metadata(state, {"title": "T", "language": "", "formats": []}) is None
    assert problems() == [f"toolkit.yaml:1: missing metadata field '{name}'"
                          for name in METADATA_FIELDS if name != "title"]


@pytest.mark.parametrize(("changed", "message"), [
    pytest.param({"edition": {"number": 1}}, "metadata field 'edition' needs 'number' and 'date'",
                 id="edition-without-date"),
    pytest.param({"contact": {"email": "a@b.org"}},
                 "metadata field 'contact' needs 'email' and 'website'", id="contact-no-website"),
    pytest.param({"edition": {"number": 1, "date": "soon"}},
                 "edition date 'soon' is not a date like 2026-11-27", id="date-not-a-date"),
    pytest.param({"edition": {"number": "---1", "date": datetime.date(2026, 11, 27)}},
                 "edition number '---1' is not a whole number like 2", id="number-not-a-number"),
    pytest.param({"edition": {"number": 1.5, "date": datetime.date(2026, 11, 27)}},
                 "edition number '1.5' is not a whole number like 2", id="number-a-fraction"),
])
def test_a_malformed_field_is_a_problem(changed: dict[str, Any], message: str, state: LoadState,
                                        problems: Problems) -> None:
    assert metadata(state, fields() | changed) is None
    assert problems() == [f"toolkit.yaml:1: {message}"]


def test_the_chapter_files_are_listed_with_where_the_list_starts(state: LoadState) -> None:
    (state.source_dir / "toolkit.yaml").write_bytes((MINI_SOURCE / "toolkit.yaml").read_bytes())
    toolkit = read_toolkit(state)
    assert toolkit.meta is not None and toolkit.meta.title == "Mini toolkit"
    assert toolkit.chapter_files == ["01-start.md", "a1-answers.md"]
    assert toolkit.chapters_at == Location("toolkit.yaml", 13)


def test_a_toolkit_file_that_is_not_a_mapping_lists_no_chapters(state: LoadState,
                                                                problems: Problems) -> None:
    (state.source_dir / "toolkit.yaml").write_text("- chapters\n", encoding="utf-8")
    toolkit = read_toolkit(state)
    assert (toolkit.meta, toolkit.chapter_files) == (None, [])
    assert problems() == ["toolkit.yaml:1: expected a mapping of fields"]


def test_prose_fields_are_typeset_like_the_text(state: LoadState, problems: Problems) -> None:
    meta = metadata(state, fields() | {"subtitle": "A toolkit - for 'you'",
                                       "identifier": "urn:test:a-b-1"})
    assert meta is not None and problems() == []
    assert meta.subtitle == "A toolkit \u2013 for \u2018you\u2019"
    assert meta.identifier == "urn:test:a-b-1"  # not prose: as written


def _toolkit(state: LoadState, extra: str) -> str:
    text = (MINI_SOURCE / "toolkit.yaml").read_text(encoding="utf-8") + extra
    (state.source_dir / "toolkit.yaml").write_text(text, encoding="utf-8")
    return text


def test_review_notes_on_fields_are_located_at_their_field(state: LoadState,
                                                           problems: Problems) -> None:
    text = _toolkit(state, "reviews:\n  rights: >-\n    Confirm the rights\n    with us.\n"
                           "  alternative-formats: Confirm BSL.\n")
    meta = read_toolkit(state).meta
    assert problems() == [] and meta is not None
    lines = text.splitlines()
    rights = next(number for number, line in enumerate(lines, 1) if line.startswith("rights:"))
    other = next(number for number, line in enumerate(lines, 1)
                 if line.startswith("alternative-formats:"))
    assert meta.reviews == (
        ReviewNote("Confirm the rights with us.", Location("toolkit.yaml", rights)),
        ReviewNote("Confirm BSL.", Location("toolkit.yaml", other)))


@pytest.mark.parametrize(("extra", "message"), [
    pytest.param("reviews:\n  colour: Check.\n",
                 "a review note on 'colour', but toolkit.yaml has no such field", id="no-field"),
    pytest.param("reviews:\n  rights: [a, b]\n", "the review note on 'rights' is not a sentence",
                 id="not-a-sentence"),
    pytest.param("reviews: Check everything.\n",
                 "'reviews' maps a field to a note for a person to check: "
                 "'reviews: {rights: \"Confirm ...\"}'", id="not-a-mapping"),
])
def test_a_malformed_review_note_is_a_problem_at_reviews(extra: str, message: str,
                                                         state: LoadState,
                                                         problems: Problems) -> None:
    text = _toolkit(state, extra)
    read_toolkit(state)
    assert problems() == [f"toolkit.yaml:{len(text.splitlines()) - extra.count(chr(10)) + 1}: "
                          f"{message}"]
