"""``easy-read/word-booklets``: the Word file comes as the same booklets as the PDF.

A supporter who prints or adapts the Word file must get the booklet the reader has: when the
PDF is split into booklets (24 pages or fewer each), there is a Word file for each, holding the
parts of the PDF booklet of the same number, in the same order (the Word file was once the
whole guide, 72 pages, beside four PDF booklets). Read back from the built files as a reader
finds them, never from the plan that wrote them: a PDF booklet's parts are its top-level
bookmarks before the word list (each going to the named destination of its part), a Word
booklet's its bookmarked headings before the word list (:mod:`formats.outputs.docx.reader`).
Their pages are counted by ``easy-read/word-booklet-pages``
(:mod:`formats.editions.easy_read.word_booklet_pages`).
"""

from __future__ import annotations

from pathlib import Path

from pypdf.errors import PyPdfError

from formats.core.contract import RuleResult
from formats.core.model import EasyReadPart
from formats.outputs.docx.parts import READ_ERRORS
from formats.outputs.docx.reader import read_docx
from formats.outputs.html.easy_read import WORD_LIST_ID, WORD_LIST_TITLE
from formats.outputs.pdf.opened import pdf_reader
from formats.outputs.pdf.places import ids_at
from formats.outputs.pdf.reader import named_places, read_bookmarks

RULE = "easy-read/word-booklets"
PDF_ERRORS = (OSError, PyPdfError, ValueError, KeyError, TypeError)


def pdf_part_ids(path: Path) -> list[str]:
    """Return the ids of the parts a PDF booklet holds, in order: the named destination each of
    its top-level bookmarks before the word list goes to (a bookmark going to none is skipped).

    Raises OSError or pypdf's errors for a file that is not a PDF."""
    reader = pdf_reader(path)
    places = named_places(reader)
    found: list[str] = []
    for bookmark in read_bookmarks(reader):
        if bookmark.level != 1:
            continue
        ids = ids_at(places, bookmark)
        if bookmark.title == WORD_LIST_TITLE or WORD_LIST_ID in ids:
            break
        found.extend(ids[:1])
    return found


def docx_part_ids(path: Path, out_dir: Path) -> list[str]:
    """Return the ids of the parts a Word booklet holds, in order: its sections (bookmarked
    headings) before the word list.

    Raises the errors of :func:`formats.outputs.docx.reader.read_docx` for a file that is not a
    Word document."""
    found: list[str] = []
    for section_id in read_docx(path, out_dir):
        if section_id == WORD_LIST_ID:
            break
        found.append(section_id)
    return found


def describe(ids: list[str], numbers: dict[str, int]) -> str:
    """Return some parts as a reader says them: "parts 1-4", "parts 5, 7-8", "part 3" by their
    numbers in ``numbers`` (by id); by their ids when one has no number; "no parts"."""
    if not ids:
        return "no parts"
    if not all(part_id in numbers for part_id in ids):
        return f"part{'s' if len(ids) > 1 else ''} {', '.join(ids)}"
    runs: list[list[int]] = []
    for number in (numbers[part_id] for part_id in ids):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    said = ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
    return f"part{'s' if len(ids) > 1 else ''} {said}"


def word_booklets(pdfs: list[Path], docxs: list[Path], out_dir: Path,
                  parts: tuple[EasyReadPart, ...] = ()) -> list[RuleResult]:
    """Return ``easy-read/word-booklets`` for the PDF files ``pdfs`` and Word files ``docxs``
    (each in booklet order) in ``out_dir``: one result per Word file when there are as many
    Word files as PDFs (failed when it holds other parts than the PDF of the same number, or
    another order, or a file cannot be read), else one failed result naming what differs.
    ``parts`` (the source's) name the parts by their numbers; without them, by their ids."""
    numbers = {part.id: part.number for part in parts}
    where = out_dir.name or str(out_dir)
    if not pdfs or not docxs:
        missing = "no PDF file" if not pdfs else "no Word file"
        return [RuleResult(RULE, where, False, f"there is {missing} to compare: the Word files "
                                               "are to be the booklets of the PDFs")]
    try:
        printed = [pdf_part_ids(path) for path in pdfs]
    except PDF_ERRORS as error:
        return [RuleResult(RULE, where, False, f"a PDF cannot be read: {error}")]
    if len(docxs) != len(pdfs):
        return [count_differs(pdfs, docxs, out_dir, printed, numbers)]
    results = []
    for pdf, docx, pdf_ids in zip(pdfs, docxs, printed, strict=True):
        name = docx.relative_to(out_dir).as_posix()
        try:
            word_ids = docx_part_ids(docx, out_dir)
        except READ_ERRORS as error:
            results.append(RuleResult(RULE, name, False,
                                      f"{name} cannot be read as a Word document: {error}"))
            continue
        problems = []
        if docx.stem != pdf.stem:
            problems.append(f"{docx.name} is not named as {pdf.name} (.docx for .pdf)")
        if word_ids != pdf_ids:
            problems.append(f"{docx.name} holds {describe(word_ids, numbers)}, but {pdf.name} "
                            f"holds {describe(pdf_ids, numbers)}: a Word booklet holds the parts "
                            "of the PDF booklet of the same number, in the same order")
        results.append(RuleResult.from_problems(
            RULE, name, problems, f"it holds {describe(pdf_ids, numbers)}, as {pdf.name} does"))
    return results


def count_differs(pdfs: list[Path], docxs: list[Path], out_dir: Path, printed: list[list[str]],
                  numbers: dict[str, int]) -> RuleResult:
    """Return the failed result when there are not as many Word files as PDFs: the one Word
    file and what it holds beside PDF booklets, or how many of each there are."""
    if len(docxs) == 1:
        name = docxs[0].relative_to(out_dir).as_posix()
        try:
            held = describe(docx_part_ids(docxs[0], out_dir), numbers)
        except READ_ERRORS as error:
            held = f"what cannot be read ({error})"
        return RuleResult(RULE, name, False,
                          f"{docxs[0].name} holds {held}, but the PDFs are {len(pdfs)} "
                          f"booklets: the Word file should be {len(pdfs)} booklets too")
    pdf_said = (f"the PDF is one file holding {describe(printed[0], numbers)}" if len(pdfs) == 1
                else f"the PDFs are {len(pdfs)} booklets")
    return RuleResult(RULE, out_dir.name or str(out_dir), False,
                      f"the Word file is {len(docxs)} booklets "
                      f"({', '.join(path.name for path in docxs)}), but {pdf_said}: there "
                      "should be a Word file for each PDF, holding its parts")
