"""What large print is: the sizes, spacing and layout that UKAAF G003 and RNIB Clear Print ask
for, in one place for the PDF, the Word document and their rules."""

from __future__ import annotations

from formats.outputs.docx.profile import DocxProfile

BODY_SIZE = 18.0  # points: the body text
MIN_SIZE = 16.0  # points: nothing smaller anywhere (page numbers, captions, table text)
MIN_MARGIN_CM = 2.0
MAX_LINE = 70  # characters a line of body text may hold
# Tables with this many columns or more become lists of "column: value": every table, as two
# columns of 18pt text on A4 hold about 20 characters a line.
REFLOW_COLUMNS = 2
LINE_SPACING = 1.5

DOCX = DocxProfile(
    name="large print", font="Arial", body_size=BODY_SIZE, heading_sizes=(24, 22, 20, 20, 20, 20),
    title_size=32, subtitle_size=24, small_size=MIN_SIZE, line_spacing=LINE_SPACING,
    space_after=18, margin_cm=2.5, list_indent_cm=1.1, italics=False,
    tables_as_lists_from=REFLOW_COLUMNS, restyle=True, edition_label="Large print",
    minimum_size=MIN_SIZE)
