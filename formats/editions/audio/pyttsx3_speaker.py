"""pyttsx3 saying the chunks of texts, in a process of its own (run by
:class:`formats.editions.audio.engines.Pyttsx3Engine`).

pyttsx3 2.99's espeak driver calls the espeak-ng library in the process that uses it, and under
load that library now and then crashes the process (a segmentation fault in ``Synth``: it
once ended a test run's worker). So the chunks are said by ``python -m
formats.editions.audio.pyttsx3_speaker VOICE RATE``, which serves one folder after another,
each named on a line of its standard input: it says each chunk ``FOLDER/NNNN.txt`` not yet
saved into ``FOLDER/NNNN.wav`` (written as ``NNNN.saying.wav``, renamed once whole), so that
after a crash the engine starts it again and it goes on from the chunk it was saying, and
answers on a line of its standard output: ``SAVED``, or ``FAILED``, a tab and why pyttsx3
could not say a chunk. It ends when its input does: an engine keeps one such process for all
the passages it says (starting Python and pyttsx3 for each of a toolkit's 800 passages cost
more than the speech), and a process whose engine's process has ended reads the end of its
input.

The driver's other faults are worked around chunk by chunk: ``runAndWait`` returns before the
file is written (we wait for the ``finished-utterance`` event, then until the file's size stops
changing), and under load it writes a file with no audio, never finishes, or stops part of the
way through (the chunk is said again, ``ATTEMPTS`` times at most).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import io
import os
import sys
import threading
import time
import wave
from pathlib import Path
from typing import IO, Any

from formats.core.contract import RenderError

ATTEMPTS = 3  # times a chunk is said before pyttsx3 is given up
WAV_HEADER_BYTES = 44  # a plain WAV file's header (RIFF, fmt and data chunks)
SETTLE_S = 2.0  # how long a file may take to appear whole after pyttsx3 says it finished

_ENGINE: dict[str, Any] = {}  # the process's one pyttsx3 engine (espeak initialises once)
WORDS_LEFT_CHARS = 40  # a chunk whose last word said starts further from its end was cut


class _Utterance:
    """What pyttsx3 reported of the chunk being said: whether it finished, whether it was
    stopped on the way, and how far into the text its word events reached."""

    def __init__(self) -> None:
        self.finished = threading.Event()
        self.stopped = False
        self.furthest = -1  # the end of the furthest word said, or -1 when none was reported

    def start(self) -> None:
        """Forget the last chunk."""
        self.finished.clear()
        self.stopped = False
        self.furthest = -1

    def on_finished(self, name: Any = None, completed: bool = True) -> None:
        """pyttsx3's ``finished-utterance``: ``completed`` is False when the speech was
        stopped (the espeak driver may still save what was said, and report it finished)."""
        self.stopped = self.stopped or not completed
        self.finished.set()

    def on_word(self, name: Any = None, location: int = 0, length: int = 0) -> None:
        """pyttsx3's ``started-word``: ``location`` counts the text's characters from 1."""
        self.furthest = max(self.furthest, location + length)

    def whole(self, text: str) -> bool:
        """Return True when the chunk finished without being stopped and, if words were
        reported, its last word is near the end of ``text``."""
        if self.stopped or not self.finished.is_set():
            return False
        return self.furthest < 0 or len(text.rstrip()) - self.furthest <= WORDS_LEFT_CHARS


_SAID = _Utterance()


def _release_engine() -> None:
    """Drop the pyttsx3 engine while Python is still whole (its destructor fails at shutdown)."""
    _ENGINE.clear()
    gc.collect()


def _pyttsx3_engine(voice: str, rate: int) -> Any:
    """Return this process's pyttsx3 engine, set to the voice and rate."""
    if "engine" not in _ENGINE:
        import pyttsx3

        engine = pyttsx3.init()
        engine.connect("finished-utterance", _SAID.on_finished)
        engine.connect("started-word", _SAID.on_word)
        _ENGINE["engine"] = engine
        atexit.register(_release_engine)
    engine = _ENGINE["engine"]
    engine.setProperty("voice", _voice_id(engine, voice))
    engine.setProperty("rate", rate)
    return engine


def _voice_id(engine: Any, wanted: str) -> str:
    """Return the id of the installed voice whose id, name or language is ``wanted``."""
    wanted_lower = wanted.lower()
    voices = engine.getProperty("voices")
    for voice in voices:
        languages = [str(language).lower() for language in (voice.languages or [])]
        if wanted_lower in (str(voice.id).lower(), str(voice.name).lower(), *languages):
            return voice.id
    raise RenderError(f"audio: pyttsx3 has no voice '{wanted}' (it has "
                      f"{', '.join(sorted({str(v.id) for v in voices})[:12])} ...)")


def _save_chunk(engine: Any, text: str, wav: Path) -> None:
    """Save one chunk; raise RenderError when pyttsx3 fails on it ``ATTEMPTS`` times.

    Under load, pyttsx3's espeak driver now and then writes a WAV file with no audio, never
    finishes, or stops the speech part of the way through (its loop cancels what espeak is
    still saying when the last chunk's thread has not ended) and saves what was said; the chunk
    is then said again.
    """
    timeout = 30 + len(text) / 50
    for _ in range(ATTEMPTS):
        if _try_chunk(engine, text, wav, timeout):
            return
    raise RenderError(f"audio: pyttsx3 failed {ATTEMPTS} times to say a chunk of {len(text)} "
                      "characters")


def _try_chunk(engine: Any, text: str, wav: Path, timeout: float) -> bool:
    """Return True when pyttsx3 wrote the whole chunk's speech into ``wav``.

    ``runAndWait`` returns before the file is written: wait for the ``finished-utterance``
    event, then until the file is whole. A chunk stopped on the way (``completed`` False, or
    words reported only part of the way) is not whole.
    """
    wav.unlink(missing_ok=True)
    _SAID.start()
    quiet = io.StringIO()  # the espeak driver prints "Audio saved to ..." on standard output
    with contextlib.redirect_stdout(quiet):
        engine.save_to_file(text, str(wav))
        engine.runAndWait()
        finished = _SAID.finished.wait(timeout)
    written = _wait_until_written(wav, SETTLE_S if finished else 0.5)
    return written and _SAID.whole(text)


def _wait_until_written(wav: Path, timeout: float) -> bool:
    """Return True once ``wav`` is a whole WAV file holding some audio; False after timeout.

    A file whose 44-byte header counts exactly the samples it holds is whole at once (Python's
    ``wave``, which pyttsx3's espeak driver writes with, counts them only when they are all
    written); another is whole when its size has stopped changing."""
    deadline = time.monotonic() + timeout
    last_size = -1
    while True:
        size = wav.stat().st_size if wav.is_file() else -1
        declared = _declared_size(wav)
        if declared is not None and declared > WAV_HEADER_BYTES and (
                size == declared or (size == last_size and size > declared)):
            return True
        if time.monotonic() >= deadline:
            return False
        last_size = size
        time.sleep(0.05)


def _declared_size(wav: Path) -> int | None:
    """Return the size ``wav`` has when its header counts its samples rightly (44 bytes of
    header and the samples it counts), or None when it does not read as a WAV file."""
    try:
        with wave.open(str(wav), "rb") as reader:
            samples = reader.getnframes() * reader.getsampwidth() * reader.getnchannels()
    except (OSError, wave.Error, EOFError):
        return None
    return WAV_HEADER_BYTES + samples


def chunk_files(folder: Path) -> list[tuple[Path, Path]]:
    """Return each chunk's text file in ``folder`` and the WAV file it is saved into, in
    order."""
    return [(text, text.with_suffix(".wav")) for text in sorted(folder.glob("[0-9]*.txt"))]


def say_chunks(voice: str, rate: int, folder: Path) -> None:
    """Save every chunk of ``folder`` not yet saved; raise RenderError when pyttsx3 cannot say
    one."""
    engine = None
    for text_file, wav in chunk_files(folder):
        if wav.is_file():
            continue  # saved before this process started
        if engine is None:
            engine = _pyttsx3_engine(voice, rate)
        saying = wav.with_suffix(".saying.wav")
        _save_chunk(engine, text_file.read_text(encoding="utf-8"), saying)
        saying.replace(wav)


SAVED = "SAVED"  # the answer of a serving process when a folder's chunks are all saved
NOT_SAID = "FAILED"  # its answer when pyttsx3 could not say a chunk (a tab and why follow)


def serve(voice: str, rate: int, requests: IO[str], answers: IO[str]) -> None:
    """Say the chunks of each folder named on a line of ``requests``, until it ends; answer
    each on a line of ``answers``: ``SAVED``, or ``FAILED``, a tab and why pyttsx3 could not
    say a chunk."""
    for line in requests:
        folder = line.rstrip("\r\n")
        try:
            say_chunks(voice, rate, Path(folder))
        except RenderError as error:
            answer = f"{NOT_SAID}\t{' '.join(str(error).split())}"
        else:
            answer = SAVED
        answers.write(answer + "\n")
        answers.flush()


def main(argv: list[str]) -> int:
    """Say the chunks of each folder named on standard input with voice ``argv[0]`` at rate
    ``argv[1]`` (:func:`serve`), until the input ends; return 0."""
    voice, rate = argv
    # the answers go to a copy of standard output; anything else written there (by the speech
    # library) goes nowhere, so that it never reads as an answer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    with Path(os.devnull).open("wb") as nowhere:
        os.dup2(nowhere.fileno(), sys.stdout.fileno())
    serve(voice, int(rate), io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"), answers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
