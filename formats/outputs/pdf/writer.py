"""Write print HTML as a tagged PDF/UA-1 file with WeasyPrint: the one place WeasyPrint is called.

Rendering makes a tagged PDF/UA-1 file (structure tree, ``/Lang``, XMP ``pdfuaid:part``,
DisplayDocTitle, embedded fonts). WeasyPrint does not stop on problems: it only logs them
(missing ``alt``, missing ``lang``, ignored CSS, unreadable pictures or fonts). Every WARNING or
ERROR it logs during a render becomes a :class:`~formats.core.contract.RenderError`: our
templates and stylesheets are ours, so any warning is a defect of the edition (an ignored rule
changes what the reader gets), and an accessibility error would make the file fail PDF/UA.

An edition that needs the layout itself (to count pages, or to find where parts start) calls
:func:`lay_out` and then :func:`write_layout`; the others call :func:`write_pdf`, which does
both. Only ``file:`` and ``data:`` addresses are fetched: a build never uses the network.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from formats.core.contract import RenderError
from formats.core.free_memory import garbage_collected_at_the_end
from formats.outputs.pdf.page_references import remember_page_references
from formats.outputs.pdf.picture_names import name_pictures_by_content
from formats.outputs.pdf.scopes import add_header_scopes
from formats.outputs.pdf.tagging import install_tagger
from formats.outputs.pdf.user_agent import use_lean_stylesheet

PDF_VARIANT = "pdf/ua-1"
WORD_JOINER = "\u2060"
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_NOT_TEXT = {"style", "script", "title"}


class _Records(logging.Handler):
    """A logging handler that keeps every record at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """Collect what the "weasyprint" logger says at WARNING or above while the block runs.

    Yields the list the records are added to.
    """
    logger = logging.getLogger("weasyprint")
    handler = _Records()
    previous_level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


def raise_for_log(records: list[logging.LogRecord], name: str) -> None:
    """Raise RenderError listing every record (one per line); return when there is none."""
    if not records:
        return
    lines = "\n".join(f"  {record.levelname}: {record.getMessage()}" for record in records)
    raise RenderError(f"WeasyPrint reported {len(records)} problem(s) while writing "
                      f"{name}:\n{lines}")


def keep_hyphenated_words(root: Any) -> None:
    """Put a word joiner after every hyphen inside a word of the page's text (not attributes).

    Lines then never break inside "co-production": no word is split across lines. The joiner
    has no glyph, so the text read back is unchanged.
    """
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if element.text and tag not in _NOT_TEXT:
            element.text = _WORD_HYPHEN.sub("-" + WORD_JOINER, element.text)
        if element.tail:
            element.tail = _WORD_HYPHEN.sub("-" + WORD_JOINER, element.tail)


def lay_out(html: str, name: str, base_url: Path, *, whole_words: bool = False) -> Any:
    """Return WeasyPrint's laid-out document of ``html`` (relative addresses from ``base_url``).

    With ``whole_words``, lines never break at the hyphen of a hyphenated word. ``name`` names
    the file in messages. Raises RenderError when WeasyPrint logs any warning or error, or fails.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    images: dict[str, Any] = {}  # each address and the picture read from it
    with weasyprint_log() as records, garbage_collected_at_the_end():
        try:
            page = HTML(string=html, base_url=str(base_url), url_fetcher=fetcher)
            use_lean_stylesheet(page)  # no styles for pseudo-elements we never make (see it)
            if whole_words:
                keep_hyphenated_words(page.etree_element)
            layout = page.render(pdf_variant=PDF_VARIANT, pdf_tags=True, cache=images)
            name_pictures_by_content(images)  # the same bytes wherever the source is
        except Exception as error:  # WeasyPrint raises assorted errors on bad input
            raise RenderError(f"WeasyPrint could not lay out {name}: {error}") from error
    raise_for_log(records, name)
    return layout


def write_layout(layout: Any, target: Path) -> Path:
    """Write a laid-out document as a PDF/UA-1 file at ``target``, its structure tree mended
    (:mod:`formats.outputs.pdf.tagging`) and its table header cells with their ``/Scope``
    (:mod:`formats.outputs.pdf.scopes`); return ``target``.

    Raises RenderError (and leaves no file) when WeasyPrint logs a problem or fails.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remember_page_references()  # the tagger's page lookups, made once (see the module)
    install_tagger()  # links described by their words, artifacts, elements whole (see it)
    with weasyprint_log() as records, garbage_collected_at_the_end():
        try:
            layout.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_tags=True,
                             finisher=add_header_scopes)
        except Exception as error:  # WeasyPrint raises assorted errors on bad input
            target.unlink(missing_ok=True)
            raise RenderError(f"WeasyPrint could not write {target.name}: {error}") from error
    if records:
        target.unlink(missing_ok=True)
    raise_for_log(records, target.name)
    return target


def write_pdf(html: str, target: Path, base_url: Path, *, whole_words: bool = False) -> Path:
    """Write ``html`` as a tagged PDF/UA-1 file at ``target``; return ``target``.

    See :func:`lay_out` for ``base_url`` and ``whole_words``. Raises RenderError.
    """
    return write_layout(lay_out(html, target.name, base_url, whole_words=whole_words), target)
