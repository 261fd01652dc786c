"""axe-core on every content document of the EPUB, in headless Chromium.

Each EPUB is unpacked into a temporary folder and each document of its spine, and the
navigation document, is opened from its file as XHTML (so a document that is not well-formed
XML fails to open) with the web page's publication rules (:mod:`formats.outputs.html.rules`)
but those about a web page as a whole (:data:`WEB_PAGE_ONLY`): axe-core at the desktop width
and at 320 CSS px, reflow at 320 CSS px, no word of a table or heading broken across lines at
320 CSS px (``epub/words-whole-320``), nothing lost with increased text spacing
(``epub/text-spacing``, WCAG 1.4.12), language, title, the form's boxes named and no two links
named alike going to different places (``epub/link-names``); and, for the
documents with Easy Read rows, their words' measure at 320 CSS px
(``easy-read/row-measure-320``: :mod:`formats.outputs.html.row_rules`). Their results are
named ``epub/...`` (the Easy Read rule keeps its name) and say which document they are about.
A few documents are checked at once: the documents (of both EPUBs, when there are two) are
shared out between a few threads, each with its own browser, opened once for all its
documents (a single share is checked in the calling thread, in the browser of a session open
there, if one is).

Read without a browser: ``epub/labels-said-once`` (no group labelled by a legend inside it),
``epub/glossary-one-list`` (glossary entries one after another are one list) and
``epub/answer-boxes`` (each space for an answer in a quiz's table is a box to type in, named
with its row and question: :mod:`formats.outputs.html.answer_rules`).
"""

from __future__ import annotations

import os
import posixpath
import tempfile
import zipfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.names import some
from formats.outputs.epub.reader import EpubError, open_epub
from formats.outputs.html.answer_rules import answer_boxes
from formats.outputs.html.browser import browser_session
from formats.outputs.html.form_rules import check_form_answers
from formats.outputs.html.id_rules import structure_rules
from formats.outputs.html.row_rules import MIN_MEASURE_EM, check_row_measure
from formats.outputs.html.rules import (
    AXE_TAGS,
    PUBLICATION_CHECKS,
    check_landmarks,
    check_other_formats,
    check_skip_link,
    run_checks,
)

# The web page's publication rules, on each content document, but those about a web page as a
# whole: a reading system gives the EPUB's navigation (no skip link, no header, nav and footer
# landmarks on each document), the other formats are named once in the book (its title page,
# not each chapter) and an EPUB runs no script (no download of the form's answers). A rule
# added to the web page's is run on the EPUB too unless it is named here. Then the Easy Read
# rows' measure, as on the Easy Read web page.
WEB_PAGE_ONLY = (check_skip_link, check_landmarks, check_other_formats, check_form_answers)
CHECKS = (*(check for check in PUBLICATION_CHECKS if check not in WEB_PAGE_ONLY),
          check_row_measure)
# browsers at once, one document each: the check runs another edition a processor beside
# this one, so a browser for every two processors (one on two cores: measured, the EPUB
# check alone took 51 s and 1.8 GB with one browser, 56 s and 2.9 GB with two)
WORKERS = max(1, min(4, (os.cpu_count() or 1) // 2))
PASSED = {"epub/axe": "0 axe-core violations ({tags}) in each of the {count} documents",
          "epub/reflow-320": "each of the {count} documents fits 320 CSS px without scrolling "
                             "sideways",
          "epub/words-whole-320": "at 320 CSS px, none of the {count} documents breaks a word "
                                  "of a table or heading across lines",
          "epub/text-spacing": "each of the {count} documents loses nothing with increased "
                               "text spacing (line height 1.5, paragraph spacing 2em, letter "
                               "0.12em, word 0.16em)",
          "epub/lang": "each of the {count} documents says its language",
          "epub/title": "each of the {count} documents has a title",
          "epub/form-boxes-named": "each box to write in of the form is named with its "
                                   "question's number",
          "easy-read/row-measure-320": "at 320 CSS px, each Easy Read row of the {count} "
                                       "documents with rows leaves its words at least "
                                       f"{MIN_MEASURE_EM} times their text size"}


def _renamed(result: RuleResult, document: str, path: Path) -> RuleResult:
    return RuleResult(result.rule.replace("web/", "epub/", 1), f"{path}:{document}",
                      result.passed, result.message, result.level)


def browser_rules(path: Path) -> list[RuleResult]:
    """Return the browser rules' results on every content document of the EPUB at ``path``:
    one passing result per rule for the whole book when every document passes it, else each
    failed result with its document."""
    return books_browser_rules([path])[0]


def books_browser_rules(paths: list[Path]) -> list[list[RuleResult]]:
    """Return :func:`browser_rules` of each EPUB of ``paths``, in order: their documents are
    checked together, shared out between the browsers (each started once for all of them)."""
    found: list[list[RuleResult]] = [[] for _ in paths]
    documents: list[tuple[int, str, Path]] = []  # (book, document, its unpacked file)
    with tempfile.TemporaryDirectory() as unpacked:
        for index, path in enumerate(paths):
            try:
                book = open_epub(path)
            except (EpubError, FileNotFoundError) as error:
                found[index] = [RuleResult("epub/axe", str(path), False,
                                           f"the EPUB cannot be read: {error}")]
                continue
            folder = Path(unpacked) / str(index)
            with zipfile.ZipFile(path) as archive:
                archive.extractall(folder)
            inside = folder / posixpath.dirname(book.package_path)
            documents += [(index, document, inside / document)
                          for document in dict.fromkeys([book.nav, *book.spine])]
        shares = [documents[start::WORKERS] for start in range(WORKERS)]

        def check_share(share: list[tuple[int, str, Path]]) -> list[list[RuleResult]]:
            with browser_session():  # one browser a thread, for all its documents
                return [run_checks(file, document, CHECKS) for _, document, file in share]

        if len(shares) == 1:  # in this thread: the browser of a session open in it serves
            checked_shares = [check_share(shares[0])]
        else:
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                checked_shares = list(pool.map(check_share, shares))
    checked = {(index, document): results
               for share, share_results in zip(shares, checked_shares, strict=True)
               for (index, document, _), results in zip(share, share_results, strict=True)}
    for index, path in enumerate(paths):
        outcomes: dict[str, list[RuleResult]] = {}
        for (in_book, document), results in checked.items():
            if in_book == index:
                for result in results:
                    renamed = _renamed(result, document, path)
                    outcomes.setdefault(renamed.rule, []).append(renamed)
        found[index] += _summed(outcomes, path)
    return found


def _summed(outcomes: dict[str, list[RuleResult]], path: Path) -> list[RuleResult]:
    """Return, for each rule, its failed results, or one passing result for the whole book."""
    found: list[RuleResult] = []
    for rule, results in outcomes.items():
        failed = [result for result in results if not result.passed]
        if failed:
            found += failed
            continue
        said = PASSED.get(rule, "each of the {count} documents passes").format(
            count=len(results), tags=", ".join(AXE_TAGS))
        found.append(RuleResult(rule, str(path), True, said, results[0].level))
    return found


def epub_structure_rules(path: Path, answer_spaces: int | Mapping[str, int] = 0
                         ) -> list[RuleResult]:
    """Return ``epub/labels-said-once`` and ``epub/glossary-one-list`` on the content documents
    of the EPUB at ``path`` (see :func:`formats.outputs.html.id_rules.structure_rules`): one
    result per rule for the book, naming the documents that fail it; then ``epub/answer-boxes``
    on the book, which has ``answer_spaces`` spaces for answers in its source's tables (or
    so many by section id)."""
    try:
        with zipfile.ZipFile(path) as archive:
            pages = {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                     if name.endswith(".xhtml")}
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        return [RuleResult("epub/labels-said-once", str(path), False,
                           f"the EPUB cannot be read: {error}")]
    found: dict[str, list[RuleResult]] = {}
    for name, text in sorted(pages.items()):
        for result in structure_rules(text, f"{path}:{name}"):
            found.setdefault(result.rule.replace("web/", "epub/", 1), []).append(result)
    results = []
    for rule, outcomes in found.items():
        failed = [result for result in outcomes if not result.passed]
        results.append(RuleResult(rule, failed[0].where, False,
                                  "; ".join(f"{result.where}: {result.message}"
                                            for result in failed))
                       if failed else RuleResult(rule, str(path), True,
                                                 f"each of the {len(outcomes)} documents: "
                                                 f"{outcomes[0].message}"))
    answers = answer_boxes(dict(sorted(pages.items())), str(path), path.name, answer_spaces,
                           "epub/answer-boxes")
    return [*results, answers]


def page_list_result(document: Document, path: Path, standard: Path) -> RuleResult:
    """Return ``epub/page-list`` for the EPUB at ``path`` against the one PDF in the folder
    ``standard`` (the print edition whose pages it lists)."""
    from formats.outputs.pdf.page_text import pdfium_document
    from formats.outputs.pdf.print_pages import page_labels, section_pages

    rule = "epub/page-list"
    pdfs = sorted(standard.glob("*.pdf")) if standard.is_dir() else []
    if len(pdfs) != 1 or not document.chapters:
        return RuleResult(rule, str(path), True, "no print edition beside it: no page list to "
                          "compare")
    try:
        listed = [label for label, _ in open_epub(path).pages]
        starts = section_pages(pdfs[0])
        with pdfium_document(pdfs[0]) as pdf:
            labels = page_labels(pdf)
    except (EpubError, FileNotFoundError, ValueError) as error:
        return RuleResult(rule, str(path), False, f"cannot be compared: {error}")
    first = starts.get(document.chapters[0].id)
    expected = labels[labels.index(first):] if first in labels else labels
    missing = [label for label in expected if label not in listed]
    if missing:
        return RuleResult(rule, str(path), False, f"{len(missing)} of the {len(expected)} print "
                          f"pages from the first chapter's are not in the page list: "
                          f"{some(missing, ', ')}")
    if [label for label in listed if label in expected] != expected:
        return RuleResult(rule, str(path), False, "the page list is out of order: "
                          f"{some(listed, ', ')}")
    return RuleResult(rule, str(path), True, f"the page list names all {len(expected)} print "
                      f"pages from the first chapter's ({expected[0]} to {expected[-1]}), in order")
