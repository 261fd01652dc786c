"""The Word edition (``word/<slug of the title>.docx``), and the .docx writer large print uses.

The document is built with python-docx on ``formats/templates/word/reference.docx``, whose
styles (Title, Heading 1-6, List Bullet, List Number, Quote, Caption, Checklist...) give it
its look: restyle the Word edition by editing that file in Word. See
:mod:`formats.word_styles` for the profiles, :mod:`formats.word_writer` for what each part of
the toolkit becomes, and :mod:`formats.word_read` for the independent reader.

Contents list: a real Word TOC field (``TOC \\o "1-3" \\h``) whose entries are already filled
in as links to the headings' bookmarks. Word shows a field's last result until someone updates
it, and LibreOffice imports it as its own table of contents with the same entries, so both
show a working contents list on opening; updating the field in Word adds page numbers. A plain
list of links would look the same but could never be updated after the text is edited.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import PackageNotFoundError

from formats.model import Document
from formats.readback import FoundSection, ReadBack, RenderError, RuleResult
from formats.word_read import read_docx
from formats.word_rules import docx_rules
from formats.word_styles import LARGE_PRINT, STANDARD, DocxProfile, apply_profile, ensure_styles
from formats.word_writer import DocxWriter, clear_body, core_properties, set_language

NAME = "word"
OUTPUT = "word/docx"
REFERENCE = Path(__file__).parent / "templates" / "word" / "reference.docx"

__all__ = ["NAME", "REFERENCE", "DocxProfile", "STANDARD", "LARGE_PRINT", "render", "read_back",
           "rules", "write_docx", "read_docx", "docx_rules", "file_name"]


def file_name(document: Document) -> str:
    """Return the name of the Word file: a slug of the title ("all-together-now.docx")."""
    slug = re.sub(r"[^a-z0-9]+", "-", document.meta.title.lower()).strip("-")
    return f"{slug or 'toolkit'}.docx"


def render(document: Document, out_dir: Path) -> list[Path]:
    """Write the standard Word edition into ``out_dir``; return the file written.

    Raises RenderError when a picture cannot go into Word or an id cannot be a bookmark.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / file_name(document)
    write_docx(document, path, STANDARD)
    return [path]


def read_back(out_dir: Path) -> list[ReadBack]:
    """Return the sections python-docx finds in the built Word file."""
    files = sorted(out_dir.glob("*.docx")) if out_dir.is_dir() else []
    if not files:
        return [ReadBack(OUTPUT, {}, (f"no .docx file in {out_dir}",))]
    sections: dict[str, FoundSection] = {}
    problems: list[str] = []
    for path in files:
        try:
            sections.update(read_docx(path, out_dir))
        except (PackageNotFoundError, KeyError, ValueError) as error:
            problems.append(f"{path.name} cannot be opened as a Word document: {error}")
    return [ReadBack(OUTPUT, sections, tuple(problems))]


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the Word rules of the standards (see :mod:`formats.word_rules`) on each .docx."""
    del document  # the rules read the files only
    files = sorted(out_dir.glob("*.docx")) if out_dir.is_dir() else []
    return [result for path in files for result in docx_rules(path, out_dir, prefix=NAME)]


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
