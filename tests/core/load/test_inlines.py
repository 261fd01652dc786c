"""Inline Markdown: the table of readers by markdown-it token type, what each reads into, and
the problems of links and pictures, with their exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from formats.core.load import load
from formats.core.load.inlines import INLINE_READERS, InlineContext, inline_text, inlines
from formats.core.load.markdown import parse_inline
from formats.core.load.state import LoadState
from formats.core.model import (
    Emphasis,
    Figure,
    Image,
    Inline,
    LineBreak,
    Link,
    Location,
    MediumWords,
    Strong,
    Text,
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
    nodes = [parse_inline("a *b* **c** `d` [e](#f) ![g](h.png) <i>j</i>\nk  \nl "
                          '[m]{print="n"}')]
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
    pytest.param('see [the table on the following page]{print="the table on page [page]" '
                 'screen="the table below" speech="the table that follows" to="#t"}.',
                 (Text("see "), MediumWords((Text("the table on the following page"),),
                                            "the table on page [page]", "the table below",
                                            "the table that follows", "#t"), Text(".")),
                 id="span"),
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


def test_words_that_depend_on_the_medium_are_typeset_and_may_say_nothing(
        where: InlineContext, state: LoadState, problems: Problems) -> None:
    assert inline_text("who you are[ (you can tick or circle)]{screen=\"\" speech=\" (choose)\"}:",
                       where) == (Text("who you are"),
                                  MediumWords((Text(" (you can tick or circle)"),), None, "",
                                              " (choose)"),
                                  Text(":"))
    [words] = inline_text("[it's 'below']{screen=\"it's 'here'\"}", where)
    assert words == MediumWords((Text("it\u2019s \u2018below\u2019"),), None,
                                "it\u2019s \u2018here\u2019")
    assert problems() == [] and state.links == []


@pytest.mark.parametrize(("markdown", "messages"), [
    pytest.param('[x]{print="y" colour="red"}',
                 ["unknown key(s) colour in [words]{...}: use print, screen, speech and to"],
                 id="unknown-key"),
    pytest.param('[x]{to="#t"}', ["[x]{...} says no medium's words: give print, screen or speech"],
                 id="no-medium"),
    pytest.param('[x]{print="y" to="t"}',
                 ['to="t" must be the #id of a section, block or question'], id="target-not-id"),
    pytest.param('[x]{screen="on page [page]" to="#t"}',
                 ["[page] is a page number: only print has one"], id="page-on-screen"),
    pytest.param('[x]{print="on page [page]"}', ['[page] needs to="#id": the page of what?'],
                 id="page-without-target"),
    pytest.param('[a [b]{print="c"}]{print="d"}', ["[words]{...} cannot hold other [words]{...}"],
                 id="nested"),
])
def test_each_problem_of_words_that_depend_on_the_medium(markdown: str, messages: list[str],
                                                         where: InlineContext,
                                                         problems: Problems) -> None:
    inline_text(markdown, where)
    assert problems() == [f"{CHAPTER}:7: {message}" for message in messages]


def test_a_target_of_words_that_depend_on_the_medium_is_checked_like_a_link(
        where: InlineContext, state: LoadState) -> None:
    inline_text('[below]{print="on page [page]" to="#checklist-ready"}', where)
    assert state.links == [("checklist-ready", HERE)]


def test_typography_is_the_loaders_the_source_stays_plain(where: InlineContext) -> None:
    assert inline_text("It's 'yes' and \"no\" - you\u2014and me - in 2011-2012, 10-15 people...",
                       where) == (Text("It\u2019s \u2018yes\u2019 and \u201cno\u201d \u2013 you "
                                       "\u2013 and me \u2013 in 2011\u20132012, 10\u201315 "
                                       "people\u2026"),)
    assert inline_text("co-production, e-mail, 4044.pdf, served-4044", where) == (
        Text("co-production, e-mail, 4044.pdf, served-4044"),)
