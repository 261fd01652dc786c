"""The speech engines (formats/editions/audio/engines.py, neural.py): espeak-ng, pyttsx3 and
the optional hibari, long texts in chunks, and whole builds with pyttsx3, the Scottish voice
and hibari (slow)."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest

from formats.core.model import Document
from formats.editions.audio import make, settings
from formats.editions.audio.engines import (
    EspeakNgEngine,
    Pyttsx3Engine,
    engine_named,
    split_into_chunks,
)
from formats.editions.audio.reading import Pace, plausibility, read_back
from formats.editions.audio.rules import rules
from formats.editions.audio.spoken import script


def _wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def test_pyttsx3_engine_speaks_a_short_text(tmp_path: Path) -> None:
    text = "Co-production means working together as equal partners."
    wav = tmp_path / "short.wav"
    Pyttsx3Engine("en-gb", 160).synthesise(text, wav)
    words = len(text.split())
    assert 0.5 * words / 160 * 60 < _wav_seconds(wav) < 2.0 * words / 160 * 60 + 1.5


def _crashing_python(folder: Path, crashes: int) -> Path:
    """Return a stand-in for the Python command that crashes (a segmentation fault, as the
    espeak-ng library did inside pyttsx3) the first ``crashes`` times, then runs Python."""
    script = folder / "python-that-crashes"
    script.write_text(f"""#!/bin/sh
count=$(ls {folder}/crash-* 2>/dev/null | wc -l)
if [ "$count" -lt {crashes} ]; then touch {folder}/crash-$count; kill -SEGV $$; fi
exec {sys.executable} "$@"
""", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_pyttsx3_speaking_again_after_its_process_crashes(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from formats.editions.audio import engines

    monkeypatch.setattr(engines.sys, "executable", str(_crashing_python(tmp_path, 2)))
    text = "Co-production means working together as equal partners."
    wav = tmp_path / "short.wav"
    engine = Pyttsx3Engine("en-gb", 160)
    engine.synthesise(text, wav)
    assert engine.crashes == 2
    assert 1.0 < _wav_seconds(wav) < 6.0


def test_pyttsx3_crashing_every_time_is_an_error_naming_it(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from formats.core.contract import RenderError
    from formats.editions.audio import engines

    monkeypatch.setattr(engines.sys, "executable", str(_crashing_python(tmp_path, 99)))
    with pytest.raises(RenderError) as raised:
        Pyttsx3Engine("en-gb", 160).synthesise("Equal partners.", tmp_path / "short.wav")
    assert str(raised.value) == ("audio: pyttsx3's speaking process crashed 3 times on a text "
                                 "of 15 characters")


def _serve(voice: str, *folders: Path) -> subprocess.CompletedProcess[str]:
    """Run a speaking process on ``folders`` (in a process of its own: pyttsx3 is not started
    in the test's) and return what it did once its input ended."""
    return subprocess.run([sys.executable, "-m", "formats.editions.audio.pyttsx3_speaker",
                           voice, "160"], input="".join(f"{folder}\n" for folder in folders),
                          capture_output=True, text=True, check=False, timeout=120)


def test_the_speaking_process_goes_on_from_the_first_chunk_not_saved(tmp_path: Path) -> None:
    from formats.editions.audio.pyttsx3_speaker import SAVED

    (tmp_path / "0000.txt").write_text("This chunk was saved before a crash.", encoding="utf-8")
    (tmp_path / "0000.wav").write_bytes(b"kept as it is")
    (tmp_path / "0001.txt").write_text("Equal partners.", encoding="utf-8")
    done = _serve("en-gb", tmp_path)
    assert (done.returncode, done.stdout) == (0, f"{SAVED}\n")
    assert (tmp_path / "0000.wav").read_bytes() == b"kept as it is"
    assert 0.3 < _wav_seconds(tmp_path / "0001.wav") < 3.0
    assert not list(tmp_path.glob("*.saying.wav"))


def test_a_speaking_process_answers_each_folder_on_a_line(tmp_path: Path) -> None:
    from formats.editions.audio.pyttsx3_speaker import SAVED

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "0000.txt").write_text("Equal partners.", encoding="utf-8")
    done = _serve("en-gb", tmp_path / "a", tmp_path / "b")
    assert (done.returncode, done.stdout) == (0, f"{SAVED}\n{SAVED}\n")
    assert all(0.3 < _wav_seconds(tmp_path / name / "0000.wav") < 3.0 for name in ("a", "b"))


def test_a_speaking_process_answers_why_a_chunk_was_not_said(tmp_path: Path) -> None:
    from formats.editions.audio.pyttsx3_speaker import NOT_SAID

    (tmp_path / "0000.txt").write_text("Equal partners.", encoding="utf-8")
    done = _serve("no-such-voice", tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith(f"{NOT_SAID}\taudio: pyttsx3 has no voice 'no-such-voice' "
                                  "(it has ")


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


def test_the_neural_engine_says_the_same_text_the_same_way(tmp_path: Path) -> None:
    """hibari (the optional engine), with the voice inside its wheel and a fixed seed."""
    engine = engine_named("hibari", "en-gb", 160)
    text = "Co-production means working together as equal partners."
    first, second = tmp_path / "first.wav", tmp_path / "second.wav"
    engine.synthesise(text, first)
    engine.synthesise(text, second)
    assert first.read_bytes() == second.read_bytes()
    with wave.open(str(first), "rb") as reader:
        assert (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) == (
            1, 2, 22050)
    words = len(text.split())
    assert 0.5 * words / 160 * 60 < _wav_seconds(first) < 2.0 * words / 160 * 60 + 1.5


@pytest.mark.slow
def test_the_mini_fixture_builds_with_the_scottish_and_the_neural_voice(
        mini_document: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for engine, voice in (("espeak-ng", "en-gb-scotland"), ("hibari", "en-gb")):
        monkeypatch.setenv("TOOLKIT_AUDIO_ENGINE", engine)
        monkeypatch.setenv("TOOLKIT_AUDIO_VOICE", voice)
        monkeypatch.setenv("TOOLKIT_AUDIO_CACHE", str(tmp_path / "cache"))
        folder = tmp_path / engine
        make.build(mini_document, folder, settings.from_environment())
        results = rules(mini_document, folder)
        assert [(r.rule, r.where, r.message) for r in results if not r.passed] == [], engine


class _CuttingEngine:
    """Stands in for pyttsx3: each ``runAndWait`` saves a WAV file and reports its events as
    the espeak driver does; the first ``cuts`` times, the speech is cut part of the way."""

    def __init__(self, cuts: int, stopped: bool) -> None:
        self.cuts = cuts
        self.stopped = stopped  # a cut is reported as stopped (completed=False) first
        self.said = 0
        self.text, self.wav = "", ""

    def save_to_file(self, text: str, wav: str) -> None:
        self.text, self.wav = text, wav

    def runAndWait(self) -> None:
        from formats.editions.audio.pyttsx3_speaker import _SAID

        self.said += 1
        cut = self.said <= self.cuts
        said = self.text[:len(self.text) // 3] if cut else self.text
        position = 1
        for word in said.split(" "):
            _SAID.on_word("utterance", position, len(word))
            position += len(word) + 1
        with wave.open(self.wav, "wb") as writer:
            writer.setnchannels(1)
            writer.setsampwidth(2)
            writer.setframerate(22050)
            writer.writeframes(b"\x01\x00" * 220 * len(said))
        if cut and self.stopped:
            _SAID.on_finished("utterance", completed=False)
        _SAID.on_finished("utterance", completed=True)


@pytest.mark.parametrize("stopped", [True, False])
def test_a_chunk_pyttsx3_cut_part_of_the_way_is_said_again(tmp_path: Path,
                                                           stopped: bool) -> None:
    # in CI, pyttsx3 once saved 95 s of a 254 s chunk and reported it finished: the book was
    # 20% short of espeak-ng's, within the read-back's plausibility margin
    from formats.editions.audio.pyttsx3_speaker import _save_chunk

    text = " ".join(f"Sentence number {n} is said in full." for n in range(40))
    engine = _CuttingEngine(cuts=2, stopped=stopped)
    wav = tmp_path / "chunk.wav"
    _save_chunk(engine, text, wav)
    assert engine.said == 3
    assert _wav_seconds(wav) == pytest.approx(220 * len(text) / 22050)


def test_a_chunk_pyttsx3_always_cuts_is_an_error_naming_it(tmp_path: Path) -> None:
    from formats.core.contract import RenderError
    from formats.editions.audio.pyttsx3_speaker import ATTEMPTS, _save_chunk

    text = " ".join(f"Sentence number {n} is said in full." for n in range(40))
    engine = _CuttingEngine(cuts=ATTEMPTS, stopped=False)
    with pytest.raises(RenderError) as raised:
        _save_chunk(engine, text, tmp_path / "chunk.wav")
    assert str(raised.value) == (f"audio: pyttsx3 failed 3 times to say a chunk of {len(text)} "
                                 "characters")


def test_a_chunk_reported_stopped_is_not_whole_even_when_saved_as_finished() -> None:
    from formats.editions.audio.pyttsx3_speaker import _Utterance

    text = "Co-production means working together as equal partners."
    said = _Utterance()
    said.start()
    said.on_word("utterance", 45, 8)
    said.on_finished("utterance", completed=False)
    said.on_finished("utterance", completed=True)
    assert not said.whole(text)
    said.start()
    said.on_word("utterance", 45, 8)
    said.on_finished("utterance", completed=True)
    assert said.whole(text)
    said.start()
    said.on_finished("utterance", completed=True)
    assert said.whole(text)  # an engine that reports no words (SAPI5 saving a file) is trusted


def test_one_speaking_process_says_every_text_of_a_voice_and_rate(tmp_path: Path) -> None:
    """Starting Python and pyttsx3 for each passage cost more than saying it: the process is
    kept for the next text, and ended with the others at the end."""
    from formats.editions.audio import engines

    engines.stop_speaking_processes()
    engine = Pyttsx3Engine("en-gb", 160)
    engine.synthesise("Plan it together.", tmp_path / "first.wav")
    kept = engines.speaking_process("en-gb", 160)
    engine.synthesise("Review it together.", tmp_path / "second.wav")
    assert engines.speaking_process("en-gb", 160) is kept and kept.alive
    assert engine.crashes == 0
    assert 0.3 < _wav_seconds(tmp_path / "second.wav") < 3.0
    engines.stop_speaking_processes()
    assert not kept.alive


def test_a_wav_file_is_whole_at_once_when_its_header_counts_what_it_holds(tmp_path: Path
                                                                          ) -> None:
    """pyttsx3 returns before its file is written: a file whose header counts exactly the
    samples it holds is taken at once; one cut short never is."""
    import time

    from formats.editions.audio.pyttsx3_speaker import _wait_until_written

    whole = tmp_path / "whole.wav"
    with wave.open(str(whole), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(22050)
        writer.writeframes(b"\x01\x00" * 22050)
    started = time.monotonic()
    assert _wait_until_written(whole, 2.0)
    assert time.monotonic() - started < 0.04  # no wait for its size to settle
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole.read_bytes()[:30000])
    assert not _wait_until_written(cut, 0.3)
    empty = tmp_path / "empty.wav"
    with wave.open(str(empty), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(22050)
    assert not _wait_until_written(empty, 0.3)


def test_a_forked_child_lets_the_speaking_process_end_with_its_parent(tmp_path: Path) -> None:
    """A child forked after the speaking process started keeps no copy of its input: closing
    the parent's ends it, whatever the child does."""
    import os

    from formats.editions.audio import engines

    engines.stop_speaking_processes()
    Pyttsx3Engine("en-gb", 160).synthesise("Plan it together.", tmp_path / "said.wav")
    kept = engines.speaking_process("en-gb", 160)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child waits until the parent lets it end
        os.close(write)
        os.read(read, 1)
        os._exit(0)
    os.close(read)
    try:
        engines.stop_speaking_processes()  # would wait STOP_WAIT_S, then kill, if the child
        assert not kept.alive               # held the input open
        assert kept._process.returncode == 0
    finally:
        os.close(write)
        os.waitpid(child, 0)
