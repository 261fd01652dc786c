"""The audio edition's files (formats/editions/audio/make.py), read with mutagen, ffprobe and
ffmpeg: chapters, tags, playlist, format, loudness, silences; the cache (only an edited section
is synthesised again) and the build's settings; the real toolkit (slow)."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from pathlib import Path
from typing import ClassVar

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3, BitrateMode

from formats.core.contract import RenderError
from formats.core.model import Document
from formats.core.passages import section_passages
from formats.editions.audio import make, settings, synth
from formats.editions.audio.files import OPENING_ID
from formats.editions.audio.links import write_links
from formats.editions.audio.pauses import PAUSES
from formats.editions.audio.spoken import full_script
from formats.outputs.mp3.measure import decode, silences, true_peak_dbfs
from tests.editions.audio.helpers import SAMPLE_RATE, book_of, section_files, with_paragraph
from tests.helpers.checked import checked_readbacks, checked_rules

# ---------------------------------------------------------------------------------------------
# The files of the mini fixture


def test_book_chapters_nest_by_chapter_and_section(mini_document: Document,
                                                   mini_audio: Path) -> None:
    tags = ID3(book_of(mini_audio))
    tocs = {toc.element_id: toc for toc in tags.getall("CTOC")}
    (top,) = [toc for toc in tocs.values() if toc.flags & CTOCFlags.TOP_LEVEL]
    assert all(toc.flags & CTOCFlags.ORDERED for toc in tocs.values())
    assert list(top.child_element_ids) == [OPENING_ID, "start:toc", "answers:toc"]
    assert {key: list(toc.child_element_ids) for key, toc in tocs.items() if toc is not top} == {
        "start:toc": ["start", "what-is-it:toc", "try-it"],
        "what-is-it:toc": ["what-is-it", "details"],
        "answers:toc": ["answers", "answers-true-false"]}
    assert str(tocs["start:toc"].sub_frames["TIT2"].text[0]) == "1. Getting started"
    sections = list(mini_document.sections())
    marks = {frame.element_id: frame for frame in tags.getall("CHAP")}
    assert sorted(marks) == sorted([OPENING_ID] + [s.id for s in sections])
    titles = [str(marks[s.id].sub_frames["TIT2"].text[0]) for s in sections]
    assert titles == ["1. Getting started", "1.1 What is it?", "1.1 a) Details", "1.2 Try it",
                      "Appendix 1: Suggested answers", "Quiz 1: True or false?"]
    order = [OPENING_ID] + [s.id for s in sections]
    spans = [(marks[e].start_time, marks[e].end_time) for e in order]
    assert spans[0][0] == 0
    assert all(end == next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert abs(spans[-1][1] / 1000 - MP3(book_of(mini_audio)).info.length) < 0.1


def test_ffprobe_lists_the_chapters_in_reading_order(mini_document: Document,
                                                     mini_audio: Path) -> None:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json",
                             str(book_of(mini_audio))], capture_output=True, check=True, text=True)
    chapters = json.loads(result.stdout)["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [
        "About this recording", "1. Getting started", "1.1 What is it?", "1.1 a) Details",
        "1.2 Try it", "Appendix 1: Suggested answers", "Quiz 1: True or false?"]
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == sorted(starts)


def test_one_file_per_section_in_reading_order_each_with_its_transcript(
        mini_document: Document, mini_audio: Path) -> None:
    files = section_files(mini_audio)
    assert [f.stem for f in files] == [f"{n:03d}-{s.id}" for n, s in
                                       enumerate(mini_document.sections(), start=1)]
    assert (mini_audio / "000-opening.mp3").is_file()
    for path in files:
        transcript = path.with_suffix(".txt").read_text(encoding="utf-8")
        title = str(ID3(path)["TIT2"].text[0])
        assert title.rsplit(maxsplit=1)[-1].rstrip("?") in transcript.splitlines()[0]


def test_book_tags_name_the_book_publisher_language_and_source(mini_document: Document,
                                                                mini_audio: Path) -> None:
    tags = ID3(book_of(mini_audio))
    assert str(tags["TIT2"]) == "Mini toolkit"
    assert str(tags["TPE1"]) == str(tags["TPUB"]) == "Test Publisher"
    assert str(tags["TLAN"]) == "eng"
    extra = {frame.desc: str(frame.text[0]) for frame in tags.getall("TXXX")}
    assert extra["source-sha256"] == mini_document.source_hash
    assert extra["identifier"] == "urn:test:mini"
    assert extra["rate"] == "160"


def test_playlist_lists_every_file_with_its_length(mini_audio: Path) -> None:
    (playlist,) = mini_audio.glob("*.m3u8")
    lines = playlist.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U"
    entries = list(zip(lines[1::2], lines[2::2], strict=False))
    assert [name for _, name in entries] == ["000-opening.mp3"] + [
        f.name for f in section_files(mini_audio)]
    for info, name in entries:
        seconds = int(re.match(r"#EXTINF:(\d+),.+", info).group(1))
        assert abs(seconds - MP3(mini_audio / name).info.length) <= 1


def test_files_are_mono_constant_64_kbps(mini_audio: Path) -> None:
    for path in sorted(mini_audio.glob("*.mp3")):
        info = MP3(path).info
        assert (info.channels, info.sample_rate, round(info.bitrate / 1000),
                info.bitrate_mode) == (1, 22050, 64, BitrateMode.CBR), path.name


def test_loudness_and_true_peak_measured_on_the_decoded_files(mini_audio: Path) -> None:
    meter = pyloudnorm.Meter(SAMPLE_RATE)
    for path in [mini_audio / "000-opening.mp3", *section_files(mini_audio)]:
        samples = decode(path)
        assert abs(meter.integrated_loudness(samples) + 18.0) <= 2.0, path.name
        assert true_peak_dbfs(samples) <= -3.0, path.name
    book = decode(book_of(mini_audio))
    assert abs(meter.integrated_loudness(book) + 18.0) <= 0.5
    assert true_peak_dbfs(book) <= -3.0


def test_silence_before_and_after_each_file_and_between_chapters(mini_audio: Path) -> None:
    for path in [mini_audio / "000-opening.mp3", *section_files(mini_audio)]:
        lead, tail = silences(decode(path))
        assert 0.5 <= lead <= 1.0, path.name
        assert 1.0 <= tail <= 3.0, path.name
    book = book_of(mini_audio)
    samples = decode(book)
    for mark in ID3(book).getall("CHAP"):
        if mark.start_time == 0:
            continue
        around = samples[int((mark.start_time / 1000 - 3.5) * SAMPLE_RATE):
                         int((mark.start_time / 1000 + 3.5) * SAMPLE_RATE)]
        quiet = np.abs(around) <= 10 ** (-50 / 20)
        runs = np.diff(np.flatnonzero(np.diff(np.concatenate([[0], quiet, [0]]))))[::2]
        assert 1.0 <= runs.max() / SAMPLE_RATE <= 3.0, mark.element_id


def silent_runs(path: Path, longer_than: float = 0.3) -> list[tuple[float, float]]:
    """Return (start, seconds) of every silence between sounds in a decoded file (numpy on
    ffmpeg's decoding, nothing above -50 dBFS), as sox's silence effect would find them."""
    samples = decode(path)
    quiet = np.abs(samples) <= 10 ** (-50 / 20)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], quiet.astype(int), [0]])))
    return [(start / SAMPLE_RATE, (end - start) / SAMPLE_RATE)
            for start, end in zip(edges[::2], edges[1::2], strict=False)
            if (end - start) / SAMPLE_RATE > longer_than and start > 0 and end < samples.size]


def test_pauses_after_headings_and_between_items_are_heard(mini_audio: Path) -> None:
    assert PAUSES["heading"] >= 0.8 and min(PAUSES.values()) >= 0.5
    passages = json.loads((mini_audio / "passages.json").read_text(encoding="utf-8"))
    timed = {entry["file"]: entry["passages"] for entry in passages["files"]}
    for name, listed in timed.items():
        runs = silent_runs(mini_audio / name)
        for before, after in itertools.pairwise(listed):
            heard = [seconds for start, seconds in runs
                     if before["end"] - 0.15 <= start <= after["start"] + 0.15]
            if before["ref"].endswith("/h"):
                assert max(heard) >= PAUSES["heading"] - 0.05, (name, before["ref"])
            assert max(heard) >= 0.5, (name, before["ref"])
        assert all(seconds < 0.55 for start, seconds in runs
                   if not any(p["end"] - 0.15 <= start <= q["start"] + 0.15
                              for p, q in itertools.pairwise(listed)))  # no other long pause


def test_passages_json_times_every_passage_of_every_file(mini_document: Document,
                                                         mini_audio: Path) -> None:
    data = json.loads((mini_audio / "passages.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    files = data["files"]
    assert [entry["file"] for entry in files] == ["000-opening.mp3"] + [
        path.name for path in section_files(mini_audio)]
    what = next(entry for entry in files if entry["section"] == "what-is-it")
    assert [p["ref"] for p in what["passages"]] == [
        p.ref for p in section_passages(mini_document.section("what-is-it"))]
    assert what["passages"][0]["text"] == "Section 1.1. What is it?"
    for entry in files:
        length = MP3(mini_audio / entry["file"]).info.length
        times = [(p["start"], p["end"]) for p in entry["passages"]]
        assert all(start < end for start, end in times)
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(times))
        assert 0.7 <= times[0][0] <= 0.9 and times[-1][1] <= length - 1.0
        assert entry["passages"][0]["text"] == (mini_audio / entry["file"]).with_suffix(
            ".txt").read_text(encoding="utf-8").splitlines()[0]
    starts = [entry["book_start"] for entry in files]
    assert starts == sorted(starts) and starts[0] == 0.0


def test_the_list_of_links_gives_the_full_addresses(real_document: Document, tmp_path: Path
                                                    ) -> None:
    said = full_script(real_document)
    path = write_links(tmp_path / "links.html", real_document, said.links)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert ('href="https://www.ilis.co.uk/uploaded_files/15p_it_s_our_world_too_plainenglish_'
            'pdf_level_3_revised_240510.pdf"') in page
    # each section named as the recording names it, which a listener heard
    assert ("<h2>Appendix 1, part 2: Particular subjects it might be helpful to know more "
            "about</h2>") in page
    assert '<li>Email: <a href="mailto:contact@ilis.co.uk">contact@ilis.co.uk</a>' in page
    assert len(said.links) >= 21


# ---------------------------------------------------------------------------------------------
# The cache and the build's settings


class _CountingEngine:
    """Wraps an engine and counts the texts it is asked to say."""

    calls: ClassVar[list[str]] = []

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.reads_markup = inner.reads_markup

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        _CountingEngine.calls.append(text)
        self.inner.synthesise(text, wav, markup)


def test_only_an_edited_section_is_synthesised_again(mini_document: Document, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = settings.from_environment()
    make.build(mini_document, tmp_path / "first", chosen)  # fills the cache, if it is not
    real_engine = synth.engine_named
    monkeypatch.setattr(synth, "engine_named",
                        lambda *args: _CountingEngine(real_engine(*args)))
    _CountingEngine.calls = []
    again = make.build(mini_document, tmp_path / "again", chosen)
    assert again.synthesised == [] and _CountingEngine.calls == []
    edited_document = with_paragraph(mini_document, "details", "One more sentence here.")
    edited = make.build(edited_document, tmp_path / "edited", chosen)
    sections = [i for i in edited.synthesised if i != OPENING_ID]
    assert sections == ["details"]
    edited_calls = [text for text in _CountingEngine.calls if "One more sentence here." in text]
    others = [text for text in _CountingEngine.calls if text not in edited_calls]
    assert len(edited_calls) == 1
    assert all(text.removeprefix("<speak>").startswith("Mini toolkit.")
               for text in others)  # the opening says the length


def test_the_cache_is_outside_the_output_folder(mini_audio: Path, audio_cache: Path) -> None:
    entries = list(audio_cache.glob("*/*.mp3"))
    assert entries
    assert not any(mini_audio in entry.parents for entry in entries)


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.delenv("TOOLKIT_AUDIO_CACHE")
    monkeypatch.delenv("TOOLKIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert settings.cache_folder() == tmp_path / "all-together-now" / "audio"
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "tool"))  # with the tool's other caches
    assert settings.cache_folder() == tmp_path / "tool" / "audio"


@pytest.mark.parametrize("name, value, message", [
    ("TOOLKIT_AUDIO_RATE", "fast",
     "audio: TOOLKIT_AUDIO_RATE is 'fast'; use a whole number from 80 to 400"),
    ("TOOLKIT_AUDIO_RATE", "1000",
     "audio: TOOLKIT_AUDIO_RATE is '1000'; use a whole number from 80 to 400"),
    ("TOOLKIT_AUDIO_ENGINE", "festival",
     "audio: TOOLKIT_AUDIO_ENGINE is 'festival'; use one of: espeak-ng, pyttsx3, hibari"),
    ("TOOLKIT_AUDIO_VOICE", "en-klingon",
     "audio: espeak-ng has no voice 'en-klingon'; its English voices are: " + ", ".join(
         sorted({name for name in settings.espeak_voices("en") if name.startswith("en")}))),
], ids=["rate-not-a-number", "rate-too-fast", "unknown-engine", "unknown-voice"])
def test_wrong_settings_are_errors_the_user_sees(monkeypatch: pytest.MonkeyPatch, name: str,
                                                 value: str, message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(RenderError) as error:
        settings.from_environment()
    assert str(error.value) == message


def test_voice_and_rate_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_AUDIO_RATE", "150")
    monkeypatch.setenv("TOOLKIT_AUDIO_VOICE", "en-gb-scotland")
    chosen = settings.from_environment()
    assert (chosen.rate, chosen.voice, chosen.engine) == (150, "en-gb-scotland", "espeak-ng")


def test_workers_default_to_the_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOOLKIT_AUDIO_WORKERS", raising=False)
    assert settings.from_environment().workers == (os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------
# The real toolkit


@pytest.mark.slow
def test_real_toolkit_chapters_match_sections_and_are_all_present(real_document: Document,
                                                                 real_dist: Path) -> None:
    folder = real_dist / "audio"
    sections = list(real_document.sections())
    tags = ID3(book_of(folder))
    tocs = {toc.element_id: toc for toc in tags.getall("CTOC")}
    (top,) = [toc for toc in tocs.values() if toc.flags & CTOCFlags.TOP_LEVEL]

    def flat(toc) -> list[str]:
        return [found for child in toc.child_element_ids
                for found in (flat(tocs[child]) if child in tocs else [child])]

    assert flat(top) == [OPENING_ID] + [s.id for s in sections]
    assert len(top.child_element_ids) == 1 + len(real_document.chapters)
    readback, easy_read = checked_readbacks(real_document, real_dist, "audio")
    assert readback.problems == () == easy_read.problems
    for section in sections:
        found = readback.sections[section.id]
        assert (section.title in found.title, found.problems) == (True, ()), section.id
    assert real_document.easy_read is not None
    assert easy_read.output == "audio/easy-read-mp3"
    assert list(easy_read.sections) == [part.id for part in real_document.easy_read.parts] + [
        "word-list"]
    assert all(found.problems == () for found in easy_read.sections.values())
    # the 84-minute book as the check measured it (decoding it again took 10 s; the meter agrees
    # with pyloudnorm: tests/outputs/mp3/test_encode.py; measuring the book with its tracks, with
    # measuring it alone: tests/outputs/mp3/test_measure.py), held closer than the rule's 2 LU
    said = {result.rule: result.message for result in checked_rules(real_document, real_dist,
                                                                     "audio")
            if result.where == book_of(folder).name}
    lufs = re.fullmatch(r"(-[\d.]+) LUFS integrated \(.*\)", said["audio/loudness"])
    peak = re.fullmatch(r"true peak (-[\d.]+) dBFS \(.*\)", said["audio/true-peak"])
    assert lufs is not None and abs(float(lufs.group(1)) + 18.0) <= 1.0, said
    assert peak is not None and float(peak.group(1)) <= -3.0, said
    transcript = book_of(folder).with_suffix(".txt").read_text(encoding="utf-8")
    words = len(transcript.split())
    minutes = MP3(book_of(folder)).info.length / 60
    assert 120 <= words / minutes <= 170
