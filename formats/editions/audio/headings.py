"""How a section's heading is announced, and what a section without text of its own holds.

Every heading is said with its number or its kind, so that no heading sounds like a sentence
of the text: "Chapter 2. Defining co-production.", "Section 2.5 b. Rewards and risks.",
"Appendix 3, section 1. Evaluation ...", and a heading without a number is said as a part of
the section it is in: "Section 3.2 a, part 1. What support do you need?", "Appendix 1, part 2.
Particular subjects ...". A section with no text of its own says what it holds: "This chapter
has 3 sections: 1.1, Why do I need to know about co-production? ...".
"""

from __future__ import annotations

from dataclasses import dataclass

from formats.core.model import Document, Section

_ENDS_SENTENCE = (".", "?", "!", ":")


@dataclass(frozen=True)
class Place:
    """A section and where it is: the section it is in (None for a chapter) and its number
    among that section's sections (1-based)."""

    section: Section
    parent: Place | None
    position: int


def places(document: Document) -> list[Place]:
    """Return every section of the document with where it is, in reading order."""
    found: list[Place] = []

    def visit(section: Section, parent: Place | None, position: int) -> None:
        place = Place(section, parent, position)
        found.append(place)
        for number, child in enumerate(section.children, start=1):
            visit(child, place, number)

    for number, chapter in enumerate(document.chapters, start=1):
        visit(chapter, None, number)
    return found


def sentence(text: str) -> str:
    """Return text on one line, ending with a full stop unless it already ends a sentence."""
    text = " ".join(text.split())
    if text and not text.endswith(_ENDS_SENTENCE):
        text += "."
    return text


def name(place: Place) -> str:
    """Return how a section is named when it is announced or referred to: "Chapter 2",
    "Section 2.5 b", "Appendix 3, section 1", "Section 3.2 a, part 1", "Closing section"."""
    section = place.section
    if place.parent is None:
        if section.kind == "chapter" and section.number:
            return f"Chapter {section.number}"
        if section.number:
            return section.number
        return "Closing section" if section.kind == "closing" else "Chapter"
    parent = name(place.parent)
    if not section.number:
        return f"{parent}, part {place.position}"
    if place.parent.parent is None and place.parent.section.kind != "chapter":
        return f"{parent}, section {section.number}"
    if section.level == 3 and place.parent.section.number:
        return f"Section {place.parent.section.number} {section.number}"
    return f"Section {section.number}"


def heading(place: Place) -> str:
    """Return how a section's heading is said: "Chapter 2. Defining co-production."."""
    return sentence(f"{name(place)}. {place.section.title}")


def chapter_label(place: Place) -> str:
    """Return the title of a section's chapter mark: its label, with a letter's parent number
    ("2.5 b) Rewards and risks")."""
    section = place.section
    if section.level == 3 and section.number and place.parent and place.parent.section.number:
        return f"{place.parent.section.number} {section.label}"
    return section.label


def count(number: int, thing: str, plural: str = "") -> str:
    """Return "1 point", "4 points"."""
    return f"{number} {thing if number == 1 else (plural or thing + 's')}"


def duration(seconds: float) -> str:
    """Return a length as said: "about 1 hour and 12 minutes", "about 2 minutes"."""
    minutes = max(1, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"about {count(hours, 'hour')} and {count(minutes, 'minute')}"
    if hours:
        return f"about {count(hours, 'hour')}"
    return f"about {count(minutes, 'minute')}"


def joined(items: list[str], last: str = "and") -> str:
    """Return "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def contents(place: Place) -> str:
    """Return what a section without text of its own holds: "This chapter has 3 sections:
    1.1, Why ...? 1.2, Who ...?" ("" for a section with text or without sub-sections)."""
    section = place.section
    if section.blocks or not section.children:
        return ""
    kind = {"chapter": "chapter", "appendix": "appendix"}.get(section.kind, "section") \
        if place.parent is None else "section"
    child_kind = "section" if all(child.number for child in section.children) else "part"
    listed = [sentence(f"{child.number}, {child.title}" if child.number else child.title)
              for child in section.children]
    return f"This {kind} has {count(len(listed), child_kind)}: " + " ".join(listed)
