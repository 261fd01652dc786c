"""What the Easy Read audio says, passage by passage, from the document's Easy Read text.

The Easy Read audio is one track for an opening, one for each part, then one for the word list.
A part's track says its heading ("Part 3. Who can be a partner.", ref ``<part id>/h``), then
the words of each row (``<part id>/r<n>``): a row is a paragraph whose first picture is its
picture, which is not said. The word list's track says its heading (``word-list/h``), what it
is (``word-list/p1``), then each entry ("Partner. A person who shares the work.",
``word-list/e<n>``). The opening (``_opening/p<n>``) says the Easy Read title, what it is a
version of, who publishes it, that the voice is synthetic and how many parts there are; the
last track ends with "End of <title>." (``_closing``). Every passage is worded as the main
audio's are (:class:`formats.editions.audio.wording.Wording`, with the lexicon), and followed
by the Easy Read pauses of :mod:`formats.editions.audio.pauses`.
"""

from __future__ import annotations

from dataclasses import dataclass

from formats.core.model import Document, EasyRead, EasyReadPart, Image, Inline, Paragraph
from formats.core.text import blocks_texts
from formats.editions.audio.files import CLOSING_REF, OPENING_ID
from formats.editions.audio.headings import count, duration, sentence
from formats.editions.audio.lexicon import compile_lexicon
from formats.editions.audio.pauses import EASY_READ_PAUSES
from formats.editions.audio.spoken import OPENING_TITLE, SpokenPassage, SpokenSection
from formats.editions.audio.wording import Wording

WORD_LIST_ID = "word-list"  # the word list's track (never a part id: those are the source's)
WORD_LIST_TITLE = "Word list"
WORD_LIST_INTRO = "These are the hard words in this guide and what they mean."


@dataclass(frozen=True)
class Planned:
    """One passage before it is worded: its ref, kind, raw words and the pause after it."""

    ref: str
    kind: str
    raw: str
    pause: float


@dataclass(frozen=True)
class PlannedTrack:
    """One track of the Easy Read audio before it is worded: its id, chapter title, passages."""

    id: str
    index: int  # 1-based position among the tracks; 0 for the opening
    label: str
    passages: tuple[Planned, ...]


def row_words(row: Paragraph) -> tuple[Inline, ...]:
    """Return the words of a row: every inline of the paragraph but its picture (its first
    top-level image)."""
    picture = next((node for node in row.content if isinstance(node, Image)), None)
    return tuple(node for node in row.content if node is not picture)


def part_label(part: EasyReadPart) -> str:
    """Return the title of a part's track and chapter mark: "Part 3: Who can be a partner"."""
    return f"Part {part.number}: {' '.join(part.title.split())}"


def plan(document: Document, wording: Wording | None = None) -> list[PlannedTrack]:
    """Return the tracks after the opening (a part each, then the word list when it has
    entries), the last one ending with the closing; [] without an Easy Read text.

    ``wording`` says the rows' inline words (links recorded); without it they are plain text.
    """
    easy_read = document.easy_read
    if easy_read is None:
        return []
    words = wording or Wording(compile_lexicon(()))
    row, heading = EASY_READ_PAUSES["row"], EASY_READ_PAUSES["heading"]
    tracks = []
    for index, part in enumerate(easy_read.parts, start=1):
        words.section_id = part.id
        said = [Planned(f"{part.id}/h", "heading", sentence(f"Part {part.number}. {part.title}"),
                        heading)]
        said += [Planned(f"{part.id}/r{number}", "row", words.inlines(row_words(paragraph)), row)
                 for number, paragraph in enumerate(part.rows, start=1)]
        tracks.append(PlannedTrack(part.id, index, part_label(part), tuple(said)))
    if easy_read.word_list:
        said = [Planned(f"{WORD_LIST_ID}/h", "heading", sentence(WORD_LIST_TITLE), heading),
                Planned(f"{WORD_LIST_ID}/p1", "paragraph", WORD_LIST_INTRO, row)]
        said += [Planned(f"{WORD_LIST_ID}/e{number}", "entry", _entry(entry.term, " ".join(
            blocks_texts(entry.definition))), row)
                 for number, entry in enumerate(easy_read.word_list, start=1)]
        tracks.append(PlannedTrack(WORD_LIST_ID, len(tracks) + 1, WORD_LIST_TITLE, tuple(said)))
    if tracks:
        last = tracks[-1]
        tracks[-1] = PlannedTrack(last.id, last.index, last.label,
                                  (*last.passages, _closing(document, easy_read)))
    return tracks


def _entry(term: str, definition: str) -> str:
    return f"{sentence(term)} {sentence(definition)}".strip()


def _closing(document: Document, easy_read: EasyRead) -> Planned:
    partner = document.partner
    return Planned(CLOSING_REF, "paragraph", f"End of {sentence(easy_read.title)}" + (
        f" This edition was published by {sentence(partner.name)}" if partner else ""), 0.0)


def opening_plan(document: Document, seconds: float | None = None) -> PlannedTrack | None:
    """Return the opening of the Easy Read audio, or None without an Easy Read text; with
    ``seconds`` (how long the whole recording lasts) it says how long that is."""
    easy_read = document.easy_read
    if easy_read is None:
        return None
    meta = document.meta
    parts = len(easy_read.parts)
    tracks = (f"There is a track for each part. Then there is a track for the "
              f"{WORD_LIST_TITLE.lower()}." if easy_read.word_list
              else "There is a track for each part.")
    lines = [
        f"{sentence(easy_read.title)} {sentence(easy_read.subtitle)}".strip(),
        f"An Easy Read version of {meta.title} by {sentence(meta.publisher)}",
        *([f"This edition is published by {sentence(document.partner.name)}"]
          if document.partner is not None else []),
        "The voice you will hear is a synthetic voice. A computer makes it.",
        f"This guide has {count(parts, 'part')}. {tracks}",
        *([f"The recording lasts {duration(seconds)}."] if seconds is not None else []),
    ]
    pause = EASY_READ_PAUSES["row"]
    return PlannedTrack(OPENING_ID, 0, OPENING_TITLE, tuple(
        Planned(f"{OPENING_ID}/p{number}", "paragraph", line,
                pause if number < len(lines) else 0.0)
        for number, line in enumerate(lines, start=1)))


def easy_read_script(document: Document, seconds: float | None = None
                     ) -> list[SpokenSection]:
    """Return what the Easy Read audio says, the opening first (saying that the recording
    lasts ``seconds``, when given), then a track per part and the word list; [] when the
    document has no Easy Read text."""
    opening = opening_plan(document, seconds)
    if opening is None:
        return []
    wording = Wording(compile_lexicon(document.lexicon))
    return [_said(track, wording) for track in [opening, *plan(document, wording)]]


def easy_read_opening(document: Document, seconds: float) -> SpokenSection:
    """Return the opening of the Easy Read audio, saying that the recording lasts ``seconds``.
    Raises ValueError when the document has no Easy Read text."""
    opening = opening_plan(document, seconds)
    if opening is None:
        raise ValueError("the document has no Easy Read text")
    return _said(opening, Wording(compile_lexicon(document.lexicon)))


def _said(track: PlannedTrack, wording: Wording) -> SpokenSection:
    """Return a planned track worded: the transcript's text and the engine's input."""
    passages = []
    for passage in track.passages:
        line = wording.line(" ".join(passage.raw.split()))
        passages.append(SpokenPassage(passage.ref, passage.kind, line.text, line.speech,
                                      passage.pause))
    return SpokenSection(track.id, track.index, track.label, tuple(passages))


def expected_passages(document: Document) -> dict[str, list[tuple[str, float]]]:
    """Return, for every track but the opening, its passages' refs and the pause after each,
    from the Easy Read text ({} without one)."""
    return {track.id: [(passage.ref, passage.pause) for passage in track.passages]
            for track in plan(document)}
