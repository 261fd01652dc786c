"""Markdown blocks: the table of readers by markdown-it node type, what each reads into, and
the Markdown the toolkit does not use, each with its exact message."""

from __future__ import annotations

import pytest

from formats.core.load.blocks import BLOCK_READERS
from formats.core.load.containers import BLOCK_TYPES
from formats.core.load.markdown import parse_blocks
from formats.core.load.state import LoadState
from formats.core.model import (
    BulletList,
    Emphasis,
    Figure,
    GlossaryEntry,
    Image,
    ListItem,
    Location,
    Paragraph,
    Text,
)
from tests.core.load.support import CHAPTER, Problems, ReadBlocks

# Markdown with every kind of block the parser makes, so that a new one is noticed.
EVERY_KIND = """\
A paragraph.

- a point

1. a numbered point

> quoted

| a |
|---|
| 1 |

Term {#term-a}
: what it means

::: quote Someone
Words.
:::

---

<div>html</div>

    code

```
fenced
```

## A heading {#a-heading}
"""


def test_the_table_has_a_reader_for_every_block_the_parser_makes() -> None:
    made = {node.type for node in parse_blocks(EVERY_KIND)}
    assert made - set(BLOCK_READERS) == {"heading"}  # headings open sections (see chapters)


def test_a_paragraph_holds_inline_text(read_blocks: ReadBlocks) -> None:
    assert read_blocks("Some *words*\nhere.\n") == [
        Paragraph((Text("Some "), Emphasis((Text("words"),)), Text(" here.")),
                  Location(CHAPTER, 1))]


def test_a_picture_alone_is_a_figure_and_with_words_a_paragraph(read_blocks: ReadBlocks,
                                                                state: LoadState) -> None:
    (state.source_dir / "pictures").mkdir()
    (state.source_dir / "pictures" / "p.png").write_bytes(b"png")
    picture = Image(state.source_dir / "pictures" / "p.png", "A picture")
    assert read_blocks("![A picture](../pictures/p.png)\n") == [
        Figure(picture, (), Location(CHAPTER, 1))]
    assert read_blocks("![A picture](../pictures/p.png) Words.\n") == [
        Paragraph((picture, Text(" Words.")), Location(CHAPTER, 1))]


def test_lists_hold_blocks_and_know_whether_they_are_numbered(read_blocks: ReadBlocks) -> None:
    bullets, numbers = read_blocks("- One\n  - Inner\n\n1. First\n")
    assert isinstance(bullets, BulletList) and isinstance(numbers, BulletList)
    assert (bullets.ordered, numbers.ordered) == (False, True)
    assert bullets.items[0].blocks[1] == BulletList(
        (ListItem((Paragraph((Text("Inner"),), Location(CHAPTER, 2)),)),), False,
        Location(CHAPTER, 2))


def test_a_definition_list_is_glossary_entries_with_claimed_ids(read_blocks: ReadBlocks,
                                                               state: LoadState,
                                                               problems: Problems) -> None:
    entries = read_blocks("Power {#term-power}\n: the ability to decide.\n\n"
                          "Partner {#term-partner}\n: someone who shares.\n")
    assert [(entry.id, entry.term, entry.location.line) for entry in entries
            if isinstance(entry, GlossaryEntry)] == [("term-power", "Power", 1),
                                                     ("term-partner", "Partner", 4)]
    assert list(state.ids) == ["term-power", "term-partner"] and problems() == []


def test_a_term_without_a_usable_id_is_a_problem_and_loses_its_definition(
        read_blocks: ReadBlocks, problems: Problems) -> None:
    assert read_blocks("Power\n: a [link](#gone).\n\nPartner {#Bad}\n: x.\n") == []
    assert problems() == [
        f"{CHAPTER}:1: glossary term 'Power' has no id: end it with {{#term-some-id}}",
        f"{CHAPTER}:4: id 'Bad' must be lower-case letters, digits and hyphens"]


NOT_USED = [
    pytest.param("> quoted\n", "use '::: quote SOURCE' for a quotation, so that it keeps its "
                 "source", id="blockquote"),
    pytest.param("| a |\n|---|\n| 1 |\n", "a table needs a caption: wrap it in '::: table "
                 "CAPTION'", id="table"),
    *[pytest.param(markdown, f"unknown block type '{kind}' (write plain text, lists or "
                   f"'::: TYPE' blocks: {', '.join(BLOCK_TYPES)})", id=kind)
      for kind, markdown in (("hr", "---\n"), ("html_block", "<div>html</div>\n"),
                             ("code_block", "    code\n"), ("fence", "```\ncode\n```\n"))],
    pytest.param("- ## Heading {#h}\n", "unknown block type 'heading'", id="heading-in-a-list"),
]


@pytest.mark.parametrize(("markdown", "message"), NOT_USED)
def test_markdown_the_toolkit_does_not_use_is_a_problem(markdown: str, message: str,
                                                        read_blocks: ReadBlocks,
                                                        problems: Problems) -> None:
    blocks = read_blocks(markdown)
    assert problems() == [f"{CHAPTER}:1: {message}"]
    assert all(isinstance(block, BulletList) for block in blocks)
