"""The Word edition: ``word/<slug of the title>.docx``.

The document is built by the one Word writer (:mod:`formats.outputs.docx`) on
``formats/templates/word/reference.docx`` (see :mod:`formats.outputs.docx.document`), whose
styles give it its look: restyle the Word edition by editing that file in Word.
:mod:`formats.outputs.docx.writer` and :mod:`formats.outputs.docx.blocks` say what each part of
the toolkit becomes, and :mod:`formats.outputs.docx.reader` is the independent reader.

Contents list: a real Word TOC field (``TOC \\o "1-3" \\h``) whose entries are already filled
in as links to the headings' bookmarks. Word shows a field's last result until someone updates
it, and LibreOffice imports it as its own table of contents with the same entries, so both
show a working contents list on opening; updating the field in Word adds page numbers. A plain
list of links would look the same but could never be updated after the text is edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from formats.core.contract import Edition, ReadBack, RuleResult, printed_parts
from formats.core.model import Document
from formats.core.names import slug
from formats.outputs.docx.profile import STANDARD

# The writer, reader and rules (python-docx, lxml) are imported where they are used: the build
# imports every edition for its cache key, and only the process that renders one pays for them.

OUTPUT = "word/docx"
PATTERN = "*.docx"


def file_name(document: Document) -> str:
    """Return the name of the Word file: a slug of the title ("all-together-now.docx")."""
    return f"{slug(document.meta.title)}.docx"


class WordEdition(Edition):
    """The Word document."""

    name = "word"
    build_seconds = 2.0
    memory_mb = 220.0  # with LibreOffice: 228 MB, 296 MB for ten times the text
    memory_mb_per_100k = 12.0

    def cache_parts(self, document: Document) -> tuple[object, ...]:
        """Return the parts of the model this edition renders (see :func:`printed_parts`)."""
        return printed_parts(document)

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the Word document into ``out_dir``; return the file written.

        Raises RenderError when a picture cannot go into Word or an id cannot be a bookmark.
        """
        from formats.outputs.docx.document import write_docx

        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / file_name(document)
        write_docx(document, path, STANDARD)
        return [path]

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return the sections the .docx reader finds in the built Word file."""
        from formats.outputs.docx.reader import read_back_docx

        return [read_back_docx(out_dir, PATTERN, OUTPUT)]

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return "Word document"."""
        return "Word document"

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the Word rules of the standards, its running header's chapters and the text
        rules on the built .docx."""
        from formats.outputs.docx.header_rules import running_chapter
        from formats.outputs.docx.rules import docx_rules
        from formats.outputs.docx.text_rules import docx_text_rules

        path = out_dir / file_name(document)
        if not path.is_file():
            return [RuleResult(f"{self.name}/file", path.name, False, f"{path} does not exist")]
        return [*docx_rules(path, out_dir, prefix=self.name), running_chapter(path, OUTPUT),
                *docx_text_rules(path, OUTPUT)]


EDITION = WordEdition()
