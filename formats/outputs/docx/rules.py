"""Conformance rules of a built .docx: the Word section of the project's standards. Each reads
the file's XML (:mod:`formats.outputs.docx.parts`); an edition may add rules of its own.

Word rules (``<prefix>/...``, e.g. ``word/heading-styles``):

- ``heading-styles``: headings use the built-in Heading 1-9 styles, start at level 1 and skip
  no level;
- ``title``: the document title is in the core properties;
- ``language``: the style defaults say the document language (``w:docDefaults``, ``w:lang``);
- ``alt-text``: every picture has alt text in ``wp:docPr/@descr``, and no ``title``;
- ``table-header``: every table has a repeating header row (``w:tblHeader``) and
  ``w:tblLook firstRow="1"``;
- ``link-text``: no link text is a bare address or "click here";
- ``list-styles``: no paragraph starts with a typed bullet or number outside a list style.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Sequence

from formats.core.contract import RuleResult
from formats.outputs.docx.parts import (
    NS, READ_ERRORS, Parts, heading_level, paragraph_style, read_parts, style_names, text_of, w,
)

DocxRule = tuple[str, Callable[[Parts], list[str]]]
BARE_ADDRESS = re.compile(r"^\s*(https?://|www\.)\S*\s*$", re.I)
VAGUE_LINK = re.compile(r"^\s*(click here|here|click|read more|more|link|this link)\W*$", re.I)
TYPED_LIST = re.compile(r"^\s*([•◦▪‣·*\-–]|\d{1,2}[.)])\s")


def docx_rules(path: Path, out_dir: Path, prefix: str = "word",
               extra: Sequence[DocxRule] = ()) -> list[RuleResult]:
    """Return the results of the Word rules, and of the ``extra`` rules an edition adds, on one
    .docx; a file that cannot be read is one failed ``<prefix>/file`` result."""
    where = path.relative_to(out_dir).as_posix()
    try:
        parts = read_parts(path)
    except READ_ERRORS as error:
        return [RuleResult(f"{prefix}/file", where, False,
                           f"{where} cannot be read as a Word document: {error}")]
    return [RuleResult.from_problems(f"{prefix}/{name}", where, check(parts), "ok")
            for name, check in (*WORD_RULES, *extra)]


# ---------------------------------------------------------------------------------------------
# Word rules


def heading_styles(parts: Parts) -> list[str]:
    """Return the headings out of order: the first not at level 1, or one skipping a level."""
    names = style_names(parts)
    levels = [(level, text_of(p)) for p in parts["word/document.xml"].iter(w("p"))
              if (level := heading_level(paragraph_style(p, names))) is not None]
    if not levels:
        return ["no paragraph uses a built-in Heading style"]
    problems = [] if levels[0][0] == 1 else [
        f"the first heading '{levels[0][1]}' is at level {levels[0][0]}, not 1"]
    for (before, _), (level, text) in zip(levels, levels[1:]):
        if level > before + 1:
            problems.append(f"heading '{text}' (level {level}) skips level {before + 1}")
    return problems


def title(parts: Parts) -> list[str]:
    core = parts.get("docProps/core.xml")
    found = core.findtext("dc:title", namespaces=NS) if core is not None else None
    return [] if found and found.strip() else ["no title in the core properties"]


def language(parts: Parts) -> list[str]:
    found = parts["word/styles.xml"].xpath(
        "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS)
    if found == ["en-GB"]:
        return []
    return [f"the style defaults say the language is {found[0] if found else 'nothing'}, "
            "not en-GB"]


def alt_text(parts: Parts) -> list[str]:
    problems = []
    for picture in parts["word/document.xml"].iter(f"{{{NS['wp']}}}docPr"):
        name = picture.get("name", "a picture")
        if not (picture.get("descr") or "").strip():
            problems.append(f"{name} has no alt text (descr)")
        if picture.get("title"):
            problems.append(f"{name} has a title as well as a description")
    return problems


def table_header(parts: Parts) -> list[str]:
    problems = []
    for number, table in enumerate(parts["word/document.xml"].iter(w("tbl")), start=1):
        rows = table.findall(w("tr"))
        first = " | ".join(text_of(cell) for cell in rows[0].findall(w("tc"))) if rows else ""
        if not rows or rows[0].find(f"{w('trPr')}/{w('tblHeader')}") is None:
            problems.append(f"table {number} ('{first[:60]}') has no repeating header row")
        look = table.find(f"{w('tblPr')}/{w('tblLook')}")
        if look is None or look.get(w("firstRow")) not in ("1", "true", "on"):
            problems.append(f"table {number} ('{first[:60]}') has no tblLook firstRow")
    return problems


def link_text(parts: Parts) -> list[str]:
    problems = []
    for link in parts["word/document.xml"].iter(w("hyperlink")):
        text = text_of(link)
        if not text.strip():
            problems.append("a link has no text")
        elif BARE_ADDRESS.match(text):
            problems.append(f"link text '{text.strip()}' is a bare address")
        elif VAGUE_LINK.match(text):
            problems.append(f"link text '{text.strip()}' does not say where it goes")
    return problems


def list_styles(parts: Parts) -> list[str]:
    names = style_names(parts)
    problems = []
    for paragraph in parts["word/document.xml"].iter(w("p")):
        style = paragraph_style(paragraph, names)
        if style.lower().startswith(("heading", "list", "toc", "title")) or \
                paragraph.find(f"{w('pPr')}/{w('numPr')}") is not None:
            continue
        text = text_of(paragraph)
        if TYPED_LIST.match(text) and style in ("Normal", "", "List Paragraph", "Body Text"):
            problems.append(f"'{text[:40]}' is a typed list item (style {style or 'Normal'})")
    return problems


WORD_RULES: tuple[tuple[str, Callable[[Parts], list[str]]], ...] = (
    ("heading-styles", heading_styles), ("title", title), ("language", language),
    ("alt-text", alt_text), ("table-header", table_header), ("link-text", link_text),
    ("list-styles", list_styles))


