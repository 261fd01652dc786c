"""Names for the links of a page whose words are also the words of a link to another place.

A screen reader lists a page's links by their names: the toolkit's "appendix 4" goes to four
places (the appendix, and the answers of three quizzes) and "the checklist below" to two, so
the list showed the same name four times and twice. Each such link is named by where it goes
(an ``aria-label`` on the web page and in the EPUB, a PDF link's description, a Word link's
ScreenTip): its words, then the label of its target ("appendix 4 (Quiz 2: What should you
do?)"), or the target's label alone when that begins with the words ("Appendix 4: Suggested
answers to quiz questions"). The words stay what the page shows, and come first in the name
(WCAG 2.5.3, label in name); a link whose words go to one place keeps them as its name.
"""

from __future__ import annotations

from formats.core.addresses import nodes_in
from formats.core.model import PAGE_NUMBER, Block, Document, Link, Medium, MediumWords
from formats.core.text import inline_text

_NAMING_FIELDS = ("title", "caption", "term")  # the fields a block with an id is known by


def key(words: str) -> str:
    """Return the words of a link as they are compared: spaces made single, lower case."""
    return " ".join(words.split()).lower()


def _words(link: Link | MediumWords, medium: Medium) -> str:
    """Return the words of ``link`` that are a link on a page of ``medium``: '' for none, and
    for a printed form with its target's page number (no two of those say the same)."""
    if isinstance(link, Link):
        return inline_text(link.children) if link.is_internal else ""
    if link.target is None:
        return ""
    form = link.form(medium)
    if form is None:
        return inline_text(link.written)
    return "" if PAGE_NUMBER in form else form  # "on page 16": the page tells them apart


def target_labels(document: Document) -> dict[str, str]:
    """Return the label of every ``#id`` a link may go to: each section's, and each block's with
    an id: its title (a checklist, an activity, a quiz), caption (a table) or term (a glossary
    entry), else that of the nearest block around it that has one (a quiz's table), else the
    label of its section."""
    labels = {f"#{section.id}": section.label for section in document.sections()}
    for section in document.sections():
        _label_blocks(section.blocks, section.label, labels)
    return labels


def _label_blocks(blocks: tuple[Block, ...], around: str, labels: dict[str, str]) -> None:
    """Add to ``labels`` the label of each block of ``blocks`` (and of the blocks inside them)
    that has an id; ``around`` is the label of what holds them."""
    for block in blocks:
        own = _named(block) or around
        block_id = getattr(block, "id", "")
        if block_id:
            labels.setdefault(f"#{block_id}", own)
        for inner in block.nested():
            _label_blocks(inner, own, labels)


def _named(block: object) -> str:
    """Return the words a block is known by (its title, caption or term), or ''."""
    for field in _NAMING_FIELDS:
        value = getattr(block, field, None)
        words = inline_text(value) if isinstance(value, tuple) else value
        if isinstance(words, str) and words.strip():
            return " ".join(words.split())
    return ""


def shared_link_names(document: Document, medium: Medium) -> dict[tuple[str, str], str]:
    """Return the name of each link of ``document`` on a page of ``medium`` whose words are also
    those of a link to another place, by (its words as :func:`key` gives them, its target)."""
    targets: dict[str, dict[str, str]] = {}  # words -> target -> the words as written
    for section in document.sections():
        for link in nodes_in(section.blocks, (Link, MediumWords)):
            words = " ".join(_words(link, medium).split())
            target = link.target or ""
            if words and target.startswith("#"):
                targets.setdefault(key(words), {}).setdefault(target, words)
    labels = target_labels(document)
    names = {}
    for said, places in targets.items():
        if len(places) < 2:
            continue
        for target, words in places.items():
            label = " ".join(labels.get(target, "").split())
            if not label:
                continue
            names[(said, target)] = label if key(label).startswith(said) else f"{words} ({label})"
    return names
