"""Tables in Word: data tables in the toolkit's table style with a repeating header row, the
"label: value" lines large print writes instead of wide tables, and borderless layout tables
(the Easy Read picture beside its words)."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.table import Table as DocxTable
from docx.table import _Cell

from formats.core.model import Image, Inlines, Strong, Table, Text
from formats.core.tables import labelled_rows
from formats.core.text import inline_text
from formats.outputs.docx.forms import ANSWER_LINES, answer_box
from formats.outputs.docx.inlines import write_inlines
from formats.outputs.docx.pictures import picture_run
from formats.outputs.docx.profile import TABLE_STYLE, TABLE_TEXT
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import TBL_BORDERS, TBL_PR, child, element


def write_table(state: DocxState, block: Table, level: int) -> None:
    """Write a table under its caption, or as lines when it has too many columns."""
    columns = len(block.header)
    threshold = state.profile.tables_as_lists_from
    if threshold is not None and columns >= threshold:
        table_as_lines(state, block)
        return
    if block.caption:
        write_inlines(state, state.paragraph("Caption")._p, block.caption)
    table = state.doc.add_table(rows=1 + len(block.rows), cols=columns)
    table.style = state.doc.styles[TABLE_STYLE]
    data_table_properties(table, inline_text(block.caption))
    for cell, content in zip(table.rows[0].cells, block.header, strict=True):
        cell_text(state, cell, content)
    for row, cells in zip(table.rows[1:], block.rows, strict=True):
        for cell, content in zip(row.cells, cells, strict=False):
            cell_text(state, cell, content)
        if any(not content for content in cells):
            row.height = Cm(1.2 * state.profile.body_size / 12)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for row in table.rows:
        row._tr.get_or_add_trPr().append(element("w:cantSplit"))
    table.rows[0]._tr.get_or_add_trPr().append(element("w:tblHeader"))


def cell_text(state: DocxState, cell: _Cell, content: Inlines) -> None:
    """Write inline text into a cell's paragraph, in the Table Text style."""
    paragraph = cell.paragraphs[0]
    state.set_style(paragraph._p, TABLE_TEXT)
    write_inlines(state, paragraph._p, content)


def data_table_properties(table: DocxTable, caption: str) -> None:
    """Set the table's width to the page, its look (a header row) and its alt title."""
    properties = table._tbl.tblPr
    child(properties, "tblW", TBL_PR, {"w:w": "5000", "w:type": "pct"})
    look = child(properties, "tblLook", TBL_PR)
    for name in list(look.attrib):
        del look.attrib[name]
    for name, value in (("w:val", "0420"), ("w:firstRow", "1"), ("w:lastRow", "0"),
                        ("w:firstColumn", "0"), ("w:lastColumn", "0"),
                        ("w:noHBand", "0"), ("w:noVBand", "1")):
        look.set(qn(name), value)
    if caption:
        child(properties, "tblCaption", TBL_PR, {"w:val": caption[:255]})


def table_as_lines(state: DocxState, block: Table) -> None:
    """Write each row as "header: value" lines (large print), an empty cell as a labelled box to
    write in, a cell that only repeats its header ("True / False" under "True or False?") as its
    words alone (:mod:`formats.core.tables`)."""
    if block.caption:
        write_inlines(state, state.paragraph("Caption")._p, block.caption)
    for row in labelled_rows(block):
        for index, cell in enumerate(row):
            paragraph = state.paragraph()
            if index == 0:
                paragraph.paragraph_format.space_before = Cm(0.5)
            # a label stays with what follows in its row, and with the box it asks to fill
            paragraph.paragraph_format.keep_with_next = index < len(row) - 1 or cell.is_write_in
            if cell.repeats_label:
                write_inlines(state, paragraph._p, cell.content)
                continue
            colon = (Text(cell.label_colon),) if cell.label_colon else ()
            write_inlines(state, paragraph._p, (Strong((*cell.label, *colon)),))
            if cell.is_write_in:
                answer_box(state, ANSWER_LINES, alias=f"{inline_text(cell.label)}",
                           tag="table-answer")
            else:
                paragraph._p.append(state.run(" "))
                write_inlines(state, paragraph._p, cell.content)


# ---------------------------------------------------------------------------------------------
# Layout tables


def layout_table(state: DocxState, first_column_cm: float) -> DocxTable:
    """Add a layout table of two columns and no rows: no borders, no header row, fixed widths,
    the first column ``first_column_cm`` wide and the second the rest of the text width."""
    table = state.doc.add_table(rows=0, cols=2)
    table.autofit = False
    properties = table._tbl.tblPr
    borders = child(properties, "tblBorders", TBL_PR)
    for side in TBL_BORDERS:
        child(borders, side, TBL_BORDERS, {"w:val": "nil"})
    child(properties, "tblLayout", TBL_PR, {"w:type": "fixed"})
    look = child(properties, "tblLook", TBL_PR)
    for name, value in (("w:val", "0000"), ("w:firstRow", "0"), ("w:firstColumn", "0")):
        look.set(qn(name), value)
    first = Cm(first_column_cm)
    for column, width in zip(table.columns, (first, Emu(state.text_width() - first)), strict=True):
        column.width = width
    return table


def picture_beside_words(state: DocxState, table: DocxTable, picture: Image | None,
                         words: Inlines, picture_width_cm: float) -> None:
    """Add a row to a layout table: the picture (with its alt text) ``picture_width_cm`` wide
    in the first cell, the words in the second; the row never breaks across pages."""
    row = table.add_row()
    row._tr.get_or_add_trPr().append(element("w:cantSplit"))
    cells = row.cells
    first_column = Emu(table.columns[0].width)
    for cell, width in zip(cells, (first_column, Emu(state.text_width() - first_column)),
                           strict=True):
        cell.width = width
    if picture is not None:
        cells[0].paragraphs[0]._p.append(picture_run(state, picture, width_cm=picture_width_cm))
    write_inlines(state, cells[1].paragraphs[0]._p, words)
