"""``word/running-chapter``: across a long Word document the header says which chapter each page
is in (a large-print reader had "All together now (large print)" on every page), as the PDFs'
running headers do (``pdf/running-chapter``).

Read from the package's XML (:mod:`.parts`), never through the writer: the body's page sections
(each ends at a ``w:sectPr``, in a paragraph or at the end of the body) that hold a chapter
heading (a section heading, in a built-in Heading style with a visible bookmark, at the top
level of those) have a header (their own or the one they take over from the section before)
with a ``STYLEREF`` field of the chapters' heading style, whose result, what a program that does
not update fields shows, is the section's first chapter heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.names import some
from formats.outputs.docx.parts import (
    PACKAGE_RELATIONSHIP,
    R_ID,
    READ_ERRORS,
    RELATIONSHIPS,
    Parts,
    heading_level,
    read_parts,
    style_names,
    w,
)
from formats.outputs.docx.reader import (
    paragraph_text,
    paragraphs_in_order,
    section_bookmark,
    style_id,
)

RULE = "word/running-chapter"
STYLEREF = re.compile(r'^\s*STYLEREF\s+(?:"([^"]*)"|(\S+))')


@dataclass
class PageSection:
    """A page section of the body: its properties and the chapter headings in it (words)."""

    properties: etree._Element | None = None
    chapters: list[str] = field(default_factory=list)


def running_chapter(path: Path, output: str) -> RuleResult:
    """Return ``word/running-chapter`` for the .docx at ``path`` (the ``output`` it is)."""
    where = f"{path.name} ({output})"
    try:
        parts = read_parts(path)
    except READ_ERRORS as error:
        return RuleResult(RULE, where, False, f"{path.name} cannot be read as a Word document: "
                                              f"{error}")
    problems, checked = header_problems(parts, output)
    if problems:
        return RuleResult(RULE, where, False, some(problems))
    return RuleResult(RULE, where, True, f"the header of each of the {checked} page section(s) "
                                         "of the chapters names the chapter (a STYLEREF field)")


def header_problems(parts: Parts, output: str) -> tuple[list[str], int]:
    """Return what is wrong with the chapters' headers of a .docx, and how many page sections
    hold chapters."""
    style, sections = chapter_sections(parts)
    if not sections:
        return [f"{output} has no chapter headings (a Heading style holding a bookmark)"], 0
    targets = header_targets(parts)
    unnamed: list[str] = []
    problems: list[str] = []
    header: etree._Element | None = None
    for section in sections:  # a section without a header of its own shows the one before's
        own = own_header(section.properties, targets, parts)
        header = own if own is not None else header
        if not section.chapters:
            continue
        fields = list(styleref_fields(header))
        if not fields:
            unnamed.append(f"'{section.chapters[0]}'")
        for name, result in fields:
            if name.lower() != style.lower():
                problems.append(f"the header's STYLEREF names '{shown(name)}', but the chapters "
                                f"are in '{shown(style)}'")
            elif " ".join(result.split()) != section.chapters[0]:
                problems.append(f"the header of the pages of '{section.chapters[0]}' shows "
                                f"'{result}' until its STYLEREF field is updated")
    chapters = [section for section in sections if section.chapters]
    if unnamed and len(unnamed) == len(chapters):
        problems.insert(0, f"the header of {output} names no chapter (no STYLEREF field)")
    elif unnamed:
        problems.insert(0, f"the header of {output} names no chapter (no STYLEREF field) on "
                           f"the pages of {some(unnamed, ', ')}")
    return list(dict.fromkeys(problems)), len(chapters)


def chapter_sections(parts: Parts) -> tuple[str, list[PageSection]]:
    """Return the name of the chapters' heading style and the body's page sections in order,
    each with the words of the chapter headings in it (no sections when there is no chapter)."""
    names = style_names(parts)
    body = parts["word/document.xml"].find(w("body"))
    if body is None:
        return "", []
    headings: list[tuple[int, str, str, etree._Element]] = []
    for paragraph in paragraphs_in_order(body):
        name = names.get(style_id(paragraph) or "", "")
        level = heading_level(name)
        if level is not None and section_bookmark(paragraph) is not None:
            headings.append((level, name, " ".join(paragraph_text(paragraph).split()), paragraph))
    if not headings:
        return "", []
    top = min(level for level, *_ in headings)
    chapters = {id(paragraph): words for level, _, words, paragraph in headings if level == top}
    style = next(name for level, name, *_ in headings if level == top)
    sections = [PageSection()]
    for paragraph in paragraphs_in_order(body):
        if id(paragraph) in chapters:
            sections[-1].chapters.append(chapters[id(paragraph)])
        ends = paragraph.find(f"{w('pPr')}/{w('sectPr')}")
        if ends is not None:
            sections[-1].properties = ends
            sections.append(PageSection())
    sections[-1].properties = body.find(w("sectPr"))
    return style, sections


def header_targets(parts: Parts) -> dict[str, str]:
    """Return the part name of each header or footer by its relationship id."""
    relationships = parts.get(RELATIONSHIPS)
    if relationships is None:
        return {}
    return {link.get("Id", ""): f"word/{link.get('Target', '').removeprefix('/word/')}"
            for link in relationships.iter(PACKAGE_RELATIONSHIP)}


def own_header(properties: etree._Element | None, targets: dict[str, str],
               parts: Parts) -> etree._Element | None:
    """Return the default header a page section names itself, or None (it shows the one of the
    section before)."""
    if properties is None:
        return None
    for reference in properties.findall(w("headerReference")):
        if reference.get(w("type"), "default") == "default":
            return parts.get(targets.get(reference.get(R_ID, ""), ""))
    return None


def styleref_fields(header: etree._Element | None) -> Iterator[tuple[str, str]]:
    """Yield (style, result) of each STYLEREF field in a header: a number N is "heading N"."""
    for instruction, result in fields_of(header):
        match = STYLEREF.match(instruction)
        if match is not None:
            name = match.group(1) if match.group(1) is not None else match.group(2)
            yield (f"heading {name}" if name.isdigit() else name), result


def fields_of(root: etree._Element | None) -> Iterator[tuple[str, str]]:
    """Yield (instruction, result) of each field under ``root``: complex ones (``w:fldChar``
    begin, ``w:instrText``, separate, result, end; nested ones too) and simple ones
    (``w:fldSimple``)."""
    if root is None:
        return
    open_fields: list[list[str]] = []  # each: instruction, result, "code" or "result"
    for node in root.iter(w("fldChar"), w("instrText"), w("t"), w("fldSimple")):
        if node.tag == w("fldSimple"):
            yield node.get(w("instr"), ""), "".join(text.text or "" for text in node.iter(w("t")))
        elif node.tag == w("fldChar"):
            kind = node.get(w("fldCharType"))
            if kind == "begin":
                open_fields.append(["", "", "code"])
            elif kind == "separate" and open_fields:
                open_fields[-1][2] = "result"
            elif kind == "end" and open_fields:
                instruction, result, _ = open_fields.pop()
                yield instruction, result
        elif open_fields and node.tag == w("instrText") and open_fields[-1][2] == "code":
            open_fields[-1][0] += node.text or ""
        elif open_fields and node.tag == w("t") and open_fields[-1][2] == "result" and \
                not _in_simple_field(node):
            open_fields[-1][1] += node.text or ""


def _in_simple_field(node: etree._Element) -> bool:
    """Return True for the text of a run of a simple field (read with its field)."""
    run = node.getparent()
    holder = run.getparent() if run is not None else None
    return holder is not None and holder.tag == w("fldSimple")


def shown(style: str) -> str:
    """Return a style's name as Word shows it: "Heading 1" for the built-in "heading 1"."""
    level = heading_level(style)
    return f"Heading {level}" if level is not None else style
