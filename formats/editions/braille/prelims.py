"""The preliminary pages of the braille edition (numbered p1, p2...): the title page, the
transcriber's notes with the special symbols the body uses, and the contents with each
section's braille page."""

from __future__ import annotations

from collections.abc import Mapping

from formats.core.model import Document, Figure, Table, walk_blocks
from formats.editions.braille.address_rule import toolkit_addresses
from formats.editions.braille.transcribe import HEADING_FORMATS, words
from formats.outputs.brf.geometry import HeadingLayout, PageSize
from formats.outputs.brf.symbols import Symbol
from formats.outputs.brf.writer import Entry, Heading, Item, Text

NOTES_TITLE = "Transcriber's notes"
SYMBOLS_TITLE = "Special symbols used"
CONTENTS_TITLE = "Contents"


def title_page(document: Document, body_pages: int) -> list[Item]:
    """Return the title page: title, subtitle, publisher, edition, the braille code, the
    number of braille pages, and how to ask for other formats."""
    meta = document.meta
    partner = document.partner
    lines: list[Item] = [
        Heading(words(meta.title), new_page=True),
        Heading(words(meta.subtitle)),
        Text(words(f"Published by {meta.publisher}."), 0, 2),
        *([Text(words(f"This edition is published by {partner.name}."), 0, 2)]
          if partner is not None else []),
        Text(words(f"Edition {meta.edition.number}, {meta.edition.date.strftime('%-d %B %Y')}."),
             0, 2),
        Text(words(f"Transcribed into Unified English Braille, grade 2: {body_pages} braille "
                   "pages after these preliminary pages."), 0, 2),
        Text(words(meta.alternative_formats), 0, 2),
        Text(words(meta.rights), 0, 2),
    ]
    return lines


def notes(document: Document, used: list[Symbol], print_pages: bool, size: PageSize) -> list[Item]:
    """Return the transcriber's notes: how the braille is laid out, and every special symbol
    of ``used``, each at the start of a line followed by what it means."""
    said = [
        f"This is {document.meta.title} in Unified English Braille, grade 2 (contracted), "
        f"on pages of {size.cells} cells by {size.lines} lines.",
        "The braille page number is at the end of the last line of each page.",
        *(["The print page number, from the standard print edition, is at the end of the "
           "first line of each page. A new print page is a line of dots 3-6 ending with its "
           "number; pages that start in the same place are shown together, as 26-27."]
          if print_pages else []),
        headings_said(document),
        *(["Each table is set out as a list: every row in turn, each cell after its column "
           "heading."] if _holds(document, Table) else []),
        *(["Pictures are described between transcriber's note indicators."]
          if _holds(document, Figure) else []),
        *(["Web addresses, e-mail addresses and handles are in uncontracted braille, as they "
           "are typed. A long one is divided only after a full stop, slash, hyphen or "
           "underscore."] if toolkit_addresses(document) else []),
    ]
    items: list[Item] = [Heading(words(NOTES_TITLE), new_page=True)]
    items += [Text(words(text)) for text in said]
    if used:
        items.append(Heading(words(SYMBOLS_TITLE)))
        items += [Text(f"{symbol.cells} {words(symbol.meaning)}", 0, 2) for symbol in used]
    return items


LEVEL_NAMES = {2: "sections", 3: "the parts of sections", 4: "the parts of those"}
SHOWN = {HeadingLayout.CENTRED: "centred headings after a blank line, even at the top of a page",
         HeadingLayout.CELL_5: "headings in cell 5", HeadingLayout.CELL_7: "headings in cell 7"}


def headings_said(document: Document) -> str:
    """Return how the headings of each level the document has are shown (see
    :data:`transcribe.HEADING_FORMATS`)."""
    levels = {section.level for section in document.sections()}
    said = "; ".join(f"{name} have {SHOWN[HEADING_FORMATS[level]]}"
                     for level, name in LEVEL_NAMES.items() if level in levels)
    below = f" {said[:1].upper()}{said[1:]}." if said else ""
    return (f"Each chapter starts on a new page with a centred heading on its first line.{below}"
            " Every heading is followed by a blank line.")


def _holds(document: Document, kind: type) -> bool:
    """Return True when the document has a block of ``kind`` anywhere."""
    return any(isinstance(block, kind) for section in document.sections()
               for block in walk_blocks(section.blocks))


def contents(document: Document, heading_pages: Mapping[str, int]) -> list[Item]:
    """Return the contents: every section's heading with the braille page it starts on, each
    level two cells further in than the one above it (chapters in cell 1, sections in cell 3,
    their parts in cell 5...) and every runover two cells beyond the deepest level (four levels:
    1-9, 3-9, 5-9 and 7-9), as Braille Formats lays out a contents list."""
    items: list[Item] = [Heading(words(CONTENTS_TITLE), new_page=True)]
    deepest = max((section.level for section in document.sections()), default=1)
    for section in document.sections():
        if section.id in heading_pages:
            items.append(Entry(words(section.label), words(str(heading_pages[section.id])),
                               2 * (section.level - 1), 2 * deepest))
    return items
