"""``toolkit.yaml``: the publication's metadata and the list of its chapter files."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

from formats.core.load.files import key_line, list_field, read_fields
from formats.core.load.markdown import typeset
from formats.core.load.state import LoadState
from formats.core.model import Contact, Edition, Location, Metadata, ReviewNote

TOOLKIT = "toolkit.yaml"
METADATA_FIELDS = ("title", "subtitle", "summary", "publisher", "language", "edition",
                   "identifier", "rights", "contact", "formats", "alternative-formats", "chapters")


@dataclass(frozen=True)
class Toolkit:
    """``toolkit.yaml`` as read: the metadata (None when it has problems), the names of the
    chapter files in order, and the location of the first name in the list."""

    meta: Metadata | None
    chapter_files: list[str]
    chapters_at: Location


def read_toolkit(state: LoadState) -> Toolkit:
    """Return what ``toolkit.yaml`` says; its problems are added to ``state``."""
    here = Location(TOOLKIT, 1)
    text, fields = read_fields(state, state.source_dir / TOOLKIT, here)
    meta = metadata(state, fields, text) if fields is not None else None
    if meta is not None:
        meta = replace(meta, reviews=field_reviews(state, fields or {}, text))
    at = Location(TOOLKIT, key_line(text, "chapters"))
    names = list_field(state, fields or {}, "chapters", at)
    return Toolkit(meta, names, Location(TOOLKIT, key_line(text, "chapters") + 1))


def metadata(state: LoadState, fields: dict[str, Any], text: str = "") -> Metadata | None:
    """Return the metadata in ``fields``, or None (with problems) when a field is missing or
    malformed: a malformed field's problem at its line in ``text`` (the file's YAML)."""
    here = Location(TOOLKIT, 1)

    def at(field: str) -> Location:
        return Location(TOOLKIT, key_line(text, field))

    missing = [name for name in METADATA_FIELDS if fields.get(name) in (None, "", [])]
    for name in missing:
        state.problems.add(here, f"missing metadata field '{name}'")
    if missing:
        return None
    edition = fields["edition"]
    contact = fields["contact"]
    if not isinstance(edition, dict) or "number" not in edition or "date" not in edition:
        state.problems.add(at("edition"), "metadata field 'edition' needs 'number' and 'date'")
        return None
    if not isinstance(contact, dict) or "email" not in contact or "website" not in contact:
        state.problems.add(at("contact"), "metadata field 'contact' needs 'email' and 'website'")
        return None
    if not isinstance(fields["formats"], list):
        state.problems.add(at("formats"), "metadata field 'formats' is a list: formats: "
                                          "[standard, large-print, ...]")
        return None
    when = edition["date"]
    if not isinstance(when, datetime.date):
        state.problems.add(at("edition"), f"edition date '{when}' is not a date like 2026-11-27")
        return None
    number = edition["number"]
    if isinstance(number, bool) or not isinstance(number, int | str) \
            or not str(number).strip().isdigit():
        state.problems.add(at("edition"),
                           f"edition number '{number}' is not a whole number like 2")
        return None
    return Metadata(
        title=typeset(str(fields["title"])), subtitle=typeset(str(fields["subtitle"])),
        summary=typeset(str(fields["summary"])), publisher=typeset(str(fields["publisher"])),
        language=str(fields["language"]), edition=Edition(int(number), when),
        identifier=str(fields["identifier"]), rights=typeset(str(fields["rights"])),
        contact=Contact(**{key: str(contact.get(key, "")) for key in
                           ("email", "website", "twitter", "facebook")}),
        formats=tuple(str(name) for name in fields["formats"]),
        alternative_formats=typeset(str(fields["alternative-formats"])),
    )


def field_reviews(state: LoadState, fields: dict[str, Any], text: str) -> tuple[ReviewNote, ...]:
    """Return the review notes of ``reviews:`` (field name: note), each at the line of the
    field it is about; a note on a field that is not there, or one that is not text, is a
    problem."""
    notes = fields.get("reviews")
    at = Location(TOOLKIT, key_line(text, "reviews"))
    if notes is None:
        return ()
    if not isinstance(notes, dict):
        state.problems.add(at, "'reviews' maps a field to a note for a person to check: "
                               "'reviews: {rights: \"Confirm ...\"}'")
        return ()
    found: list[ReviewNote] = []
    for name, note in notes.items():
        if str(name) not in fields or str(name) == "reviews":
            state.problems.add(at, f"a review note on '{name}', but toolkit.yaml has no such "
                                   "field")
        elif not isinstance(note, str) or not note.strip():
            state.problems.add(at, f"the review note on '{name}' is not a sentence")
        else:
            found.append(ReviewNote(" ".join(note.split()),
                                    Location(TOOLKIT, key_line(text, str(name)))))
    return tuple(found)
