"""The toolkit's sections as braille items to lay out (see :mod:`formats.outputs.brf.writer`).

Braille Authority of North America formats, as far as a 40-cell line needs them: each level of
heading has a format of its own (:data:`HEADING_FORMATS`: chapters start a new page with a
centred heading, sections have centred headings, their parts cell-5 headings and the parts of
those cell-7 headings, each set off by blank lines, see :mod:`formats.outputs.brf.geometry`);
paragraphs are 3-1 (first line in cell 3, runovers in cell 1), list items 1-3 and nested items
3-5; activities, checklists and quizzes are boxed by box lines; a table becomes a list of its
rows, each cell with its column heading as a label (the first cell of a row 1-3, the others
3-5); a picture is its description between transcriber's note indicators. Bold and italics are
kept with UEB's emphasis indicators; links are their words, with the address in brackets after
them when the words do not say it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from formats.core.addresses import find_addresses
from formats.core.dispatch import NodeTable, block_table, inline_table
from formats.core.model import (
    Activity,
    Block,
    BulletList,
    Checklist,
    Document,
    Emphasis,
    Figure,
    Form,
    GlossaryEntry,
    Image,
    Inlines,
    LineBreak,
    Link,
    MediumWords,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Section,
    Strong,
    Table,
    Text,
)
from formats.core.tables import labelled_rows
from formats.core.text import inline_text
from formats.outputs.brf import louis
from formats.outputs.brf.geometry import BREAK_HERE, HeadingLayout
from formats.outputs.brf.louis import Emphasis as Typeform
from formats.outputs.brf.writer import BoxLine, Heading, Item, PrintPage
from formats.outputs.brf.writer import Text as Lines

Marked = tuple[str, list[int]]  # print text and one liblouis typeform per character

PARAGRAPH = (2, 0)  # 3-1
OPENING = re.compile("\u2018")
SENTENCE_END = re.compile("[.!?]\u2019?(?=\\s)")  # with its closing quote: "‘Yes.’ Then"
DIVIDE_AFTER = "/.-_@"  # an address may be divided at a line's end after one of these
LIST_STEP = 2


def flatten(inlines: Inlines, typeform: int = Typeform.PLAIN) -> Marked:
    """Return inline nodes as print text with a typeform per character."""
    text, forms = "", []
    for node in inlines:
        piece, piece_forms = _FLATTEN[node](node, typeform)
        text += piece
        forms += piece_forms
    return text, forms


def _plain(text: str, typeform: int) -> Marked:
    return text, [typeform] * len(text)


def _link(node: Link, typeform: int) -> Marked:
    text, forms = flatten(node.children, typeform)
    if node.is_internal or node.display_address in text:
        return text, forms
    address = f" ({node.display_address})"
    return text + address, forms + [Typeform.PLAIN] * len(address)


_FLATTEN: NodeTable[Callable[[Any, int], Marked]] = inline_table("braille: inlines", {
    Text: lambda node, typeform: _plain(node.text, typeform),
    Strong: lambda node, typeform: flatten(node.children, typeform | Typeform.BOLD),
    Emphasis: lambda node, typeform: flatten(node.children, typeform | Typeform.ITALIC),
    Link: _link,
    Image: lambda node, typeform: _plain("", typeform),
    LineBreak: lambda node, typeform: _plain(" ", typeform),
    # Braille is read like a screen: the words a screen has where print says "on page 14".
    MediumWords: lambda node, typeform: (
        _plain(node.reflowable, typeform) if node.reflowable is not None
        else flatten(node.written, typeform)),
})


def braille(marked: Marked) -> str:
    """Return marked print text in UEB grade 2 cells, one space between words.

    Web and e-mail addresses and handles are uncontracted (a reader types them letter by
    letter: "UPLOAD$" is not "uploaded"), and may be divided at a line's end only after one of
    their "/", ".", "-", "_" or "@" (:data:`BREAK_HERE`, between whole symbols).
    """
    text, forms = marked
    forms = forms[:len(text)] + [0] * (len(text) - len(forms))
    kept = [index for index, sign in enumerate(text) if sign != "\u00ad"]  # soft hyphens
    text, forms = "".join(text[index] for index in kept), [forms[index] for index in kept]
    divisible: set[int] = set()
    for address in find_addresses(text):
        for index in range(address.start, address.end):
            forms[index] |= Typeform.NO_CONTRACT
            if text[index] in DIVIDE_AFTER and index < address.end - 1:
                divisible.add(index)
    cells, sources = "", []
    for start, end in _pieces(text):  # a closing quote after "s" on its own: see below
        piece_forms = forms[start:end]
        found, found_sources = louis.translate_with_sources(
            text[start:end], piece_forms if any(piece_forms) else None)
        cells += found
        sources += [start + source for source in found_sources]
    ends = [index + 1 for index in range(len(cells))
            if sources[index] in divisible
            and (index + 1 == len(cells) or sources[index + 1] != sources[index])]
    for end in reversed(ends):
        cells = cells[:end] + BREAK_HERE + cells[end:]
    return " ".join(cells.split())


def _pieces(text: str) -> list[tuple[int, int]]:
    """Return ``text`` cut into pieces to translate one by one: a quotation's closing single
    quote after an "s" is a piece of its own. liblouis reads "s’" at the end of a word as a
    plural's apostrophe ("‘yes’" became ",8YES'", a quotation never closed); alone, "’" is the
    closing quote (",0")."""
    cuts = sorted(index for index in closing_quotes(text) if index and text[index - 1] in "sS")
    bounds = [0, *(bound for index in cuts for bound in (index, index + 1)), len(text)]
    return [(start, end) for start, end in itertools.pairwise(bounds) if start < end]


def closing_quotes(text: str) -> set[int]:
    """Return where the single quotes that close a quotation opened by "‘" are: for each "‘",
    the last "’" that ends a word before the next "‘" or the end of its sentence."""
    found: set[int] = set()
    for match in OPENING.finditer(text):
        window = SENTENCE_END.search(text, match.end())
        stop = window.end() if window else len(text)
        following = text.find("\u2018", match.end())
        if following != -1:
            stop = min(stop, following)
        ends = [index for index in range(match.end(), stop) if text[index] == "\u2019"
                and (index + 1 == len(text) or not text[index + 1].isalpha())]
        if ends:
            found.add(ends[-1])
    return found


def words(text: str, typeform: int = Typeform.PLAIN) -> str:
    """Return plain print words in UEB grade 2 cells."""
    return braille(_plain(text, typeform))


def joined(*pieces: Marked) -> Marked:
    """Return marked pieces as one."""
    return "".join(text for text, _ in pieces), [form for _, forms in pieces for form in forms]


def plain(text: str) -> Marked:
    """Return plain print text, marked."""
    return _plain(text, Typeform.PLAIN)


@dataclass(frozen=True)
class Context:
    """What the blocks of a section need: how far in a list they are, and the labels of the
    sections that quizzes send the reader to."""

    depth: int
    labels: Mapping[str, str]

    def deeper(self) -> Context:
        return Context(self.depth + 1, self.labels)

    @property
    def item_indents(self) -> tuple[int, int]:
        """Return the indents of a list item at this depth: 1-3, 3-5, then 5-5."""
        return min(LIST_STEP * self.depth, 4), min(LIST_STEP * self.depth + LIST_STEP, 4)


def blocks_items(blocks: tuple[Block, ...], context: Context) -> list[Item]:
    """Return the items of several blocks."""
    return [item for block in blocks for item in _BLOCKS[block](block, context)]


def _paragraph(block: Paragraph, context: Context) -> list[Item]:
    first, runover = PARAGRAPH if context.depth == 0 else (context.item_indents[1],) * 2
    return [Lines(braille(flatten(block.content)), first, runover)]


def _list_item(lead: Marked, blocks: tuple[Block, ...], context: Context) -> list[Item]:
    """Return a list item: ``lead`` then its first paragraph at the item's indents, then its
    other blocks one level in."""
    first, runover = context.item_indents
    rest = blocks
    if blocks and isinstance(blocks[0], Paragraph):
        lead, rest = joined(lead, flatten(blocks[0].content)), blocks[1:]
    items: list[Item] = [Lines(braille(lead), first, runover)] if lead[0].strip() else []
    return items + blocks_items(rest, context.deeper())


def _bullet_list(block: BulletList, context: Context) -> list[Item]:
    return [item for number, point in enumerate(block.items, start=1)
            for item in _list_item(plain(f"{number}. " if block.ordered else ""), point.blocks,
                                   context)]


def _boxed(title: Marked, inner: list[Item]) -> list[Item]:
    return [BoxLine(), Lines(braille(title), 0, 2), *inner, BoxLine()]


def _checklist(block: Checklist, context: Context) -> list[Item]:
    title = joined(plain("Checklist: " if block.title else "Checklist"), flatten(block.title))
    points: list[Item] = [Lines(braille(flatten(point)), *context.item_indents)
                          for point in block.items]
    return _boxed(title, blocks_items(block.intro, context) + points)


def _activity(block: Activity, context: Context) -> list[Item]:
    title = joined(plain("Activity: " if block.title else "Activity"), flatten(block.title))
    return _boxed(title, blocks_items(block.blocks, context))


def _quiz(block: Quiz, context: Context) -> list[Item]:
    title = joined(plain(f"Quiz {block.number}: "), flatten(block.title))
    where = context.labels.get(block.answers_id, "")
    answers: list[Item] = [Lines(words(f"The suggested answers to quiz {block.number} are "
                                       f"in {where}."), *PARAGRAPH)] if where else []
    return _boxed(title, blocks_items(block.blocks, context) + answers)


def _table(block: Table, context: Context) -> list[Item]:
    caption = joined(plain("Table: " if block.caption else "Table"), flatten(block.caption))
    items: list[Item] = [Lines(braille(caption), 0, 2)]
    if block.header:  # the column headings once, as a linear braille table gives them
        pieces = [piece for number, cell in enumerate(block.header)
                  for piece in ((plain("; "),) if number else ()) + (flatten(cell),)]
        items.append(Lines(braille(joined(plain("Columns: "), *pieces)), 0, 2))
    for row in labelled_rows(block):
        for position, cell in enumerate(row):
            label = inline_text(cell.label).rstrip()
            after = " " if label.endswith(("?", ":", "!")) else ": "  # "True or false? False"
            if cell.repeats_label:  # "True / False?" under "True or False?": the cell's words
                marked = flatten(cell.content)
            elif cell.is_write_in:
                marked = joined(flatten(cell.label), plain(f"{after}(space for your answer)"))
            else:
                marked = joined(flatten(cell.label), plain(after), flatten(cell.content))
            indents = (0, 2) if position == 0 else (2, 4)
            items.append(Lines(braille(marked), *indents))
    return items


def _quote(block: Quote, context: Context) -> list[Item]:
    quoted = [Lines(item.cells, 4, 2) if isinstance(item, Lines) else item
              for item in blocks_items(block.blocks, context)]
    source: list[Item] = [Lines(braille(joined(plain("Source: "), flatten(block.source))), 4,
                                2)] if inline_text(block.source).strip() else []
    return quoted + source


def _glossary_entry(block: GlossaryEntry, context: Context) -> list[Item]:
    return _list_item(plain(f"{block.term}: "), block.definition, context)


MAX_START = 4  # a line of text starts in cell 5 at the furthest (cells counted from 0)
# How each kind of question is answered, said after it ("parts": only in its parts).
ANSWER_HOW = {"choice": " (choose any)", "one-of": " (choose one)", "yesno": " (choose one)",
              "text": " (write your answer)", "parts": ""}


def _form(block: Form, context: Context) -> list[Item]:
    items: list[Item] = [Lines(braille(flatten(block.title)), 0, 2)] \
        if inline_text(block.title).strip() else []
    for question in block.questions:
        for one in question.all():
            number = f"{one.letter}) " if one.letter else f"{one.number}. "
            indent = 2 if one.letter else 0
            prompt = joined(plain(number), flatten(one.prompt))
            items.append(Lines(braille(joined(prompt, plain(ANSWER_HOW[one.kind]))), indent,
                               indent + 2))
            first = min(indent + 2, MAX_START)
            items.extend(Lines(words(option), first, max(first, min(indent + 4, MAX_START)))
                         for option in one.options)
    return items


def _figure(block: Figure, context: Context) -> list[Item]:
    described = words(f"Picture: {block.image.alt}", Typeform.TRANSNOTE)
    caption = braille(flatten(block.caption))
    return [Lines(f"{described} {caption}".strip(), *PARAGRAPH)]


_BLOCKS: NodeTable[Callable[[Any, Context], list[Item]]] = block_table("braille: blocks", {
    Paragraph: _paragraph,
    BulletList: _bullet_list,
    Checklist: _checklist,
    Activity: _activity,
    Quiz: _quiz,
    QuizAnswers: lambda block, context: blocks_items(block.blocks, context),
    Quote: _quote,
    Table: _table,
    GlossaryEntry: _glossary_entry,
    Form: _form,
    Figure: _figure,
})


# The format of each level of heading (Braille Formats 2016, 4.2-4.6); a chapter's (level 1)
# also starts a new page. Deeper levels, which the toolkit does not have, share cell 7.
HEADING_FORMATS = {1: HeadingLayout.CENTRED, 2: HeadingLayout.CENTRED, 3: HeadingLayout.CELL_5,
                   4: HeadingLayout.CELL_7}


def heading(section: Section) -> Heading:
    """Return a section's heading: chapters centred on a new page; sections centred; their
    parts in cell 5 and the parts of those in cell 7."""
    return Heading(words(section.label), HEADING_FORMATS.get(section.level, HeadingLayout.CELL_7),
                   new_page=section.level == 1, ref=section.id)


def body(document: Document, print_pages: Mapping[str, Sequence[str]]) -> list[Item]:
    """Return every section of the document as items, with the print pages that start at each
    place before it (``print_pages``: section id or "<section id>/b<n>" -> the page labels,
    :func:`formats.core.print_page_places.page_places`): one print page indicator, combined
    ("33-34") when more than one page starts at the same place."""
    labels = {section.id: section.label if section is chapter
              else f"{chapter.label} ({section.label})"
              for chapter in document.chapters for section in chapter.walk()}
    items: list[Item] = []
    for section in document.sections():
        items += print_page(print_pages.get(section.id, ()))
        items.append(heading(section))
        for index, block in enumerate(section.blocks, start=1):
            items += print_page(print_pages.get(f"{section.id}/b{index}", ()))
            items.extend(blocks_items((block,), Context(0, labels)))
    return items


def print_page(labels: Sequence[str]) -> list[Item]:
    """Return the print page indicator of the pages ``labels`` (none for no page): "33", or
    "33-34" for pages that start at the same place."""
    if not labels:
        return []
    return [PrintPage(words(labels[0] if len(labels) == 1 else f"{labels[0]}-{labels[-1]}"))]
