"""The passages of a section spoken by an engine, then joined with the pauses of the table.

An engine that reads SSML (espeak-ng) says all the passages of a section in one run, with a
long break between them (``BREAK_S``): starting one process per passage would cost more than
the speech. The breaks are then found again as the only silences longer than ``SPLIT_S`` (an
engine's own pauses last about half a second), and the audio is cut there. When the number of
silences found is not one less than the number of passages, each passage is said on its own.
Every piece is trimmed of its silence and the pieces are joined with the exact pauses of
:mod:`formats.editions.audio.pauses`, which also gives each passage's start and end.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from formats.editions.audio.engines import Engine
from formats.outputs.mp3.encode import read_wav, trim_silence

BREAK_S = 1.2  # the break put between passages said in one run
SPLIT_S = 0.85  # a silence this long in one run's audio is a break between passages
_QUIET_DBFS = -60.0  # a sample under this is silence, when breaks are looked for


def speak(engine: Engine, texts: list[str], folder: Path, sample_rate: int) -> list[np.ndarray]:
    """Return the samples of each passage, trimmed of silence; raise RenderError when the
    engine fails."""
    if engine.reads_markup and len(texts) > 1:
        pieces = _in_one_run(engine, texts, folder, sample_rate)
        if pieces is not None:
            return pieces
    return [_alone(engine, text, folder / f"{number:04d}.wav", sample_rate)
            for number, text in enumerate(texts)]


def _alone(engine: Engine, text: str, wav: Path, sample_rate: int) -> np.ndarray:
    if not text.strip():
        return np.zeros(0, dtype=np.float32)
    engine.synthesise(text, wav)
    return trim_silence(read_wav(wav, sample_rate))


def _in_one_run(engine: Engine, texts: list[str], folder: Path,
                sample_rate: int) -> list[np.ndarray] | None:
    """Return the passages said in one run and cut at the breaks, or None when the breaks
    found do not match the passages."""
    if any(not text.strip() for text in texts):
        return None
    pause = f'<break time="{round(BREAK_S * 1000)}ms"/>'
    wav = folder / "passages.wav"
    engine.synthesise("<speak>" + pause.join(escape(text) for text in texts) + "</speak>", wav,
                      markup=True)
    samples = read_wav(wav, sample_rate)
    breaks = long_silences(samples, SPLIT_S, sample_rate)
    if len(breaks) != len(texts) - 1:
        return None
    cuts = [0, *((start + end) // 2 for start, end in breaks), samples.size]
    return [trim_silence(samples[start:end]) for start, end in pairwise(cuts)]


def long_silences(samples: np.ndarray, seconds: float, sample_rate: int,
                  threshold_dbfs: float = _QUIET_DBFS) -> list[tuple[int, int]]:
    """Return (start, end) sample indexes of every run of silence at least ``seconds`` long
    between sounds (not at the very start or end)."""
    quiet = np.zeros(samples.size + 2, dtype=np.int8)  # a sound before and after
    np.less_equal(np.abs(samples), 10 ** (threshold_dbfs / 20), out=quiet[1:-1],
                  casting="unsafe")
    edges = np.flatnonzero(np.diff(quiet))  # where a quiet run starts, then where it ends
    starts, ends = edges[::2], edges[1::2]
    long = (ends - starts >= seconds * sample_rate) & (starts > 0) & (ends < samples.size)
    return list(zip(starts[long].tolist(), ends[long].tolist(), strict=True))


def join(pieces: list[np.ndarray], pauses: list[float],
         sample_rate: int) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Return the pieces joined with the pauses after each, and each piece's (start, end) in
    seconds from the start of the first."""
    parts: list[np.ndarray] = []
    spans: list[tuple[float, float]] = []
    at = 0
    for number, (piece, pause) in enumerate(zip(pieces, pauses, strict=False)):
        spans.append((at / sample_rate, (at + piece.size) / sample_rate))
        gap = np.zeros(round(pause * sample_rate) if number < len(pieces) - 1 else 0,
                       dtype=np.float32)
        parts += [piece, gap]
        at += piece.size + gap.size
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)), spans
