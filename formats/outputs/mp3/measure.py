"""MP3 files decoded by ffmpeg, an independent decoder, and measured a piece at a time.

A file is decoded to 22050 Hz mono float samples read a piece at a time (a whole book is never
held in memory), and fed to three meters: integrated loudness (ITU-R BS.1770-4: pyloudnorm's
K-weighting, 400 ms blocks every 100 ms, absolute and relative gates), true peak (the 4x
oversampled peak, from the 48-tap, 4-phase interpolation of BS.1770-4 Annex 2) and the silences
before the first sound and after the last.
"""

from __future__ import annotations

import os
import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pyloudnorm
from scipy.signal import sosfilt, tf2sos

from formats.core.blas_threads import one_blas_thread
from formats.outputs.mp3.loudness import (
    PHASE_GAIN_BOUND,
    PHASES,
    TAPS_PER_PHASE,
    gated_loudness,
)
from formats.outputs.mp3.stream import DecodeError

DECODE_RATE = 22050  # Hz: every file is decoded (resampled if need be) to this rate, mono
CHUNK_SECONDS = 20  # decoded samples are measured this many seconds at a time
_PIECES_AHEAD = 2  # pieces ffmpeg's output is read ahead of the meters (1.8 MB each)
SILENCE_DBFS = -50.0  # a sample above this is sound
DITHER = 1e-18  # added to the samples K-weighted, up and down in turn (KWeighting.squared)
PAUSE_MIN_S = 0.25  # a silence between sounds at least this long is measured as a pause

# float32: the decoded samples' own precision, and faster to filter
_BLOCK_SEGMENTS = 4  # a 400 ms gating block is four 100 ms segments
_SEGMENT = DECODE_RATE // 10
_STRETCH = 2048  # 12-sample windows copied together for the true peak (96 KB)

# ---------------------------------------------------------------------------------------------
# Decoding


def decoded_chunks(path: Path, chunk_seconds: float = CHUNK_SECONDS) -> Iterator[np.ndarray]:
    """Yield the samples of an audio file decoded by ffmpeg (22050 Hz, mono, floats), a piece at
    a time. Raise DecodeError when ffmpeg is missing or cannot decode the file.

    A thread reads ffmpeg's output a piece or two ahead, so that ffmpeg decodes the next piece
    while the last one is measured (through the pipe alone, each waited for the other)."""
    command = ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "1",
               "-ar", str(DECODE_RATE), "-"]
    size = 4 * int(chunk_seconds * DECODE_RATE)
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        except FileNotFoundError as error:
            raise DecodeError("ffmpeg is not installed") from error
        assert process.stdout is not None
        ahead = _ReadAhead(process.stdout, size)
        try:
            while data := ahead.next():
                yield np.frombuffer(data, dtype="<f4")
        finally:
            ahead.stop()
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise DecodeError(f"ffmpeg cannot decode {path.name}: "
                              f"{said[-1] if said else f'exit status {code}'}")


class _ReadAhead:
    """Pieces of ``size`` bytes read from a stream by a thread of their own, at most
    ``_PIECES_AHEAD`` of them waiting to be taken."""

    def __init__(self, stream: IO[bytes], size: int) -> None:
        self._pieces: queue.Queue[bytes] = queue.Queue(maxsize=_PIECES_AHEAD)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(stream, size),
                                        name="decoded-audio", daemon=True)
        self._thread.start()

    def _read(self, stream: IO[bytes], size: int) -> None:
        try:
            while not self._stopped.is_set():
                data = stream.read(size)
                self._put(data)
                if not data:
                    return
        except (OSError, ValueError):  # the stream closed: the reader stopped early
            self._put(b"")

    def _put(self, data: bytes) -> None:
        while not self._stopped.is_set():
            try:
                self._pieces.put(data, timeout=0.1)
                return
            except queue.Full:
                continue

    def next(self) -> bytes:
        """Return the next piece, or b"" at the end of the stream."""
        return self._pieces.get()

    def stop(self) -> None:
        """Stop reading ahead (the thread ends once its read returns)."""
        self._stopped.set()


def decode(path: Path) -> np.ndarray:
    """Return all the samples of an audio file decoded by ffmpeg (22050 Hz, mono, floats).

    Raise DecodeError when it cannot be decoded.
    """
    pieces = list(decoded_chunks(path))
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)


def _pieces(samples: np.ndarray) -> Iterator[np.ndarray]:
    size = int(CHUNK_SECONDS * DECODE_RATE)
    for start in range(0, samples.size, size):
        yield samples[start:start + size]


# ---------------------------------------------------------------------------------------------
# Meters, fed a piece of the samples at a time


class KWeighting:
    """pyloudnorm's two K-weighting filters (ITU-R BS.1770-4), run as one cascade of
    second-order sections in double precision over samples given a piece at a time (their state
    carried from one piece to the next)."""

    def __init__(self) -> None:
        stages = list(pyloudnorm.Meter(DECODE_RATE)._filters.values())  # its (private) filters
        self._sections = np.concatenate([tf2sos(stage.b, stage.a) for stage in stages])
        self._power_gain = float(np.prod([stage.passband_gain for stage in stages])) ** 2
        self._state = np.zeros((self._sections.shape[0], 2))
        self._odd = False  # whether an odd number of samples was weighted so far

    def squared(self, samples: np.ndarray) -> np.ndarray:
        """Return the next piece of the samples K-weighted and squared (a new array).

        ``DITHER`` is added to the samples first, up and down in turn: in each pause of speech
        the filters' state would otherwise decay into subnormal numbers, which the processor
        computes many times slower (the whole book's K-weighting took 2.2 s, against 0.6 s for
        noise as long). Its energy, 1e-36 a sample, is 290 dB under the quietest block the
        gates keep."""
        signs = np.empty(samples.size)
        signs[0::2], signs[1::2] = (-DITHER, DITHER) if self._odd else (DITHER, -DITHER)
        self._odd ^= bool(samples.size % 2)
        weighted, self._state = sosfilt(self._sections, samples + signs, zi=self._state)
        squared = np.square(weighted, out=weighted)
        if self._power_gain != 1.0:
            squared *= self._power_gain
        return squared


class LoudnessMeter:
    """Integrated loudness (ITU-R BS.1770-4) of samples at DECODE_RATE fed a piece at a time.

    The samples are K-weighted with pyloudnorm's two filters, run as one cascade of second-order
    sections in double precision (their state carried from one piece to the next); the energy of
    every 100 ms segment is kept, and a 400 ms block's is the sum of four segments', as
    pyloudnorm's blocks (every 100 ms) lie on segment boundaries.
    """

    def __init__(self) -> None:
        self._weighting = KWeighting()
        self._energies: list[np.ndarray] = []
        self._partial = np.zeros(0)
        self.samples = 0

    def feed(self, samples: np.ndarray) -> None:
        """Take the next piece of the samples."""
        self.take(self._weighting.squared(samples))

    def take(self, squared: np.ndarray) -> None:
        """Take the next piece of the samples K-weighted and squared (by a :class:`KWeighting`
        that has weighted every sample before them)."""
        self.samples += squared.size
        squared = np.concatenate([self._partial, squared])
        whole = squared.size // _SEGMENT * _SEGMENT
        if whole:
            self._energies.append(squared[:whole].reshape(-1, _SEGMENT).sum(axis=1))
        self._partial = squared[whole:]

    def lufs(self) -> float:
        """Return the integrated loudness in LUFS; -inf when silent or shorter than a block."""
        if self.samples < _BLOCK_SEGMENTS * _SEGMENT:
            return float("-inf")
        energies = np.concatenate([*self._energies, [self._partial.sum()]])
        count = round((self.samples / DECODE_RATE - 0.4) / 0.1) + 1
        cumulative = np.concatenate([[0.0], np.cumsum(energies)])
        starts = np.arange(count)
        ends = np.minimum(starts + _BLOCK_SEGMENTS, energies.size)
        power = (cumulative[ends] - cumulative[starts]) / (_BLOCK_SEGMENTS * _SEGMENT)
        return gated_loudness(power)


class TruePeakMeter:
    """The largest magnitude of the 4x oversampled signal (and of the samples), fed a piece at
    a time.

    Each of the four phases of the interpolator is a 12-tap filter, so an interpolated value is
    at most ``GAIN_BOUND`` times the largest of the 12 samples it is made of: only the values
    near a sample loud enough to raise the peak found so far are computed (speech has few); when
    there are many, every value of each stretch of ``_STRETCH`` with such a sample in its
    windows (the quieter stretches between words are left out). The last 11 samples of a piece
    are carried to the next.
    """

    GAIN_BOUND = PHASE_GAIN_BOUND
    _TAPS = np.stack([phase[::-1] for phase in PHASES], axis=1)  # window position x phase

    def __init__(self) -> None:
        one_blas_thread()
        self._history = np.zeros(0, dtype=np.float32)
        self.peak = 0.0

    def feed(self, samples: np.ndarray) -> None:
        """Take the next piece of the samples."""
        if samples.size:
            self.peak = max(self.peak, float(np.abs(samples).max()))
        self._interpolate(np.asarray(samples, dtype=np.float32))

    def finish(self) -> None:
        """Take in the interpolated values after the last sample (the filters ringing out)."""
        self._interpolate(np.zeros(TAPS_PER_PHASE - 1, dtype=np.float32))

    def _interpolate(self, samples: np.ndarray) -> None:
        """Raise the peak to the largest interpolated value ending in ``samples``: the value at
        position n of a piece is made of the piece's samples n-11..n."""
        piece = np.concatenate([self._history, samples])
        counted = self._history.size  # values before this were counted with the last piece
        self._history = piece[-(TAPS_PER_PHASE - 1):]
        loud = np.flatnonzero(np.abs(piece) * self.GAIN_BOUND > self.peak)
        if loud.size == 0 or piece.size <= counted:
            return
        padded = np.concatenate([np.zeros(TAPS_PER_PHASE - 1, dtype=np.float32), piece])
        windows = np.lib.stride_tricks.sliding_window_view(padded, TAPS_PER_PHASE)
        if loud.size * TAPS_PER_PHASE > piece.size // 4:  # many: a matrix product of copied
            # windows for each stretch of _STRETCH values with a loud sample in one of them
            # (a loud sample is in the windows of the values from it to 11 after it)
            stretches = np.union1d(loud // _STRETCH, (loud + TAPS_PER_PHASE - 1) // _STRETCH)
            for stretch in stretches:
                start = max(int(stretch) * _STRETCH, counted)
                end = min((int(stretch) + 1) * _STRETCH, piece.size)
                if start < end:
                    some = np.ascontiguousarray(windows[start:end])
                    self.peak = max(self.peak, float(np.abs(some @ self._TAPS).max()))
            return
        positions = np.unique((loud[:, None] + np.arange(TAPS_PER_PHASE)).ravel())
        positions = positions[(positions >= counted) & (positions < piece.size)]
        if positions.size:
            self.peak = max(self.peak, float(np.abs(windows[positions] @ self._TAPS).max()))

    def dbfs(self) -> float:
        """Return the true peak in dBFS (-inf for silence)."""
        return float(20 * np.log10(self.peak)) if self.peak > 0 else float("-inf")


class SilenceMeter:
    """Where the first and last sample above SILENCE_DBFS are, and every run of silence at
    least ``PAUSE_MIN_S`` long between two sounds (the pauses), fed a piece at a time."""

    def __init__(self, threshold_dbfs: float = SILENCE_DBFS) -> None:
        self._threshold = 10 ** (threshold_dbfs / 20)
        self.first: int | None = None
        self.last: int | None = None
        self.samples = 0
        self.pauses: list[tuple[int, int]] = []  # (first silent sample, how many)

    def feed(self, samples: np.ndarray) -> None:
        """Take the next piece of the samples."""
        loud = np.flatnonzero(np.abs(samples) > self._threshold)
        if loud.size:
            if self.last is not None:  # the silence since the last sound ends here
                self._pause(self.last + 1, self.samples + int(loud[0]))
            gaps = np.flatnonzero(np.diff(loud) > PAUSE_MIN_S * DECODE_RATE)
            for gap in gaps:
                self._pause(self.samples + int(loud[gap]) + 1, self.samples + int(loud[gap + 1]))
            if self.first is None:
                self.first = self.samples + int(loud[0])
            self.last = self.samples + int(loud[-1])
        self.samples += samples.size

    def _pause(self, start: int, end: int) -> None:
        if end - start >= PAUSE_MIN_S * DECODE_RATE:
            self.pauses.append((start, end - start))

    def silences(self) -> tuple[float, float]:
        """Return the seconds of silence before the first sound and after the last (the whole
        length twice when there is no sound)."""
        if self.first is None or self.last is None:
            return self.samples / DECODE_RATE, self.samples / DECODE_RATE
        return self.first / DECODE_RATE, (self.samples - 1 - self.last) / DECODE_RATE


@dataclass(frozen=True)
class Measurement:
    """What is measured on a decoded file."""

    seconds: float
    loudness_lufs: float
    true_peak_dbfs: float
    lead_s: float  # silence before the first sound
    tail_s: float  # silence after the last sound
    has_sound: bool
    pauses: tuple[tuple[float, float], ...] = ()  # (start, seconds) of each pause between sounds


def measure_pieces(pieces: Iterable[np.ndarray]) -> Measurement:
    """Return the loudness, true peak and silences of samples given a piece at a time."""
    loudness, peak, silence = LoudnessMeter(), TruePeakMeter(), SilenceMeter()
    for piece in pieces:
        loudness.feed(piece)
        peak.feed(piece)
        silence.feed(piece)
    return measurement_of(loudness, peak, silence)


def measurement_of(loudness: LoudnessMeter, peak: TruePeakMeter,
                   silence: SilenceMeter) -> Measurement:
    """Return what three meters fed the same samples measured (the peak meter is finished)."""
    peak.finish()
    lead, tail = silence.silences()
    pauses = tuple((start / DECODE_RATE, length / DECODE_RATE)
                   for start, length in silence.pauses)
    return Measurement(silence.samples / DECODE_RATE, loudness.lufs(), peak.dbfs(), lead, tail,
                       silence.first is not None, pauses)


def measure(path: Path) -> Measurement:
    """Return what is measured on an audio file decoded by ffmpeg; raise DecodeError when it
    cannot be decoded."""
    return measure_pieces(decoded_chunks(path))


def measure_samples(samples: np.ndarray) -> Measurement:
    """Return what is measured on samples at DECODE_RATE (as :func:`measure` on a file)."""
    return measure_pieces(_pieces(samples))


def true_peak_dbfs(samples: np.ndarray) -> float:
    """Return the 4x oversampled peak of samples at DECODE_RATE, in dBFS."""
    meter = TruePeakMeter()
    for piece in _pieces(samples):
        meter.feed(piece)
    meter.finish()
    return meter.dbfs()


def silences(samples: np.ndarray, threshold_dbfs: float = SILENCE_DBFS) -> tuple[float, float]:
    """Return the seconds of silence before the first and after the last sample above the
    threshold, in samples at DECODE_RATE."""
    meter = SilenceMeter(threshold_dbfs)
    meter.feed(samples)
    return meter.silences()


def measure_files(paths: list[Path]) -> dict[Path, Measurement | DecodeError]:
    """Return the measurement of every file (or why it could not be decoded), measuring as many
    files at once as there are processors, the longest first."""
    def measured(path: Path) -> Measurement | DecodeError:
        try:
            return measure(path)
        except DecodeError as error:
            return error

    longest_first = sorted(paths, key=lambda path: path.stat().st_size, reverse=True)
    with ThreadPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1) or 1) as pool:
        return dict(zip(longest_first, pool.map(measured, longest_first), strict=True))

