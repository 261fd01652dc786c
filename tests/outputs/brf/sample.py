"""A small BRF file made with the writer, for the reader's and the rules' tests."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.brf.geometry import HeadingLayout
from formats.outputs.brf.louis import translate
from formats.outputs.brf.symbols import SYMBOLS
from formats.outputs.brf.writer import BoxLine, Heading, Item, PrintPage, Text, paginate, write_brf

BOX = next(symbol for symbol in SYMBOLS if symbol.cells.startswith("7"))
PRINT_PAGE = next(symbol for symbol in SYMBOLS if symbol.cells.startswith("-"))


def front(listed: tuple[str, ...] = (BOX.cells, PRINT_PAGE.cells),
          notes: str = "Transcriber's notes") -> list[Item]:
    """Return the preliminary items: the notes, listing the symbols ``listed``."""
    symbols = [symbol for symbol in SYMBOLS if symbol.cells in listed]
    return [Heading(translate(notes), new_page=True), Text(translate("Notes on the layout.")),
            Heading(translate("Special symbols used")),
            *(Text(f"{symbol.cells} {translate(symbol.meaning)}", 0, 2) for symbol in symbols)]


def body() -> list[Item]:
    """Return a chapter with a section and a part of it (in cell 5), a box and a new print page
    between them."""
    return [
        PrintPage(translate("3")),
        Heading(translate("1. Getting started"), new_page=True),
        Heading(translate("1.1 What is it?")),
        Text(translate("Co-production is working together. It means sharing power.")),
        BoxLine(), Text(translate("Activity: Think about it."), 0, 2), BoxLine(),
        PrintPage(translate("4")),
        Heading(translate("a) Details"), HeadingLayout.CELL_5),
        Text(translate("There is enough time to involve partners properly.")),
    ]


def write_sample(path: Path, front_items: list[Item] | None = None,
                 body_items: list[Item] | None = None) -> Path:
    """Write the sample BRF file at ``path``; return it."""
    prelims = paginate(front() if front_items is None else front_items,
                       lambda n: translate(f"p{n}"), show_print_pages=False)
    main = paginate(body() if body_items is None else body_items, lambda n: translate(str(n)))
    return write_brf(prelims.pages + main.pages, path)
