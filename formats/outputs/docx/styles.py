"""The styles a Word document gets from its profile (:mod:`.profile`).

The standard look lives in ``formats/templates/word/reference.docx``, made by
``tools/make_reference_docx.py`` with :func:`apply_profile` and ``STANDARD``. A partner can
restyle the standard Word edition by editing the styles of that file in Word (Home > Styles >
Modify) and saving it: the build uses its styles as they are. A document whose sizes are rules,
not taste (large print, Easy Read), has a profile with ``restyle=True``, applied over the
reference at every build.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm

from formats.outputs.docx.numbering import numbering_indent, numbering_root
from formats.outputs.docx.profile import (
    A4_CM,
    ANSWER_SPACE,
    CHECKLIST,
    FORM_QUESTION,
    GLOSSARY_DEFINITION,
    GLOSSARY_TERM,
    HEADER_FILL,
    LIST_LEVELS,
    QUIET_COLOUR,
    QUOTE_SOURCE,
    RULE_COLOUR,
    STANDARD,
    TABLE_STYLE,
    TABLE_TEXT,
    TEXT_COLOUR,
    DocxProfile,
)
from formats.outputs.docx.styling import (
    border,
    character,
    cm_twips,
    indent,
    linked_character_style,
    paragraph_style_named,
    ppr,
    rpr,
    run_look,
    set_font,
    set_size,
    set_spacing,
    style,
)
from formats.outputs.docx.xml import (
    BORDERS,
    P_PR,
    R_PR,
    STYLE,
    TBL_BORDERS,
    TBL_PR,
    TBL_STYLE_PR,
    TC_PR,
    child,
    element,
    half_points,
    remove,
)


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
    names = {found.name for found in doc.styles}
    wanted = (CHECKLIST, QUOTE_SOURCE, FORM_QUESTION, ANSWER_SPACE, GLOSSARY_TERM,
              GLOSSARY_DEFINITION, TABLE_TEXT, TABLE_STYLE, "Hyperlink", "toc 1")
    if any(name not in names for name in wanted):
        _contents_styles(doc, STANDARD, only_missing=True)
        _toolkit_styles(doc, STANDARD, only_missing=True)
        _table_style(doc, STANDARD, only_missing=True)


def prune_table_styles(doc: DocxDocument) -> None:
    """Remove the table styles nobody uses (python-docx's template has a hundred), keeping
    Normal Table, Table Grid and the toolkit's; Word offers them all again when asked."""
    keep = {"Normal Table", "Table Grid", TABLE_STYLE}
    for found in list(doc.styles):
        if found.type == WD_STYLE_TYPE.TABLE and found.name not in keep:
            found.delete()


# ---------------------------------------------------------------------------------------------
# Page and defaults


def _page(doc: DocxDocument, profile: DocxProfile) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Cm(profile.margin_cm))
        section.header_distance = section.footer_distance = Cm(1.25)


def _defaults(doc: DocxDocument, profile: DocxProfile) -> None:
    defaults = child(doc.styles.element, "docDefaults", ("docDefaults", "latentStyles", "style"))
    run_defaults = child(child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ())
    set_font(run_defaults, profile.font)
    set_size(run_defaults, profile.body_size)
    child(run_defaults, "lang", R_PR, {"w:val": "en-GB", "w:eastAsia": "en-GB",
                                        "w:bidi": "ar-SA"})
    paragraph_defaults = child(child(defaults, "pPrDefault", ("rPrDefault", "pPrDefault")),
                               "pPr", ())
    set_spacing(paragraph_defaults, after=profile.space_after, line=profile.line_spacing)
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
    normal = style(doc, "Normal")
    run_look(normal, profile, profile.body_size, colour=TEXT_COLOUR)
    set_spacing(ppr(normal), after=profile.space_after, line=profile.line_spacing)
    title = style(doc, "Title")
    run_look(title, profile, profile.title_size, bold=True, colour=profile.heading_colour)
    set_spacing(ppr(title), after=profile.space_after * 1.5, line=profile.line_spacing)
    subtitle = style(doc, "Subtitle")
    remove(ppr(subtitle), "numPr")
    run_look(subtitle, profile, profile.subtitle_size, italic=False, colour=QUIET_COLOUR)
    remove(rpr(subtitle), "spacing")
    set_spacing(ppr(subtitle), after=profile.space_after * 2, line=profile.line_spacing)
    caption = paragraph_style_named(doc, "Caption")
    run_look(caption, profile, profile.caption_size, bold=True, colour=TEXT_COLOUR)
    set_spacing(ppr(caption), before=profile.space_after / 2, after=profile.space_after / 2,
                line=profile.line_spacing)
    caption.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        furniture = style(doc, name)
        run_look(furniture, profile, profile.small_size, colour=QUIET_COLOUR)
        set_spacing(ppr(furniture), after=0, line=profile.line_spacing)
    _quote_styles(doc, profile)
    character(doc, "Strong", bold=True)
    character(doc, "Emphasis", italic=profile.italics, bold=not profile.italics)
    character(doc, "Hyperlink", colour=profile.link_colour, underline=True)


def _quote_styles(doc: DocxDocument, profile: DocxProfile) -> None:
    quote = style(doc, "Quote")
    run_look(quote, profile, profile.body_size, italic=False, colour=TEXT_COLOUR)
    indent(quote, left=profile.list_indent_cm, right=profile.list_indent_cm)
    border(quote, ("left",), size_eighths=24, space=8)
    set_spacing(ppr(quote), before=profile.space_after / 2, after=profile.space_after / 2,
                line=profile.line_spacing)
    source = style(doc, QUOTE_SOURCE, based_on="Quote")
    run_look(source, profile, profile.body_size, italic=False, colour=TEXT_COLOUR)
    # no bar beside the source, so that quotations in a row show as separate boxes
    child(child(ppr(source), "pBdr", P_PR), "left", BORDERS, {"w:val": "nil"})
    set_spacing(ppr(source), before=0, after=profile.space_after, line=profile.line_spacing)


def _heading_styles(doc: DocxDocument, profile: DocxProfile) -> None:
    for level in range(1, 7):
        heading = paragraph_style_named(doc, f"Heading {level}")
        size = profile.heading_sizes[level - 1]
        run_look(heading, profile, size, bold=True, italic=False, colour=profile.heading_colour)
        before = 0 if level == 1 else size
        set_spacing(ppr(heading), before=before, after=profile.space_after / 2 + 2,
                    line=profile.line_spacing)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
        heading.paragraph_format.page_break_before = level == 1
        child(ppr(heading), "outlineLvl", P_PR, {"w:val": str(level - 1)})
        linked = linked_character_style(doc, heading)
        if linked is not None:
            run_look(linked, profile, size, bold=True, italic=False,
                     colour=profile.heading_colour)


def _list_styles(doc: DocxDocument, profile: DocxProfile) -> None:
    step = profile.list_indent_cm
    for level in range(1, LIST_LEVELS + 1):
        suffix = "" if level == 1 else f" {level}"
        for family in ("List Bullet", "List Number"):
            listed = style(doc, family + suffix)
            run_look(listed, profile, profile.body_size)
            remove(ppr(listed), "contextualSpacing")
            set_spacing(ppr(listed), after=profile.space_after / 2, line=profile.line_spacing)
            numbering_indent(doc, listed, left=step * level, hanging=step)
        continued = style(doc, "List Continue" + suffix)
        run_look(continued, profile, profile.body_size)
        remove(ppr(continued), "contextualSpacing")
        set_spacing(ppr(continued), after=profile.space_after / 2, line=profile.line_spacing)
        indent(continued, left=profile.list_indent_cm * level)


def _contents_styles(doc: DocxDocument, profile: DocxProfile, only_missing: bool = False) -> None:
    heading = paragraph_style_named(doc, "TOC Heading", based_on="Heading 1")
    heading.hidden = False
    heading.unhide_when_used = True
    if not only_missing:
        heading.paragraph_format.page_break_before = True
        run_look(heading, profile, profile.heading_sizes[0], bold=True, italic=False,
                 colour=profile.heading_colour)
    for level in range(1, 4):
        name = f"toc {level}"
        exists = any(found.name.lower() == name for found in doc.styles)
        if only_missing and exists:
            continue
        entry = paragraph_style_named(doc, name, builtin=True)
        entry.style_id = f"TOC{level}"
        entry.next_paragraph_style = style(doc, "Normal")
        entry.priority = 39
        entry.unhide_when_used = True
        run_look(entry, profile, profile.body_size, bold=level == 1)
        set_spacing(ppr(entry), before=profile.space_after / 2 if level == 1 else 0,
                    after=profile.space_after / 4, line=profile.line_spacing)
        indent(entry, left=profile.list_indent_cm * (level - 1))


def _toolkit_styles(doc: DocxDocument, profile: DocxProfile, only_missing: bool = False) -> None:
    existing = {found.name for found in doc.styles}

    def wanted(name: str) -> bool:
        return not only_missing or name not in existing

    box = profile.list_indent_cm + 0.2
    if wanted(CHECKLIST):
        checklist = paragraph_style_named(doc, CHECKLIST)
        run_look(checklist, profile, profile.body_size)
        indent(checklist, left=box, hanging=box)
        checklist.paragraph_format.tab_stops.add_tab_stop(Cm(box))
        set_spacing(ppr(checklist), after=profile.space_after / 2, line=profile.line_spacing)
        checklist.paragraph_format.keep_together = True
    if wanted(FORM_QUESTION):
        question = paragraph_style_named(doc, FORM_QUESTION)
        run_look(question, profile, profile.body_size, bold=True)
        set_spacing(ppr(question), before=profile.space_after, after=profile.space_after / 2,
                    line=profile.line_spacing)
        question.paragraph_format.keep_with_next = True
    if wanted(ANSWER_SPACE):
        answer = paragraph_style_named(doc, ANSWER_SPACE)
        run_look(answer, profile, profile.body_size)
        border(answer, ("top", "left", "bottom", "right"), size_eighths=8, space=4)
        set_spacing(ppr(answer), after=0, line=profile.line_spacing)
        answer.paragraph_format.keep_together = True
        answer.paragraph_format.keep_with_next = True
    if wanted(TABLE_TEXT):
        cell = style(doc, TABLE_TEXT)
        run_look(cell, profile, profile.body_size)
        set_spacing(ppr(cell), before=2, after=2, line=profile.line_spacing)
    if wanted(GLOSSARY_TERM):
        term = paragraph_style_named(doc, GLOSSARY_TERM)
        run_look(term, profile, profile.body_size, bold=True)
        set_spacing(ppr(term), before=profile.space_after / 2, after=profile.space_after / 4,
                    line=profile.line_spacing)
        term.paragraph_format.keep_with_next = True
    if wanted(GLOSSARY_DEFINITION):
        definition = style(doc, GLOSSARY_DEFINITION)
        run_look(definition, profile, profile.body_size)
        indent(definition, left=profile.list_indent_cm)
        set_spacing(ppr(definition), after=profile.space_after, line=profile.line_spacing)


def _table_style(doc: DocxDocument, profile: DocxProfile, only_missing: bool = False) -> None:
    if only_missing and TABLE_STYLE in {found.name for found in doc.styles}:
        return
    table = style(doc, TABLE_STYLE, kind=WD_STYLE_TYPE.TABLE, based_on="Table Grid")
    table.priority = 59
    set_font(rpr(table), profile.font)
    set_size(rpr(table), profile.body_size)
    set_spacing(ppr(table), before=2, after=2, line=profile.line_spacing)
    properties = child(table.element, "tblPr", STYLE)
    borders = child(properties, "tblBorders", TBL_PR)
    for side in TBL_BORDERS:
        child(borders, side, TBL_BORDERS, {"w:val": "single", "w:sz": "6", "w:space": "0",
                                           "w:color": RULE_COLOUR})
    margins = child(properties, "tblCellMar", TBL_PR)
    for side, width in (("top", 0.1), ("left", 0.19), ("bottom", 0.1), ("right", 0.19)):
        child(margins, side, ("top", "left", "bottom", "right"),
              {"w:w": cm_twips(width), "w:type": "dxa"})
    for old in table.element.findall(qn("w:tblStylePr")):
        table.element.remove(old)
    first_row = element("w:tblStylePr", {"w:type": "firstRow"})
    table.element.append(first_row)
    child(child(first_row, "rPr", TBL_STYLE_PR), "b", R_PR)
    child(child(first_row, "trPr", TBL_STYLE_PR), "tblHeader", ("tblHeader",))
    child(child(first_row, "tcPr", TBL_STYLE_PR), "shd", TC_PR,
          {"w:val": "clear", "w:color": "auto", "w:fill": HEADER_FILL})


# ---------------------------------------------------------------------------------------------
# Whole-document rules (large print, Easy Read)


def _replace_theme_fonts(doc: DocxDocument, font: str) -> None:
    """Name ``font`` wherever a style takes the theme's fonts (Calibri, Cambria for headings)."""
    for fonts in list(doc.styles.element.iter(qn("w:rFonts"))):
        if fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme")):
            set_font(fonts.getparent(), font)


def _remove_italics(doc: DocxDocument) -> None:
    """Remove italics from every style (emphasis is bold instead); numbering too."""
    for properties in doc.styles.element.iter(qn("w:rPr")):
        remove(properties, "i", "iCs")


def _enforce_minimum(doc: DocxDocument, profile: DocxProfile) -> None:
    """Raise every size below the minimum to it, and use the profile's font and spacing."""
    assert profile.minimum_size is not None
    least = int(half_points(profile.minimum_size))
    roots = [doc.styles.element]
    numbering = numbering_root(doc)
    if numbering is not None:
        roots.append(numbering)
    for root in roots:
        for tag in ("w:sz", "w:szCs"):
            for size in root.iter(qn(tag)):
                if int(size.get(qn("w:val"), least)) < least:
                    size.set(qn("w:val"), str(least))
    styles = doc.styles.element
    for fonts in list(styles.iter(qn("w:rFonts"))):
        set_font(fonts.getparent(), profile.font)
    for spacing in styles.iter(qn("w:spacing")):
        if spacing.get(qn("w:line")) is not None and spacing.getparent().tag == qn("w:pPr"):
            spacing.set(qn("w:line"), str(round(240 * profile.line_spacing)))
            spacing.set(qn("w:lineRule"), "auto")
    for justified in styles.iter(qn("w:jc")):
        if justified.get(qn("w:val")) in ("both", "distribute"):
            justified.set(qn("w:val"), "left")


def recolour(doc: DocxDocument, headings: str, links: str) -> None:
    """Colour the title and heading styles ``headings`` and the link style ``links`` (hex
    without "#"): a partner's colours, checked for contrast on white when they were read."""
    for name in ("Title", *(f"Heading {level}" for level in range(1, 7)), "Hyperlink"):
        if name not in [found.name for found in doc.styles]:
            continue
        properties = rpr(doc.styles[name])
        remove(properties, "color")
        child(properties, "color", R_PR, {"w:val": links if name == "Hyperlink" else headings})
