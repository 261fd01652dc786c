"""``braille/heading-levels``: each level of heading has a braille format of its own, the same
for every heading of that level, so that a reader can tell a section's parts from the parts of
those parts by their headings alone (Braille Formats 2016, 4.1.1).

The formats are read back from the BRF file by :func:`formats.outputs.brf.reader.find_headings`
(centred, in cell 5 or in cell 7, and whether the heading starts a page), never taken from what
the writer was asked for; the levels are the model's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.outputs.brf.reader import find_headings, occurrence_keys, read_pages

RULE = "braille/heading-levels"

Written = dict[int, dict[str, list[str]]]  # level -> each format read back -> its headings' labels


def written_formats(document: Document, text: str, keys: Sequence[str]) -> Written:
    """Return, for each level of the document's sections, the formats their headings have in a
    BRF text, each with the labels of the sections written so, in reading order. ``keys`` are
    the sections' heading keys as the reader makes them (one per section, in order); a section
    whose heading is not found is left out (``braille/section-starts`` names it)."""
    found = find_headings(read_pages(text))
    by_key = dict(zip(occurrence_keys([heading.key for heading in found]), found, strict=True))
    written: Written = {}
    for section, key in zip(document.sections(), keys, strict=True):
        if key in by_key:
            formats = written.setdefault(section.level, {})
            formats.setdefault(by_key[key].format, []).append(section.label)
    return dict(sorted(written.items()))


def format_problems(written: Written) -> list[str]:
    """Return what is wrong with the formats of ``written``: a level written more than one way,
    and two levels written the same way, each naming the first headings concerned."""
    problems = [f"level {level} headings are written {len(formats)} ways: "
                + ", ".join(f"{form} ('{labels[0]}')" for form, labels in formats.items())
                for level, formats in written.items() if len(formats) > 1]
    for (high, upper), (low, lower) in itertools.combinations(written.items(), 2):
        problems += [f"levels {high} and {low} are both written {form}: '{upper[form][0]}' "
                     f"(level {high}), '{lower[form][0]}' (level {low})"
                     for form in upper if form in lower]
    return problems


def heading_levels_result(document: Document, path: Path, keys: Sequence[str]) -> RuleResult:
    """Return ``braille/heading-levels`` for the BRF file at ``path`` (``keys``: see
    :func:`written_formats`)."""
    if not path.is_file():
        return RuleResult(RULE, str(path), False, f"{path} does not exist")
    written = written_formats(document, path.read_bytes().decode("ascii", errors="replace"),
                              keys)
    described = ", ".join(f"level {level} {form} ({len(labels)})" for level, formats
                          in written.items() for form, labels in formats.items())
    return RuleResult.from_problems(
        RULE, str(path), format_problems(written),
        f"each of the {len(written)} heading levels has a format of its own: {described}")
