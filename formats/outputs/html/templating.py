"""The jinja2 environment that HTML-based editions share (autoescape on, model-aware filters).

``blocks.html.j2`` turns model nodes into HTML with one macro per kind of node. Which macro
renders which kind is the table below, keyed by node class (the template looks the name up with
the ``block_macro`` and ``inline_macro`` filters): a node of a kind the table lacks stops the
render, and a test checks that the tables cover the model and name macros that exist.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from formats.core.compiled_templates import COMPILED
from formats.core.dispatch import NodeTable, block_table, inline_table
from formats.core.link_names import key as link_key
from formats.core.link_names import shared_link_names
from formats.core.model import (
    PAGE_NUMBER,
    Activity,
    BulletList,
    Checklist,
    Document,
    Emphasis,
    Figure,
    Form,
    GlossaryEntry,
    Image,
    LineBreak,
    Link,
    Medium,
    MediumWords,
    Paragraph,
    Quiz,
    QuizAnswers,
    Quote,
    Strong,
    Table,
    Text,
)
from formats.core.names import TEMPLATES, derived_id
from formats.core.tables import labelled_rows, write_in_count
from formats.core.text import has_short_lead, inline_text, is_short

__all__ = [
    "BLOCK_MACROS",
    "INLINE_MACROS",
    "MACROS_TEMPLATE",
    "TEMPLATES",
    "PictureCopier",
    "environment",
    "page_context",
]

MACROS_TEMPLATE = "blocks.html.j2"

BLOCK_MACROS: NodeTable[str] = block_table("html templates: blocks", {
    Paragraph: "paragraph_block", BulletList: "list_block", Checklist: "checklist_block",
    Activity: "activity_block", Table: "table_block", Quiz: "quiz_block",
    QuizAnswers: "quiz_answers_block", Quote: "quote_block",
    GlossaryEntry: "glossary_entry_block", Form: "form_block", Figure: "figure_block",
})
INLINE_MACROS: NodeTable[str] = inline_table("html templates: inlines", {
    Text: "text_inline", Strong: "strong_inline", Emphasis: "emphasis_inline",
    Link: "link_inline", Image: "image_inline", LineBreak: "line_break_inline",
    MediumWords: "medium_words_inline",
})


class PictureCopier:
    """Copies pictures into an output folder and returns their address relative to the page."""

    def __init__(self, source_dir: Path, out_dir: Path, folder: str = "pictures") -> None:
        self.source_root = source_dir.resolve()
        self.out_dir = out_dir
        self.folder = folder
        self.written: list[Path] = []

    def __call__(self, image: Image) -> str:
        try:
            relative = image.path.relative_to(self.source_root)
        except ValueError:  # a partner's logo, from beside their profile
            relative = Path("partner") / image.path.name
        target = self.out_dir / self.folder / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(image.path, target)
            self.written.append(target)
        return f"{self.folder}/{relative.as_posix()}"


def environment(pictures: PictureCopier | None = None) -> Environment:
    """Return a jinja2 environment for the templates folder with the model filters."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        enabled_extensions=("html", "j2", "xml"), default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
        bytecode_cache=COMPILED)  # each template compiled once, not once an environment
    env.filters["kind"] = lambda node: type(node).__name__.lower()
    env.filters["block_macro"] = BLOCK_MACROS.__getitem__
    env.filters["inline_macro"] = INLINE_MACROS.__getitem__
    env.filters["plain"] = inline_text
    env.filters["short"] = is_short  # a list point or quotation print keeps on one page
    env.filters["short_lead"] = has_short_lead  # a point whose words before its list are short
    env.filters["link_key"] = link_key  # the words of a link as link_names are keyed
    env.filters["derived_id"] = derived_id  # {{ question.id|derived_id("answer") }}
    env.globals["PAGE_NUMBER"] = PAGE_NUMBER
    env.filters["labelled_rows"] = labelled_rows  # a table's rows as cells with their headers
    env.filters["write_in_count"] = write_in_count  # a table's spaces for the reader's answer
    env.filters["picture_url"] = pictures if pictures is not None else (
        lambda image: image.path.as_uri())
    return env


def page_context(document: Document, medium: Medium = "reflowable",
                 **extra: Any) -> dict[str, Any]:
    """Return what every page template needs: metadata, chapters, quizzes by id, the partner
    of a partner's edition with the contact details readers should use, and the ``medium``
    of the page ("paged" for a page made into a PDF): words that depend on the medium take
    its form; links whose words are also those of a link to another place are named by where
    they go (:mod:`formats.core.link_names`)."""
    quizzes: dict[str, Quiz] = {quiz.id: quiz for quiz in document.quizzes()}
    partner = document.partner
    return {"meta": document.meta, "chapters": document.chapters, "quizzes": quizzes,
            "show_addresses": False, "partner": partner, "contact": document.meta.contact,
            "phone": partner.phone if partner is not None else "", "medium": medium,
            "brand_style": brand_style(document),
            "link_names": shared_link_names(document, medium),
            **extra}


def brand_style(document: Document) -> Markup:
    """Return the CSS custom properties of a partner's colours (empty without a partner).

    The stylesheets use ``var(--brand-primary, ...)`` and ``var(--brand-accent, ...)``; the
    colours were checked for contrast on white when the profile was read.
    """
    if document.partner is None:
        return Markup("")
    colours = document.partner.colours
    return Markup(":root { --brand-primary: %s; --brand-accent: %s; }") % (colours.primary,
                                                                          colours.accent)
