"""The audio rules (formats/editions/audio/rules.py and, through them, the MP3 rules of
formats/outputs/mp3/rules.py): they pass on the built mini and real audio, and each fails, with
its exact message, on a copy of the mini audio damaged the way it guards against.

The damaged files are made as a user's tools would make them: ffmpeg re-encoding (quieter, a
click, stereo, 32 kbps, VBR, 16 kHz, leading silence stripped), mutagen editing the chapters,
a text editor's change to a transcript or the playlist. Where a message holds a measured
number, the test reads that number back with an independent tool first (pyloudnorm, scipy's
own resampler, mutagen, numpy on ffmpeg's decoding) and checks it is what the damage made.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyloudnorm
import pytest
from mutagen.mp3 import MP3, BitrateMode
from scipy.signal import resample_poly

import build as build_cli
from formats.core.contract import RuleResult
from formats.core.model import Document, Table, walk_blocks
from formats.core.profile import read_profile, with_partner
from formats.editions.audio import EDITION as audio
from formats.editions.audio import make, settings, synth
from formats.editions.audio.opening_rules import closing_result, opening_result
from formats.editions.audio.rules import edition_rules
from formats.editions.audio.speech_rules import print_word_problems, section_hosts
from formats.outputs.mp3.measure import DECODE_RATE, decode, measure
from formats.outputs.mp3.stream import stream_format
from tests.conftest import MINI_SOURCE
from tests.editions.audio.helpers import book_of, failures, reencode, result
from tests.helpers.checked import checked_rules

MINI = MINI_SOURCE
TRACK = "002-what-is-it.mp3"
FILE_RULES = ("audio/loudness", "audio/true-peak", "audio/silence", "audio/mono",
              "audio/bitrate", "audio/sample-rate", "audio/length")



# ---------------------------------------------------------------------------------------------
# Ways of damaging a file, as ffmpeg would


MP3_64K = ("-c:a", "libmp3lame", "-b:a", "64k", "-ar", "22050", "-ac", "1")


def quieter(folder: Path) -> None:
    reencode(folder / TRACK, "-af", "volume=-12dB", *MP3_64K)


def click(folder: Path) -> None:
    samples = decode(folder / TRACK)
    middle = samples.size // 2
    samples[middle:middle + 4] = [0.98, -0.98, 0.98, -0.98]
    reencode(folder / TRACK, *MP3_64K, samples=samples)


def stereo(folder: Path) -> None:
    reencode(folder / TRACK, "-c:a", "libmp3lame", "-b:a", "64k", "-ar", "22050", "-ac", "2",
             "-joint_stereo", "0")


def low_bitrate(folder: Path) -> None:
    reencode(folder / TRACK, "-c:a", "libmp3lame", "-b:a", "32k", "-ar", "22050", "-ac", "1")


def variable_bitrate(folder: Path) -> None:
    reencode(folder / TRACK, "-c:a", "libmp3lame", "-q:a", "4", "-ar", "22050", "-ac", "1")


def sixteen_khz(folder: Path) -> None:
    reencode(folder / TRACK, "-c:a", "libmp3lame", "-b:a", "64k", "-ar", "16000", "-ac", "1")


def no_leading_silence(folder: Path) -> None:
    reencode(folder / TRACK, "-af", "silenceremove=start_periods=1:start_threshold=-50dB",
             *MP3_64K)


def wrong_info_count(folder: Path) -> None:
    """Halve the frame count in the Info frame: players then show half the length."""
    data = bytearray((folder / TRACK).read_bytes())
    count = data.index(b"Info") + 8  # after the tag, the flags (4 bytes), then the frame count
    frames = int.from_bytes(data[count:count + 4], "big")
    data[count:count + 4] = (frames // 2).to_bytes(4, "big")
    (folder / TRACK).write_bytes(bytes(data))


def long_tail(folder: Path) -> None:
    reencode(folder / TRACK, "-af", "apad=pad_dur=4", *MP3_64K)


# ---------------------------------------------------------------------------------------------
# The measured rules, each broken on one per-section file


def _loudness(path: Path, original: Path) -> str:
    meter = pyloudnorm.Meter(DECODE_RATE)
    lufs = meter.integrated_loudness(decode(path))
    # 12 dB quieter, less about half a LU that LAME's low-pass filter takes off at 64 kbps
    assert abs(lufs - (meter.integrated_loudness(decode(original)) - 12)) <= 1.0
    assert abs(measure(path).loudness_lufs - lufs) < 0.01
    return f"{measure(path).loudness_lufs:.1f} LUFS integrated, outside -18 ± 2"


def _peak(path: Path, original: Path) -> str:
    independent = 20 * np.log10(np.abs(resample_poly(decode(path), 4, 1)).max())
    assert independent > -3.0
    peak = measure(path).true_peak_dbfs
    assert abs(peak - independent) < 0.5
    return f"true peak {peak:.1f} dBFS above -3"


def _lead(path: Path, original: Path) -> str:
    samples = decode(path)
    lead = np.flatnonzero(np.abs(samples) > 10 ** (-50 / 20))[0] / DECODE_RATE
    assert lead < 0.1
    return f"{lead:.2f} s of silence at the start (0.5-1 s)"


def _tail(path: Path, original: Path) -> str:
    samples = decode(path)
    tail = (samples.size - 1 - np.flatnonzero(np.abs(samples) > 10 ** (-50 / 20))[-1]) \
        / DECODE_RATE
    assert tail > 5.0
    return f"{tail:.2f} s of silence at the end (1-3 s)"


def _vbr(path: Path, original: Path) -> str:
    assert MP3(path).info.bitrate_mode is BitrateMode.VBR
    rates = sorted(stream_format(path).frame_kbps)
    return (f"variable bit rate: frames of {len(rates)} bit rates from {rates[0]} to "
            f"{rates[-1]} kbps (mutagen: VBR)")


def _length(path: Path, original: Path) -> str:
    shown, plays = MP3(path).info.length, measure(path).seconds
    assert abs(shown - plays / 2) < 0.1 and plays == measure(original).seconds
    return f"players show {shown:.2f} s (its Info frame), but it plays {plays:.2f} s"


@pytest.mark.parametrize("damage, rule, expected", [
    (quieter, "audio/loudness", _loudness),
    (click, "audio/true-peak", _peak),
    (stereo, "audio/mono", lambda path, original: "2 channels (stereo), not 1 (mono)"),
    (low_bitrate, "audio/bitrate", lambda path, original: "constant 32 kbps, below 64 kbps"),
    (variable_bitrate, "audio/bitrate", _vbr),
    (sixteen_khz, "audio/sample-rate",
     lambda path, original: "sampled at 16000 Hz, not 22050 or 44100"),
    (no_leading_silence, "audio/silence", _lead),
    (long_tail, "audio/silence", _tail),
    (wrong_info_count, "audio/length", _length),
], ids=["quieter", "click", "stereo", "32-kbps", "vbr", "16-khz", "no-leading-silence",
        "long-tail", "wrong-info-count"])
def test_a_damaged_file_fails_its_rule_with_what_was_measured(
        mini_document: Document, mini_audio: Path, copy: Path, damage: Callable[[Path], None],
        rule: str, expected: Callable[[Path, Path], str]) -> None:
    damage(copy)
    results = audio.rules(mini_document, copy)
    found = failures(results)
    pauses = [failure for failure in found if failure[0] == "audio/pauses"]
    if damage is no_leading_silence or (damage is click and pauses):  # every pause moved, or
        assert [where for _, where, _ in pauses] == [TRACK]  # the click fell in a pause
        assert re.fullmatch(r"after '.+' the pause is \d\.\d\d s, not at least \d\.\d\d s.*",
                            pauses[0][2])
        found.remove(pauses[0])
    assert found == [(rule, TRACK, expected(copy / TRACK, mini_audio / TRACK))]


def test_a_file_that_is_not_mp3_is_one_failure(mini_document: Document, copy: Path) -> None:
    (copy / TRACK).write_bytes(b"not audio at all " * 100)
    results = audio.rules(mini_document, copy)
    assert failures(results) == [
        ("audio/file", TRACK, f"mutagen reads no MP3 audio in {TRACK}: can't sync to MPEG frame")]
    assert not [r for r in results if r.where == TRACK and r.rule in FILE_RULES]


# ---------------------------------------------------------------------------------------------
# The rules on the audio as built


def test_every_rule_passes_on_the_mini_audio(mini_results: list[RuleResult],
                                             mini_audio: Path) -> None:
    assert failures(mini_results) == []
    mp3s = sorted(path.name for path in mini_audio.glob("*.mp3"))
    assert len(mp3s) == 8  # the opening, 6 sections, the book
    transcripts = len(mp3s)  # one beside each MP3
    assert Counter(r.rule for r in mini_results) == {
        **{rule: len(mp3s) for rule in FILE_RULES},
        "audio/chapters": 1, "audio/playlist": 1, "audio/opening": 1, "audio/closing": 1,
        "audio/passages": 1, "audio/passage-lengths": 1, "audio/pauses": 6,
        "audio/addresses": transcripts,
        "audio/print-words": transcripts, "audio/table-cells": 3, "audio/whole-sites": 1,
        "audio/form-answers": 1, "audio/links-list": 1}
    for rule in FILE_RULES:
        assert sorted(r.where for r in mini_results if r.rule == rule) == mp3s


def test_passing_results_say_what_was_measured(mini_results: list[RuleResult],
                                               mini_audio: Path) -> None:
    book = book_of(mini_audio).name
    measured = measure(book_of(mini_audio))
    frames = sum(stream_format(book_of(mini_audio)).frame_kbps.values())
    assert result(mini_results, "audio/loudness", book).message == \
        f"{measured.loudness_lufs:.1f} LUFS integrated (-18 ± 2)"
    assert result(mini_results, "audio/true-peak", book).message == \
        f"true peak {measured.true_peak_dbfs:.1f} dBFS (at most -3)"
    assert result(mini_results, "audio/silence", book).message == \
        f"{measured.lead_s:.2f} s of silence at the start, {measured.tail_s:.2f} s at the end"
    assert result(mini_results, "audio/bitrate", book).message == \
        f"constant 64 kbps in all {frames} frames (mutagen: CBR)"
    assert result(mini_results, "audio/mono", book).message == f"mono in all {frames} frames"
    assert result(mini_results, "audio/sample-rate", book).message == "sampled at 22050 Hz"
    assert result(mini_results, "audio/length", book).message == \
        f"players show {measured.seconds:.2f} s, as long as it plays"
    assert result(mini_results, "audio/chapters", book).message == (
        "4 ordered tables of contents nesting 6 chapters, one per section in reading order, "
        "each titled with its number and title")
    assert result(mini_results, "audio/passages", "passages.json").message == (
        "34 passages in 7 files, as in the model, each timed in order within its file")
    assert re.fullmatch(r"5 pauses between passages, each as long as the table says \(the "
                        r"closest: \d\.\d\d s after 'what-is-it/.+', which needs \d\.\d\d s\)",
                        result(mini_results, "audio/pauses", TRACK).message)
    assert result(mini_results, "audio/playlist", "mini-toolkit.m3u8").message == \
        "lists all 7 per-section files in order, each of which exists"
    opening = result(mini_results, "audio/opening", "000-opening.txt").message
    assert re.fullmatch(r"says 'Mini toolkit', 'Test Publisher', then that it lasts about \d+ "
                        r"minutes? \(the whole recording lasts \d+\.\d minutes\)", opening)


def test_check_fails_and_names_the_broken_rule(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    dist = tmp_path / "dist"
    assert build_cli.main(["build", "--format", "audio", "--source", str(MINI),
                           "--out", str(dist)]) == 0
    capsys.readouterr()
    assert build_cli.main(["check", "--format", "audio", "--source", str(MINI),
                           "--out", str(dist)]) == 0
    capsys.readouterr()
    quieter(dist / "audio")
    code = build_cli.main(["check", "--format", "audio", "--source", str(MINI),
                           "--out", str(dist)])
    out = " ".join(capsys.readouterr().out.split())
    assert code == 1
    lufs = measure(dist / "audio" / TRACK).loudness_lufs
    assert f"error: audio/loudness: {TRACK}: {lufs:.1f} LUFS integrated, outside -18 ± 2" in out
    assert "is incomplete" not in out and "problem:" not in out  # only the rule failed


@pytest.mark.slow
def test_every_rule_passes_on_the_real_audio(real_document: Document, real_dist: Path) -> None:
    folder = real_dist / "audio"
    results = checked_rules(real_document, real_dist, "audio")  # as the check found them
    assert failures(results) == []
    sections = len(list(real_document.sections()))
    mp3s = sections + 2  # the opening and the book
    with_tables = sum(1 for section in real_document.sections()
                      if any(isinstance(block, Table) for block in walk_blocks(section.blocks)))
    assert real_document.easy_read is not None
    tracks = len(real_document.easy_read.parts) + 1  # and the word list; and the opening:
    with_sites = sum(1 for section in real_document.sections() if section_hosts(section))
    assert with_sites == 9
    assert Counter(r.rule for r in results if r.where.startswith("easy-read/")) == {
        **dict.fromkeys(FILE_RULES, tracks + 2), "audio/opening": 1, "audio/playlist": 1,
        "audio/passages": 1,
        "audio/passage-lengths": 1, "audio/pauses": tracks,
        **dict.fromkeys(("audio/addresses", "audio/print-words", "audio/lexicon"), tracks + 2)}
    assert Counter(r.rule for r in results if not r.where.startswith("easy-read/")) == {
        **dict.fromkeys(FILE_RULES, mp3s), "audio/lexicon": mp3s,
        "audio/chapters": 1, "audio/playlist": 1, "audio/opening": 1, "audio/closing": 1,
        "audio/passages": 1, "audio/passage-lengths": 1, "audio/pauses": sections,
        "audio/addresses": mp3s, "audio/whole-sites": with_sites, "audio/form-answers": 1,
        "audio/activity-pause": 3, "audio/links-list": 1,
        "audio/album": 1,  # the Easy Read folder's, as a whole
        "audio/print-words": mp3s, "audio/table-cells": with_tables}
    assert re.match(rf"\d+ ordered tables of contents nesting {sections} chapters",
                    result(results, "audio/chapters", book_of(folder).name).message)


def test_a_partners_edition_whose_recording_does_not_name_the_partner_fails(
        mini_document: Document, mini_audio: Path) -> None:
    partnered = with_partner(mini_document, read_profile(
        MINI_SOURCE.parents[2] / "docs" / "example-profile" / "profile.yaml"))
    tracks = sorted(mini_audio.glob("0*.mp3"))
    opening = opening_result(partnered, tracks, None)
    closing = closing_result(partnered, tracks)
    assert (opening.passed, closing.passed) == (False, False)
    assert "it does not name the partner 'Example Disability Forum'" in opening.message
    assert closing.message == "its last words do not name the partner 'Example Disability Forum'"


class _CutShort:
    """A speech engine that says only the first third of one passage's words, as pyttsx3 did
    in CI when its loop stopped the speech part of the way and saved what was said."""

    reads_markup = False  # each passage said alone, as pyttsx3 says them

    def __init__(self, inner: Any, cut: str) -> None:
        self.inner, self.cut, self.name = inner, cut, inner.name

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        if self.cut in text:
            words = text.split()
            text = " ".join(words[:len(words) // 3])
        self.inner.synthesise(text, wav, markup)


def test_a_passage_whose_speech_was_cut_short_fails_passage_lengths(
        mini_document: Document, mini_audio: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    listed = json.loads((mini_audio / "passages.json").read_text(encoding="utf-8"))["files"]
    file, longest = max(((entry["file"], passage) for entry in listed
                         for passage in entry["passages"]),
                        key=lambda pair: len(pair[1]["text"].split()))
    real_engine = synth.engine_named
    monkeypatch.setattr(synth, "engine_named",
                        lambda *args: _CutShort(real_engine(*args), longest["text"][:40]))
    chosen = dataclasses.replace(settings.from_environment(), cache=tmp_path / "cache",
                                 workers=1)  # the engine is this process's; cut audio not kept
    make.build(mini_document, tmp_path / "audio", chosen)
    results = edition_rules(mini_document, tmp_path / "audio")
    failed = failures(results)
    assert [(rule, where) for rule, where, _ in failed] == [
        ("audio/passage-lengths", "passages.json")]
    assert re.fullmatch(
        rf"{file}: '{longest['ref']}' lasts \d+\.\d s for about \d+ words: (\d+)% of the time a "
        r"word takes at the median \(0\.\d\d s\); its speech may have been cut short",
        failed[0][2])
    assert int(re.findall(r"(\d+)%", failed[0][2])[0]) < 50


def test_how_print_looks_is_a_print_only_word() -> None:
    """The Easy Read audio said "Hard words in this guide are in bold letters."."""
    said = "Hard words in this guide are in bold letters.\nBe bold: speak up.\n"
    assert print_word_problems(said) == [
        "line 1: 'in bold' in \"Hard words in this guide are in bold letters.\""]


def test_here_ending_a_sentence_is_a_print_only_word() -> None:
    """The audio said "please tell us about it here." (a form's answer space, which a listener
    cannot see); "here are" and "here:" before what they point at are said as they are."""
    said = ("Question 10. If you have been involved in co-producing something, please tell us "
            "about it here.\nHere are a few tips. Download it here: Inclusion Scotland's site.\n")
    assert print_word_problems(said) == [
        "line 1: 'here' in \"hing, please tell us about it here.\""]
