"""Short blocks kept on one page, read back from a tagged PDF (pypdf): ``pdf/short-blocks-whole``.

The print standard asks that a short block is never split across pages: a reader who turns the
page in the middle of a list point of four lines, a table row or a quotation loses the thread,
and a large-print reader who turns a page is also moving a magnifier. Large print let every
list point and quotation cross a page (a long point of 18pt text kept whole could leave half a
page empty), and so split seven short ones, some two lines a page.

The rule: every list point (``LI``), table row (``TR``), quotation (``BlockQuote``), figure
(``Figure``) and box or form question (``Div``) whose words are at most 300 characters long
(``SHORT_BLOCK_CHARACTERS``: about four lines of standard print, six of large print) and that
holds no other such block has all its marked content on one page. A block holding blocks (a
question of the form and its parts a) to d), each with lines to write on) may turn the page
between them. Blocks are found by the structure tree, which holds one element for a block over
a page break (:mod:`formats.outputs.pdf.tagging`; ``pdf/structure-whole`` proves it).

Messages name the pages and the block: "pages 10-11: list point '• Co-producing from the
start: people...' (188 characters) is split across pages".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from formats.core.contract import Verdict, failed, passed
from formats.core.names import shortened
from formats.core.text import SHORT_BLOCK_CHARACTERS
from formats.outputs.pdf import structure
from formats.outputs.pdf.tag_rules import pages_of, text_of

if TYPE_CHECKING:
    from formats.outputs.pdf.rules import OpenPdf

BLOCKS = {"/LI": "list point", "/TR": "table row", "/BlockQuote": "quotation",
          "/Figure": "figure", "/Div": "block"}


def _holds_a_block(pdf: OpenPdf, element: Any) -> bool:
    """Return True when another block of :data:`BLOCKS` is inside ``element``."""
    return any(isinstance(node, dict) and node is not element and node.get("/S") in BLOCKS
               for node, _ in structure.walk(element, pdf.page_index))


def short_blocks_whole(pdf: OpenPdf) -> Verdict:
    """Return whether every short list point, table row, quotation, figure and box is on one
    page."""
    if structure.tree_root(pdf.reader) is None:
        return Verdict(False, "the PDF has no structure tree")
    problems, judged = [], 0
    for element, page in pdf.elements():
        kind = BLOCKS.get(str(element["/S"]))
        if kind is None:
            continue
        said = text_of(pdf, element, page)
        if not said or len(said) > SHORT_BLOCK_CHARACTERS or _holds_a_block(pdf, element):
            continue
        judged += 1
        pages = sorted({here for here in pages_of(pdf, element, page) if here >= 0})
        if len(pages) > 1:
            shown = shortened(said)
            problems.append(f"pages {pages[0] + 1}-{pages[-1] + 1}: {kind} '{shown}' "
                            f"({len(said)} characters) is split across pages")
    if problems:
        return failed(problems)
    return passed(f"each of the {judged} short blocks (list points, table rows, quotations, "
                  f"figures and boxes of at most {SHORT_BLOCK_CHARACTERS} characters) is on one "
                  "page")


BLOCK_RULES = (("pdf/short-blocks-whole", short_blocks_whole),)
