"""What the EPUB's package document says about the toolkit: identifier, title, dates, and the
EPUB Accessibility 1.1 metadata, each statement true of the book as built.

The identifier is the toolkit's own with ``:epub`` after it (never a random UUID), and the
modification time is ``SOURCE_DATE_EPOCH`` when it is set, else the edition's date, so that the
same source gives the same file.
"""

from __future__ import annotations

import datetime
import os

from formats.core.model import Document, Figure, walk_blocks
from formats.editions.epub.content import Contents
from formats.editions.epub.overlays import ACTIVE_CLASS, NO_OVERLAYS, Overlays, clock
from formats.outputs.epub.names import CONFORMANCE, OVERLAY_FEATURE
from formats.outputs.epub.writer import Metadata


def modified(document: Document) -> datetime.datetime:
    """Return the book's modification time: ``SOURCE_DATE_EPOCH`` when set, else midnight
    (UTC) of the edition's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    day = document.meta.edition.date
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def has_pictures(document: Document) -> bool:
    """Return True when the toolkit shows pictures (figures, or a partner's logo)."""
    figures = any(isinstance(block, Figure) for section in document.sections()
                  for block in walk_blocks(section.blocks))
    return figures or (document.partner is not None and document.partner.logo is not None)


def accessibility(document: Document, contents: Contents, overlays: Overlays = NO_OVERLAYS,
                  easy_read: bool = False) -> tuple[tuple[str, str], ...]:
    """Return the EPUB Accessibility 1.1 statements about the book (the toolkit's, or with
    ``easy_read`` the Easy Read guide's), as (property, value)."""
    pictures = easy_read or has_pictures(document)
    spoken = bool(overlays.smil)
    features = ["structuralNavigation", "tableOfContents", "readingOrder",
                "displayTransformability", "unlocked"]
    if pictures:
        features.append("alternativeText")
    if contents.pages:
        features += ["pageNavigation", "pageBreakMarkers"]
    if spoken:
        features.append(OVERLAY_FEATURE)
    opening = ("This Easy Read EPUB meets EPUB Accessibility 1.1 and WCAG 2.2 level AA. Every "
               "part and the word list are in the table of contents and have a heading; each "
               "idea is a short sentence beside a picture" if easy_read else
               "This EPUB meets EPUB Accessibility 1.1 and WCAG 2.2 level AA. Every chapter and "
               "section is in the table of contents and has a heading; the reading order is "
               "the order of the print edition; tables have header cells and captions")
    summary = (opening
               + ("; every picture has a text description" if pictures else "")
               + ("; a page list gives the print page on which each section starts"
                  if contents.pages else "")
               + (". Every part can be listened to: a synthetic voice reads each heading and "
                  "row while the reading system highlights it" if spoken and easy_read else
                  ". Every chapter can be listened to: a synthetic voice reads each heading, "
                  "paragraph, list item and table row while the reading system highlights it"
                  if spoken else "")
               + ". Text can be resized and restyled. Nothing flashes or moves"
               + (", and sound plays only when the reader asks for it." if spoken
                  else ", and nothing makes a sound."))
    statements = [("dcterms:conformsTo", CONFORMANCE),
                  ("a11y:certifiedBy", document.meta.publisher),
                  ("schema:accessMode", "textual"),
                  *([("schema:accessMode", "visual")] if pictures else []),
                  *([("schema:accessMode", "auditory")] if spoken else []),
                  ("schema:accessModeSufficient", "textual"),
                  *(("schema:accessibilityFeature", feature) for feature in features),
                  ("schema:accessibilityHazard", "none"),
                  ("schema:accessibilitySummary", summary)]
    if contents.pages:
        statements.append(("pageBreakSource",
                           f"{document.meta.title}, standard print edition (PDF), edition "
                           f"{document.meta.edition.number}"))
    return tuple(statements)


def package_metadata(document: Document, contents: Contents, overlays: Overlays = NO_OVERLAYS,
                     easy_read_title: str = "") -> Metadata:
    """Return the package document's metadata for ``document`` (for its Easy Read guide when
    ``easy_read_title`` is given), with the durations of its media overlays when it has
    some."""
    meta = document.meta
    publisher = document.partner.name if document.partner is not None else meta.publisher
    easy_read = bool(easy_read_title)
    return Metadata(identifier=f"{meta.identifier}:{'easy-read:' if easy_read else ''}epub",
                    title=easy_read_title or f"{meta.title}: {meta.subtitle}",
                    language=meta.language, publisher=publisher,
                    date=meta.edition.date.isoformat(), modified=modified(document),
                    rights=meta.rights,
                    description=f"An Easy Read version of {meta.title}: {meta.subtitle}"
                    if easy_read else meta.summary,
                    accessibility=accessibility(document, contents, overlays, easy_read),
                    extra=(("media:duration", clock(overlays.total_seconds)),
                           ("media:active-class", ACTIVE_CLASS)) if overlays.smil else (),
                    refinements=tuple(("media:duration", smil_id, clock(seconds))
                                      for smil_id, seconds in (overlays.seconds or {}).items()))
