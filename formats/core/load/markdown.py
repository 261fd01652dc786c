"""The one Markdown parser of the source: CommonMark with tables, ``::: TYPE`` containers,
definition lists (the glossary) and front matter."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


def _markdown() -> MarkdownIt:
    """Return the parser: any ``::: WORD`` opens a container (the loader checks the word)."""
    md = MarkdownIt("commonmark").enable("table")
    container_plugin(md, "block", validate=lambda params, *args: True)
    deflist_plugin(md)
    front_matter_plugin(md)
    return md


MARKDOWN = _markdown()


def parse_blocks(text: str) -> list[SyntaxTreeNode]:
    """Return the top-level syntax nodes of a Markdown file (front matter first, if any)."""
    return SyntaxTreeNode(MARKDOWN.parse(text)).children


def parse_inline(text: str) -> SyntaxTreeNode:
    """Return the inline syntax node of a short piece of Markdown (a title or a caption)."""
    return SyntaxTreeNode(MARKDOWN.parseInline(text)).children[0]


def first_line(node: SyntaxTreeNode) -> int:
    """Return the 1-based line where ``node`` starts in its file (1 when it has no map)."""
    return (node.map[0] + 1) if node.map else 1
