"""The audio rules on passages and pauses, measured on the built files.

- ``audio/passages``: ``passages.json`` lists every per-section file in order, and for each
  file the passages of its section in the model (:func:`formats.core.passages.section_passages`,
  the closing at the end of the last), each with a start before its end, in order, within the
  file;
- ``audio/passage-lengths``: no passage of ``JUDGED_WORDS`` words or more (counted by
  :func:`formats.editions.audio.reading.word_time`) lasts less than ``CUT_SHORT`` of the time a
  word takes in the edition's passages at the median: a speech engine that stopped part of the
  way through a passage (pyttsx3 did, under load) leaves it far shorter than its words need,
  while the file as a whole may stay within its length's margin;
- ``audio/pauses`` (one result per per-section file): between each passage and the next, the
  silence measured in the decoded file (nothing above -50 dBFS) lasts at least the pause of
  the table (:mod:`formats.editions.audio.pauses`) for that kind of passage, less
  ``TOLERANCE_S``: after a heading, a paragraph, a list item, a table row... The silence must
  lie where ``passages.json`` says the passages meet (within ``PLACE_TOLERANCE_S``).
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.passages import section_passages
from formats.editions.audio.files import CLOSING_REF, OPENING_STEM, PASSAGES_FILE
from formats.editions.audio.pauses import TOLERANCE_S, pause_after
from formats.editions.audio.reading import word_time
from formats.outputs.mp3.measure import Measurement
from formats.outputs.mp3.stream import DecodeError

PLACE_TOLERANCE_S = 0.15
JUDGED_WORDS = 10.0  # a passage of fewer words' time varies too much to be judged
CUT_SHORT = 0.5  # a judged passage's words take at least this of the median time a word takes


def read_passages(out_dir: Path) -> tuple[dict[str, list[dict]], list[str]]:
    """Return passages.json as {file name: its passages} and what is wrong with its form."""
    path = out_dir / PASSAGES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {entry["file"]: list(entry["passages"]) for entry in data["files"]}
    except FileNotFoundError:
        return {}, [f"no {PASSAGES_FILE}"]
    except (ValueError, KeyError, TypeError) as error:
        return {}, [f"{PASSAGES_FILE} cannot be read: {error}"]
    return files, []


def expected_passages(document: Document) -> dict[str, list[tuple[str, float]]]:
    """Return, for every section id, its passages' refs and the pause after each."""
    found = {section.id: [(passage.ref, pause_after(passage))
                          for passage in section_passages(section)]
             for section in document.sections()}
    if found:
        last = list(found)[-1]
        found[last].append((CLOSING_REF, 0.0))
    return found


def passages_result(expected: dict[str, list[tuple[str, float]]], out_dir: Path,
                    tracks: list[Path], durations: dict[Path, float]) -> RuleResult:
    """Return ``audio/passages``: passages.json in ``out_dir`` matches the files ``tracks``
    and, for each section (or Easy Read part), the refs of ``expected`` (from the model, as
    :func:`expected_passages` gives them)."""
    files, problems = read_passages(out_dir)
    names = [track.name for track in tracks]
    if not problems and list(files) != names:
        problems.append(f"{PASSAGES_FILE} lists {len(files)} files, not the {len(names)} "
                        "per-section files in order")
    for track in tracks:
        listed = files.get(track.name)
        section_id = track.stem.split("-", 1)[1] if track.stem != OPENING_STEM else None
        if listed is None or section_id is None:
            continue
        refs = [passage.get("ref") for passage in listed]
        wanted = [ref for ref, _ in expected.get(section_id, [])]
        if refs != wanted:
            problems.append(f"{track.name}: the passages are {_few(refs)}, not {_few(wanted)}")
        problems += _timing_problems(track.name, listed, durations.get(track))
    count = sum(len(listed) for listed in files.values())
    return RuleResult.from_problems("audio/passages", PASSAGES_FILE, problems,
                                    f"{count} passages in {len(files)} files, as in the model, "
                                    "each timed in order within its file")


def passage_lengths_result(out_dir: Path) -> RuleResult:
    """Return ``audio/passage-lengths`` on passages.json in ``out_dir`` (see the module's
    text); failed when passages.json cannot be read or times no passage with words."""
    rule = "audio/passage-lengths"
    files, problems = read_passages(out_dir)
    timed = [(name, str(passage.get("ref")),
              float(passage.get("end", 0)) - float(passage.get("start", 0)),
              word_time(str(passage.get("text", ""))))
             for name, listed in files.items() for passage in listed]
    per_word = [seconds / words for _, _, seconds, words in timed if words > 0 and seconds > 0]
    if problems or not per_word:
        return RuleResult(rule, PASSAGES_FILE, False,
                          "; ".join(problems) or "no passage with words is timed")
    median = statistics.median(per_word)
    judged = [(name, ref, seconds, words, seconds / words / median)
              for name, ref, seconds, words in timed if words >= JUDGED_WORDS]
    problems = [f"{name}: '{ref}' lasts {seconds:.1f} s for about {words:.0f} words: "
                f"{share:.0%} of the time a word takes at the median ({median:.2f} s); its "
                "speech may have been cut short"
                for name, ref, seconds, words, share in judged if share < CUT_SHORT]
    shortest = min((share for *_, share in judged), default=1.0)
    return RuleResult.from_problems(
        rule, PASSAGES_FILE, problems,
        f"each of the {len(judged)} passages of {JUDGED_WORDS:.0f} words or more lasts at least "
        f"{CUT_SHORT:.0%} of the time a word takes at the median ({median:.2f} s); the "
        f"shortest {shortest:.0%}")


def _few(refs: Sequence[object]) -> str:
    return ", ".join(str(ref) for ref in refs[:3]) + (" ..." if len(refs) > 3 else "")


def _timing_problems(name: str, listed: list[dict], seconds: float | None) -> list[str]:
    problems = []
    last_end = 0.0
    for passage in listed:
        start, end = float(passage.get("start", -1)), float(passage.get("end", -1))
        if not last_end <= start <= end or (seconds is not None and end > seconds):
            problems.append(f"{name}: passage '{passage.get('ref')}' is timed {start:.2f}-"
                            f"{end:.2f} s, out of order or outside the file")
            break
        last_end = end
    return problems


def pause_results(expected: dict[str, list[tuple[str, float]]], out_dir: Path,
                  measured: dict[Path, Measurement | DecodeError]) -> list[RuleResult]:
    """Return ``audio/pauses`` for every per-section file (not the opening) that was measured
    and is listed in passages.json, ``expected`` giving each section's refs and pauses (as
    :func:`expected_passages` does)."""
    files, _ = read_passages(out_dir)
    results = []
    for path, measurement in measured.items():
        section_id = path.stem.split("-", 1)[1] if "-" in path.stem else ""
        if (isinstance(measurement, DecodeError) or path.name not in files
                or section_id not in expected):
            continue
        pauses = dict(expected[section_id])
        problems, closest = _pause_problems(files[path.name], pauses, measurement)
        heard = (f"the closest: {closest[1]:.2f} s after '{closest[0]}', which needs "
                 f"{pauses.get(closest[0], 0.0):.2f} s" if closest else "none")
        results.append(RuleResult.from_problems(
            "audio/pauses", path.name, problems,
            f"{len(files[path.name]) - 1} pauses between passages, each as long as the table "
            f"says ({heard})"))
    return results


def _pause_problems(listed: list[dict], pauses: dict[str, float],
                    measurement: Measurement) -> tuple[list[str], tuple[str, float] | None]:
    """Return the pauses that are missing or too short, and the pause heard closest to the
    table's (its passage's ref and how long it lasts)."""
    problems: list[str] = []
    closest: tuple[str, float] | None = None
    for before, after in pairwise(listed):
        ref = str(before.get("ref"))
        wanted = pauses.get(ref, 0.0)
        gap_start, gap_end = float(before["end"]), float(after["start"])
        heard = max((length for start, length in measurement.pauses
                     if start <= gap_end + PLACE_TOLERANCE_S
                     and start + length >= gap_start - PLACE_TOLERANCE_S), default=0.0)
        if round(heard, 2) < wanted - TOLERANCE_S:
            problems.append(f"after '{ref}' the pause is {heard:.2f} s, not at least "
                            f"{wanted:.2f} s")
        if closest is None or heard - wanted < closest[1] - pauses.get(closest[0], 0.0):
            closest = (ref, heard)
    return problems, closest
