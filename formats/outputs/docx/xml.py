"""Small builders of WordprocessingML (OOXML) elements that python-docx has no API for.

Word is strict about the order of the children of property elements (``w:pPr``, ``w:rPr``,
``w:tblPr``...): a child in the wrong place makes Word report the file as damaged. Every
property child is therefore added with :func:`child`, which finds it or inserts it in the place
the schema (ECMA-376 part 1, 17.3 and 17.4) gives it.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

# The schema order of the children of each property element (prefix "w:" left out).
P_PR = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
        "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
R_PR = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
        "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
        "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
        "specVanish", "oMath")
TBL_PR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
          "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
          "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")
TC_PR = ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
         "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")
STYLE = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
         "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
         "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr")
TBL_STYLE_PR = ("pPr", "rPr", "tblPr", "trPr", "tcPr")
BORDERS = ("top", "left", "bottom", "right", "between", "bar")
SETTINGS = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
            "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
            "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
            "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
            "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
            "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
            "proofState", "formsDesign", "attachedTemplate", "linkStyles",
            "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
            "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
            "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
            "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
            "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
            "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
            "bookFoldPrintingSheets", "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
            "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
            "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
            "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
            "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
            "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
            "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
            "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
            "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
            "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
            "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
            "decimalSymbol", "listSeparator")
WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")  # the hyphen inside a word: "co-production"
TBL_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")


def element(tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> _Element:
    """Return a new element ``tag`` ("w:p", "w14:checked"...) with attributes and text.

    Attribute names take a prefix too ("w:val"); text is stored with xml:space="preserve".
    """
    node = OxmlElement(tag) if not tag.startswith("w14:") else _w14(tag[4:])
    for name, value in (attrs or {}).items():
        node.set(_qualified(name), value)
    if text is not None:
        node.text = text
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return node


def _w14(local: str) -> _Element:
    from lxml import etree
    return etree.Element(f"{{{W14}}}{local}", nsmap={"w14": W14})


def _qualified(name: str) -> str:
    if name.startswith("w14:"):
        return f"{{{W14}}}{name[4:]}"
    return qn(name) if ":" in name else name


def child(parent: _Element, tag: str, order: tuple[str, ...],
          attrs: dict[str, str] | None = None) -> _Element:
    """Return the child ``w:tag`` of ``parent``, added in its schema place when missing.

    ``order`` lists the local names of the children ``parent`` may have, in schema order.
    Attributes given are set (on the existing child too).
    """
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = element(f"w:{tag}")
        later = set(order[order.index(tag) + 1:])
        for index, existing in enumerate(parent):
            if _local(existing) in later:
                parent.insert(index, found)
                break
        else:
            parent.append(found)
    for name, value in (attrs or {}).items():
        found.set(_qualified(name), value)
    return found


def remove(parent: _Element, *tags: str) -> None:
    """Remove every child ``w:tag`` of ``parent`` for each tag given."""
    for tag in tags:
        for found in parent.findall(qn(f"w:{tag}")):
            parent.remove(found)


def _local(node: _Element) -> str:
    tag = node.tag
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def twips(points: float) -> str:
    """Return a length in points as twentieths of a point (the unit of spacing and indents)."""
    return str(round(points * 20))


def half_points(points: float) -> str:
    """Return a font size in points as half-points (the unit of ``w:sz``)."""
    return str(round(points * 2))


def run(text: str = "", style_id: str | None = None, bold: bool = False,
        italic: bool = False, no_break_hyphens: bool = False) -> _Element:
    """Return a ``w:r`` holding ``text``, with a character style and direct bold or italics.

    With ``no_break_hyphens``, a hyphen inside a word is written as ``w:noBreakHyphen`` (Word's
    non-breaking hyphen, read as "-"), so that no line ends at it.
    """
    node = element("w:r")
    if style_id or bold or italic:
        properties = element("w:rPr")
        if style_id:
            properties.append(element("w:rStyle", {"w:val": style_id}))
        if bold:
            properties.append(element("w:b"))
        if italic:
            properties.append(element("w:i"))
        node.append(properties)
    pieces = WORD_HYPHEN.split(text) if no_break_hyphens else [text]
    for number, piece in enumerate(pieces):
        if number:
            node.append(element("w:noBreakHyphen"))
        if piece:
            node.append(element("w:t", text=piece))
    return node


def bookmark(name: str, number: int) -> tuple[_Element, _Element]:
    """Return the start and end of a bookmark ``name`` with the id ``number``."""
    return (element("w:bookmarkStart", {"w:id": str(number), "w:name": name}),
            element("w:bookmarkEnd", {"w:id": str(number)}))


def field_runs(instruction: str) -> tuple[_Element, _Element, _Element]:
    """Return the runs that begin a complex field: begin, the instruction, separate."""
    begin = element("w:r")
    begin.append(element("w:fldChar", {"w:fldCharType": "begin"}))
    code = element("w:r")
    code.append(element("w:instrText", text=f" {instruction} "))
    separate = element("w:r")
    separate.append(element("w:fldChar", {"w:fldCharType": "separate"}))
    return begin, code, separate


def field_end() -> _Element:
    """Return the run that ends a complex field."""
    end = element("w:r")
    end.append(element("w:fldChar", {"w:fldCharType": "end"}))
    return end


def checkbox(number: int, alias: str, tag: str, glyph_style_id: str | None = None) -> _Element:
    """Return an inline content-control tick box (``w14:checkbox``), unticked.

    Word shows U+2610 (ballot box), and U+2612 (ballot box with X) once ticked, in the font
    "MS Gothic" as Word's own tick boxes do (other programs use any font with the glyph).
    ``alias`` is the title screen readers announce; ``tag`` identifies the answer.
    """
    sdt = element("w:sdt")
    properties = element("w:sdtPr")
    properties.append(element("w:alias", {"w:val": alias[:255]}))
    properties.append(element("w:tag", {"w:val": tag[:64]}))
    properties.append(element("w:id", {"w:val": str(number)}))
    box = element("w14:checkbox")
    box.append(element("w14:checked", {"w14:val": "0"}))
    box.append(element("w14:checkedState", {"w14:val": "2612", "w14:font": "MS Gothic"}))
    box.append(element("w14:uncheckedState", {"w14:val": "2610", "w14:font": "MS Gothic"}))
    properties.append(box)
    sdt.append(properties)
    content = element("w:sdtContent")
    glyph = element("w:r")
    glyph_properties = element("w:rPr")
    if glyph_style_id:
        glyph_properties.append(element("w:rStyle", {"w:val": glyph_style_id}))
    glyph_properties.append(element("w:rFonts", {"w:ascii": "MS Gothic", "w:eastAsia": "MS Gothic",
                                                 "w:hAnsi": "MS Gothic", "w:hint": "eastAsia"}))
    glyph.append(glyph_properties)
    glyph.append(element("w:t", text="\u2610"))
    content.append(glyph)
    sdt.append(content)
    return sdt


def block_control(number: int, alias: str, tag: str) -> tuple[_Element, _Element]:
    """Return a block-level rich-text content control and its content element to fill."""
    sdt = element("w:sdt")
    properties = element("w:sdtPr")
    properties.append(element("w:alias", {"w:val": alias[:255]}))
    properties.append(element("w:tag", {"w:val": tag[:64]}))
    properties.append(element("w:id", {"w:val": str(number)}))
    sdt.append(properties)
    content = element("w:sdtContent")
    sdt.append(content)
    return sdt, content
