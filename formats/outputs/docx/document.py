"""Write the document model as a .docx on a reference document's styles (python-docx).

The document is built with python-docx on ``formats/templates/word/reference.docx``, whose
styles (Title, Heading 1-6, List Bullet, List Number, Quote, Caption, Checklist...) give it its
look; a profile (:class:`~formats.outputs.docx.styles.DocxProfile`) says the sizes, and one with
``restyle`` is applied over the reference. See :mod:`formats.outputs.docx.writer` for what each
part of the toolkit becomes.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from formats.core.contract import RenderError
from formats.core.model import Document
from formats.outputs.docx.styles import DocxProfile, apply_profile, ensure_styles
from formats.outputs.docx.writer import DocxWriter
from formats.outputs.docx.xml import R_PR, child
from formats.core.names import TEMPLATES

REFERENCE = TEMPLATES / "word" / "reference.docx"


def write_docx(document: Document, path: Path, profile: DocxProfile,
               reference: Path = REFERENCE) -> None:
    """Write ``document`` as a .docx at ``path`` in the look of ``profile``, on the styles of
    ``reference``.

    Raises RenderError when the reference document is missing or damaged, a picture cannot go
    into Word, or an id cannot be a Word bookmark.
    """
    doc = open_reference(reference)
    clear_body(doc)
    if profile.restyle:
        apply_profile(doc, profile)
    set_language(doc, document.meta.language)
    DocxWriter(doc, document, profile).write()
    core_properties(doc, document, profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def open_reference(reference: Path = REFERENCE) -> DocxDocument:
    """Return the reference document (styles, page set-up) with any missing toolkit style added.

    Raises RenderError when it is missing or is not a Word document.
    """
    try:
        doc = docx.Document(str(reference))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise RenderError(f"{reference}: the Word reference document cannot be opened ({error});"
                          " make it again with: python tools/make_reference_docx.py") from error
    ensure_styles(doc)
    return doc


def core_properties(doc: DocxDocument, document: Document, profile: DocxProfile) -> None:
    """Set the document properties Word shows (File > Info) and screen readers announce."""
    meta = document.meta
    properties = doc.core_properties
    properties.title = meta.title
    properties.subject = meta.subtitle
    properties.author = meta.publisher
    properties.last_modified_by = meta.publisher
    properties.keywords = "; ".join(chapter.title for chapter in document.chapters
                                    if chapter.kind == "chapter")
    properties.comments = meta.summary
    properties.language = meta.language
    properties.identifier = meta.identifier
    properties.version = str(meta.edition.number)
    properties.category = (f"{profile.edition_label} edition" if profile.edition_label
                           else "Standard edition")
    properties.content_status = "Published"
    published = datetime.combine(meta.edition.date, time(0, 0))
    properties.created = published
    properties.modified = published
    properties.revision = 1


def set_language(doc: DocxDocument, language: str) -> None:
    """Set the document language in the style defaults (``w:docDefaults/.../w:lang``)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_properties = child(child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ())
    child(run_properties, "lang", R_PR, {"w:val": language})


def clear_body(doc: DocxDocument) -> None:
    """Remove everything from the body except its final section properties."""
    body = doc.element.body
    for node in list(body):
        if node.tag != qn("w:sectPr"):
            body.remove(node)

