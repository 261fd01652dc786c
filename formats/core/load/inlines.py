"""Inline Markdown into the model's inline nodes: one reader per markdown-it inline token type.

Inline problems are reported at the location of the block they are in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from formats.core.load.markdown import parse_inline, typeset
from formats.core.load.references import link_to
from formats.core.load.state import LoadState
from formats.core.model import (
    PAGE_NUMBER,
    EasyReadPicture,
    Emphasis,
    Image,
    Inline,
    LineBreak,
    Link,
    Location,
    MediumWords,
    Strong,
    Text,
)

EXTERNAL_ADDRESS = re.compile(r"^(https?://|mailto:)")


@dataclass(frozen=True)
class InlineContext:
    """Where inline text is read: the load, the file (pictures are found next to it) and the
    location of the block, where its inline problems are reported. In an Easy Read part,
    ``pictures`` is the picture library: a picture is written by its name there, ``![](name)``.
    """

    state: LoadState
    path: Path
    location: Location
    pictures: Mapping[str, EasyReadPicture] | None = None


InlineReader = Callable[[SyntaxTreeNode, InlineContext], list[Inline]]


def inlines(node: SyntaxTreeNode, where: InlineContext) -> tuple[Inline, ...]:
    """Return the inline nodes of the children of ``node``, adjacent text joined into one."""
    result: list[Inline] = []
    for child in node.children:
        reader = INLINE_READERS.get(child.type)
        if reader is None:
            where.state.problems.add(where.location, f"unknown inline element '{child.type}'")
            continue
        result.extend(reader(child, where))
    return _merge_text(result)


def inline_text(text: str, where: InlineContext) -> tuple[Inline, ...]:
    """Return inline nodes for a short piece of Markdown (a title or a caption)."""
    if not text:
        return ()
    return inlines(parse_inline(text), where)


def _text(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return the token's content as plain text (text, inline code, inline HTML)."""
    return [Text(node.content)]


def _space(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return a soft line break as a space."""
    return [Text(" ")]


def _line_break(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return a hard line break."""
    return [LineBreak()]


def _strong(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return strong emphasis around the token's children."""
    return [Strong(inlines(node, where))]


def _emphasis(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return emphasis around the token's children."""
    return [Emphasis(inlines(node, where))]


def _link(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return a link; a link to ``#id`` is recorded to be checked, any other address must be
    https://, http:// or mailto: (a problem otherwise)."""
    target = str(node.attrs.get("href", ""))
    if target.startswith("#"):
        link_to(where.state, target[1:], where.location)
    elif not EXTERNAL_ADDRESS.match(target):
        where.state.problems.add(where.location, f"link address '{target}' must start with "
                                                 "https://, http://, mailto: or #")
    return [Link(target, inlines(node, where))]


def _image(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return a picture (with an absolute path); none, with a problem, when its file is
    outside the source folder or missing. A picture without alt text is a problem too."""
    src = str(node.attrs.get("src", ""))
    alt = "".join(grand.content if grand.type != "softbreak" else " "
                  for grand in node.children)
    if where.pictures is not None:
        return _library_picture(src, alt, where, where.pictures)
    target = (where.path.parent / src).resolve()
    try:
        target.relative_to(where.state.root)
    except ValueError:
        where.state.problems.add(where.location, f"picture '{src}' is outside the source folder")
        return []
    if not target.is_file():
        where.state.problems.add(where.location, f"picture '{src}' does not exist")
        return []
    if not alt.strip():
        where.state.problems.add(where.location, f"picture '{src}' has no alt text: write what "
                                                 "it shows in the brackets, "
                                                 "![like this](picture.png)")
    return [Image(target, " ".join(alt.split()))]


def _library_picture(name: str, alt: str, where: InlineContext,
                     pictures: Mapping[str, EasyReadPicture]) -> list[Inline]:
    """Return the library's picture called ``name`` (with its alt text and meaning); none, with
    a problem, when the library has no such picture (without one when its entry has a problem,
    reported there). Alt text written in the row is a problem: the library gives every use of
    a picture the same alt text."""
    picture = pictures.get(name)
    if picture is None:
        if name not in where.state.broken_pictures:  # else its entry's problem says why
            where.state.problems.add(where.location, f"picture '{name}' is not in "
                                                     "pictures/easy-read/pictures.yaml")
        return []
    if alt.strip():
        where.state.problems.add(where.location, f"picture '{name}' takes its alt text from "
                                                 f"pictures/easy-read/pictures.yaml: write "
                                                 f"![]({name})")
    return [picture.image]


# The keys of ``[words]{...}`` and the medium each one names (see docs/source-format.md).
MEDIUM_KEYS = {"print": "paged", "screen": "reflowable", "speech": "spoken"}


def _medium_words(node: SyntaxTreeNode, where: InlineContext) -> list[Inline]:
    """Return words that depend on the medium, ``[words]{print="..." screen="..."
    speech="..." to="#id"}``; a key it does not know, a target that is not ``#id``, no form
    at all, ``[page]`` outside ``print`` or without ``to``, or such words inside such words
    are problems."""
    attrs = {str(key): str(value) for key, value in node.attrs.items()}
    written = inlines(node, where)
    problems = where.state.problems
    unknown = sorted(key for key in attrs if key not in (*MEDIUM_KEYS, "to"))
    if unknown:
        problems.add(where.location, f"unknown key(s) {', '.join(unknown)} in [words]{{...}}: "
                                     "use print, screen, speech and to")
    if not any(key in attrs for key in MEDIUM_KEYS):
        problems.add(where.location, f"[{typeset(_plain(node))}]{{...}} says no medium's "
                                     "words: give print, screen or speech")
    target = attrs.get("to")
    if target is not None:
        if target.startswith("#") and len(target) > 1:
            link_to(where.state, target[1:], where.location)
        else:
            problems.add(where.location, f"to=\"{target}\" must be the #id of a section, "
                                         "block or question")
            target = None
    for key in ("screen", "speech"):
        if PAGE_NUMBER in attrs.get(key, ""):
            problems.add(where.location, f"{PAGE_NUMBER} is a page number: only print has one")
    if PAGE_NUMBER in attrs.get("print", "") and target is None:
        problems.add(where.location, f"{PAGE_NUMBER} needs to=\"#id\": the page of what?")
    if any(isinstance(inner, MediumWords) for inner in written):
        problems.add(where.location, "[words]{...} cannot hold other [words]{...}")
    forms = {medium: _form(attrs[key]) for key, medium in MEDIUM_KEYS.items() if key in attrs}
    return [MediumWords(written, forms.get("paged"), forms.get("reflowable"),
                        forms.get("spoken"), target)]


def _form(value: str) -> str:
    """Return a medium's words typeset, keeping a space it starts or ends with."""
    words = typeset(value)
    if not words:
        return ""
    return (" " if value[:1].isspace() else "") + words + (" " if value[-1:].isspace() else "")


def _plain(node: SyntaxTreeNode) -> str:
    """Return the words of a syntax node and its children, marks dropped."""
    return node.content + "".join(_plain(child) for child in node.children)


INLINE_READERS: dict[str, InlineReader] = {
    "text": _text,
    "softbreak": _space,
    "hardbreak": _line_break,
    "code_inline": _text,
    "strong": _strong,
    "em": _emphasis,
    "link": _link,
    "image": _image,
    "html_inline": _text,
    "span": _medium_words,
}


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Return ``nodes`` with each run of adjacent text nodes joined into one."""
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)
