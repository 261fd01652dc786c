"""Conformance rules of a built .docx: the Word section of the project's standards, and the
large print rules where a Word document is large print. Each reads the file's XML.

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

Large print rules (``<prefix>/min-size``, ``no-italics``, ``line-spacing``, ``margins``,
``sans-serif``, ``left-aligned``), from :data:`formats.word_styles.LARGE_PRINT`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

from lxml import etree

from formats.readback import RuleResult
from formats.word_styles import LARGE_PRINT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "dc": "http://purl.org/dc/elements/1.1/",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
BARE_ADDRESS = re.compile(r"^\s*(https?://|www\.)\S*\s*$", re.I)
VAGUE_LINK = re.compile(r"^\s*(click here|here|click|read more|more|link|this link)\W*$", re.I)
TYPED_LIST = re.compile(r"^\s*([•◦▪‣·*\-–]|\d{1,2}[.)])\s")
SANS_SERIF = {"Arial", "Liberation Sans", "Atkinson Hyperlegible", "Helvetica", "Verdana",
              "Tahoma", "Calibri", "Segoe UI", "Open Sans", "DejaVu Sans"}
SHOWN = 3  # examples named in a failed rule's message

Parts = dict[str, etree._Element]


def docx_rules(path: Path, out_dir: Path, prefix: str = "word",
               large_print: bool = False) -> list[RuleResult]:
    """Return the results of the Word rules (and the large print rules) on one .docx."""
    where = path.relative_to(out_dir).as_posix()
    try:
        parts = read_parts(path)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as error:
        return [RuleResult(f"{prefix}/file", where, False,
                           f"{where} cannot be read as a Word document: {error}")]
    checks: list[tuple[str, Callable[[Parts], list[str]]]] = list(WORD_RULES)
    if large_print:
        checks.extend(LARGE_PRINT_RULES)
    results = []
    for name, check in checks:
        problems = check(parts)
        message = "; ".join(problems[:SHOWN]) + (
            f" and {len(problems) - SHOWN} more" if len(problems) > SHOWN else "")
        results.append(RuleResult(f"{prefix}/{name}", where, not problems,
                                  message if problems else "ok"))
    return results


def read_parts(path: Path) -> Parts:
    """Return the parsed XML parts of a .docx that the rules read, by name."""
    parts: Parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if re.fullmatch(r"word/(document|styles|numbering|header\d*|footer\d*)\.xml|"
                            r"docProps/core\.xml", name):
                parts[name] = etree.fromstring(archive.read(name))
    if "word/document.xml" not in parts or "word/styles.xml" not in parts:
        raise KeyError("word/document.xml or word/styles.xml")
    return parts


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _text(node: etree._Element) -> str:
    return "".join(node.xpath(".//w:t/text()", namespaces=NS))


def _style_names(parts: Parts) -> dict[str, str]:
    return {style.get(_w("styleId")): style.find(_w("name")).get(_w("val"))
            for style in parts["word/styles.xml"].findall(_w("style"))
            if style.find(_w("name")) is not None}


def _paragraph_style(paragraph: etree._Element, names: dict[str, str]) -> str:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return names.get(style.get(_w("val")), "") if style is not None else "Normal"


def _heading_level(name: str) -> int | None:
    match = re.fullmatch(r"heading ([1-9])", name.lower())
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------------------------------------
# Word rules


def heading_styles(parts: Parts) -> list[str]:
    """Return the headings out of order: the first not at level 1, or one skipping a level."""
    names = _style_names(parts)
    levels = [(level, _text(p)) for p in parts["word/document.xml"].iter(_w("p"))
              if (level := _heading_level(_paragraph_style(p, names))) is not None]
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
    for number, table in enumerate(parts["word/document.xml"].iter(_w("tbl")), start=1):
        rows = table.findall(_w("tr"))
        first = " | ".join(_text(cell) for cell in rows[0].findall(_w("tc"))) if rows else ""
        if not rows or rows[0].find(f"{_w('trPr')}/{_w('tblHeader')}") is None:
            problems.append(f"table {number} ('{first[:60]}') has no repeating header row")
        look = table.find(f"{_w('tblPr')}/{_w('tblLook')}")
        if look is None or look.get(_w("firstRow")) not in ("1", "true", "on"):
            problems.append(f"table {number} ('{first[:60]}') has no tblLook firstRow")
    return problems


def link_text(parts: Parts) -> list[str]:
    problems = []
    for link in parts["word/document.xml"].iter(_w("hyperlink")):
        text = _text(link)
        if not text.strip():
            problems.append("a link has no text")
        elif BARE_ADDRESS.match(text):
            problems.append(f"link text '{text.strip()}' is a bare address")
        elif VAGUE_LINK.match(text):
            problems.append(f"link text '{text.strip()}' does not say where it goes")
    return problems


def list_styles(parts: Parts) -> list[str]:
    names = _style_names(parts)
    problems = []
    for paragraph in parts["word/document.xml"].iter(_w("p")):
        style = _paragraph_style(paragraph, names)
        if style.lower().startswith(("heading", "list", "toc", "title")) or \
                paragraph.find(f"{_w('pPr')}/{_w('numPr')}") is not None:
            continue
        text = _text(paragraph)
        if TYPED_LIST.match(text) and style in ("Normal", "", "List Paragraph", "Body Text"):
            problems.append(f"'{text[:40]}' is a typed list item (style {style or 'Normal'})")
    return problems


WORD_RULES: tuple[tuple[str, Callable[[Parts], list[str]]], ...] = (
    ("heading-styles", heading_styles), ("title", title), ("language", language),
    ("alt-text", alt_text), ("table-header", table_header), ("link-text", link_text),
    ("list-styles", list_styles))


# ---------------------------------------------------------------------------------------------
# Large print rules


def _run_properties(parts: Parts) -> list[etree._Element]:
    return [properties for name, root in parts.items() if name.startswith("word/")
            for properties in root.iter(_w("rPr"))]


def min_size(parts: Parts) -> list[str]:
    least = LARGE_PRINT.minimum_size or 0
    problems = []
    for properties in _run_properties(parts):
        for size in properties:
            if size.tag in (_w("sz"), _w("szCs")) and int(size.get(_w("val"), "0")) < least * 2:
                owner = properties.getparent()
                problems.append(f"{int(size.get(_w('val'))) / 2:g}pt in {_owner(owner)}")
    return sorted(set(problems))


def no_italics(parts: Parts) -> list[str]:
    problems = []
    for properties in _run_properties(parts):
        for flag in properties:
            if flag.tag in (_w("i"), _w("iCs")) and \
                    flag.get(_w("val"), "1") not in ("0", "false", "off"):
                problems.append(f"italics in {_owner(properties.getparent())}")
    return sorted(set(problems))


def line_spacing(parts: Parts) -> list[str]:
    wanted = str(round(240 * LARGE_PRINT.line_spacing))
    problems = []
    for spacing in parts["word/styles.xml"].iter(_w("spacing")):
        line = spacing.get(_w("line"))
        if line is not None and spacing.getparent().tag == _w("pPr") and (
                line != wanted or spacing.get(_w("lineRule"), "auto") != "auto"):
            problems.append(f"line spacing {int(line) / 240:g} in "
                            f"{_owner(spacing.getparent().getparent())}")
    defaults = parts["word/styles.xml"].xpath(
        "w:docDefaults/w:pPrDefault/w:pPr/w:spacing/@w:line", namespaces=NS)
    if defaults != [wanted]:
        problems.append("the default line spacing is not 1.5")
    return sorted(set(problems))


def margins(parts: Parts) -> list[str]:
    least = round(2 / 2.54 * 1440)  # 2 cm in twentieths of a point
    problems = []
    for margin in parts["word/document.xml"].iter(_w("pgMar")):
        for side in ("top", "bottom", "left", "right"):
            if int(margin.get(_w(side), "0")) < least:
                problems.append(f"the {side} margin is "
                                f"{int(margin.get(_w(side), '0')) / 1440 * 2.54:.1f} cm")
    return problems


def sans_serif(parts: Parts) -> list[str]:
    problems = []
    for fonts in parts["word/styles.xml"].iter(_w("rFonts")):
        font = fonts.get(_w("ascii"))
        if font is None and fonts.get(_w("asciiTheme")):
            problems.append(f"a theme font in {_owner(fonts.getparent().getparent())}")
        elif font is not None and font not in SANS_SERIF:
            problems.append(f"{font} in {_owner(fonts.getparent().getparent())}")
    return sorted(set(problems))


def left_aligned(parts: Parts) -> list[str]:
    return sorted({f"justified text in {_owner(jc.getparent().getparent())}"
                   for root in parts.values() for jc in root.iter(_w("jc"))
                   if jc.get(_w("val")) in ("both", "distribute")})


def _owner(node: etree._Element | None) -> str:
    """Return what a property belongs to: "style Quote", "the style defaults", "the text"."""
    while node is not None:
        if node.tag == _w("style"):
            name = node.find(_w("name"))
            return f"style {name.get(_w('val')) if name is not None else node.get(_w('styleId'))}"
        if node.tag == _w("docDefaults"):
            return "the style defaults"
        if node.tag == _w("abstractNum"):
            return "a list numbering"
        node = node.getparent()
    return "the text"


LARGE_PRINT_RULES: tuple[tuple[str, Callable[[Parts], list[str]]], ...] = (
    ("min-size", min_size), ("no-italics", no_italics), ("line-spacing", line_spacing),
    ("margins", margins), ("sans-serif", sans_serif), ("left-aligned", left_aligned))
