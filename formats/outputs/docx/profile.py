"""How a Word document looks: its profile (sizes, spacing, margins, colours) and the names of
the styles the writer uses. A neutral module: the writer, the style builders and the editions'
profiles read it.

Font: Arial in every profile. A .docx names its fonts but python-docx cannot embed them, so a
reader's Word uses what is installed: Atkinson Hyperlegible (the large print PDF's face) is on
few computers, and a missing font is replaced by whatever Word picks, often a serif face. Arial
is on every Windows and Mac computer with Word, and LibreOffice replaces it with the
metric-compatible Liberation Sans; both are sans-serif with clear letter shapes, as the large
print and Easy Read rules ask.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADING_COLOUR = "1F3864"  # dark blue: contrast 11.9:1 on white
TEXT_COLOUR = "000000"
QUIET_COLOUR = "404040"  # headers, footers, subtitle: 10.4:1
LINK_COLOUR = "0563C1"  # Word's own link blue: 6.1:1
RULE_COLOUR = "595959"  # borders of tables and answer spaces
HEADER_FILL = "E7E6E6"  # the header row of tables (black text on it: 16.4:1)
UK_MARGIN_CM = 2.5  # every side of an A4 page
A4_CM = (21.0, 29.7)

# Styles made for the toolkit (besides Word's built-in ones), by name.
CHECKLIST = "Checklist"
QUOTE_SOURCE = "Quote Source"
FORM_QUESTION = "Form Question"
ANSWER_SPACE = "Answer Space"
GLOSSARY_TERM = "Glossary Term"
GLOSSARY_DEFINITION = "Glossary Definition"
TABLE_TEXT = "Table Text"
TABLE_STYLE = "Toolkit Table"
LIST_LEVELS = 3  # List Bullet, List Bullet 2, List Bullet 3 (and List Number, List Continue)


@dataclass(frozen=True)
class DocxProfile:
    """How a Word document looks: sizes in points, margins in centimetres, colours as hex RGB.

    ``restyle`` applies the profile over the reference document's styles at every build
    (otherwise the reference's styles are used as they are). ``minimum_size`` is raised to in
    every style when set; ``italics`` False turns emphasis into bold and removes italics from
    every style. ``tables_as_lists_from``: tables with this many columns or more are written as
    "label: value" lines (None: never). ``edition_label`` names the edition on the title page,
    in the header and in the properties ("" for the standard one). ``no_break_hyphens`` writes
    the hyphen inside a word ("co-production") as Word's non-breaking hyphen, so that no line
    ends at it.
    """

    name: str
    font: str
    body_size: float
    heading_sizes: tuple[float, float, float, float, float, float]
    title_size: float
    subtitle_size: float
    small_size: float
    line_spacing: float
    space_after: float
    margin_cm: float
    list_indent_cm: float
    italics: bool
    tables_as_lists_from: int | None
    restyle: bool
    edition_label: str
    minimum_size: float | None = None
    heading_colour: str = HEADING_COLOUR
    link_colour: str = LINK_COLOUR
    no_break_hyphens: bool = False

    @property
    def caption_size(self) -> float:
        """Return the size of captions: a point below the body, never below ``small_size``."""
        return max(self.small_size, self.body_size - 1)


STANDARD = DocxProfile(
    name="standard", font="Arial", body_size=12, heading_sizes=(20, 16, 14, 13, 12, 12),
    title_size=28, subtitle_size=16, small_size=10, line_spacing=1.15, space_after=8,
    margin_cm=UK_MARGIN_CM, list_indent_cm=0.75, italics=True, tables_as_lists_from=None,
    restyle=False, edition_label="")
