"""The look of a Word edition: its profile (sizes, spacing, margins) and the styles it sets.

The standard look lives in ``formats/templates/word/reference.docx``, made by
``tools/make_reference_docx.py`` with :func:`apply_profile` and :data:`STANDARD`. A partner can
restyle the standard Word edition by editing the styles of that file in Word (Home > Styles >
Modify) and saving it: the build uses its styles as they are. An edition whose sizes are rules,
not taste (large print), has a profile with ``restyle=True``, applied over the reference at
every build.

Font: Arial in both profiles. A .docx names its fonts but python-docx cannot embed them, so a
reader's Word uses what is installed: Atkinson Hyperlegible (the large print PDF's face) is on
few computers, and a missing font is replaced by whatever Word picks, often a serif face. Arial
is on every Windows and Mac computer with Word, and LibreOffice replaces it with the
metric-compatible Liberation Sans; both are sans-serif with clear letter shapes, as the large
print rules ask.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.styles.style import BaseStyle
from lxml.etree import _Element

from formats.outputs.docx.xml import (
    BORDERS, P_PR, R_PR, STYLE, TBL_BORDERS, TBL_PR, TBL_STYLE_PR, TC_PR, child, element,
    half_points, remove, twips,
)

HEADING_COLOUR = "1F3864"  # dark blue: contrast 11.9:1 on white
TEXT_COLOUR = "000000"
QUIET_COLOUR = "404040"  # headers, footers, subtitle: 10.4:1
LINK_COLOUR = "0563C1"  # Word's own link blue: 6.1:1
RULE_COLOUR = "595959"  # borders of tables and answer spaces
HEADER_FILL = "E7E6E6"  # the header row of tables (black text on it: 16.4:1)

# Styles made for the toolkit (besides Word's built-in ones), by name.
CHECKLIST = "Checklist"
QUOTE_SOURCE = "Quote Source"
FORM_QUESTION = "Form Question"
ANSWER_SPACE = "Answer Space"
GLOSSARY_TERM = "Glossary Term"
GLOSSARY_DEFINITION = "Glossary Definition"
TABLE_TEXT = "Table Text"
TABLE_STYLE = "Toolkit Table"
LIST_LEVELS = 3  # List Bullet, List Bullet 2, List Bullet 3 (and List Number, List Continue)


@dataclass(frozen=True)
class DocxProfile:
    """How a Word edition looks: sizes in points, margins in centimetres.

    ``restyle`` applies the profile over the reference document's styles at every build
    (otherwise the reference's styles are used as they are). ``minimum_size`` is raised to in
    every style when set; ``italics`` False turns emphasis into bold and removes italics from
    every style. ``tables_as_lists_from``: tables with this many columns or more are written as
    "label: value" lines (None: never).
    """

    name: str
    font: str
    body_size: float
    heading_sizes: tuple[float, float, float, float, float, float]
    title_size: float
    subtitle_size: float
    small_size: float
    line_spacing: float
    space_after: float
    margin_cm: float
    list_indent_cm: float
    italics: bool
    tables_as_lists_from: int | None
    restyle: bool
    edition_label: str
    minimum_size: float | None = None

    @property
    def caption_size(self) -> float:
        """Return the size of captions: a point below the body, never below ``small_size``."""
        return max(self.small_size, self.body_size - 1)


STANDARD = DocxProfile(
    name="standard", font="Arial", body_size=12, heading_sizes=(20, 16, 14, 13, 12, 12),
    title_size=28, subtitle_size=16, small_size=10, line_spacing=1.15, space_after=8,
    margin_cm=2.54, list_indent_cm=0.75, italics=True, tables_as_lists_from=None, restyle=False,
    edition_label="")

def apply_profile(doc: DocxDocument, profile: DocxProfile) -> None:
    """Set the page, defaults and every style the Word writer uses from ``profile``.

    Styles the writer needs but the document lacks are added. With ``minimum_size`` or without
    ``italics``, every other style of the document is brought into line too.
    """
    _page(doc, profile)
    _defaults(doc, profile)
    _text_styles(doc, profile)
    _heading_styles(doc, profile)
    _list_styles(doc, profile)
    _contents_styles(doc, profile)
    _toolkit_styles(doc, profile)
    _table_style(doc, profile)
    _replace_theme_fonts(doc, profile.font)
    if not profile.italics:
        _remove_italics(doc)
    if profile.minimum_size is not None:
        _enforce_minimum(doc, profile)


def ensure_styles(doc: DocxDocument) -> None:
    """Add the toolkit's own styles to a reference document that lacks them (from STANDARD).

    A partner's restyled reference keeps its styles; only missing ones are added.
    """
    names = {style.name for style in doc.styles}
    wanted = (CHECKLIST, QUOTE_SOURCE, FORM_QUESTION, ANSWER_SPACE, GLOSSARY_TERM,
              GLOSSARY_DEFINITION, TABLE_TEXT, TABLE_STYLE, "Hyperlink", "toc 1")
    if any(name not in names for name in wanted):
        _contents_styles(doc, STANDARD, only_missing=True)
        _toolkit_styles(doc, STANDARD, only_missing=True)
        _table_style(doc, STANDARD, only_missing=True)


# ---------------------------------------------------------------------------------------------
# Page and defaults


def _page(doc: DocxDocument, profile: DocxProfile) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Cm(profile.margin_cm))
        section.header_distance = section.footer_distance = Cm(1.25)


def _defaults(doc: DocxDocument, profile: DocxProfile) -> None:
    defaults = child(doc.styles.element, "docDefaults", ("docDefaults", "latentStyles", "style"))
    run_defaults = child(child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ())
    _set_font(run_defaults, profile.font)
    _set_size(run_defaults, profile.body_size)
    child(run_defaults, "lang", R_PR, {"w:val": "en-GB", "w:eastAsia": "en-GB",
                                        "w:bidi": "ar-SA"})
    paragraph_defaults = child(child(defaults, "pPrDefault", ("rPrDefault", "pPrDefault")),
                               "pPr", ())
    _set_spacing(paragraph_defaults, after=profile.space_after, line=profile.line_spacing)
    settings = doc.settings.element
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:val"), "en-GB")
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013 and later: tables align with the text


# ---------------------------------------------------------------------------------------------
# Styles


def _text_styles(doc: DocxDocument, profile: DocxProfile) -> None:
    normal = _style(doc, "Normal")
    _run_look(normal, profile, profile.body_size, colour=TEXT_COLOUR)
    _set_spacing(_ppr(normal), after=profile.space_after, line=profile.line_spacing)
    title = _style(doc, "Title")
    _run_look(title, profile, profile.title_size, bold=True, colour=HEADING_COLOUR)
    _set_spacing(_ppr(title), after=profile.space_after * 1.5, line=profile.line_spacing)
    subtitle = _style(doc, "Subtitle")
    remove(_ppr(subtitle), "numPr")
    _run_look(subtitle, profile, profile.subtitle_size, italic=False, colour=QUIET_COLOUR)
    remove(_rpr(subtitle), "spacing")
    _set_spacing(_ppr(subtitle), after=profile.space_after * 2, line=profile.line_spacing)
    caption = _style(doc, "Caption")
    _run_look(caption, profile, profile.caption_size, bold=True, colour=TEXT_COLOUR)
    _set_spacing(_ppr(caption), before=profile.space_after / 2, after=profile.space_after / 2,
                 line=profile.line_spacing)
    caption.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        style = _style(doc, name)
        _run_look(style, profile, profile.small_size, colour=QUIET_COLOUR)
        _set_spacing(_ppr(style), after=0, line=profile.line_spacing)
    quote = _style(doc, "Quote")
    _run_look(quote, profile, profile.body_size, italic=False, colour=TEXT_COLOUR)
    _indent(quote, left=profile.list_indent_cm, right=profile.list_indent_cm)
    _border(quote, ("left",), size_eighths=24, space=8)
    _set_spacing(_ppr(quote), before=profile.space_after / 2, after=profile.space_after / 2,
                 line=profile.line_spacing)
    source = _style(doc, QUOTE_SOURCE, based_on="Quote")
    _run_look(source, profile, profile.body_size, italic=False, colour=TEXT_COLOUR)
    # no bar beside the source, so that quotations in a row show as separate boxes
    child(child(_ppr(source), "pBdr", P_PR), "left", BORDERS, {"w:val": "nil"})
    _set_spacing(_ppr(source), before=0, after=profile.space_after, line=profile.line_spacing)
    _character(doc, "Strong", bold=True)
    _character(doc, "Emphasis", italic=profile.italics, bold=not profile.italics)
    _character(doc, "Hyperlink", colour=LINK_COLOUR, underline=True)


def _heading_styles(doc: DocxDocument, profile: DocxProfile) -> None:
    for level in range(1, 7):
        style = _style(doc, f"Heading {level}")
        size = profile.heading_sizes[level - 1]
        _run_look(style, profile, size, bold=True, italic=False, colour=HEADING_COLOUR)
        before = 0 if level == 1 else size
        _set_spacing(_ppr(style), before=before, after=profile.space_after / 2 + 2,
                     line=profile.line_spacing)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
        style.paragraph_format.page_break_before = level == 1
        child(_ppr(style), "outlineLvl", P_PR, {"w:val": str(level - 1)})
        linked = _linked_character_style(doc, style)
        if linked is not None:
            _run_look(linked, profile, size, bold=True, italic=False, colour=HEADING_COLOUR)


def _list_styles(doc: DocxDocument, profile: DocxProfile) -> None:
    step = profile.list_indent_cm
    for level in range(1, LIST_LEVELS + 1):
        suffix = "" if level == 1 else f" {level}"
        for family in ("List Bullet", "List Number"):
            style = _style(doc, family + suffix)
            _run_look(style, profile, profile.body_size)
            remove(_ppr(style), "contextualSpacing")
            _set_spacing(_ppr(style), after=profile.space_after / 2, line=profile.line_spacing)
            _numbering_indent(doc, style, left=step * level, hanging=step)
        continued = _style(doc, "List Continue" + suffix)
        _run_look(continued, profile, profile.body_size)
        remove(_ppr(continued), "contextualSpacing")
        _set_spacing(_ppr(continued), after=profile.space_after / 2, line=profile.line_spacing)
        _indent(continued, left=profile.list_indent_cm * level)


def _contents_styles(doc: DocxDocument, profile: DocxProfile, only_missing: bool = False) -> None:
    heading = _style(doc, "TOC Heading", based_on="Heading 1")
    heading.hidden = False
    heading.unhide_when_used = True
    if not only_missing:
        heading.paragraph_format.page_break_before = True
        _run_look(heading, profile, profile.heading_sizes[0], bold=True, italic=False,
                  colour=HEADING_COLOUR)
    for level in range(1, 4):
        name = f"toc {level}"
        exists = any(style.name.lower() == name for style in doc.styles)
        if only_missing and exists:
            continue
        style = _style(doc, name, builtin=True)
        style.style_id = f"TOC{level}"
        style.next_paragraph_style = _style(doc, "Normal")
        style.priority = 39
        style.unhide_when_used = True
        _run_look(style, profile, profile.body_size, bold=level == 1)
        _set_spacing(_ppr(style), before=profile.space_after / 2 if level == 1 else 0,
                     after=profile.space_after / 4, line=profile.line_spacing)
        _indent(style, left=profile.list_indent_cm * (level - 1))


def _toolkit_styles(doc: DocxDocument, profile: DocxProfile, only_missing: bool = False) -> None:
    existing = {style.name for style in doc.styles}

    def wanted(name: str) -> bool:
        return not only_missing or name not in existing

    box = profile.list_indent_cm + 0.2
    if wanted(CHECKLIST):
        checklist = _style(doc, CHECKLIST)
        _run_look(checklist, profile, profile.body_size)
        _indent(checklist, left=box, hanging=box)
        checklist.paragraph_format.tab_stops.add_tab_stop(Cm(box))
        _set_spacing(_ppr(checklist), after=profile.space_after / 2, line=profile.line_spacing)
        checklist.paragraph_format.keep_together = True
    if wanted(FORM_QUESTION):
        question = _style(doc, FORM_QUESTION)
        _run_look(question, profile, profile.body_size, bold=True)
        _set_spacing(_ppr(question), before=profile.space_after, after=profile.space_after / 2,
                     line=profile.line_spacing)
        question.paragraph_format.keep_with_next = True
    if wanted(ANSWER_SPACE):
        answer = _style(doc, ANSWER_SPACE)
        _run_look(answer, profile, profile.body_size)
        _border(answer, ("top", "left", "bottom", "right"), size_eighths=8, space=4)
        _set_spacing(_ppr(answer), after=0, line=profile.line_spacing)
        answer.paragraph_format.keep_together = True
        answer.paragraph_format.keep_with_next = True
    if wanted(TABLE_TEXT):
        cell = _style(doc, TABLE_TEXT)
        _run_look(cell, profile, profile.body_size)
        _set_spacing(_ppr(cell), before=2, after=2, line=profile.line_spacing)
    if wanted(GLOSSARY_TERM):
        term = _style(doc, GLOSSARY_TERM)
        _run_look(term, profile, profile.body_size, bold=True)
        _set_spacing(_ppr(term), before=profile.space_after / 2, after=profile.space_after / 4,
                     line=profile.line_spacing)
        term.paragraph_format.keep_with_next = True
    if wanted(GLOSSARY_DEFINITION):
        definition = _style(doc, GLOSSARY_DEFINITION)
        _run_look(definition, profile, profile.body_size)
        _indent(definition, left=profile.list_indent_cm)
        _set_spacing(_ppr(definition), after=profile.space_after, line=profile.line_spacing)


def _table_style(doc: DocxDocument, profile: DocxProfile, only_missing: bool = False) -> None:
    if only_missing and TABLE_STYLE in {style.name for style in doc.styles}:
        return
    style = _style(doc, TABLE_STYLE, kind=WD_STYLE_TYPE.TABLE, based_on="Table Grid")
    style.priority = 59
    _set_font(_rpr(style), profile.font)
    _set_size(_rpr(style), profile.body_size)
    _set_spacing(_ppr(style), before=2, after=2, line=profile.line_spacing)
    properties = child(style.element, "tblPr", STYLE)
    borders = child(properties, "tblBorders", TBL_PR)
    for side in TBL_BORDERS:
        child(borders, side, TBL_BORDERS, {"w:val": "single", "w:sz": "6", "w:space": "0",
                                           "w:color": RULE_COLOUR})
    margins = child(properties, "tblCellMar", TBL_PR)
    for side, width in (("top", 0.1), ("left", 0.19), ("bottom", 0.1), ("right", 0.19)):
        child(margins, side, ("top", "left", "bottom", "right"),
              {"w:w": _cm_twips(width), "w:type": "dxa"})
    for old in style.element.findall(qn("w:tblStylePr")):
        style.element.remove(old)
    first_row = element("w:tblStylePr", {"w:type": "firstRow"})
    style.element.append(first_row)
    child(child(first_row, "rPr", TBL_STYLE_PR), "b", R_PR)
    child(child(first_row, "trPr", TBL_STYLE_PR), "tblHeader", ("tblHeader",))
    child(child(first_row, "tcPr", TBL_STYLE_PR), "shd", TC_PR,
          {"w:val": "clear", "w:color": "auto", "w:fill": HEADER_FILL})


# ---------------------------------------------------------------------------------------------
# Whole-document rules (large print)


def _replace_theme_fonts(doc: DocxDocument, font: str) -> None:
    """Name ``font`` wherever a style takes the theme's fonts (Calibri, Cambria for headings)."""
    for fonts in list(doc.styles.element.iter(qn("w:rFonts"))):
        if fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme")):
            _set_font(fonts.getparent(), font)


def _remove_italics(doc: DocxDocument) -> None:
    """Remove italics from every style (emphasis is bold instead); numbering too."""
    for properties in doc.styles.element.iter(qn("w:rPr")):
        remove(properties, "i", "iCs")


def _enforce_minimum(doc: DocxDocument, profile: DocxProfile) -> None:
    """Raise every size below the minimum to it, and use the profile's font and spacing."""
    assert profile.minimum_size is not None
    least = int(half_points(profile.minimum_size))
    roots = [doc.styles.element]
    numbering = _numbering(doc)
    if numbering is not None:
        roots.append(numbering)
    for root in roots:
        for tag in ("w:sz", "w:szCs"):
            for size in root.iter(qn(tag)):
                if int(size.get(qn("w:val"), least)) < least:
                    size.set(qn("w:val"), str(least))
    styles = doc.styles.element
    for fonts in list(styles.iter(qn("w:rFonts"))):
        _set_font(fonts.getparent(), profile.font)
    for spacing in styles.iter(qn("w:spacing")):
        if spacing.get(qn("w:line")) is not None and spacing.getparent().tag == qn("w:pPr"):
            spacing.set(qn("w:line"), str(round(240 * profile.line_spacing)))
            spacing.set(qn("w:lineRule"), "auto")
    for justified in styles.iter(qn("w:jc")):
        if justified.get(qn("w:val")) in ("both", "distribute"):
            justified.set(qn("w:val"), "left")


def prune_table_styles(doc: DocxDocument) -> None:
    """Remove the table styles nobody uses (python-docx's template has a hundred), keeping
    Normal Table, Table Grid and the toolkit's; Word offers them all again when asked."""
    keep = {"Normal Table", "Table Grid", TABLE_STYLE}
    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in keep:
            style.delete()


# ---------------------------------------------------------------------------------------------
# Helpers


def _style(doc: DocxDocument, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH,
           based_on: str | None = None, builtin: bool = False) -> BaseStyle:
    """Return the style ``name``, added (based on ``based_on`` or Normal) when missing."""
    for style in doc.styles:
        if style.name.lower() == name.lower():
            return style
    style = doc.styles.add_style(name, kind, builtin=builtin)
    style.hidden = False
    style.quick_style = kind == WD_STYLE_TYPE.PARAGRAPH and not builtin
    if based_on is not None:
        style.base_style = _style(doc, based_on, kind)
    elif kind == WD_STYLE_TYPE.PARAGRAPH:
        style.base_style = _style(doc, "Normal")
    return style


def _ppr(style: BaseStyle) -> _Element:
    return child(style.element, "pPr", STYLE)


def _rpr(style: BaseStyle) -> _Element:
    return child(style.element, "rPr", STYLE)


def _set_font(properties: _Element, font: str) -> None:
    fonts = child(properties, "rFonts", R_PR)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), font)


def _set_size(properties: _Element, size: float) -> None:
    child(properties, "sz", R_PR, {"w:val": half_points(size)})
    child(properties, "szCs", R_PR, {"w:val": half_points(size)})


def _set_spacing(properties: _Element, before: float | None = None, after: float | None = None,
                 line: float | None = None) -> None:
    attrs: dict[str, str] = {}
    if before is not None:
        attrs["w:before"] = twips(before)
    if after is not None:
        attrs["w:after"] = twips(after)
    if line is not None:
        attrs["w:line"] = str(round(240 * line))
        attrs["w:lineRule"] = "auto"
    child(properties, "spacing", P_PR, attrs)


def _run_look(style: BaseStyle, profile: DocxProfile, size: float, bold: bool | None = None,
              italic: bool | None = None, colour: str | None = None) -> None:
    properties = _rpr(style)
    _set_font(properties, profile.font)
    _set_size(properties, size)
    for tag, value in (("b", bold), ("i", italic)):
        if value is None:
            continue
        remove(properties, tag, f"{tag}Cs")
        if value:
            child(properties, tag, R_PR)
            child(properties, f"{tag}Cs", R_PR)
        elif style.base_style is not None:
            child(properties, tag, R_PR, {"w:val": "0"})
            child(properties, f"{tag}Cs", R_PR, {"w:val": "0"})
    if colour is not None:
        remove(properties, "color")
        child(properties, "color", R_PR, {"w:val": colour})


def _character(doc: DocxDocument, name: str, bold: bool = False,
               italic: bool = False, colour: str | None = None, underline: bool = False) -> None:
    style = _style(doc, name, kind=WD_STYLE_TYPE.CHARACTER)
    if style.base_style is None and name == "Hyperlink":
        style.priority = 99
        style.unhide_when_used = True
    properties = _rpr(style)
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


def _indent(style: BaseStyle, left: float = 0, right: float = 0, hanging: float = 0) -> None:
    attrs = {"w:left": _cm_twips(left), "w:right": _cm_twips(right)}
    indent = child(_ppr(style), "ind", P_PR)
    for name in list(indent.attrib):
        del indent.attrib[name]
    if hanging:
        attrs["w:hanging"] = _cm_twips(hanging)
    for name, value in attrs.items():
        indent.set(qn(name), value)


def _border(style: BaseStyle, sides: tuple[str, ...], size_eighths: int, space: int) -> None:
    borders = child(_ppr(style), "pBdr", P_PR)
    for side in sides:
        child(borders, side, BORDERS, {"w:val": "single", "w:sz": str(size_eighths),
                                       "w:space": str(space), "w:color": RULE_COLOUR})


def _linked_character_style(doc: DocxDocument, style: BaseStyle) -> BaseStyle | None:
    link = style.element.find(qn("w:link"))
    if link is None:
        return None
    for candidate in doc.styles:
        if candidate.style_id == link.get(qn("w:val")):
            return candidate
    return None


def _numbering(doc: DocxDocument) -> _Element | None:
    """Return the document's numbering definitions, or None when it has no numbering part."""
    for relationship in doc.part.rels.values():
        if relationship.reltype == RT.NUMBERING and not relationship.is_external:
            return relationship.target_part.element
    return None


def _numbering_indent(doc: DocxDocument, style: BaseStyle, left: float, hanging: float) -> None:
    """Set the indents (in cm) of the numbering a list style uses (its first level)."""
    level = numbering_level(doc, style)
    if level is None:
        return
    properties = child(level, "pPr", ("start", "numFmt", "lvlRestart", "pStyle", "isLgl",
                                      "suff", "lvlText", "lvlPicBulletId", "legacy", "lvlJc",
                                      "pPr", "rPr"))
    remove(properties, "tabs")
    indent = child(properties, "ind", P_PR)
    for name in list(indent.attrib):
        del indent.attrib[name]
    indent.set(qn("w:left"), _cm_twips(left))
    indent.set(qn("w:hanging"), _cm_twips(hanging))


def style_num_id(style: BaseStyle) -> str | None:
    """Return the numbering id (``w:numId``) a list style uses, or None."""
    num_id = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return None if num_id is None else num_id.get(qn("w:val"))


def abstract_num_id(doc: DocxDocument, num_id: str) -> str | None:
    """Return the abstract numbering id behind the numbering ``num_id``, or None."""
    numbering = _numbering(doc)
    if numbering is None:
        return None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            return num.find(qn("w:abstractNumId")).get(qn("w:val"))
    return None


def numbering_level(doc: DocxDocument, style: BaseStyle) -> _Element | None:
    """Return the first level (``w:lvl``) of the numbering a list style uses, or None."""
    num_id = style_num_id(style)
    abstract = abstract_num_id(doc, num_id) if num_id else None
    numbering = _numbering(doc)
    if abstract is None or numbering is None:
        return None
    for definition in numbering.findall(qn("w:abstractNum")):
        if definition.get(qn("w:abstractNumId")) == abstract:
            return definition.find(qn("w:lvl"))
    return None



def _cm_twips(centimetres: float) -> str:
    return str(round(centimetres / 2.54 * 1440))
