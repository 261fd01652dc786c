"""The audio edition: what is said, the files (read with mutagen, decoded with ffmpeg), the cache,
the engines, and the coverage check on cut-short or missing audio.

The fast tests build the mini fixture once (a few seconds of espeak-ng); tests marked slow build
the real toolkit or drive pyttsx3 on a long text.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import wave
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3, BitrateMode

import build as build_cli
from tests.conftest import MINI_SOURCE
from formats.editions.audio import make, settings, synth
from formats.editions.audio.clean import clean, spell_address
from formats.editions.audio.encode import loudness_lufs
from formats.editions.audio.engines import EspeakNgEngine, Pyttsx3Engine, split_into_chunks
from formats.editions.audio.lexicon import compile_lexicon
from formats.editions.audio.reading import Pace, plausibility, read_back
from formats.editions.audio.rules import decode, silences, true_peak_dbfs
from formats.editions.audio.spoken import OPENING_ID, opening, script
from formats.core.model import Document, LexiconEntry, Location, Paragraph, Section, Text
from formats.core.contract import RenderError
from formats.core.text import inline_text, section_texts

MINI = MINI_SOURCE
SAMPLE_RATE = 22050


@pytest.fixture(scope="module", autouse=True)
def audio_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep this module's synthesised sections in a cache folder of its own."""
    folder = tmp_path_factory.mktemp("audio-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOOLKIT_AUDIO_CACHE", str(folder))
        patch.delenv("TOOLKIT_AUDIO_ENGINE", raising=False)
        patch.delenv("TOOLKIT_AUDIO_RATE", raising=False)
        patch.delenv("TOOLKIT_AUDIO_VOICE", raising=False)
        yield folder


@pytest.fixture(scope="module")
def mini_audio(mini_document: Document, built) -> Path:
    """Return the folder of the mini fixture's audio edition."""
    return built(mini_document, "audio")


# ---------------------------------------------------------------------------------------------
# Helpers that read the files as a listener's tools would (decoding and measuring: the
# audio rules' own functions, formats/audio/rules.py)


def section_files(folder: Path) -> list[Path]:
    """Return the per-section MP3 files, in file-name order."""
    return sorted(path for path in folder.glob("[0-9][0-9][0-9]-*.mp3")
                  if not path.name.startswith("000-"))


def book_of(folder: Path) -> Path:
    (book,) = folder.glob("*-complete.mp3")
    return book


def with_paragraph(document: Document, section_id: str, words: str) -> Document:
    """Return the document with one more paragraph at the end of one section."""

    def edit(section: Section) -> Section:
        children = tuple(edit(child) for child in section.children)
        blocks = section.blocks
        if section.id == section_id:
            blocks = blocks + (Paragraph((Text(words),), section.location),)
        return dataclasses.replace(section, blocks=blocks, children=children)

    return dataclasses.replace(document, chapters=tuple(edit(c) for c in document.chapters))


# ---------------------------------------------------------------------------------------------
# What is said


@pytest.mark.parametrize("section_id, heading", [
    ("start", "Chapter 1. Getting started."),
    ("what-is-it", "Section 1.1. What is it?"),
    ("details", "Section 1.1 a. Details."),
    ("answers", "Appendix 1. Suggested answers."),
    ("answers-true-false", "Quiz 1: True or false?"),
], ids=["chapter", "section", "lettered-sub-section", "appendix", "unnumbered"])
def test_each_section_starts_with_its_number_and_title(mini_document: Document,
                                                       section_id: str, heading: str) -> None:
    spoken = {section.id: section for section in script(mini_document)}
    assert spoken[section_id].text.splitlines()[0] == heading


@pytest.mark.parametrize("section_id, heading", [
    ("defining-co-production", "Chapter 2. Defining co-production."),
    ("what-is-co-production", "Section 2.1. What is co-production?"),
    ("rewards-and-risks", "Section 2.5 b. Rewards and risks."),
    ("quiz-answers", "Appendix 4. Suggested answers to quiz questions."),
    ("ilis-project", "The eye-liss project."),
], ids=["chapter", "section", "lettered", "appendix", "closing-with-lexicon"])
def test_real_headings_are_said_with_their_numbers(real_document: Document, section_id: str,
                                                   heading: str) -> None:
    spoken = {section.id: section for section in script(real_document)}
    assert spoken[section_id].text.splitlines()[0] == heading


@pytest.mark.parametrize("section_id, lines", [
    ("what-is-it", ["A list of 2 points.", "First point.", "Second point, with a link to us."]),
    ("details", ["Checklist: Ready?", "A checklist of 2 points.", "I know what it is.",
                 "I am ready."]),
    ("details", ["Table: Three ways compared. 1 row.",
                 "Row 1. Information: No relationship. Consultation: Minimal contact. "
                 "Co-production: Equal partners."]),
    ("try-it", ["Quiz 1: True or false?", "Circle your answer.", "Table: True or false? 1 row.",
                "Row 1. Statement: Co-production is a competition. True or false? space for "
                "your answer.", "The suggested answers are in appendix 1."]),
    ("try-it", ["Form: Tell us.", "It has 3 questions.",
                "Question 1. Who are you? 2 answers to choose from. A disabled person. A worker.",
                "Question 2. Was it useful? Answer yes or no.",
                "Question 3. Any ideas? Space for your answer."]),
    ("what-is-it", ["A quotation from A report, 2009.", "Co-production is a partnership.",
                    "End of quotation."]),
], ids=["list", "checklist", "table-row-by-row", "quiz-with-answers-place", "form", "quote"])
def test_blocks_are_announced(mini_document: Document, section_id: str,
                              lines: list[str]) -> None:
    said = {section.id: section.text.splitlines() for section in script(mini_document)}
    text = said[section_id]
    start = text.index(lines[0])
    assert text[start:start + len(lines)] == lines


def test_links_are_read_as_their_text_and_addresses_spelt(real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    assert "https" not in " ".join(spoken.values())
    assert "on our web-site (www dot ilis dot co dot uk)." in spoken["who-is-this-toolkit-for"]
    assert "Email: contact at ilis dot co dot uk." in spoken["ilis-information"]
    assert "Twitter: at ilisproject." in spoken["ilis-information"]


def test_every_quiz_says_where_its_answers_are(real_document: Document) -> None:
    text = "\n".join(section.text for section in script(real_document))
    quizzes = real_document.quizzes()
    assert len(quizzes) == 4
    for quiz in quizzes:
        title = inline_text(quiz.title)
        assert re.search(rf"Quiz {quiz.number}: {re.escape(title)}.*?\nThe suggested answers "
                         r"are in appendix 4\.", text, re.DOTALL), title


def test_the_feedback_form_is_read_with_its_options(real_document: Document) -> None:
    spoken = {section.id: section.text for section in script(real_document)}
    form = spoken["feedback-form"]
    assert "Question 1. Please say who you are (you can tick, circle or underline): 6 answers " \
           "to choose from. I am a disabled person." in form
    assert "Question 5. Did it encourage you to have a go? Answer yes, no or maybe." in form


def _model_text(document: Document) -> str:
    meta = document.meta
    parts = [meta.title, meta.subtitle, meta.publisher]
    for section in document.sections():
        parts.append(section.title)
        parts.extend(section_texts(section))
    return "\n".join(parts)


def test_the_source_lexicon_covers_the_abbreviations_the_text_uses(
        real_document: Document) -> None:
    written = {entry.written for entry in real_document.lexicon}
    text = _model_text(real_document)
    used = {word for word in re.findall(r"\b(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*)\b", text)
            if len(word) <= 5 and word not in ("BUT", "UKgovernment")}
    assert used <= written
    assert {"DPO", "DPOs", "BSL", "ILiS", "CoSLA", "ODI", "ILSG", "e.g.", "etc."} <= written


def test_every_lexicon_entry_is_applied_where_its_word_appears(
        real_document: Document) -> None:
    text = _model_text(real_document)
    spoken = "\n".join(section.text for section in script(real_document))
    checked = 0
    for entry in real_document.lexicon:
        written = re.compile(rf"(?<![\w.]){re.escape(entry.written)}(?!\w)")
        if not written.search(text):
            continue
        checked += 1
        assert entry.spoken in spoken, entry.written
        assert not written.search(spoken), entry.written
    assert checked >= 9


@pytest.mark.parametrize("text, said", [
    ("DPOs and DPO, not dpo or XDPO.", "D P O's and D P O, not dpo or XDPO."),
    ("Furniture, e.g. chairs.", "Furniture, for example chairs."),
    ("Housing, education, etc.", "Housing, education, et cetera."),
    ("Housing, etc. and more.", "Housing, et cetera and more."),
], ids=["whole-word-case-sensitive", "dotted", "keeps-full-stop", "mid-sentence"])
def test_lexicon_replaces_whole_words_with_their_case(text: str, said: str) -> None:
    entries = tuple(LexiconEntry(written, spoken, Location("lexicon.yaml", 1)) for
                    written, spoken in [("DPO", "D P O"), ("DPOs", "D P O's"),
                                        ("e.g.", "for example"), ("etc.", "et cetera")])
    assert compile_lexicon(entries).apply(text) == said


@pytest.mark.parametrize("text, said", [
    ("The Chair/s of the group.", "The Chair or Chairs of the group."),
    ("True / False?", "True or False?"),
    ("See the table (page 12) below.", "See the table below."),
    ("Independent living—A Shared Vision", "Independent living, A Shared Vision"),
    ("disabled people – and their partners", "disabled people, and their partners"),
    ("from 2010–2015", "from 2010 to 2015"),
    ("the 'co-production partners' don't", "the co-production partners don't"),
    ("“an approach”", "an approach"),
    ("staff.... There were", "staff. There were"),
    ("Get ready, get set...", "Get ready, get set."),
    ("**Note:** • first # point", "Note: first point"),
    ("Friends & family", "Friends and family"),
], ids=["plural-slash", "word-slash", "page-reference", "em-dash", "en-dash", "range",
        "single-quotes", "double-quotes", "ellipsis-mid", "ellipsis-end", "stray-symbols",
        "ampersand"])
def test_text_is_cleaned_of_what_engines_read_badly(text: str, said: str) -> None:
    assert clean(text) == said


@pytest.mark.parametrize("address, said", [
    ("https://www.ilis.co.uk/", "www dot ilis dot co dot uk"),
    ("contact@ilis.co.uk", "contact at ilis dot co dot uk"),
    ("www.scotland.gov.uk/Publications/2011/06/27154527/0",
     "www dot scotland dot gov dot uk slash Publications slash 2011 slash 06 slash "
     "2 7 1 5 4 5 2 7 slash 0"),
], ids=["web", "e-mail", "path-and-long-number"])
def test_addresses_are_spelt_for_listening(address: str, said: str) -> None:
    assert spell_address(address) == said


def test_the_opening_gives_title_publisher_contents_and_length(
        real_document: Document) -> None:
    text = opening(real_document, 4712.0).text
    assert text.splitlines()[:2] == [
        "All together now.",
        "A toolkit on co-production for disabled people and their organisations."]
    assert "Published by Independent Living in Scotland (eye-liss) project." in text
    assert "This recording contains 5 chapters, 5 appendices and a closing page, in 68 " \
           "sections." in text
    assert "It lasts about 1 hour and 19 minutes." in text


# ---------------------------------------------------------------------------------------------
# The files of the mini fixture


def test_book_chapters_match_the_sections_in_order(mini_document: Document,
                                                    mini_audio: Path) -> None:
    tags = ID3(book_of(mini_audio))
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    sections = list(mini_document.sections())
    assert list(toc.child_element_ids) == [OPENING_ID] + [s.id for s in sections]
    marks = {frame.element_id: frame for frame in tags.getall("CHAP")}
    titles = [str(marks[s.id].sub_frames["TIT2"].text[0]) for s in sections]
    assert titles == ["1. Getting started", "1.1 What is it?", "1.1 a) Details", "1.2 Try it",
                      "Appendix 1: Suggested answers", "Quiz 1: True or false?"]
    spans = [(marks[e].start_time, marks[e].end_time) for e in toc.child_element_ids]
    assert spans[0][0] == 0
    assert all(end == next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
    assert abs(spans[-1][1] / 1000 - MP3(book_of(mini_audio)).info.length) < 0.1


def test_ffprobe_lists_the_chapters_in_reading_order(mini_document: Document,
                                                     mini_audio: Path) -> None:
    result = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json",
                             str(book_of(mini_audio))], capture_output=True, check=True, text=True)
    chapters = json.loads(result.stdout)["chapters"]
    assert [c["tags"]["title"] for c in chapters] == ["About this recording"] + [
        "1. Getting started", "1.1 What is it?", "1.1 a) Details", "1.2 Try it",
        "Appendix 1: Suggested answers", "Quiz 1: True or false?"]
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
        assert title.split()[-1].rstrip("?") in transcript.splitlines()[0]


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
    entries = list(zip(lines[1::2], lines[2::2]))
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


@pytest.mark.parametrize("part", ["whole", "start", "quieter"])
def test_the_builds_loudness_meter_agrees_with_pyloudnorm(mini_audio: Path, part: str) -> None:
    samples = decode(book_of(mini_audio))
    samples = {"whole": samples, "start": samples[:2 * SAMPLE_RATE],
               "quieter": samples * 0.1}[part]
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples)
    assert abs(loudness_lufs(samples) - expected) < 0.01


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


def test_read_back_finds_every_section_with_no_problem(mini_document: Document,
                                                       mini_audio: Path) -> None:
    (readback,) = read_back(mini_audio)
    assert readback.output == "audio/mp3"
    assert readback.problems == ()
    assert list(readback.sections) == [s.id for s in mini_document.sections()]
    for section in mini_document.sections():
        found = readback.sections[section.id]
        assert section.title in found.title
        assert found.problems == ()
        assert found.file.endswith(f"-{section.id}.mp3")


def test_a_file_too_short_for_its_words_is_implausible() -> None:
    assert plausibility(12.0, "word " * 180, Pace(160, 0.5, 1.5)) == (
        "duration 12.0 s is implausible for 180 words and 0 pauses at 160 wpm (expected "
        "67.5 s ± 23.6 s, plus 2.0 s of silence)")
    assert plausibility(69.0, "word " * 180, Pace(160, 0.5, 1.5)) is None


# ---------------------------------------------------------------------------------------------
# The cache and the build's settings


class _CountingEngine:
    """Wraps an engine and counts the texts it is asked to say."""

    calls: list[str] = []

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name

    def synthesise(self, text: str, wav: Path) -> None:
        _CountingEngine.calls.append(text)
        self.inner.synthesise(text, wav)


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
    assert all(text.startswith("Mini toolkit.") for text in others)  # the opening's length


def test_the_cache_is_outside_the_output_folder(mini_audio: Path, audio_cache: Path) -> None:
    entries = list(audio_cache.glob("*/*.mp3"))
    assert entries
    assert not any(mini_audio in entry.parents for entry in entries)


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.delenv("TOOLKIT_AUDIO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert settings.cache_folder() == tmp_path / "all-together-now" / "audio"


@pytest.mark.parametrize("name, value, message", [
    ("TOOLKIT_AUDIO_RATE", "fast",
     "audio: TOOLKIT_AUDIO_RATE is 'fast'; use a whole number from 80 to 400"),
    ("TOOLKIT_AUDIO_RATE", "1000",
     "audio: TOOLKIT_AUDIO_RATE is '1000'; use a whole number from 80 to 400"),
    ("TOOLKIT_AUDIO_ENGINE", "festival",
     "audio: TOOLKIT_AUDIO_ENGINE is 'festival'; use one of: espeak-ng, pyttsx3"),
], ids=["rate-not-a-number", "rate-too-fast", "unknown-engine"])
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


# ---------------------------------------------------------------------------------------------
# The coverage check on damaged audio


def _build_and_check(out: Path, capsys: pytest.CaptureFixture[str],
                     damage=None) -> tuple[int, str]:
    assert build_cli.main(["build", "--format", "audio", "--source", str(MINI),
                           "--out", str(out)]) == 0
    if damage:
        damage(out / "audio")
    capsys.readouterr()
    code = build_cli.main(["check", "--format", "audio", "--source", str(MINI),
                           "--out", str(out)])
    return code, capsys.readouterr().out


def _cut_short(folder: Path) -> None:
    path = folder / "002-what-is-it.mp3"
    shorter = path.with_name("short.mp3")
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-t", "2", "-c", "copy",
                    str(shorter)], check=True)
    shorter.replace(path)


def _delete(folder: Path) -> None:
    (folder / "002-what-is-it.mp3").unlink()


def test_check_passes_on_a_whole_build(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _build_and_check(tmp_path / "dist", capsys)
    assert code == 0, out
    assert "All 6 sections are in all 1 outputs." in out


@pytest.mark.parametrize("damage, expected", [
    (_cut_short, "audio/mp3: section 'what-is-it' (1.1 What is it?) is incomplete: "
                 "002-what-is-it.mp3: duration 2.0 s is implausible"),
    (_delete, "audio/mp3: section 'what-is-it' (1.1 What is it?) is incomplete: no "
              "per-section MP3 file (NNN-<section id>.mp3)"),
], ids=["cut-short", "missing"])
def test_check_fails_and_names_the_section_with_damaged_audio(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], damage, expected: str) -> None:
    code, out = _build_and_check(tmp_path / "dist", capsys, damage)
    assert code == 1
    assert expected in " ".join(out.split())


# ---------------------------------------------------------------------------------------------
# The engines


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def test_pyttsx3_engine_speaks_a_short_text(tmp_path: Path) -> None:
    text = "Co-production means working together as equal partners."
    wav = tmp_path / "short.wav"
    Pyttsx3Engine("en-gb", 160).synthesise(text, wav)
    words = len(text.split())
    assert 0.5 * words / 160 * 60 < _wav_seconds(wav) < 2.0 * words / 160 * 60 + 1.5


def test_chunks_are_whole_sentences_under_the_limit() -> None:
    sentences = [f"This is sentence number {n} of the long text." for n in range(400)]
    text = " ".join(sentences)
    chunks = split_into_chunks(text, 4000)
    assert len(chunks) > 1
    assert all(len(chunk) <= 4000 for chunk in chunks)
    assert " ".join(chunks) == text
    assert all(chunk.endswith(".") for chunk in chunks)


@pytest.mark.slow
def test_pyttsx3_engine_speaks_a_text_over_10000_characters(real_document: Document,
                                                          tmp_path: Path) -> None:
    text = ""
    for section in script(real_document):
        if len(text) > 12_000:
            break
        text += section.text + "\n"
    pyttsx3_wav, espeak_wav = tmp_path / "pyttsx3.wav", tmp_path / "espeak-ng.wav"
    engine = Pyttsx3Engine("en-gb", 160)
    engine.synthesise(text, pyttsx3_wav)
    EspeakNgEngine("en-gb", 160).synthesise(text, espeak_wav)
    assert engine.chunks_made >= 3
    seconds = _wav_seconds(pyttsx3_wav)
    assert abs(seconds - _wav_seconds(espeak_wav)) <= 0.05 * seconds
    assert plausibility(seconds, text, Pace(160, 0.0, 0.0)) is None


@pytest.mark.slow
def test_the_mini_fixture_builds_with_pyttsx3(mini_document: Document, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_AUDIO_ENGINE", "pyttsx3")
    monkeypatch.setenv("TOOLKIT_AUDIO_CACHE", str(tmp_path / "cache"))
    result = make.build(mini_document, tmp_path / "audio", settings.from_environment())
    assert len(result.synthesised) == len(list(mini_document.sections())) + 1
    (readback,) = read_back(tmp_path / "audio")
    assert readback.problems == ()
    assert all(found.problems == () for found in readback.sections.values())


# ---------------------------------------------------------------------------------------------
# The real toolkit


@pytest.mark.slow
def test_real_toolkit_chapters_match_sections_and_are_all_present(real_document: Document,
                                                                 built) -> None:
    folder = built(real_document, "audio")
    sections = list(real_document.sections())
    tags = ID3(book_of(folder))
    (toc,) = tags.getall("CTOC")
    assert list(toc.child_element_ids) == [OPENING_ID] + [s.id for s in sections]
    (readback,) = read_back(folder)
    assert readback.problems == ()
    for section in sections:
        found = readback.sections[section.id]
        assert (section.title in found.title, found.problems) == (True, ()), section.id
    meter = pyloudnorm.Meter(SAMPLE_RATE)
    book = decode(book_of(folder))
    assert abs(meter.integrated_loudness(book) + 18.0) <= 1.0
    assert true_peak_dbfs(book) <= -3.0
    transcript = book_of(folder).with_suffix(".txt").read_text(encoding="utf-8")
    words = len(transcript.split())
    minutes = MP3(book_of(folder)).info.length / 60
    assert 120 <= words / minutes <= 170


def test_workers_default_to_the_cpu_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOOLKIT_AUDIO_WORKERS", raising=False)
    assert settings.from_environment().workers == (os.cpu_count() or 1)
