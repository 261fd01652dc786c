"""``easy-read/word-booklet-pages``: each Easy Read Word booklet is 24 pages or fewer, as
LibreOffice lays it out.

The PDF booklets are counted by ``easy-read/pages``; a Word booklet holds the parts of the PDF
booklet of the same number (``easy-read/word-booklets``), but Word's pages are not the PDF's:
its pictures, fonts and spacing are laid out again, so a booklet a supporter prints from the
Word file could be longer than the reader's. Each .docx file is laid out by LibreOffice, an
independent program (headless), and its pages counted, all in one run; what it found for the
same bytes before is remembered (:func:`formats.outputs.docx.libreoffice.laid_out_of`). The
build lays a booklet out before it writes the contents' page numbers into it, so the first
check of a build's booklets lays them out once more; a later check remembers them.
"""

from __future__ import annotations

from pathlib import Path

from formats.core.contract import RenderError, RuleResult
from formats.editions.easy_read.parts import MAX_PAGES
from formats.outputs.docx.libreoffice import laid_out_of

RULE = "easy-read/word-booklet-pages"


def word_booklet_pages(docxs: list[Path], out_dir: Path,
                       max_pages: int = MAX_PAGES) -> list[RuleResult]:
    """Return ``easy-read/word-booklet-pages`` for each Word file of ``docxs`` in ``out_dir``:
    failed when LibreOffice lays it out on more than ``max_pages`` pages; every one failed when
    LibreOffice cannot lay them out (none when there is no Word file: ``easy-read/word/file``
    says so)."""
    if not docxs:
        return []
    names = [path.relative_to(out_dir).as_posix() for path in docxs]
    try:
        layouts = laid_out_of(docxs)
    except RenderError as error:
        return [RuleResult(RULE, name, False, f"its pages cannot be counted: {error}")
                for name in names]
    return [RuleResult(RULE, name, layout.pages <= max_pages,
                       f"{layout.pages} page{'' if layout.pages == 1 else 's'} as LibreOffice "
                       f"lays it out (at most {max_pages})")
            for name, layout in zip(names, layouts, strict=True)]
