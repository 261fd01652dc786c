"""The audio rules on the Easy Read audio (the ``easy-read`` folder), when the document has an
Easy Read text.

The main recording's rules, given the Easy Read folder: every MP3 (each track and the whole
book) is measured by the MP3 rules (``audio/loudness``, ``audio/true-peak``, ``audio/silence``,
``audio/mono``, ``audio/bitrate``, ``audio/sample-rate``, ``audio/length``, or one failed
``audio/file``);
``audio/opening`` (the Easy Read title, then how long the recording lasts);
``audio/playlist``; ``audio/passages`` against the refs the Easy Read text calls for
(:func:`formats.editions.audio.easy_read_spoken.expected_passages`); and ``audio/pauses``
with the Easy Read pauses; and the rules on what the transcripts say
(:mod:`formats.editions.audio.speech_rules`: addresses, print-only words, the lexicon); and
``audio/album``: the Easy Read files have an album of their own. Each
result names its file from the audio folder
("easy-read/002-er-try-it.mp3").
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.audio.easy_read_spoken import expected_passages
from formats.editions.audio.files import EASY_READ_FOLDER, find_book
from formats.editions.audio.opening_rules import easy_read_opening_result
from formats.editions.audio.pause_rules import (
    passage_lengths_result,
    passages_result,
    pause_results,
)
from formats.editions.audio.rules import playlist_result, track_files
from formats.editions.audio.speech_rules import speech_results
from formats.outputs.mp3.joined import measure_with_book
from formats.outputs.mp3.measure import Measurement
from formats.outputs.mp3.rules import file_results
from formats.outputs.mp3.tags_reader import read_album


def easy_read_rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the rules' results on the Easy Read audio in ``out_dir``'s ``easy-read`` folder
    ([] when the document has no Easy Read text). Never raises for a missing, broken or
    undecodable file: that is a failed result."""
    if document.easy_read is None:
        return []
    folder = out_dir / EASY_READ_FOLDER
    if not folder.is_dir():
        return [RuleResult("audio/file", EASY_READ_FOLDER, False,
                           f"no Easy Read audio ({EASY_READ_FOLDER}/), though the document "
                           "has an Easy Read text")]
    tracks = track_files(folder)
    book = find_book(folder)
    files = tracks + ([book] if book else [])
    measured = measure_with_book(tracks, book)  # the book decoded once, when it is its tracks
    results = []
    if not tracks:
        results.append(RuleResult("audio/file", ".", False,
                                  "no per-part MP3 files (NNN-<part id>.mp3)"))
    if book is None:
        results.append(RuleResult("audio/file", ".", False,
                                  "no single whole-book MP3 (*-complete.mp3)"))
    results += [result for path in files for result in file_results(path, measured[path])]
    on_tracks = {path: measured[path] for path in tracks}
    durations = {path: found.seconds for path, found in on_tracks.items()
                 if isinstance(found, Measurement)}
    expected = expected_passages(document)
    results += [easy_read_opening_result(document.easy_read.title, tracks, book),
                playlist_result(folder, tracks),
                passages_result(expected, folder, tracks, durations),
                passage_lengths_result(folder), *pause_results(expected, folder, on_tracks),
                *speech_results(document, folder), album_result(out_dir, files)]
    return [_in_folder(result) for result in results]


def album_result(out_dir: Path, files: list[Path]) -> RuleResult:
    """Return ``audio/album``: every Easy Read file has one album, not the main recording's
    (a player would file the two recordings' tracks together)."""
    albums = sorted({read_album(path) for path in files})
    main = sorted({read_album(path) for path in track_files(out_dir)})
    if len(albums) != 1 or not albums[0]:
        return RuleResult("audio/album", ".", False,
                          f"the Easy Read files have {len(albums)} albums: {albums}")
    if albums[0] in main:
        return RuleResult("audio/album", ".", False,
                          f"the Easy Read files are in the main recording's album "
                          f"'{albums[0]}': a player files the two recordings together")
    return RuleResult("audio/album", ".", True,
                      f"every Easy Read file is in the album '{albums[0]}', not the main one")


def _in_folder(result: RuleResult) -> RuleResult:
    """Return a result whose ``where`` names its file from the audio folder."""
    where = EASY_READ_FOLDER if result.where in (".", "") else \
        f"{EASY_READ_FOLDER}/{result.where}"
    return dataclasses.replace(result, where=where)
