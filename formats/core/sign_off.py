"""The Easy Read sign-off, written into the source after a checking session.

Two facts are kept, each as short hashes (:func:`formats.core.hashing.short`) of what was read:

- a part's ``checked-against`` (its front matter): an editor re-read the part beside the
  standard sections it covers; the hash of each section then. The check warns when a section
  changes afterwards.
- ``checked-by`` (``easy-read.yaml``): people with learning disabilities checked the text; who,
  on which day, and the hash of every part and of every section the parts cover. The check
  warns (``--strict`` fails) when any of them changes afterwards.

The files are edited as text, so that every comment and every other line stays as it is.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from formats.core.hashing import part_hash, section_hash, short
from formats.core.model import Document, EasyRead, EasyReadPart

WRITTEN_BY = "# written by build.py easy-read-checked"


class SignOffError(ValueError):
    """The sign-off cannot be written (no Easy Read text, or an unknown part)."""


def part_hashes(easy_read: EasyRead) -> dict[str, str]:
    """Return the short hash of every part, by part id, in reading order."""
    return {part.id: short(part_hash(part)) for part in easy_read.parts}


def section_hashes(document: Document, ids: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Return the short hash of each section of ``ids`` that exists, by id, in that order."""
    known = {section.id: section for section in document.sections()}
    return {section_id: short(section_hash(known[section_id]))
            for section_id in dict.fromkeys(ids) if section_id in known}


def covered_hashes(document: Document, easy_read: EasyRead) -> dict[str, str]:
    """Return the short hash of every section the parts cover, in the order they cover them."""
    return section_hashes(document, [section_id for part in easy_read.parts
                                     for section_id in part.covers])


def _mapping(name: str, pairs: dict[str, str], indent: str) -> list[str]:
    """Return the YAML lines of a mapping of ids to hashes (each hash quoted)."""
    return [f"{indent}{name}:"] + [f"{indent}  {key}: \"{value}\"" for key, value in pairs.items()]


def replace_key(text: str, key: str, lines: list[str], before: int | None = None) -> str:
    """Return YAML ``text`` with the top-level ``key`` (its line and the indented lines under
    it) replaced by ``lines``; added before line ``before`` (0-based), or at the end, when the
    key is absent."""
    old = text.splitlines()
    start = next((index for index, line in enumerate(old) if line.startswith(f"{key}:")), None)
    if start is None:
        at = len(old) if before is None else before
        return "\n".join(old[:at] + lines + old[at:]) + "\n"
    end = start + 1
    while end < len(old) and old[end][:1] in (" ", "\t"):
        end += 1
    return "\n".join(old[:start] + lines + old[end:]) + "\n"


def write_sign_off(document: Document, by: str, day: datetime.date) -> Path:
    """Record in ``easy-read.yaml`` that ``by`` (names or a group) checked the Easy Read text on
    ``day``, with the current hash of every part and covered section; return the file.

    Raises SignOffError when there is no Easy Read text or ``by`` is empty.
    """
    easy_read = _easy_read(document)
    if not by.strip():
        raise SignOffError("say who checked the text: --by \"NAMES OR A GROUP\"")
    lines = [f"checked-by:   {WRITTEN_BY}",
             f"  by: {json.dumps(' '.join(by.split()), ensure_ascii=False)}",
             f"  date: {day.isoformat()}",
             *_mapping("parts", part_hashes(easy_read), "  "),
             *_mapping("sections", covered_hashes(document, easy_read), "  ")]
    path = document.source_dir / easy_read.location.path
    path.write_text(replace_key(path.read_text(encoding="utf-8"), "checked-by", lines),
                    encoding="utf-8")
    return path


def write_checked_against(document: Document, part_ids: list[str]) -> list[Path]:
    """Record in the front matter of each part of ``part_ids`` (every part when empty) that an
    editor re-read it beside the sections it covers, as they are now; return the files.

    Raises SignOffError when there is no Easy Read text or a part id is unknown.
    """
    easy_read = _easy_read(document)
    parts = {part.id: part for part in easy_read.parts}
    unknown = [part_id for part_id in part_ids if part_id not in parts]
    if unknown:
        raise SignOffError(f"no Easy Read part has the id {', '.join(unknown)} (the ids are "
                           f"{', '.join(parts)})")
    return [_write_against(document, parts[part_id]) for part_id in part_ids or list(parts)]


def _write_against(document: Document, part: EasyReadPart) -> Path:
    path = document.source_dir / part.location.path
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    if match is None:
        raise SignOffError(f"{path}: the front matter between '---' lines was not found")
    front = match.group(1)
    lines = _mapping("checked-against", section_hashes(document, part.covers), "")
    lines[0] += f"   {WRITTEN_BY}"
    new_front = replace_key(front, "checked-against", lines)
    path.write_text(f"---\n{new_front}---\n{text[match.end():]}", encoding="utf-8")
    return path


def _easy_read(document: Document) -> EasyRead:
    if document.easy_read is None:
        raise SignOffError(f"{document.source_dir}/easy-read/easy-read.yaml does not exist: "
                           "there is no Easy Read text to sign off")
    return document.easy_read
