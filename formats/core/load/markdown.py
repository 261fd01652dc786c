"""The one Markdown parser of the source: CommonMark with tables, ``::: TYPE`` containers,
definition lists (the glossary), front matter, ``[words]{...}`` spans (words that depend on the
medium) and the typography of the text.

Typography is the loader's, never the source's: the source keeps plain ``'`` and ``"``, and the
parser sets curly quotes (‘ ’ “ ”, as the source pairs them), an ellipsis for ``...``, and one
dash for en-GB, the spaced en dash: a spaced hyphen, an em dash (spaced or not) and ``--``
become `` – ``, and a hyphen between two numbers (10-15, 2011-2012) an unspaced en dash.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

EN_DASH = "\u2013"
_DASHES = (
    (re.compile(r"\s*\u2014\s*|\s+[-\u2013]\s+"), f" {EN_DASH} "),  # em, spaced hyphen
    (re.compile(r"(?<![\w./-])(\d+)-(\d+)(?![\w/-])"), rf"\1{EN_DASH}\2"),  # 10-15
)


def en_dashes(text: str) -> str:
    """Return ``text`` with its dashes set as one en-GB dash (see the module's docstring)."""
    for pattern, replacement in _DASHES:
        text = pattern.sub(replacement, text)
    return text


def _dash_rule(state: StateCore) -> None:
    """Set the dashes of every text token (a core rule, after the typographer's)."""
    for token in state.tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "text":
                    child.content = en_dashes(child.content)


def _markdown() -> MarkdownIt:
    """Return the parser: any ``::: WORD`` opens a container (the loader checks the word)."""
    md = MarkdownIt("commonmark", {"typographer": True, "quotes": "\u201c\u201d\u2018\u2019"})
    md.enable(["table", "replacements", "smartquotes"])
    container_plugin(md, "block", validate=lambda params, *args: True)
    deflist_plugin(md)
    front_matter_plugin(md)
    attrs_plugin(md, after=("span_close",), spans=True)  # attributes on [spans] only
    md.core.ruler.push("en_dashes", _dash_rule)
    return md


MARKDOWN = _markdown()


def parse_blocks(text: str) -> list[SyntaxTreeNode]:
    """Return the top-level syntax nodes of a Markdown file (front matter first, if any)."""
    return SyntaxTreeNode(MARKDOWN.parse(text)).children


def parse_inline(text: str) -> SyntaxTreeNode:
    """Return the inline syntax node of a short piece of Markdown (a title or a caption)."""
    return SyntaxTreeNode(MARKDOWN.parseInline(text)).children[0]


def typeset(text: str) -> str:
    """Return plain text (a heading, a glossary term, a form's answer, a metadata field) with
    the typography of the text, its words as written; Markdown marks in it are dropped."""
    if not text.strip():
        return text.strip()
    tokens = MARKDOWN.parseInline(text)[0].children or []
    words = "".join(token.content if token.type in ("text", "code_inline") else
                    " " if token.type in ("softbreak", "hardbreak") else ""
                    for token in tokens)
    return " ".join(words.split())


def first_line(node: SyntaxTreeNode) -> int:
    """Return the 1-based line where ``node`` starts in its file (1 when it has no map)."""
    return (node.map[0] + 1) if node.map else 1
