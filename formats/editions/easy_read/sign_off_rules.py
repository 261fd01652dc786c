"""Easy Read sign-off rules (warnings: ``check --strict`` fails on them).

- ``easy-read/sign-off``: people with learning disabilities checked the text (``checked-by``),
  and no part or covered section changed since: each hash they checked is the current one;
- ``easy-read/checked-against``: an editor re-read each part beside the sections it covers as
  they are now (each part's ``checked-against``).

The hashes are :func:`formats.core.hashing.part_hash` and :func:`~formats.core.hashing.
section_hash`, shortened; ``build.py easy-read-checked`` writes them (:mod:`formats.core.sign_off`).
"""

from __future__ import annotations

from formats.core.contract import RuleResult
from formats.core.model import Document, EasyRead
from formats.core.sign_off import covered_hashes, part_hashes, section_hashes
from formats.editions.easy_read.parts import source_place
from formats.outputs.html.easy_read import checked_line

SIGN_OFF = "build.py easy-read-checked --by \"NAMES OR A GROUP\" --date YYYY-MM-DD"
def sign_off(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a warning while nobody has checked the text, and one for every part or covered
    section whose hash is not the one checked (changed, added or removed since); else one
    passing result."""
    rule = "easy-read/sign-off"
    where = source_place(document, easy_read.location)
    checked = easy_read.checked_by
    if checked is None:
        return [RuleResult(rule, where, False, "nobody is named in 'checked-by': people with "
                           "learning disabilities should check the Easy Read text; when they "
                           f"have, run {SIGN_OFF}", "warning")]
    when = f"{checked.by} checked the text on {checked.date.isoformat()}"
    again = f"ask them to check it again, then run {SIGN_OFF}"
    titles = {part.id: part for part in easy_read.parts}
    labels = {section.id: section.label for section in document.sections()}
    results = []
    for kind, now, then in (("part", part_hashes(easy_read), dict(checked.parts)),
                            ("section", covered_hashes(document, easy_read),
                             dict(checked.sections))):
        for key, digest in now.items():
            place = source_place(document, titles[key].location) if kind == "part" else where
            name = f"{kind} '{key}' ({titles[key].title if kind == 'part' else labels[key]})"
            if key not in then:
                results.append(RuleResult(rule, place, False, f"{name} is new since {when}: "
                                          f"{again}", "warning"))
            elif then[key] != digest:
                results.append(RuleResult(rule, place, False, f"{name} changed since {when} "
                                          f"(checked {then[key]}, now {digest}): {again}",
                                          "warning"))
        results.extend(RuleResult(rule, where, False, f"{kind} '{key}' was checked but is no "
                                  f"longer in the Easy Read text: {again}", "warning")
                       for key in then if key not in now)
    parts, sections = len(checked.parts), len(checked.sections)
    return results or [RuleResult(rule, where, True, f"{checked_line(easy_read)}: the {parts} "
                                  f"parts and {sections} sections they checked are unchanged",
                                  "warning")]


def checked_against(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a warning for every covered section a part was not re-read beside, or that
    changed since (naming the section and the part); else one passing result."""
    rule = "easy-read/checked-against"
    labels = {section.id: section.label for section in document.sections()}
    results = []
    for part in easy_read.parts:
        then = dict(part.checked_against)
        where = source_place(document, part.location)
        after = f"then run build.py easy-read-checked --re-read {part.id}"
        for section_id, digest in section_hashes(document, part.covers).items():
            section = f"section '{section_id}' ({labels[section_id]})"
            if section_id not in then:
                results.append(RuleResult(rule, where, False, f"part '{part.id}' has not been "
                                          f"re-read beside {section}: re-read it, {after}",
                                          "warning"))
            elif then[section_id] != digest:
                results.append(RuleResult(rule, where, False, f"{section} changed since part "
                                          f"'{part.id}' was re-read beside it (then "
                                          f"{then[section_id]}, now {digest}): re-read the part "
                                          f"beside it and correct it, {after}", "warning"))
        results.extend(RuleResult(rule, where, False, f"part '{part.id}' was re-read beside "
                                  f"'{section_id}', which it does not cover: {after}", "warning")
                       for section_id in then if section_id not in part.covers)
    count = sum(len(part.covers) for part in easy_read.parts)
    return results or [RuleResult(rule, source_place(document, easy_read.location), True,
                                  f"every part was re-read beside the {count} sections it "
                                  "covers, as they are now", "warning")]
