"""The opening of the recording: what it is, who publishes it, how to use it, how long it lasts.

Everything it says about the publication comes from ``document.meta`` (``toolkit.yaml``, or a
partner's profile that overrides it): title, subtitle, publisher, edition, rights and how to
ask for other formats; in a partner's edition, who publishes this edition. Then the chapters,
that the voice is synthetic, how to move around, where the full web addresses are (when the
recording holds any), and how long it lasts in how many tracks: the number a player shows.
"""

from __future__ import annotations

import datetime

from formats.core.model import Document, Metadata
from formats.editions.audio.files import OPENING_ID
from formats.editions.audio.headings import count, duration, joined, places, sentence
from formats.editions.audio.lexicon import compile_lexicon
from formats.editions.audio.spoken import OPENING_TITLE, SpokenPassage, SpokenSection
from formats.editions.audio.wording import Wording

LINKS_FILE = "links.html"
OPENING_PAUSE_S = 0.75
ENGINE_NAMES = {"espeak-ng": "the eSpeak NG speech synthesiser",
                "pyttsx3": "the computer's own speech synthesiser",
                "hibari": "the hibari neural speech synthesiser"}


def opening(document: Document, seconds: float, engine: str = "espeak-ng",
            has_links: bool = True) -> SpokenSection:
    """Return the opening; ``seconds`` is how long the whole recording lasts."""
    meta = document.meta
    tracks = len(places(document)) + 1
    lines = [
        f"{sentence(meta.title)} {sentence(meta.subtitle)}",
        f"Published by {sentence(meta.publisher)} {_edition(meta)}",
        *([f"This edition is published by {sentence(document.partner.name)} "
           f"{sentence(document.partner.edition_note)}".strip()]
          if document.partner is not None else []),
        sentence(meta.rights),
        sentence(meta.alternative_formats),
        _chapters(document),
        f"The voice you are listening to is a synthetic voice, made by "
        f"{ENGINE_NAMES.get(engine, engine)}.",
        f"The recording lasts {duration(seconds)}, in {count(tracks, 'track')}: this "
        f"introduction, then one track for each of the {count(tracks - 1, 'section')}. Skip "
        "to the next or the previous track to move between sections. In the complete book, "
        "each chapter has a chapter mark, with its sections inside it.",
    ]
    if has_links:
        lines.append("Web addresses are said by the name of their site. The full addresses "
                     "are in the list of links that comes with this recording.")
    wording = Wording(compile_lexicon(document.lexicon))
    passages = []
    for number, raw in enumerate(lines, start=1):
        line = wording.line(raw)
        pause = OPENING_PAUSE_S if number < len(lines) else 0.0
        passages.append(SpokenPassage(f"{OPENING_ID}/p{number}", "paragraph", line.text,
                                      line.speech, pause))
    return SpokenSection(OPENING_ID, 0, OPENING_TITLE, tuple(passages))


def _edition(meta: Metadata) -> str:
    return f"Edition {meta.edition.number}, {_date(meta.edition.date)}."


def _date(when: datetime.date) -> str:
    return f"{when.day} {when:%B %Y}"


def _chapters(document: Document) -> str:
    """Return "It has 5 chapters, 5 appendices and a closing section: Chapter 1,
    Introduction. ..."."""
    kinds = [chapter.kind for chapter in document.chapters]
    parts = []
    if kinds.count("chapter"):
        parts.append(count(kinds.count("chapter"), "chapter"))
    if kinds.count("appendix"):
        parts.append(count(kinds.count("appendix"), "appendix", "appendices"))
    closing = kinds.count("closing")
    if closing:
        parts.append("a closing section" if closing == 1 else count(closing, "closing section"))
    named = []
    for chapter in document.chapters:
        number = (f"Chapter {chapter.number}" if chapter.kind == "chapter" and chapter.number
                  else chapter.number)
        named.append(sentence(f"{number}, {chapter.title}" if number else chapter.title))
    return f"It has {joined(parts)}: " + " ".join(named)


