"""Chapter files into sections: the front matter, headings and their ids, section numbers.

A chapter file starts with front matter (id, title, kind). Its ``##`` headings open sections,
``###`` and ``####`` sub-sections; every heading ends with its ``{#id}``. Chapters are numbered
1, 2, ...; appendices "Appendix 1", ...; sections inside a chapter 2.1, 2.2, ... and their
sub-sections a, b, ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.blocks import BlockContext
from formats.core.load.files import read_front_matter, read_text
from formats.core.load.markdown import first_line, parse_blocks, typeset
from formats.core.load.references import claim_id, split_id
from formats.core.load.state import LoadState
from formats.core.model import Block, Location, ReviewNote, Section, SectionKind

SECTION_KINDS = ("chapter", "appendix", "closing")
SUB_SECTION_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class SectionBuilder:
    """A section while its file is read: blocks, sub-sections and review notes are added to
    it in order, then :func:`finish` makes it a :class:`Section`."""

    id: str
    title: str
    level: int
    kind: SectionKind
    number: str
    location: Location
    blocks: list[Block] = field(default_factory=list)
    children: list[SectionBuilder] = field(default_factory=list)
    reviews: list[ReviewNote] = field(default_factory=list)


def read_chapters(state: LoadState, names: list[str], listed_at: Location) -> list[Section]:
    """Return the chapters of the files ``names`` (in ``chapters/``), numbered in order.

    ``listed_at`` is where the first name is listed: a missing file is a problem there (or on
    the lines after it).
    """
    chapters: list[Section] = []
    chapter_count = appendix_count = 0
    for index, name in enumerate(names):
        path = state.source_dir / "chapters" / name
        if not path.is_file():
            state.problems.add(Location(listed_at.path, listed_at.line + index),
                               f"chapter file 'chapters/{name}' does not exist")
            continue
        chapter = read_chapter(state, path, chapter_count, appendix_count)
        if chapter is not None:
            chapters.append(chapter)
            if chapter.kind == "chapter":
                chapter_count += 1
            elif chapter.kind == "appendix":
                appendix_count += 1
    return chapters


def read_chapter(state: LoadState, path: Path, chapters_before: int,
                 appendices_before: int) -> Section | None:
    """Return the chapter in the file at ``path``; None when it cannot be read or its front
    matter is missing or wrong (with problems, except for empty front matter)."""
    text = read_text(state, path)
    if text is None:
        return None
    nodes = parse_blocks(text)
    front = read_front_matter(state, path, nodes)
    if front is None:
        return None
    for name in ("id", "title", "kind"):
        if not front.get(name):
            state.problems.add(state.at(path), f"missing metadata field '{name}'")
    kind = front.get("kind")
    if kind and kind not in SECTION_KINDS:
        state.problems.add(state.at(path), f"unknown section kind '{kind}' (expected one of: "
                                           f"{', '.join(SECTION_KINDS)})")
        return None
    if not (front.get("id") and front.get("title") and kind):
        return None
    chapter_id = str(front["id"])
    location = state.at(path, 2)
    claim_id(state, chapter_id, location)
    number = chapter_number(kind, chapters_before, appendices_before)
    chapter = SectionBuilder(chapter_id, typeset(str(front["title"])), 1, kind, number, location)
    numbered_sections = kind == "chapter" or bool(front.get("numbered-sections"))
    open_sections = [chapter]
    for node in nodes[1:]:
        if node.type == "heading":
            _open_section(state, path, node, open_sections, numbered_sections)
        else:
            here = open_sections[-1]
            here.blocks.extend(BlockContext(state, path, here).blocks(node))
    return finish(state, chapter)


def chapter_number(kind: SectionKind, chapters_before: int, appendices_before: int) -> str:
    """Return the number of a chapter ("3"), an appendix ("Appendix 2") or a closing ("")."""
    if kind == "chapter":
        return str(chapters_before + 1)
    if kind == "appendix":
        return f"Appendix {appendices_before + 1}"
    return ""


def _open_section(state: LoadState, path: Path, node: SyntaxTreeNode,
                  open_sections: list[SectionBuilder], numbered: bool) -> None:
    """Open the section of a heading inside the open section one level up; the sections it
    closes are popped from ``open_sections``. A heading of the wrong level or without a
    usable id is a problem, and opens nothing."""
    level = int(node.tag[1])
    location = state.at(path, first_line(node))
    if level == 1 or level > 4:
        state.problems.add(location, f"heading level {level} is not allowed: use ## for "
                                     "sections, ### and #### below them")
        return
    while open_sections[-1].level >= level:
        open_sections.pop()
    parent = open_sections[-1]
    if level > parent.level + 1:
        state.problems.add(location, f"heading level {level} comes after level {parent.level}: "
                                     "a level is skipped")
        return
    title, heading_id = split_id(node.children[0].content)
    if heading_id is None:
        state.problems.add(location, f"heading '{title}' has no id: end it with {{#some-id}}")
        return
    if not claim_id(state, heading_id, location):
        return
    child = SectionBuilder(heading_id, typeset(title), level, "section",
                           section_number(parent, level, numbered), location)
    parent.children.append(child)
    open_sections.append(child)


def section_number(parent: SectionBuilder, level: int, numbered: bool) -> str:
    """Return the number of the next section under ``parent``: "2.3" in a chapter, "3" in
    another part when ``numbered``, "c" under a numbered section, else ""."""
    position = len(parent.children) + 1
    if level == 2:
        if parent.kind == "chapter":
            return f"{parent.number}.{position}"
        return str(position) if numbered else ""
    if level == 3 and numbered and parent.number and "." in parent.number:
        return SUB_SECTION_LETTERS[position - 1]
    return ""


def finish(state: LoadState, builder: SectionBuilder) -> Section:
    """Return the section built; a section with neither blocks nor sub-sections is a problem."""
    children = tuple(finish(state, child) for child in builder.children)
    if not builder.blocks and not builder.children:
        state.problems.add(builder.location, f"section '{builder.id}' is empty: give it some "
                                             "text or sub-sections")
    return Section(builder.id, builder.title, builder.level, builder.kind, builder.number,
                   tuple(builder.blocks), children, builder.location, tuple(builder.reviews))
