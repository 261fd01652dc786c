"""The numbering of list styles: which numbering a list style uses, its first level's indents,
and a fresh numbering that counts from 1 again (each numbered list of the toolkit does)."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from lxml.etree import _Element

from formats.outputs.docx.styling import cm_twips
from formats.outputs.docx.xml import P_PR, child, remove

LVL = ("start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText", "lvlPicBulletId",
       "legacy", "lvlJc", "pPr", "rPr")


def numbering_root(doc: DocxDocument) -> _Element | None:
    """Return the document's numbering definitions, or None when it has no numbering part."""
    for relationship in doc.part.rels.values():
        if relationship.reltype == RT.NUMBERING and not relationship.is_external:
            return relationship.target_part.element
    return None


def style_num_id(found: BaseStyle) -> str | None:
    """Return the numbering id (``w:numId``) a list style uses, or None."""
    num_id = found.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    return None if num_id is None else num_id.get(qn("w:val"))


def abstract_num_id(doc: DocxDocument, num_id: str) -> str | None:
    """Return the abstract numbering id behind the numbering ``num_id``, or None."""
    numbering = numbering_root(doc)
    if numbering is None:
        return None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            abstract = num.find(qn("w:abstractNumId"))
            return abstract.get(qn("w:val")) if abstract is not None else None
    return None


def numbering_level(doc: DocxDocument, found: BaseStyle) -> _Element | None:
    """Return the first level (``w:lvl``) of the numbering a list style uses, or None."""
    num_id = style_num_id(found)
    abstract = abstract_num_id(doc, num_id) if num_id else None
    numbering = numbering_root(doc)
    if abstract is None or numbering is None:
        return None
    for definition in numbering.findall(qn("w:abstractNum")):
        if definition.get(qn("w:abstractNumId")) == abstract:
            return definition.find(qn("w:lvl"))
    return None


def numbering_indent(doc: DocxDocument, found: BaseStyle, left: float, hanging: float) -> None:
    """Set the indents (in cm) of the numbering a list style uses (its first level)."""
    level = numbering_level(doc, found)
    if level is None:
        return
    properties = child(level, "pPr", LVL)
    remove(properties, "tabs")
    indents = child(properties, "ind", P_PR)
    for name in list(indents.attrib):
        del indents.attrib[name]
    indents.set(qn("w:left"), cm_twips(left))
    indents.set(qn("w:hanging"), cm_twips(hanging))


def restarted_num_id(doc: DocxDocument, found: BaseStyle, start: int = 1) -> str | None:
    """Return a new numbering id that counts from ``start`` (1 unless told) with the numbering
    of a list style, or None when the style has no numbering."""
    num_id = style_num_id(found)
    abstract = abstract_num_id(doc, num_id) if num_id else None
    if abstract is None:
        return None
    num = doc.part.numbering_part.element.add_num(int(abstract))
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return str(num.numId)
