"""From an engine's WAV to finished MP3 frames: loudness, true peak, silence, constant bit rate.

Speech is normalised to a target integrated loudness (ITU-R BS.1770, pyloudnorm's K-weighting),
its true peak (4x oversampled) held below a ceiling by a look-ahead limiter, given silence
before and after (:func:`master`), and encoded by LAME (lameenc) at a constant bit rate, mono
(:func:`encode_mp3`). The MP3 frames of several files can be joined into one stream without
re-encoding when they share one format; an ``Info`` frame at the start tells players (and
mutagen) the frame count and that the bit rate is constant (:func:`with_info_frame`).
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import lameenc
import numpy as np
import pyloudnorm
from scipy.ndimage import maximum_filter1d, uniform_filter1d

from formats.core.contract import RenderError
from formats.outputs.mp3.loudness import INTERPOLATOR, OVERSAMPLING, TAPS_PER_PHASE, gated_loudness
from formats.outputs.mp3.mastering import Encoding, Mastering
from formats.outputs.mp3.stream import frame_length, frames

_LIMITER_WINDOW_S = 0.004
LOUDNESS_TOLERANCE = 0.25  # LU; the standard allows 2
_SILENCE_DBFS = -55.0
LAME_SCALE = 0.95  # what LAME multiplies its input by
# LAME's encoder delay (576 + 529 samples): a decoder that reads no LAME tag (this package
# writes a plain Info frame) plays that much silence before the first sample encoded.
ENCODER_DELAY_SAMPLES = 1105


# ---------------------------------------------------------------------------------------------
# Samples


def read_wav(path: Path, sample_rate: int) -> np.ndarray:
    """Return the samples of a 16-bit mono WAV file at ``sample_rate`` as floats in [-1, 1).

    Raise RenderError for any other format.
    """
    with wave.open(str(path), "rb") as reader:
        channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
        data = reader.readframes(reader.getnframes())
    if (channels, width, rate) != (1, 2, sample_rate):
        raise RenderError(f"audio: the engine wrote {channels} channel(s), {8 * width}-bit, "
                          f"{rate} Hz; expected mono 16-bit {sample_rate} Hz")
    return np.frombuffer(data, dtype="<i2").astype(np.float64) / 32768.0


def trim_silence(samples: np.ndarray, threshold_dbfs: float = _SILENCE_DBFS) -> np.ndarray:
    """Return the samples without the quiet start and end the engine leaves."""
    loud = np.abs(samples) > 10 ** (threshold_dbfs / 20)
    if not loud.any():
        return samples[:0]
    first = int(np.argmax(loud))
    last = samples.size - int(np.argmax(loud[::-1]))
    return samples[first:last]


def oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Return, per sample, the largest magnitude of the 4x oversampled signal around it.

    Each of the interpolator's four phases is a 12-tap filter run over the samples (in
    float32, the precision that matters for a peak); the largest of the four values and the
    sample itself is kept.
    """
    data = samples.astype(np.float32)
    peaks = np.abs(data)
    start = (TAPS_PER_PHASE - 1) // 2
    for phase in range(OVERSAMPLING):
        taps = INTERPOLATOR[phase::OVERSAMPLING].astype(np.float32)
        values = np.convolve(data, taps)[start:start + data.size]
        np.maximum(peaks, np.abs(values), out=peaks)
    return peaks


def loudness_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Return the integrated loudness (ITU-R BS.1770-4, gated) in LUFS; -inf if silent or short.

    pyloudnorm's K-weighting filters and block layout, with the gating done on whole arrays
    (pyloudnorm loops over the 400 ms blocks in Python, which is slow for long sections);
    the result is pyloudnorm's to within 0.01 LU (see tests/outputs/mp3/test_encode.py).
    """
    meter = pyloudnorm.Meter(sample_rate)
    if samples.size < int(meter.block_size * sample_rate):
        return float("-inf")
    weighted = samples
    for stage in meter._filters.values():
        weighted = stage.apply_filter(weighted)
    length = meter.block_size
    step = length * (1.0 - meter.overlap)
    count = int(np.round((samples.size / sample_rate - length) / step)) + 1
    starts = (length * (np.arange(count) * (1.0 - meter.overlap)) * sample_rate).astype(int)
    ends = (length * (np.arange(count) * (1.0 - meter.overlap) + 1) * sample_rate).astype(int)
    energy = np.concatenate([[0.0], np.cumsum(np.square(weighted))])
    power = (energy[np.minimum(ends, samples.size)] - energy[starts]) / (length * sample_rate)
    return gated_loudness(power)


def limiter_gain(peaks: np.ndarray, ceiling_dbtp: float, sample_rate: int,
                 held: np.ndarray | None = None) -> np.ndarray:
    """Return the gain, per sample, that brings every true peak down to the ceiling.

    The gain each peak needs is held for a few milliseconds either side and smoothed, so the
    gain falls before a peak and recovers after it without clicks. ``held`` may give the
    peaks' maximum over that window (:func:`held_peaks`), when the same peaks are limited at
    several gains: the gain a held peak needs is the least gain its window needs.
    """
    ceiling = np.float32(10 ** (ceiling_dbtp / 20))
    peaks = peaks.astype(np.float32, copy=False)
    needed = np.minimum(np.float32(1.0), ceiling / np.maximum(peaks, np.float32(1e-12)))
    if needed.min() >= 1.0:
        return needed
    window = limiter_window(sample_rate)
    if held is None:
        held = held_peaks(peaks, sample_rate)
    least = np.minimum(np.float32(1.0), ceiling / np.maximum(held.astype(np.float32, copy=False),
                                                             np.float32(1e-12)))
    gain = uniform_filter1d(least, size=window, mode="nearest")
    return np.minimum(gain, needed)


def limiter_window(sample_rate: int) -> int:
    """Return the limiter's window in samples (odd, about 4 ms)."""
    return max(3, int(_LIMITER_WINDOW_S * sample_rate) | 1)


def held_peaks(peaks: np.ndarray, sample_rate: int) -> np.ndarray:
    """Return, per sample, the largest peak within the limiter's window around it."""
    return maximum_filter1d(peaks.astype(np.float32, copy=False),
                            size=limiter_window(sample_rate), mode="nearest")


GAIN_BLOCK = 4  # samples that share one gain while the gain is searched for


def _block_sums(values: np.ndarray, size: int, reduce: str = "sum") -> np.ndarray:
    """Return the sums (or maxima) of consecutive blocks of ``size`` values (the last block
    padded with zeros)."""
    padded = np.concatenate([values, np.zeros(-values.size % size, dtype=values.dtype)])
    blocks = padded.reshape(-1, size)
    return blocks.max(axis=1) if reduce == "max" else blocks.sum(axis=1)


class _GainedLoudness:
    """The integrated loudness of speech times a gain that changes slowly (a limiter's).

    The speech is K-weighted once and its energy summed per ``GAIN_BLOCK`` samples; the
    loudness of the speech times a gain (one value a block) is then taken from those sums,
    which holds for a gain that changes over milliseconds (a limiter's) to well within the
    mastering's tolerance, and spares a K-weighting of the whole section at each try.
    """

    def __init__(self, samples: np.ndarray, sample_rate: int) -> None:
        meter = pyloudnorm.Meter(sample_rate)
        weighted = samples
        for stage in meter._filters.values():
            weighted = stage.apply_filter(weighted)
        self.energy = _block_sums(np.square(weighted), GAIN_BLOCK)
        length = meter.block_size
        count = int(np.round((samples.size / sample_rate - length)
                             / (length * (1.0 - meter.overlap)))) + 1
        steps = np.arange(max(count, 0)) * (1.0 - meter.overlap)
        self.starts = (length * steps * sample_rate).astype(int) // GAIN_BLOCK
        self.ends = np.minimum(-(-(length * (steps + 1) * sample_rate).astype(int)
                                 // GAIN_BLOCK), self.energy.size)
        self.block = length * sample_rate
        self.short = samples.size < int(length * sample_rate)

    def lufs(self, gain: np.ndarray) -> float:
        """Return the loudness of the speech times ``gain`` (one value a block, or one)."""
        if self.short:
            return float("-inf")
        squared = np.square(gain, dtype=np.float64)
        energy = np.concatenate([[0.0], np.cumsum(self.energy * squared)])
        return gated_loudness((energy[self.ends] - energy[self.starts]) / self.block)


def master(samples: np.ndarray, mastering: Mastering) -> np.ndarray:
    """Return speech at the target loudness, under the true-peak ceiling, with its silences.

    Limiting lowers the loudness, the more so the higher the gain, so the gain is found by the
    secant method: limit, measure, correct, until the loudness is within ``LOUDNESS_TOLERANCE``
    of the target (at most four times). The peaks are found once: those of the speech times a
    gain are the speech's peaks times that gain; the speech is K-weighted once
    (:class:`_GainedLoudness`); the search works on blocks of ``GAIN_BLOCK`` samples (each
    with its largest peak), and the gain found is then spread over the samples and held
    under what each sample's own peak allows.
    """
    rate, target = mastering.sample_rate, mastering.target_lufs
    speech = trim_silence(samples)
    measure = _GainedLoudness(speech, rate)
    loudness = measure.lufs(np.ones(1))
    if np.isfinite(loudness):
        peaks = oversampled_peaks(speech)
        block_peaks = _block_sums(peaks, GAIN_BLOCK, "max")
        window = max(3, (limiter_window(rate) // GAIN_BLOCK) | 1)
        held = maximum_filter1d(block_peaks, size=window, mode="nearest")
        gain_db = target - loudness
        tried: list[tuple[float, float]] = []
        for _ in range(4):
            level = np.float32(10 ** (gain_db / 20))
            block_gain = level * _smoothed_gain(held * level, mastering.ceiling_dbtp, window)
            loudness = measure.lufs(block_gain)
            if not np.isfinite(loudness) or abs(loudness - target) <= LOUDNESS_TOLERANCE:
                break
            tried.append((gain_db, loudness))
            gain_db += (target - loudness) / _slope(tried)
        gain = np.repeat(block_gain, GAIN_BLOCK)[:speech.size]
        ceiling = 10 ** (mastering.ceiling_dbtp / 20)
        speech = speech * np.minimum(gain, ceiling / np.maximum(peaks, 1e-12))
    lead = np.zeros(int(mastering.lead_s * rate))
    tail = np.zeros(int(mastering.tail_s * rate))
    return np.concatenate([lead, speech, tail])


def _smoothed_gain(held: np.ndarray, ceiling_dbtp: float, window: int) -> np.ndarray:
    """Return the limiter's gain from peaks held over its window: the gain each needs, smoothed
    over the window (never above 1)."""
    ceiling = np.float32(10 ** (ceiling_dbtp / 20))
    least = np.minimum(np.float32(1.0), ceiling / np.maximum(held, np.float32(1e-12)))
    return uniform_filter1d(least, size=window, mode="nearest")


def _slope(tried: list[tuple[float, float]]) -> float:
    """Return how many LU the loudness rises per dB of gain, from the last two tries."""
    if len(tried) < 2:
        return 0.7  # a first guess: limiting takes back part of any gain
    (gain_a, loud_a), (gain_b, loud_b) = tried[-2:]
    if gain_a == gain_b:
        return 0.7
    return float(np.clip((loud_b - loud_a) / (gain_b - gain_a), 0.2, 1.0))


# ---------------------------------------------------------------------------------------------
# MP3


def encode_mp3(samples: np.ndarray, encoding: Encoding) -> bytes:
    """Return the samples encoded as constant-bit-rate mono MP3 frames (no tags, no Info).

    LAME scales its input by 0.95 (its default ``scale``, -0.45 dB, to leave headroom); the
    samples are raised by as much first, so the decoded MP3 has the loudness mastered.
    """
    pcm = np.clip(np.round(samples / LAME_SCALE * 32767.0), -32768, 32767).astype("<i2")
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(encoding.bitrate_kbps)
    encoder.set_in_sample_rate(encoding.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(encoding.quality)
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


def with_info_frame(audio: bytes) -> bytes:
    """Return the audio frames preceded by an Info frame (frame and byte counts, CBR).

    The Info frame has the first frame's header (without padding); raise RenderError for a
    stream with no frames.
    """
    counted = frames(audio)
    if not counted:
        raise RenderError("audio: an MP3 stream with no frames")
    first = audio[:4]
    header = bytes([first[0], first[1], first[2] & ~0x02, first[3]])  # no padding
    length = frame_length(header)
    side_info = bytes(9)  # mono MPEG-2: 9 bytes of side information, all zero
    body = b"Info" + struct.pack(">III", 0x3, len(counted), len(audio) + length)
    frame = header + side_info + body
    return frame + bytes(length - len(frame)) + audio
