"""Inline Markdown: the table of readers by markdown-it token type, what each reads into, and
the problems of links and pictures, with their exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from formats.core.load.inlines import INLINE_READERS, InlineContext, inline_text, inlines
from formats.core.load.markdown import parse_inline
from formats.core.load.state import LoadState
from formats.core.load import load
from formats.core.model import (
    Emphasis, Figure, Image, Inline, LineBreak, Link, Location, Strong, Text,
)
from tests.conftest import MINI_SOURCE
from tests.core.load.support import CHAPTER, Problems

HERE = Location(CHAPTER, 7)


@pytest.fixture
def where(state: LoadState) -> InlineContext:
    """Return the context of inline text in a block at line 7 of chapters/test.md."""
    return InlineContext(state, state.source_dir / CHAPTER, HERE)


def test_the_table_has_a_reader_for_every_token_the_parser_makes() -> None:
    made: set[str] = set()
    nodes = [parse_inline("a *b* **c** `d` [e](#f) ![g](h.png) <i>j</i>\nk  \nl")]
    while nodes:
        node = nodes.pop()
        made.add(node.type)
        nodes.extend(node.children)
    assert made - {"inline"} == set(INLINE_READERS)


@pytest.mark.parametrize(("markdown", "expected"), [
    pytest.param("plain &amp; simple", (Text("plain & simple"),), id="text"),
    pytest.param("one\ntwo", (Text("one two"),), id="softbreak"),
    pytest.param("one  \ntwo", (Text("one"), LineBreak(), Text("two")), id="hardbreak"),
    pytest.param("say `code`", (Text("say code"),), id="code_inline"),
    pytest.param("a **b** c", (Text("a "), Strong((Text("b"),)), Text(" c")), id="strong"),
    pytest.param("a *b*", (Text("a "), Emphasis((Text("b"),))), id="em"),
    pytest.param("[us](https://example.org)", (Link("https://example.org", (Text("us"),)),),
                 id="link"),
    pytest.param("a <b>c</b>", (Text("a <b>c</b>"),), id="html_inline"),
])
def test_each_token_reads_into_its_inline(markdown: str, expected: tuple[Inline, ...],
                                          where: InlineContext, problems: Problems) -> None:
    assert inline_text(markdown, where) == expected
    assert problems() == []


def test_no_text_reads_into_no_inlines(where: InlineContext) -> None:
    assert inline_text("", where) == ()


def test_a_token_of_no_known_type_is_a_problem(where: InlineContext, problems: Problems) -> None:
    struck = SyntaxTreeNode(MarkdownIt("commonmark").enable("strikethrough").parseInline(
        "a ~~b~~ c")).children[0]
    assert inlines(struck, where) == (Text("a  c"),)
    assert problems() == [f"{CHAPTER}:7: unknown inline element 's'"]


def test_links_to_ids_are_recorded_and_other_addresses_checked(where: InlineContext,
                                                               state: LoadState,
                                                               problems: Problems) -> None:
    inline_text("[a](#term-a) [b](mailto:a@example.org) [c](http://x.org) [d](www.x.org) "
         "[e](ftp://x.org)", where)
    assert state.links == [("term-a", HERE)]
    assert problems() == [
        f"{CHAPTER}:7: link address 'www.x.org' must start with https://, http://, mailto: or #",
        f"{CHAPTER}:7: link address 'ftp://x.org' must start with https://, http://, mailto: "
        "or #"]


def test_pictures_are_found_next_to_their_file(where: InlineContext, state: LoadState,
                                               problems: Problems) -> None:
    picture = state.source_dir / "pictures" / "p.png"
    picture.parent.mkdir()
    picture.write_bytes(b"png")
    assert inline_text("![A  picture of  us](../pictures/p.png)", where) == (
        Image(picture, "A picture of us"),)
    assert inline_text("![](../pictures/p.png) ![A](../pictures/none.png) ![B](../../outside.png)",
                where) == (Image(picture, ""), Text("  "))
    assert problems() == [
        f"{CHAPTER}:7: picture '../pictures/p.png' has no alt text: write what it shows in the "
        "brackets, ![like this](picture.png)",
        f"{CHAPTER}:7: picture '../pictures/none.png' does not exist",
        f"{CHAPTER}:7: picture '../../outside.png' is outside the source folder"]


def test_a_picture_path_is_absolute(where: InlineContext, state: LoadState) -> None:
    (state.source_dir / "chapters" / "p.png").write_bytes(b"png")
    [image] = inline_text("![A](p.png)", where)
    assert isinstance(image, Image) and image.path == Path(state.root / "chapters" / "p.png")


def test_alt_text_over_two_lines_keeps_the_space_at_the_break(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    page = source / "chapters" / "01-start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n![A picture\nof us](../toolkit.yaml)\n",
                    encoding="utf-8")
    figure = [block for block in load(source).section("try-it").blocks
              if isinstance(block, Figure)]
    assert [block.image.alt for block in figure] == ["A picture of us"]
