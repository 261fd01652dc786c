"""The text rules (:mod:`formats.core.wording`) on a built .docx, read with lxml like every
Word reader: its headings (paragraphs in a built-in Heading style), each caption (a paragraph
in the Caption style) with the heading above it, and the words of its body in reading order.
Word is read on a screen: its text has no fixed pages, so print words are checked in it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from formats.core.contract import RuleResult
from formats.core.wording import TextFound, text_rules
from formats.outputs.docx.parts import READ_ERRORS, heading_style_ids, read_parts, style_names, w
from formats.outputs.docx.reader import paragraph_text, paragraphs_in_order, style_id

CAPTION_STYLE = "caption"  # the built-in style's name, as Word stores it


def read_text(path: Path) -> TextFound:
    """Return the headings, captions and words of the .docx at ``path``.

    Raises what :data:`~formats.outputs.docx.parts.READ_ERRORS` names for a file that is not a
    Word document.
    """
    parts = read_parts(path)
    headings = heading_style_ids(parts)
    captions = {style for style, name in style_names(parts).items()
                if name.lower() == CAPTION_STYLE}
    body = parts["word/document.xml"].find(w("body"))
    found = TextFound()
    words: list[str] = []
    for paragraph in paragraphs_in_order(body if body is not None else etree.Element("body")):
        said = " ".join(paragraph_text(paragraph).split())
        words.append(said)
        style = style_id(paragraph)
        if style in headings and said:
            found.headings.append(said)
        elif style in captions and said:
            found.captions.append((said, found.headings[-1] if found.headings else ""))
    found.text = " ".join(words)
    return found


def docx_text_rules(path: Path, output: str) -> list[RuleResult]:
    """Return the text rules on the built .docx at ``path``; one failed ``text/file`` result
    when it is missing or not a Word document."""
    try:
        found = read_text(path)
    except READ_ERRORS as error:
        return [RuleResult("text/file", str(path), False, f"{output}: {path.name} cannot be "
                                                          f"read as a Word document: {error}")]
    return text_rules(found, str(path), output, screen=True)
