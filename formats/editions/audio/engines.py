"""Speech engines: text in, a 16-bit mono WAV file out.

Two engines, one interface (``synthesise(text, wav)``):

- ``espeak-ng``: the ``espeak-ng`` command, text on its standard input. The default on Linux:
  on the same section it is several times faster than pyttsx3 (see bench/bench_audio.py).
- ``pyttsx3``: the portable engine (it drives espeak-ng on Linux, SAPI5 on Windows, NSSpeech on
  macOS). Version 2.99 has known faults on Linux that this wrapper works around: ``runAndWait``
  returns before the file is written (we wait for the ``finished-utterance`` event, then until
  the file's size stops changing), and texts over about 10,000 characters fail (we synthesise
  chunks of whole sentences under 4,000 characters and join their audio).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import io
import re
import subprocess
import tempfile
import threading
import time
import wave
from pathlib import Path
from typing import Any, Protocol

from formats.core.contract import RenderError
from formats.editions.audio import settings

CHUNK_CHARS = 4000
ATTEMPTS = 3  # times a chunk is said before pyttsx3 is given up
SETTLE_S = 2.0  # how long a file may take to appear whole after pyttsx3 says it finished
_SENTENCE_BREAK = re.compile(r"(?<=[.!?:])\s+")
_CLAUSE_BREAK = re.compile(r"(?<=[,;])\s+|\s+")


class Engine(Protocol):
    """A speech engine. ``reads_markup``: it reads espeak-ng phonemes ([[...]]) and SSML
    breaks (``synthesise(text, wav, markup=True)``), so several passages can be said at once."""

    name: str
    reads_markup: bool

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        """Write ``text`` spoken into the WAV file ``wav``; raise RenderError on failure."""


class EspeakNgEngine:
    """The ``espeak-ng`` command, reading the text from its standard input."""

    name = "espeak-ng"
    reads_markup = True

    def __init__(self, voice: str, rate: int) -> None:
        self.voice = voice
        self.rate = rate

    def command(self, wav: Path, markup: bool = False) -> list[str]:
        """Return the command line that writes the speech of standard input to ``wav`` (with
        ``markup``, the input is SSML)."""
        return ["espeak-ng", "-v", self.voice, "-s", str(self.rate), "-b", "1",
                *(["-m"] if markup else []), "--stdin", "-w", str(wav)]

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        """Write ``text`` spoken into ``wav``; raise RenderError when espeak-ng fails."""
        try:
            result = subprocess.run(self.command(wav, markup), input=text.encode("utf-8"),
                                    capture_output=True, timeout=600, check=False)
        except FileNotFoundError as error:
            raise RenderError("audio: the espeak-ng command is not installed (install the "
                              "espeak-ng package, or set TOOLKIT_AUDIO_ENGINE=pyttsx3)") from error
        except subprocess.TimeoutExpired as error:
            raise RenderError("audio: espeak-ng took more than 10 minutes on one section") \
                from error
        problem = result.stderr.decode("utf-8", "replace").strip()
        if result.returncode != 0 or not wav.is_file():
            raise RenderError(f"audio: espeak-ng failed (exit code {result.returncode}): "
                              f"{problem or 'no WAV file written'}")


class Pyttsx3Engine:
    """pyttsx3, made safe for long texts and for its early return on Linux."""

    name = "pyttsx3"
    reads_markup = False  # pyttsx3 2.99's espeak driver does not pass espeak-ng's SSML flag
    _lock = threading.Lock()  # one pyttsx3 engine per process, used by one thread at a time

    def __init__(self, voice: str, rate: int) -> None:
        self.voice = voice
        self.rate = rate
        self.chunks_made = 0  # how many chunks the last synthesis used

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        """Write ``text`` spoken into ``wav``; raise RenderError when pyttsx3 fails.

        The text is spoken in chunks of whole sentences, each saved to its own file, and the
        chunks' audio is joined into ``wav``.
        """
        chunks = split_into_chunks(text, CHUNK_CHARS)
        self.chunks_made = len(chunks)
        with self._lock, tempfile.TemporaryDirectory(prefix="pyttsx3-") as folder:
            engine = _pyttsx3_engine(self.voice, self.rate)
            parts = []
            for number, chunk in enumerate(chunks):
                part = Path(folder) / f"{number:04d}.wav"
                _save_chunk(engine, chunk, part)
                parts.append(part)
            join_wavs(parts, wav)


def engine_named(name: str, voice: str, rate: int) -> Engine:
    """Return the engine called ``name``; raise RenderError for an unknown name."""
    if name == "espeak-ng":
        return EspeakNgEngine(voice, rate)
    if name == "pyttsx3":
        return Pyttsx3Engine(voice, rate)
    if name == "hibari":
        from formats.editions.audio.neural import DEFAULT_VOICE, HibariEngine

        return HibariEngine(DEFAULT_VOICE if voice == settings.DEFAULT_VOICE else voice, rate,
                            settings.SAMPLE_RATE, settings.DEFAULT_RATE)
    raise RenderError(f"audio: unknown speech engine '{name}' (known: espeak-ng, pyttsx3, "
                      "hibari)")


def split_into_chunks(text: str, limit: int) -> list[str]:
    """Return the text cut into chunks of whole sentences, each at most ``limit`` characters.

    A sentence longer than the limit is cut after a comma or a space.
    """
    pieces: list[str] = []
    for sentence in _SENTENCE_BREAK.split(" ".join(text.split())):
        pieces.extend(_cut(sentence, limit) if len(sentence) > limit else [sentence])
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 1 + len(piece) <= limit:
            chunks[-1] += " " + piece
        elif piece:
            chunks.append(piece)
    return chunks or [""]


def _cut(sentence: str, limit: int) -> list[str]:
    parts: list[str] = []
    current = ""
    for word in _CLAUSE_BREAK.split(sentence):
        if current and len(current) + 1 + len(word) > limit:
            parts.append(current)
            current = ""
        current = f"{current} {word}".strip()
    return [*parts, current] if current else parts


def join_wavs(parts: list[Path], target: Path) -> None:
    """Write the audio of several WAV files (same format) one after another into ``target``."""
    with wave.open(str(target), "wb") as out:
        for number, part in enumerate(parts):
            with wave.open(str(part), "rb") as piece:
                if number == 0:
                    out.setparams(piece.getparams())
                out.writeframes(piece.readframes(piece.getnframes()))


# ---------------------------------------------------------------------------------------------
# pyttsx3 itself

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
    """Return True once ``wav`` is a whole WAV file holding some audio; False after timeout."""
    deadline = time.monotonic() + timeout
    last_size = -1
    while True:
        size = wav.stat().st_size if wav.is_file() else -1
        if size == last_size and _has_audio(wav):
            return True
        if time.monotonic() >= deadline:
            return False
        last_size = size
        time.sleep(0.05)


def _has_audio(wav: Path) -> bool:
    """Return True when ``wav`` reads as a whole WAV file with at least one sample."""
    try:
        with wave.open(str(wav), "rb") as reader:
            frames = reader.getnframes()
            expected = frames * reader.getsampwidth() * reader.getnchannels()
    except (OSError, wave.Error, EOFError):
        return False
    return frames > 0 and wav.stat().st_size >= expected + 44
