"""The audio rules on how the recording opens and ends, read in the transcripts.

- ``audio/opening``: the first file's transcript says the title and the publisher, then how
  long the recording lasts (within a minute of the whole book's length); it also says the
  rights statement, how to get other formats (both from ``toolkit.yaml``), the title of every
  chapter, that the voice is synthetic, and the number of tracks, which is the number of
  per-section files (the opening included) that a player shows;
- ``audio/closing``: the last per-section file's transcript ends with "End of <title>.";
- ``audio/opening`` on the Easy Read audio (:func:`easy_read_opening_result`): its first file's
  transcript says the Easy Read title, then how long the Easy Read recording lasts (within a
  minute of its whole book's length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.text import normalise
from formats.editions.audio.files import OPENING_STEM, transcript_of
from formats.editions.audio.lexicon import compile_lexicon
from formats.editions.audio.wording import Wording
from formats.outputs.mp3.stream import mp3_seconds

LENGTH_TOLERANCE_MIN = 1.0  # the opening's announced length may be this far from the real one
_LENGTH = re.compile(r"\blasts (?:about |around |nearly |almost )?"
                     r"(?:(\d+) hours?)?(?: and )?(?:(\d+) minutes?)?")
_TRACKS = re.compile(r"\b(\d+) tracks?\b")
SYNTHETIC = "synthetic voice"


def _say(text: str, wording: Wording) -> list[str]:
    """Return the normalised forms a phrase may be said in: as written, and as the audio says
    it (addresses, numbers, lexicon)."""
    forms = [normalise(text), normalise(wording.line(text).text)]
    return list(dict.fromkeys(form for form in forms if form))


def _position(words: str, forms: list[str]) -> int | None:
    found = [words.find(f" {form} ") for form in forms]
    found = [place for place in found if place >= 0]
    return min(found) if found else None


def _minutes(match: re.Match[str]) -> int:
    hours, minutes = match.group(1), match.group(2)
    return int(hours or 0) * 60 + int(minutes or 0)


def _said_length(match: re.Match[str]) -> str:
    return match.group(0).removeprefix("lasts ").strip()


@dataclass(frozen=True)
class _Opening:
    """The first file's transcript, its words (normalised, with a space at each end), and how
    long the whole recording lasts, in minutes."""

    transcript: Path
    words: str
    minutes: float


def _read_opening(tracks: list[Path], book: Path | None, kind: str) -> _Opening | RuleResult:
    """Return the opening of the recording of ``tracks`` and ``book`` (the tracks' length when
    there is no book), or the failed ``audio/opening`` when there is no first file (``kind``:
    "section", "part") or no transcript beside it."""
    if not tracks:
        return RuleResult("audio/opening", OPENING_STEM, False,
                          f"no per-{kind} file, so no opening")
    transcript = transcript_of(tracks[0])
    if not transcript.is_file():
        return RuleResult("audio/opening", transcript.name, False,
                          f"no transcript {transcript.name} beside {tracks[0].name}")
    seconds = sum(found or 0.0 for found in map(mp3_seconds, [book] if book else tracks))
    return _Opening(transcript, f" {normalise(transcript.read_text(encoding='utf-8'))} ",
                    seconds / 60)


def _length_problems(opening: _Opening, places: list[int | None], before: str
                     ) -> tuple[list[str], str]:
    """Return what is wrong with the length the opening says (none said; more than a minute
    off; said before ``before``, whose ``places`` in the words are given), and the length as
    said ('' when none is)."""
    length = _LENGTH.search(opening.words)
    if length is None or not (length.group(1) or length.group(2)):
        return ["it does not say how long the recording lasts ('lasts about ... minutes')"], ""
    problems = []
    if abs(_minutes(length) - opening.minutes) > LENGTH_TOLERANCE_MIN:
        problems.append(f"it says the recording lasts {_said_length(length)}, but it lasts "
                        f"{opening.minutes:.1f} minutes")
    if any(place is not None and place > length.start() for place in places):
        problems.append(f"it says the length before {before}")
    return problems, _said_length(length)


def opening_result(document: Document, tracks: list[Path], book: Path | None) -> RuleResult:
    """Return ``audio/opening``: the first file's transcript says the title and the publisher,
    then a length within a minute of the whole recording's; and (see the module's text) the
    rights, the other formats, the chapters, the synthetic voice and the number of tracks."""
    opening = _read_opening(tracks, book, "section")
    if isinstance(opening, RuleResult):
        return opening
    wording = Wording(compile_lexicon(document.lexicon))
    meta = document.meta
    problems = []
    places = {}
    for what, phrase in (("title", meta.title), ("publisher", meta.publisher)):
        places[what] = _position(opening.words, _say(phrase, wording))
        if places[what] is None:
            problems.append(f"it does not say the {what} '{phrase}'")
    wrong, said = _length_problems(opening, list(places.values()),
                                   "the title and the publisher")
    problems += wrong + _more_problems(document, opening.words, wording, len(tracks))
    return RuleResult.from_problems(
        "audio/opening", opening.transcript.name, problems,
        f"says '{meta.title}', '{meta.publisher}', then that it lasts {said} (the whole "
        f"recording lasts {opening.minutes:.1f} minutes)")


def easy_read_opening_result(title: str, tracks: list[Path], book: Path | None) -> RuleResult:
    """Return ``audio/opening`` on the Easy Read audio (``tracks``, ``book``): the first file's
    transcript says the Easy Read ``title``, then how long the recording lasts, within a minute
    of the whole book's length (the tracks' when there is no book)."""
    opening = _read_opening(tracks, book, "part")
    if isinstance(opening, RuleResult):
        return opening
    titled = _position(opening.words, [normalise(title)])
    problems = [] if titled is not None else [f"it does not say the title '{title}'"]
    wrong, said = _length_problems(opening, [titled], "the title")
    return RuleResult.from_problems(
        "audio/opening", opening.transcript.name, problems + wrong,
        f"says '{title}', then that it lasts {said} (the whole recording lasts "
        f"{opening.minutes:.1f} minutes)")


def _more_problems(document: Document, words: str, wording: Wording, tracks: int) -> list[str]:
    """Return what the opening leaves out of the rights, the other formats, the chapters, the
    synthetic voice and the number of tracks, or says wrong."""
    meta = document.meta
    problems = []
    for what, phrase in (("rights statement", meta.rights),
                         ("other formats", meta.alternative_formats)):
        if phrase and _position(words, _say(phrase, wording)) is None:
            problems.append(f"it does not say the {what} '{phrase}'")
    if document.partner is not None and \
            _position(words, _say(document.partner.name, wording)) is None:
        problems.append(f"it does not name the partner '{document.partner.name}'")
    for chapter in document.chapters:
        if _position(words, _say(chapter.title, wording)) is None:
            problems.append(f"it does not name the chapter '{chapter.label}'")
    if f" {SYNTHETIC} " not in words:
        problems.append(f"it does not say that the voice is a {SYNTHETIC}")
    said = _TRACKS.search(words)
    if said is None:
        problems.append(f"it does not say how many tracks there are ({tracks})")
    elif int(said.group(1)) != tracks:
        problems.append(f"it says there are {said.group(1)} tracks, but there are {tracks}")
    return problems


def closing_result(document: Document, tracks: list[Path]) -> RuleResult:
    """Return ``audio/closing``: the last line of the last file's transcript starts with "End of
    <title>." and, in a partner's edition, names the partner."""
    wanted = f"End of {document.meta.title}."
    partner = document.partner.name if document.partner is not None else ""
    last = transcript_of(tracks[-1]) if tracks else None
    if last is None or not last.is_file():
        return RuleResult("audio/closing", last.name if last else OPENING_STEM, False,
                          "no transcript of the last file")
    lines = last.read_text(encoding="utf-8").strip().splitlines()
    wording = Wording(compile_lexicon(document.lexicon))
    ending = normalise(lines[-1]) if lines else ""
    problems = [] if ending.startswith(normalise(wording.line(wanted).text)) else [
        f"it ends with '{lines[-1] if lines else ''}', not '{wanted}'"]
    if partner and normalise(wording.line(partner).text) not in ending:
        problems.append(f"its last words do not name the partner '{partner}'")
    return RuleResult.from_problems("audio/closing", last.name, problems,
                                    f"the recording ends with '{wanted}'")
