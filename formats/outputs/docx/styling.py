"""Small tools that set one thing on a python-docx style: its font, size, spacing, indents,
borders, bold, italics and colour, each written in its schema place (:mod:`.xml`)."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle
from lxml.etree import _Element

from formats.outputs.docx.profile import RULE_COLOUR, DocxProfile
from formats.outputs.docx.xml import BORDERS, P_PR, R_PR, STYLE, child, half_points, remove, twips


def style(doc: DocxDocument, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH,
          based_on: str | None = None, builtin: bool = False) -> CharacterStyle:
    """Return the style ``name`` (any case), added (based on ``based_on`` or Normal) when
    missing: a paragraph, character or table style.

    Raise TypeError when the style of that name is a numbering style, which has no font.
    """
    for existing in doc.styles:
        if existing.name.lower() == name.lower():
            if not isinstance(existing, CharacterStyle):
                raise TypeError(f"the style '{existing.name}' is a numbering style, not one "
                                "with a font")
            return existing
    added = doc.styles.add_style(name, kind, builtin=builtin)
    added.hidden = False
    added.quick_style = kind == WD_STYLE_TYPE.PARAGRAPH and not builtin
    if based_on is not None:
        added.base_style = style(doc, based_on, kind)
    elif kind == WD_STYLE_TYPE.PARAGRAPH:
        added.base_style = style(doc, "Normal")
    return added


def paragraph_style_named(doc: DocxDocument, name: str, based_on: str | None = None,
                          builtin: bool = False) -> ParagraphStyle:
    """Return the paragraph style ``name`` (any case), added as :func:`style` adds it.

    Raise TypeError when the style of that name is not a paragraph style.
    """
    found = style(doc, name, based_on=based_on, builtin=builtin)
    if not isinstance(found, ParagraphStyle):
        raise TypeError(f"the style '{found.name}' is not a paragraph style")
    return found


def ppr(found: BaseStyle) -> _Element:
    """Return the paragraph properties of a style, added when missing."""
    return child(found.element, "pPr", STYLE)


def rpr(found: BaseStyle) -> _Element:
    """Return the run properties of a style, added when missing."""
    return child(found.element, "rPr", STYLE)


def set_font(properties: _Element, font: str) -> None:
    """Name ``font`` for every script in run properties, instead of any theme font."""
    fonts = child(properties, "rFonts", R_PR)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        if qn(f"w:{theme}") in fonts.attrib:
            del fonts.attrib[qn(f"w:{theme}")]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), font)


def set_size(properties: _Element, size: float) -> None:
    """Set the size (points) of run properties, complex scripts included."""
    child(properties, "sz", R_PR, {"w:val": half_points(size)})
    child(properties, "szCs", R_PR, {"w:val": half_points(size)})


def set_spacing(properties: _Element, before: float | None = None, after: float | None = None,
                line: float | None = None) -> None:
    """Set the space before and after (points) and the line spacing (lines) given."""
    attrs: dict[str, str] = {}
    if before is not None:
        attrs["w:before"] = twips(before)
    if after is not None:
        attrs["w:after"] = twips(after)
    if line is not None:
        attrs["w:line"] = str(round(240 * line))
        attrs["w:lineRule"] = "auto"
    child(properties, "spacing", P_PR, attrs)


def run_look(found: CharacterStyle, profile: DocxProfile, size: float, bold: bool | None = None,
             italic: bool | None = None, colour: str | None = None) -> None:
    """Give a style the profile's font at ``size``, and bold, italics and colour when given."""
    properties = rpr(found)
    set_font(properties, profile.font)
    set_size(properties, size)
    for tag, value in (("b", bold), ("i", italic)):
        if value is None:
            continue
        remove(properties, tag, f"{tag}Cs")
        if value:
            child(properties, tag, R_PR)
            child(properties, f"{tag}Cs", R_PR)
        elif found.base_style is not None:
            child(properties, tag, R_PR, {"w:val": "0"})
            child(properties, f"{tag}Cs", R_PR, {"w:val": "0"})
    if colour is not None:
        remove(properties, "color")
        child(properties, "color", R_PR, {"w:val": colour})


def character(doc: DocxDocument, name: str, bold: bool = False, italic: bool = False,
              colour: str | None = None, underline: bool = False) -> None:
    """Set (adding it when missing) the character style ``name`` to exactly this look."""
    found = style(doc, name, kind=WD_STYLE_TYPE.CHARACTER)
    if found.base_style is None and name == "Hyperlink":
        found.priority = 99
        found.unhide_when_used = True
    properties = rpr(found)
    remove(properties, "b", "bCs", "i", "iCs", "u", "color")
    if bold:
        child(properties, "b", R_PR)
        child(properties, "bCs", R_PR)
    if italic:
        child(properties, "i", R_PR)
        child(properties, "iCs", R_PR)
    if colour:
        child(properties, "color", R_PR, {"w:val": colour})
    if underline:
        child(properties, "u", R_PR, {"w:val": "single"})


def indent(found: BaseStyle, left: float = 0, right: float = 0, hanging: float = 0) -> None:
    """Set a style's indents (centimetres), replacing any it had."""
    attrs = {"w:left": cm_twips(left), "w:right": cm_twips(right)}
    indents = child(ppr(found), "ind", P_PR)
    for name in list(indents.attrib):
        del indents.attrib[name]
    if hanging:
        attrs["w:hanging"] = cm_twips(hanging)
    for name, value in attrs.items():
        indents.set(qn(name), value)


def border(found: BaseStyle, sides: tuple[str, ...], size_eighths: int, space: int) -> None:
    """Draw a single rule on the ``sides`` of a paragraph style."""
    borders = child(ppr(found), "pBdr", P_PR)
    for side in sides:
        child(borders, side, BORDERS, {"w:val": "single", "w:sz": str(size_eighths),
                                       "w:space": str(space), "w:color": RULE_COLOUR})


def linked_character_style(doc: DocxDocument, found: BaseStyle) -> CharacterStyle | None:
    """Return the character style linked to a paragraph style ("Heading 1 Char"), or None
    (also when the style it links to is a numbering style)."""
    link = found.element.find(qn("w:link"))
    if link is None:
        return None
    for candidate in doc.styles:
        if candidate.style_id == link.get(qn("w:val")):
            return candidate if isinstance(candidate, CharacterStyle) else None
    return None


def cm_twips(centimetres: float) -> str:
    """Return a length in centimetres as twentieths of a point."""
    return str(round(centimetres / 2.54 * 1440))
