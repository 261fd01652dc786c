"""``braille/print-pages``: every print page of the standard PDF from the first chapter's is shown
in the BRF file, at the top of a braille page or on a print page change line ("33-34" shows
both), so that a reader told "turn to page 33" finds it. The pages shown are read back from the
file; the pages there are read from the PDF by PDFium.
"""

from __future__ import annotations

import re
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.names import some
from formats.outputs.brf.geometry import PRINT_PAGE_CHANGE
from formats.outputs.brf.reader import back_translate, read_pages
from formats.outputs.pdf.page_text import pdfium_document
from formats.outputs.pdf.print_pages import page_labels, section_pages

RULE = "braille/print-pages"
_RANGE = re.compile(r"^\s*(\S+?)\s*-\s*(\S+)\s*$")


def shown_pages(text: str, labels: list[str]) -> set[str]:
    """Return the print page labels a BRF text shows (a range "33-34" shows the pages of
    ``labels`` from its first to its last)."""
    found: set[str] = set()
    for page in read_pages(text):
        indicators = [page.print_page] if page.print_page else []
        indicators += [match.group(1) for _, line in page.lines
                       if (match := PRINT_PAGE_CHANGE.match(line.strip())) and match.group(1)]
        for cells in indicators:
            said = back_translate(cells)
            ends = _RANGE.match(said)
            if ends and ends.group(1) in labels and ends.group(2) in labels:
                found.update(labels[labels.index(ends.group(1)):labels.index(ends.group(2)) + 1])
            else:
                found.add(said.strip())
    return found


def print_pages_result(document: Document, path: Path, standard: Path) -> RuleResult:
    """Return ``braille/print-pages`` for the BRF file at ``path`` against the one PDF in the
    folder ``standard``."""
    pdfs = sorted(standard.glob("*.pdf")) if standard.is_dir() else []
    if len(pdfs) != 1 or not document.chapters:
        return RuleResult(RULE, str(path), True, "no print edition beside it: no print pages "
                          "to show")
    if not path.is_file():
        return RuleResult(RULE, str(path), False, f"{path} does not exist")
    try:
        starts = section_pages(pdfs[0])
        with pdfium_document(pdfs[0]) as pdf:
            labels = page_labels(pdf)
    except ValueError as error:
        return RuleResult(RULE, str(path), False, f"the print edition cannot be read: {error}")
    first = starts.get(document.chapters[0].id)
    expected = labels[labels.index(first):] if first in labels else labels
    shown = shown_pages(path.read_bytes().decode("ascii", errors="replace"), labels)
    missing = [label for label in expected if label not in shown]
    if missing:
        return RuleResult(RULE, str(path), False, f"{len(missing)} of the {len(expected)} print "
                          f"pages from the first chapter's are not shown: {some(missing, ', ')}")
    return RuleResult(RULE, str(path), True, f"all {len(expected)} print pages from the first "
                      f"chapter's ({expected[0]} to {expected[-1]}) are shown")
