"""Set up, fill and save a .docx on a reference document's styles (python-docx).

Every Word document of the toolkit (the Word, large-print and Easy Read documents) starts
here: :func:`new_document` opens ``formats/templates/word/reference.docx``, whose styles
(Title, Heading 1-6, List Bullet, List Number, Quote, Caption, Checklist...) give it its look,
applies a profile over them when the profile says ``restyle``, says the document's language and
turns Word's automatic hyphenation off. :func:`write_docx` writes the toolkit itself
(:mod:`.writer`); the Easy Read edition fills the document with its own layout.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from formats.core.contract import RenderError
from formats.core.model import Document
from formats.core.names import TEMPLATES, source_date
from formats.outputs.docx.contents import number_contents
from formats.outputs.docx.profile import DocxProfile
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.styles import apply_profile, ensure_styles
from formats.outputs.docx.writer import write_toolkit
from formats.outputs.docx.xml import R_PR, SETTINGS, child

REFERENCE = TEMPLATES / "word" / "reference.docx"
MAX_PROPERTY = 255  # characters Word allows in a core property


@dataclass(frozen=True)
class Properties:
    """The document properties Word shows (File > Info) and screen readers announce."""

    title: str
    subject: str
    author: str
    keywords: str
    comments: str
    language: str
    identifier: str
    version: str
    category: str
    published: date


def write_docx(document: Document, path: Path, profile: DocxProfile,
               reference: Path = REFERENCE) -> None:
    """Write ``document`` as a .docx at ``path`` in the look of ``profile``, on the styles of
    ``reference``.

    The contents list gets its page numbers from laying the saved file out once with
    LibreOffice (:func:`~formats.outputs.docx.contents.number_contents`).

    Raises RenderError when the reference document is missing or damaged, a picture cannot go
    into Word, an id cannot be a Word bookmark, or LibreOffice cannot lay the file out.
    """
    state = DocxState(new_document(profile, document.meta.language, reference), document,
                      profile)
    write_toolkit(state)
    core_properties(state.doc, toolkit_properties(document, profile))
    save(state.doc, path, document.meta.edition.date)
    number_contents(path)


def new_document(profile: DocxProfile, language: str,
                 reference: Path = REFERENCE) -> DocxDocument:
    """Return an empty document on the reference's styles, restyled by ``profile`` when it
    says so, in ``language``, with automatic hyphenation off.

    Raises RenderError when the reference document is missing or is not a Word document.
    """
    doc = open_reference(reference)
    clear_body(doc)
    if profile.restyle:
        apply_profile(doc, profile)
    set_language(doc, language)
    hyphenation_off(doc)
    return doc


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


def save(doc: DocxDocument, path: Path, made: date) -> None:
    """Save the document at ``path`` (making its folder when missing), every part of the
    package dated ``made`` (see :func:`formats.core.names.source_date`): python-docx dates them
    now, which would make two builds of the same source differ."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    stamp = source_date(made).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as built, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in built.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, built.read(entry.filename))


def toolkit_properties(document: Document, profile: DocxProfile) -> Properties:
    """Return the properties of the toolkit in the look of ``profile``: its title, subtitle,
    publisher, chapter titles as keywords, summary, edition and date."""
    meta = document.meta
    return Properties(
        title=meta.title, subject=meta.subtitle, author=meta.publisher,
        keywords="; ".join(chapter.title for chapter in document.chapters
                           if chapter.kind == "chapter"),
        comments=meta.summary, language=meta.language, identifier=meta.identifier,
        version=str(meta.edition.number),
        category=(f"{profile.edition_label} edition" if profile.edition_label
                  else "Standard edition"),
        published=meta.edition.date)


def core_properties(doc: DocxDocument, given: Properties) -> None:
    """Set the core properties of the document (every one, so none is left from the
    reference document); text properties are cut to the 255 characters Word allows."""
    properties = doc.core_properties
    properties.title = fit(given.title)
    properties.subject = fit(given.subject)
    properties.author = fit(given.author)
    properties.last_modified_by = fit(given.author)
    properties.keywords = fit(given.keywords, "; ")
    properties.comments = fit(given.comments, " ")
    properties.language = given.language
    properties.identifier = given.identifier
    properties.version = given.version
    properties.category = given.category
    properties.content_status = "Published"
    published = datetime.combine(given.published, time(0, 0))
    properties.created = published
    properties.modified = published
    properties.revision = 1


def fit(text: str, separator: str = " ", limit: int = MAX_PROPERTY) -> str:
    """Return ``text`` cut to at most ``limit`` characters, at a ``separator`` when it has to
    be cut (Word refuses a longer core property)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut.rsplit(separator, 1)[0].rstrip(separator.strip() or " ") if separator in cut \
        else cut


def set_language(doc: DocxDocument, language: str) -> None:
    """Set the document language in the style defaults (``w:docDefaults/.../w:lang``)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_properties = child(child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault")), "rPr", ())
    child(run_properties, "lang", R_PR, {"w:val": language})


def hyphenation_off(doc: DocxDocument) -> None:
    """Turn Word's automatic hyphenation off (``w:autoHyphenation`` false in the settings):
    a word broken across lines is harder to read, and the standards ask for none."""
    child(doc.settings.element, "autoHyphenation", SETTINGS, {"w:val": "false"})


def clear_body(doc: DocxDocument) -> None:
    """Remove everything from the body except its final section properties."""
    body = doc.element.body
    for node in list(body):
        if node.tag != qn("w:sectPr"):
            body.remove(node)
