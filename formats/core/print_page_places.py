"""Where each print page of the standard PDF starts in the model, for the editions that show
print pages: the EPUB's page-break markers and page list, braille's print page indicators.

A page starts where its first words are: the words of the text the PDF's structure reaches on
that page (read from the PDF by the caller, not its running header) are looked for in the
model's text, section headings and top-level blocks in reading order, a little after where the
page before started. The page's marker (or indicator) goes before the heading or block that
holds those words (before a paragraph or a form that runs on from the page before, not after
it: a reader sent to the page finds its words by reading on). A page whose words are not found
shares the place of the page before, so that the page list has every page. Without the PDF's
pages, each section that starts a page has that page's marker.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence

from formats.core.model import Document, GlossaryEntry
from formats.core.text import block_texts, normalise

WINDOW = 6000  # characters of text a page may start after the page before
PROBE = 6  # words of a page's opening looked for
SKIP = 6  # leading words that may be left out: a block's title as print shows it ("Quiz 1:")


def places_in_order(document: Document) -> Iterator[tuple[str, str]]:
    """Yield every place a marker can go, in reading order, with its normalised text: a
    section (its id; its heading's words) and each top-level block of it ("<id>/b<n>"; a
    glossary entry after another, the first of them: they are one list)."""
    for section in document.sections():
        yield section.id, normalise(section.label)
        head = ""
        for index, block in enumerate(section.blocks, start=1):
            # glossary entries one after another are one list: a marker goes before the list
            entry = isinstance(block, GlossaryEntry)
            head = head if entry and head else f"{section.id}/b{index}"
            yield head, normalise(" ".join(block_texts(block, "paged")))
            head = head if entry else ""


def page_places(document: Document, pages: Mapping[str, str],
                openings: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """Return the labels of the print pages that start at each place ("<section id>" or
    "<section id>/b<n>"), in reading order, every page from the first chapter's to the last
    when ``openings`` (label, first words of each page) are known; else, for the first section
    that starts each page (``pages``: section id -> label), that page."""
    first_label = pages.get(document.chapters[0].id) if document.chapters else None
    labels = [label for label, _ in openings]
    if not openings or first_label not in labels:
        return _section_starts(document, pages)
    places = list(places_in_order(document))
    starts, stream = [], ""
    for _, text in places:
        starts.append(len(stream))
        stream += text + " "
    found: dict[str, list[str]] = {}
    pointer, place = 0, places[0][0]
    for label, opening in openings[labels.index(first_label):]:
        at = _find(stream, opening.split(), pointer)
        if at >= 0:
            pointer = at
            place = places[bisect.bisect_right(starts, at) - 1][0]
        found.setdefault(place, []).append(label)
    return found


def _find(stream: str, words: list[str], pointer: int) -> int:
    """Return where a page's opening ``words`` are in ``stream``, from ``pointer`` and within
    WINDOW characters of it, leaving out up to SKIP leading words; -1 when they are not."""
    for skip in range(SKIP):
        probe = " ".join(words[skip:skip + PROBE])
        if len(probe) < 12:
            continue
        at = stream.find(probe, pointer, pointer + WINDOW + len(probe))
        if at >= 0:
            return at
    return -1


def _section_starts(document: Document, pages: Mapping[str, str]) -> dict[str, list[str]]:
    """Return, for the first section that starts each print page, that page's label."""
    first: dict[str, list[str]] = {}
    seen: set[str] = set()
    for section in document.sections():
        label = pages.get(section.id)
        if label and label not in seen:
            seen.add(label)
            first[section.id] = [label]
    return first
