"""Speech engines: text in, a 16-bit mono WAV file out.

Two engines, one interface (``synthesise(text, wav)``):

- ``espeak-ng``: the ``espeak-ng`` command, text on its standard input. The default on Linux:
  on the same section it is several times faster than pyttsx3 (see bench/bench_audio.py).
- ``pyttsx3``: the portable engine (it drives espeak-ng on Linux, SAPI5 on Windows, NSSpeech on
  macOS). Version 2.99 has known faults on Linux that this wrapper works around: ``runAndWait``
  returns before the file is written (we wait for the ``finished-utterance`` event, then until
  the file's size stops changing), texts over about 10,000 characters fail (we synthesise
  chunks of whole sentences under 4,000 characters and join their audio), and the espeak-ng
  library it calls now and then crashes its process (the chunks are said in a process of
  their own, kept for every text of the same voice and rate, started again after a crash:
  :mod:`formats.editions.audio.pyttsx3_speaker`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import wave
from pathlib import Path
from typing import Protocol

from formats.core.contract import RenderError
from formats.editions.audio import settings

CHUNK_CHARS = 4000
CRASHES_ALLOWED = 2  # crashes of pyttsx3's speaking process on one text before it is given up
STOP_WAIT_S = 5  # seconds a speaking process may take to end once its input is closed
PROJECT_ROOT = Path(__file__).resolve().parents[3]  # where the speaking process finds formats
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
    """pyttsx3, made safe for long texts, for its early return on Linux and for the crashes
    of the espeak-ng library it calls: the chunks are said by a process of their own
    (:mod:`formats.editions.audio.pyttsx3_speaker`), started again when it crashes."""

    name = "pyttsx3"
    reads_markup = False  # pyttsx3 2.99's espeak driver does not pass espeak-ng's SSML flag

    def __init__(self, voice: str, rate: int) -> None:
        self.voice = voice
        self.rate = rate
        self.chunks_made = 0  # how many chunks the last synthesis used
        self.crashes = 0  # how many times the speaking process crashed in the last synthesis

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        """Write ``text`` spoken into ``wav``; raise RenderError when pyttsx3 fails, or when its
        process crashes ``CRASHES_ALLOWED`` + 1 times.

        The text is cut into chunks of whole sentences, each said into its own file by the
        speaking process, and the chunks' audio is joined into ``wav``. A process that crashed
        is started again; it goes on from the first chunk not yet saved.
        """
        chunks = split_into_chunks(text, CHUNK_CHARS)
        self.chunks_made, self.crashes = len(chunks), 0
        with tempfile.TemporaryDirectory(prefix="pyttsx3-") as name:
            folder = Path(name)
            for number, chunk in enumerate(chunks):
                (folder / f"{number:04d}.txt").write_text(chunk, encoding="utf-8")
            while not self._say(folder, 60 + sum(30 + len(chunk) / 50 for chunk in chunks)):
                self.crashes += 1
                if self.crashes > CRASHES_ALLOWED:
                    raise RenderError(f"audio: pyttsx3's speaking process crashed "
                                      f"{self.crashes} times on a text of {len(text)} "
                                      "characters")
            join_wavs([folder / f"{number:04d}.wav" for number in range(len(chunks))], wav)

    def _say(self, folder: Path, timeout: float) -> bool:
        """Have this process's speaking process for the voice and rate say the chunks of
        ``folder``; return True when it saved them all, False when it crashed or ran over
        ``timeout`` seconds (it is then ended: the next call starts another). Raises
        RenderError when pyttsx3 could not say a chunk."""
        return speaking_process(self.voice, self.rate).say(folder, timeout)


class SpeakingProcess:
    """A :mod:`formats.editions.audio.pyttsx3_speaker` process serving folders, kept
    for the passages to come: starting Python and pyttsx3 for each passage cost more than
    saying it. It ends when this process closes its input (:func:`stop_speaking_processes`,
    or this process ending)."""

    def __init__(self, voice: str, rate: int) -> None:
        from formats.editions.audio import pyttsx3_speaker

        environment = dict(os.environ, PYTHONPATH=os.pathsep.join(
            filter(None, (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")))))
        self._process = subprocess.Popen(
            [sys.executable, "-m", pyttsx3_speaker.__name__, voice, str(rate)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=environment)
        self._answers: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read_answers, daemon=True).start()

    def _read_answers(self) -> None:
        """Pass on each line the process answers, then None when its output ends (closed
        then)."""
        assert self._process.stdout is not None
        with self._process.stdout as answers:
            for line in answers:
                self._answers.put(line.decode("utf-8", "replace").rstrip("\r\n"))
        self._answers.put(None)

    @property
    def alive(self) -> bool:
        """True while the process runs."""
        return self._process.poll() is None

    def say(self, folder: Path, timeout: float) -> bool:
        """Return True when the process saved every chunk of ``folder``; False when it
        crashed or ran over ``timeout`` seconds (it is then ended). Raises RenderError when
        pyttsx3 could not say a chunk."""
        from formats.editions.audio import pyttsx3_speaker

        try:
            assert self._process.stdin is not None
            self._process.stdin.write(str(folder).encode("utf-8") + b"\n")
            self._process.stdin.flush()
            answer = self._answers.get(timeout=timeout)
        except (OSError, queue.Empty):  # it ended before it read the folder, or hangs
            answer = None
        if answer is None:
            self.stop()
            return False
        if answer.startswith(pyttsx3_speaker.NOT_SAID):
            raise RenderError(answer.partition("\t")[2] or "audio: pyttsx3 could not say a "
                              "chunk")
        return answer == pyttsx3_speaker.SAVED

    def let_go(self) -> None:
        """Close this process's copy of the speaking process's input (in a forked child)."""
        with contextlib.suppress(OSError, ValueError):
            if self._process.stdin is not None:
                self._process.stdin.close()

    def stop(self) -> None:
        """End the process: close its input, and kill it if it does not end at once."""
        with contextlib.suppress(OSError):
            if self._process.stdin is not None:
                self._process.stdin.close()
        try:
            self._process.wait(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


_SPEAKING: dict[tuple[str, str, int], SpeakingProcess] = {}
_SPEAKING_LOCK = threading.Lock()


def speaking_process(voice: str, rate: int) -> SpeakingProcess:
    """Return this process's speaking process for ``voice`` and ``rate`` (with this Python):
    the one kept, or a new one when there is none or it ended."""
    key = (sys.executable, voice, rate)
    with _SPEAKING_LOCK:
        found = _SPEAKING.get(key)
        if found is None or not found.alive:
            if not _SPEAKING:
                atexit.register(stop_speaking_processes)
            found = _SPEAKING[key] = SpeakingProcess(voice, rate)
        return found


def _forget_speaking_processes() -> None:
    """In a child made by fork: forget the parent's speaking processes (theirs to end), and
    close this copy of their input, so that each ends when the parent closes its own."""
    for kept in _SPEAKING.values():
        kept.let_go()
    _SPEAKING.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_speaking_processes)


def stop_speaking_processes() -> None:
    """End every speaking process this process started."""
    with _SPEAKING_LOCK:
        kept = list(_SPEAKING.values())
        _SPEAKING.clear()
    for process in kept:
        process.stop()


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
