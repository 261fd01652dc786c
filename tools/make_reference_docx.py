"""Make ``formats/templates/word/reference.docx``: the styles of the Word edition.

    .venv/bin/python tools/make_reference_docx.py [OUTPUT]

It starts from python-docx's default template and sets, with :mod:`formats.outputs.docx.styles`
from the STANDARD profile of :mod:`formats.outputs.docx.profile`: A4 pages with UK margins
(2.5 cm), Arial, British English in the style defaults, and the
styles Title, Subtitle, Heading 1-6, Normal, List Bullet / List Number / List Continue (1-3),
Quote, Quote Source, Caption, Header, Footer, TOC Heading, TOC 1-3, Hyperlink, Strong,
Emphasis, the table style "Toolkit Table" (header row bold on grey, repeated on every page) and
the toolkit's own paragraph styles Checklist, Form Question, Answer Space, Table Text, Glossary
Term and Glossary Definition. The template's hundred unused table styles are left out.

Run it again only to start the look over: once made, the file can be restyled in Word itself
(Home > Styles > Modify, then save), and the build uses it as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from formats.outputs.docx.document import REFERENCE, clear_body  # noqa: E402
from formats.outputs.docx.profile import STANDARD  # noqa: E402
from formats.outputs.docx.styles import apply_profile, prune_table_styles  # noqa: E402

THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
# Word 2010 reads its styles from this copy when present: it would keep the template's old look.
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def make_reference(output: Path) -> Path:
    """Write the reference document to ``output``; return its path."""
    doc = docx.Document()
    clear_body(doc)
    prune_table_styles(doc)
    apply_profile(doc, STANDARD)
    properties = doc.core_properties
    properties.title = "Reference styles of the Word edition"
    properties.author = ""
    properties.comments = ("Styles of the Word edition of the toolkit: edit them in Word to "
                           "restyle it. The text of this file is never used.")
    properties.last_modified_by = ""
    package = doc.part.package
    for relation_id, relation in list(package.rels.items()):
        if relation.reltype == THUMBNAIL:
            package.rels.pop(relation_id)
    for relation_id, relation in list(doc.part.rels.items()):
        if relation.reltype == STYLES_WITH_EFFECTS:
            doc.part.rels.pop(relation_id)
    doc.add_paragraph("Reference styles of the Word edition. Only the styles of this file are "
                      "used: edit them in Word (Home > Styles > Modify) and save the file.")
    output.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(output))
    return output


def main(argv: list[str]) -> int:
    """Make the reference document at the path given, or the one the build uses."""
    output = Path(argv[0]) if argv else REFERENCE
    print(f"wrote {make_reference(output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
