"""The other editions' files that the web page links to: its "Other formats" box and the
versions of the feedback form.

The web page lies in the ``standard`` folder of the output, beside the folder of every other
edition (named as the edition). An edition's files are its own business, so the table below
says which of them a reader of the web page is offered; the rule ``web/links-resolve`` fails
when a link does not lead to a built file, and ``web/other-formats-links`` when an edition
offered in ``toolkit.yaml`` has no link, so the table cannot silently go out of date.
"""

from __future__ import annotations

from dataclasses import dataclass

from formats.core.model import Document, Form, walk_blocks
from formats.core.names import easy_read_stem, slug

THIS_EDITION = "standard"

# By edition: what each link says, and its file in that edition's folder ("{slug}" is the slug
# of the title).
OFFERED: dict[str, tuple[tuple[str, str], ...]] = {
    "standard": (("Print version (PDF)", "{slug}.pdf"),),
    "large-print": (("Large print (PDF)", "{slug}-large-print.pdf"),
                    ("Large print (Word document)", "{slug}-large-print.docx")),
    # the Easy Read PDF and Word file are one file or several booklets, as the guide's length
    # has them: the Easy Read web page offers them, whichever they are
    "easy-read": (("Easy Read (web page)", "index.html"),),
    "word": (("Word document", "{slug}.docx"),),
    "audio": (("Audio: the whole toolkit as one MP3 file, with chapters", "{slug}-complete.mp3"),
              ("Audio: a playlist of the sections, one MP3 file each", "{slug}.m3u8")),
    "epub": (("E-book (EPUB 3)", "{slug}.epub"),),
    "braille": (("Braille (a BRF file for a braille display or embosser)", "{slug}.brf"),),
}
# By edition: the Easy Read files it makes when the source has an Easy Read text ("{easy_read}"
# is the Easy Read files' stem; the Easy Read web page, offered above, links to its PDF and Word
# booklets).
EASY_READ_OFFERED: dict[str, tuple[tuple[str, str], ...]] = {
    "audio": (("Easy Read audio: one MP3 file, with chapters",
               "easy-read/{easy_read}-complete.mp3"),),
    "epub": (("Easy Read e-book (EPUB 3)", "{easy_read}.epub"),),
}


@dataclass(frozen=True)
class FormatLink:
    """A link to another edition's file: what it says and its address from the web page
    ("" for an edition this table does not know: it is shown without a link)."""

    text: str
    href: str


def edition_links(document: Document, name: str) -> list[FormatLink]:
    """Return the links to the files of the edition ``name`` (one unlinked item when the
    table does not know the edition)."""
    folder = "" if name == THIS_EDITION else f"../{name}/"
    offered = OFFERED.get(name)
    if offered is None:
        return [FormatLink(name, "")]
    title = document.meta.title
    easy_read = EASY_READ_OFFERED.get(name, ()) if document.easy_read is not None else ()
    return [FormatLink(text, folder + file.format(slug=slug(title),
                                                  easy_read=easy_read_stem(title)))
            for text, file in (*offered, *easy_read)]


def other_formats(document: Document) -> list[FormatLink]:
    """Return a link to every file offered of each edition in ``toolkit.yaml``'s formats, in
    its order."""
    return [link for name in document.meta.formats for link in edition_links(document, name)]


def form_versions(document: Document) -> list[FormatLink]:
    """Return the other versions of the feedback form, to print or to fill in in Word: the
    print PDF and one Word document, among the editions offered."""
    versions: list[FormatLink] = []
    if THIS_EDITION in document.meta.formats:
        versions.append(FormatLink("print version (PDF)",
                                   edition_links(document, THIS_EDITION)[0].href))
    for name, index, text in (("word", 0, "Word document"),
                              ("large-print", 1, "large print Word document")):
        if name in document.meta.formats:
            versions.append(FormatLink(text, edition_links(document, name)[index].href))
            break
    return versions


def form_chapter(document: Document) -> str:
    """Return where the feedback form is, as said in a sentence ("appendix 5"; "the form"
    when no chapter has one)."""
    for chapter in document.chapters:
        if any(isinstance(block, Form) for section in chapter.walk()
               for block in walk_blocks(section.blocks)):
            number = chapter.number or chapter.title
            return number[0].lower() + number[1:]
    return "the form"
