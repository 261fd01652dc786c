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
- ``link-names``: no two links with the same name (their ScreenTip, ``w:tooltip``, else their
  words; any case) go to different places (a bookmark, or a relationship's address): a list
  of the document's links could not tell them apart ("appendix 4" went to four places);
- ``list-styles``: no paragraph starts with a typed bullet or number outside a list style;
- ``contents``: a contents list (a TOC field over heading levels 1-3) lists every section
  heading of levels 1-3 (a heading holding a visible bookmark) at its level, and its entries
  carry page numbers, unless ``w:updateFields`` asks Word to fill them on opening;
- ``contents-pages``: every page number of the contents is the page its heading is on when
  LibreOffice lays the built file out (:mod:`.contents_pages_rule`);
- ``answer-spaces``: every box of empty lines to write in (a block content control) has at least
  ``MIN_ANSWER_LINES`` lines, and the paragraph before it (its question or label) is kept with
  it on its page (``w:keepNext``, its own or its style's);
- ``links-kept``: a paragraph that is only a link right after a table or a box to write in
  ("Back to quiz 4", "Suggested answers to quiz 1") is kept on the page of what it follows:
  the paragraphs of the table's last row, or every line of the box, are kept with the next
  (a "Back to quiz" link had a page of its own);
- ``short-blocks-whole``: every paragraph of a list or a quotation (a List or Quote style) of at
  most ``SHORT_BLOCK_CHARACTERS`` keeps its lines together on one page (``w:keepLines``, its
  own or its style's), as print never splits a short block.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.names import shortened, some
from formats.core.text import SHORT_BLOCK_CHARACTERS
from formats.outputs.docx.contents_pages_rule import contents_pages
from formats.outputs.docx.parts import (
    NS,
    PACKAGE_RELATIONSHIP,
    R_ID,
    READ_ERRORS,
    RELATIONSHIPS,
    SHORT_BLOCK_STYLES,
    Parts,
    contents_entries,
    heading_level,
    paragraph_style,
    read_parts,
    style_names,
    text_of,
    w,
    xpath_texts,
)

DocxRule = tuple[str, Callable[[Parts], list[str]]]
BARE_ADDRESS = re.compile(r"^\s*(https?://|www\.)\S*\s*$", re.I)
VAGUE_LINK = re.compile(r"^\s*(click here|here|click|read more|more|link|this link)\W*$", re.I)
TYPED_LIST = re.compile(r"^\s*([•◦▪‣·*\-–]|\d{1,2}[.)])\s")
TOC_FIELD = re.compile(r"^\s*TOC\b")
TOC_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')
CONTENTS_LEVELS = 3  # every contents list takes headings 1-3 (as the writer's contents.py)
SETTINGS = "word/settings.xml"
MIN_ANSWER_LINES = 4  # lines of a space to write in: large print is written large too
_OFF = ("0", "false", "off")


def docx_rules(path: Path, out_dir: Path, prefix: str = "word",
               extra: Sequence[DocxRule] = (), *, laid_out: bool = True) -> list[RuleResult]:
    """Return the results of the Word rules, and of the ``extra`` rules an edition adds, on one
    .docx, then (unless ``laid_out`` is False: the rules on its XML alone) ``contents-pages``,
    which lays the file out; a file that cannot be read is one failed ``<prefix>/file``
    result."""
    where = path.relative_to(out_dir).as_posix()
    try:
        parts = read_parts(path)
        parts.update(read_settings(path))
    except READ_ERRORS as error:
        return [RuleResult(f"{prefix}/file", where, False,
                           f"{where} cannot be read as a Word document: {error}")]
    return [*(RuleResult.from_problems(f"{prefix}/{name}", where, check(parts), "ok")
              for name, check in (*WORD_RULES, *extra)),
            *([contents_pages(path, where, parts, prefix)] if laid_out else [])]


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
    for (before, _), (level, text) in pairwise(levels):
        if level > before + 1:
            problems.append(f"heading '{text}' (level {level}) skips level {before + 1}")
    return problems


def title(parts: Parts) -> list[str]:
    core = parts.get("docProps/core.xml")
    found = core.findtext("dc:title", namespaces=NS) if core is not None else None
    return [] if found and found.strip() else ["no title in the core properties"]


def language(parts: Parts) -> list[str]:
    found = xpath_texts(parts["word/styles.xml"],
                        "w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
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


def link_names(parts: Parts) -> list[str]:
    """Return each name that links going to different places share, with the places."""
    relationships = parts.get(RELATIONSHIPS)
    addresses = {} if relationships is None else {
        found.get("Id"): found.get("Target", "")
        for found in relationships.iter(PACKAGE_RELATIONSHIP)}
    places: dict[str, dict[str, str]] = {}  # the name as compared -> place -> the name
    for link in parts["word/document.xml"].iter(w("hyperlink")):
        name = " ".join((link.get(w("tooltip")) or text_of(link)).split())
        anchor = link.get(w("anchor"))
        place = anchor if anchor else addresses.get(link.get(R_ID), "")
        if name:
            places.setdefault(name.lower(), {}).setdefault(place, name)
    return [f"links named '{next(iter(found.values()))}' go to {len(found)} places "
            f"({', '.join(found)}): a list of the links cannot tell them apart"
            for found in places.values() if len(found) > 1]


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


def read_settings(path: Path) -> Parts:
    """Return the parsed ``word/settings.xml`` of a .docx by name, or {} when it has none."""
    with zipfile.ZipFile(path) as archive:
        if SETTINGS not in archive.namelist():
            return {}
        return {SETTINGS: etree.fromstring(archive.read(SETTINGS))}


def contents(parts: Parts) -> list[str]:
    """Return what the contents list lacks: the TOC field, levels 1-3, page numbers (or
    ``updateFields``), or the section headings it should list."""
    body = parts["word/document.xml"]
    fields = [code.text or "" for code in body.iter(w("instrText"))
              if TOC_FIELD.match(code.text or "")]
    if not fields:
        return ["the document has no contents list (no TOC field)"]
    problems: list[str] = []
    levels = TOC_LEVELS.search(fields[0])
    if levels is None or int(levels.group(1)) > 1 or int(levels.group(2)) < CONTENTS_LEVELS:
        problems.append(f"the contents field '{fields[0].strip()}' does not take headings of "
                        f"levels 1-{CONTENTS_LEVELS}")
    names = style_names(parts)
    entries = contents_entries(parts)
    unnumbered = [text.split("\t")[0] for _, _, text in entries
                  if not text.rpartition("\t")[2].strip().isdigit()]
    if unnumbered and not update_fields(parts):
        problems.append(f"{len(unnumbered)} of {len(entries)} contents entries have no page "
                        f"number and updateFields is not set: {some(unnumbered)}")
    listed = {anchor: level for level, anchor, _ in entries}
    sections: set[str] = set()
    for paragraph in body.iter(w("p")):
        level = heading_level(paragraph_style(paragraph, names))
        marks = [name for name in xpath_texts(paragraph, "w:bookmarkStart/@w:name")
                 if not name.startswith("_")]
        if level is None or not marks:
            continue
        sections.add(marks[0])
        if level <= CONTENTS_LEVELS and listed.get(marks[0]) != level:
            problems.append(f"heading '{text_of(paragraph)}' (level {level}) is not in the "
                            f"contents at level {level}")
    problems.extend(f"the contents lists '{text.split(chr(9))[0]}', which is not a section's "
                    "heading (block titles are in no contents)"
                    for _, anchor, text in entries if anchor not in sections)
    return problems


def update_fields(parts: Parts) -> bool:
    """Return True when the settings ask Word to update the fields on opening."""
    settings = parts.get(SETTINGS)
    found = settings.find(w("updateFields")) if settings is not None else None
    return found is not None and found.get(w("val"), "true") in ("1", "true", "on")


def answer_spaces(parts: Parts) -> list[str]:
    """Return each space to write in with too few lines, or whose label may end a page
    without it."""
    body = parts["word/document.xml"].find(w("body"))
    problems: list[str] = []
    for control in body.findall(w("sdt")) if body is not None else []:
        content = control.find(w("sdtContent"))
        if content is None:
            continue
        lines = content.findall(w("p"))
        if not lines or len(content) != len(lines) or any(text_of(line).strip()
                                                          for line in lines):
            continue  # not a box of empty lines
        alias = xpath_texts(control, "w:sdtPr/w:alias/@w:val")
        name = f"'{alias[0]}'" if alias else "a space to write in"
        if len(lines) < MIN_ANSWER_LINES:
            problems.append(f"{name} has {len(lines)} line(s) to write on (at least "
                            f"{MIN_ANSWER_LINES})")
        label = control.getprevious()
        if label is None or label.tag != w("p") or not _keeps_with_next(label, parts):
            problems.append(f"{name}: the paragraph before it may end a page without it (no "
                            "keep with next)")
    return problems


def links_kept(parts: Parts) -> list[str]:
    """Return each paragraph that is only a link, right after a table or a box to write in
    that may end a page without it."""
    body = parts["word/document.xml"].find(w("body"))
    problems: list[str] = []
    for block in body if body is not None else []:
        after = block.getnext()
        if block.tag not in (w("tbl"), w("sdt")) or after is None or after.tag != w("p") \
                or not _only_a_link(after):
            continue
        if block.tag == w("tbl"):
            rows = block.findall(w("tr"))
            kept, what = list(rows[-1].iter(w("p"))) if rows else [], "table's last row"
        else:
            kept, what = list(block.iter(w("p"))), "box to write in"
        if not all(_keeps_with_next(paragraph, parts) for paragraph in kept):
            problems.append(f"'{text_of(after).strip()}' (a link after a "
                            f"{'table' if block.tag == w('tbl') else 'box to write in'}) may be "
                            f"left alone on a page: the {what} is not kept with it (no keep "
                            "with next)")
    return problems


def _only_a_link(paragraph: etree._Element) -> bool:
    """Return True when all the paragraph's text is in links."""
    links = "".join(text_of(link) for link in paragraph.findall(w("hyperlink")))
    return bool(links.strip()) and links.strip() == text_of(paragraph).strip()


def short_blocks_whole(parts: Parts) -> list[str]:
    """Return each short paragraph of a list or a quotation that may be split across pages (no
    ``w:keepLines``, its own or its style's)."""
    names = style_names(parts)
    problems = []
    for paragraph in parts["word/document.xml"].iter(w("p")):
        style = paragraph_style(paragraph, names)
        words = text_of(paragraph).strip()
        if style.startswith(SHORT_BLOCK_STYLES) and 0 < len(words) <= SHORT_BLOCK_CHARACTERS \
                and not _keeps(paragraph, parts, "keepLines"):
            problems.append(f"'{shortened(words)}' ({style}, {len(words)} characters) may be "
                            "split across pages (no keep lines together)")
    return problems


def _keeps_with_next(paragraph: etree._Element, parts: Parts) -> bool:
    """Return True when a paragraph is kept with the next: its own ``w:keepNext``, else its
    style's (or the style it is based on)."""
    return _keeps(paragraph, parts, "keepNext")


def _keeps(paragraph: etree._Element, parts: Parts, setting: str) -> bool:
    """Return True when the paragraph's own ``setting`` (``keepNext``, ``keepLines``) is on,
    else its style's (or that of the style it is based on)."""
    own = paragraph.find(f"{w('pPr')}/{w(setting)}")
    if own is not None:
        return own.get(w("val"), "true") not in _OFF
    styles = {style.get(w("styleId")): style
              for style in parts["word/styles.xml"].findall(w("style"))}
    found = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    style_id = found.get(w("val")) if found is not None else None
    for _ in range(10):  # a chain of basedOn, at most this long
        style = styles.get(style_id)
        if style is None:
            return False
        keep = style.find(f"{w('pPr')}/{w(setting)}")
        if keep is not None:
            return keep.get(w("val"), "true") not in _OFF
        based = style.find(w("basedOn"))
        style_id = based.get(w("val")) if based is not None else None
    return False


WORD_RULES: tuple[tuple[str, Callable[[Parts], list[str]]], ...] = (
    ("heading-styles", heading_styles), ("title", title), ("language", language),
    ("alt-text", alt_text), ("table-header", table_header), ("link-text", link_text),
    ("link-names", link_names), ("list-styles", list_styles), ("contents", contents),
    ("answer-spaces", answer_spaces), ("links-kept", links_kept),
    ("short-blocks-whole", short_blocks_whole))


