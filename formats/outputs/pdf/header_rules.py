"""``pdf/running-chapter``: across a long PDF the running header says which chapter each page is
in (a large-print reader had "All together now" on all 102 pages). Read with PDFium: the text
outside the structure (the artifacts: header and footer) of every page from the first
chapter's, against the chapter whose bookmark is on or before the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pypdf.errors import PdfReadError

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.names import some
from formats.core.text import normalise
from formats.outputs.pdf.page_text import artifact_texts, pdfium_document
from formats.outputs.pdf.print_pages import page_labels, section_pages
from formats.outputs.pdf.structure import marked_content_of

RULE = "pdf/running-chapter"


def chapter_labels(document: Document) -> list[tuple[str, str]]:
    """Return (id, label) of each chapter of ``document``: what the running header says."""
    return [(chapter.id, chapter.label) for chapter in document.chapters]


def running_chapter(path: Path, output: str, chapters: Sequence[tuple[str, str]]) -> RuleResult:
    """Return ``pdf/running-chapter`` for the PDF at ``path``, whose ``chapters`` are (section
    id, label as the header shows it) in reading order."""
    where = f"{path.name} ({output})"
    try:
        starts = section_pages(path)
        with pdfium_document(path) as document:
            labels = page_labels(document)
        reached = marked_content_of(path)
        if reached is None:
            return RuleResult(RULE, where, False, "the PDF is not tagged: its running header "
                              "cannot be told from its text")
        headers = artifact_texts(path, reached)
    except (ValueError, OSError, PdfReadError) as error:
        return RuleResult(RULE, where, False, f"the PDF cannot be read: {error}")
    index_of = {label: index for index, label in enumerate(labels)}
    firsts = [(index_of[starts[chapter]], label) for chapter, label in chapters
              if starts.get(chapter) in index_of]
    if not firsts:
        return RuleResult(RULE, where, False, "no chapter's first page is found")
    wrong = []
    for index in range(firsts[0][0], len(headers)):
        label = [label for first, label in firsts if first <= index][-1]
        if normalise(label) not in normalise(headers[index]):
            wrong.append(f"page {labels[index]} ('{headers[index][:50]}', not '{label}')")
    if wrong:
        return RuleResult(RULE, where, False, f"{len(wrong)} page(s) do not say their chapter "
                          f"in the running header: {some(wrong)}")
    return RuleResult(RULE, where, True, f"each of the {len(headers) - firsts[0][0]} pages from "
                      "the first chapter says its chapter in the running header")
