"""From an engine's WAV to a finished MP3: loudness, true peak, silence, constant bit rate.

Each section is normalised to -18 LUFS integrated (ITU-R BS.1770, pyloudnorm's K-weighting),
its true peak (4x oversampled) held below the ceiling by a look-ahead limiter, given silence
before and after, and encoded by LAME (lameenc) at a constant 64 kbps, mono. The MP3 frames of
several sections can be joined into one stream (the whole book) without re-encoding, because
every file has the same format; an ``Info`` frame at the start tells players (and mutagen) the
frame count and that the bit rate is constant.
"""

from __future__ import annotations

import struct
import wave
from dataclasses import dataclass
from pathlib import Path

import lameenc
import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, upfirdn

from formats.editions.audio.settings import (
    BITRATE_KBPS, LEAD_SILENCE_S, MP3_QUALITY, PEAK_CEILING_DBTP, SAMPLE_RATE, TAIL_SILENCE_S,
    TARGET_LUFS,
)
from formats.core.contract import RenderError

OVERSAMPLING = 4
_INTERPOLATOR = firwin(12 * OVERSAMPLING, 1.0 / OVERSAMPLING) * OVERSAMPLING
_LIMITER_WINDOW_S = 0.004
LOUDNESS_TOLERANCE = 0.25  # LU; the standard allows 2
_SILENCE_DBFS = -55.0
LAME_SCALE = 0.95  # what LAME multiplies its input by
SAMPLES_PER_FRAME = 576  # MPEG-2 layer III (22.05 kHz): 576 samples a frame


# ---------------------------------------------------------------------------------------------
# Samples


def read_wav(path: Path) -> np.ndarray:
    """Return the samples of a 16-bit mono WAV file at SAMPLE_RATE as floats in [-1, 1).

    Raise RenderError for any other format.
    """
    with wave.open(str(path), "rb") as reader:
        channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
        frames = reader.readframes(reader.getnframes())
    if (channels, width, rate) != (1, 2, SAMPLE_RATE):
        raise RenderError(f"audio: the engine wrote {channels} channel(s), {8 * width}-bit, "
                          f"{rate} Hz; expected mono 16-bit {SAMPLE_RATE} Hz")
    return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0


def trim_silence(samples: np.ndarray, threshold_dbfs: float = _SILENCE_DBFS) -> np.ndarray:
    """Return the samples without the quiet start and end the engine leaves."""
    loud = np.abs(samples) > 10 ** (threshold_dbfs / 20)
    if not loud.any():
        return samples[:0]
    first = int(np.argmax(loud))
    last = samples.size - int(np.argmax(loud[::-1]))
    return samples[first:last]


def oversampled_peaks(samples: np.ndarray) -> np.ndarray:
    """Return, per sample, the largest magnitude of the 4x oversampled signal around it."""
    upsampled = upfirdn(_INTERPOLATOR, samples, up=OVERSAMPLING)
    start = (len(_INTERPOLATOR) - 1) // 2 - 1
    around = upsampled[start:start + OVERSAMPLING * samples.size]
    if around.size < OVERSAMPLING * samples.size:
        around = np.pad(around, (0, OVERSAMPLING * samples.size - around.size))
    np.abs(around, out=around)
    return np.maximum(around.reshape(samples.size, OVERSAMPLING).max(axis=1), np.abs(samples))


def loudness_lufs(samples: np.ndarray) -> float:
    """Return the integrated loudness (ITU-R BS.1770-4, gated) in LUFS; -inf if silent or short.

    pyloudnorm's K-weighting filters and block layout, with the gating done on whole arrays
    (pyloudnorm loops over the 400 ms blocks in Python, which is slow for long sections);
    the result is pyloudnorm's to within 0.01 LU (see tests/test_audio.py).
    """
    meter = pyloudnorm.Meter(SAMPLE_RATE)
    if samples.size < int(meter.block_size * SAMPLE_RATE):
        return float("-inf")
    weighted = samples
    for stage in meter._filters.values():
        weighted = stage.apply_filter(weighted)
    length = meter.block_size
    step = length * (1.0 - meter.overlap)
    count = int(np.round((samples.size / SAMPLE_RATE - length) / step)) + 1
    starts = (length * (np.arange(count) * (1.0 - meter.overlap)) * SAMPLE_RATE).astype(int)
    ends = (length * (np.arange(count) * (1.0 - meter.overlap) + 1) * SAMPLE_RATE).astype(int)
    energy = np.concatenate([[0.0], np.cumsum(np.square(weighted))])
    power = (energy[np.minimum(ends, samples.size)] - energy[starts]) / (length * SAMPLE_RATE)
    return gated_loudness(power)


def limiter_gain(peaks: np.ndarray, ceiling_dbtp: float) -> np.ndarray:
    """Return the gain, per sample, that brings every true peak down to the ceiling.

    The gain each peak needs is held for a few milliseconds either side and smoothed, so the
    gain falls before a peak and recovers after it without clicks.
    """
    ceiling = 10 ** (ceiling_dbtp / 20)
    needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    if needed.min() >= 1.0:
        return needed
    window = max(3, int(_LIMITER_WINDOW_S * SAMPLE_RATE) | 1)
    gain = uniform_filter1d(minimum_filter1d(needed, size=window, mode="nearest"),
                            size=window, mode="nearest")
    return np.minimum(gain, needed)


def master(samples: np.ndarray) -> np.ndarray:
    """Return speech at the target loudness, under the true-peak ceiling, with its silences.

    Limiting lowers the loudness, the more so the higher the gain, so the gain is found by the
    secant method: limit, measure, correct, until the loudness is within ``LOUDNESS_TOLERANCE``
    of the target (at most four times). The peaks are found once: those of the speech times a
    gain are the speech's peaks times that gain.
    """
    speech = trim_silence(samples)
    loudness = loudness_lufs(speech)
    if np.isfinite(loudness):
        peaks = oversampled_peaks(speech)
        gain_db = TARGET_LUFS - loudness
        tried: list[tuple[float, float]] = []
        for _ in range(4):
            gain = 10 ** (gain_db / 20)
            limited = speech * gain * limiter_gain(peaks * gain, PEAK_CEILING_DBTP)
            loudness = loudness_lufs(limited)
            if not np.isfinite(loudness) or abs(loudness - TARGET_LUFS) <= LOUDNESS_TOLERANCE:
                break
            tried.append((gain_db, loudness))
            gain_db += (TARGET_LUFS - loudness) / _slope(tried)
        speech = limited
    lead = np.zeros(int(LEAD_SILENCE_S * SAMPLE_RATE))
    tail = np.zeros(int(TAIL_SILENCE_S * SAMPLE_RATE))
    return np.concatenate([lead, speech, tail])


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


def encode_mp3(samples: np.ndarray) -> bytes:
    """Return the samples encoded as constant-bit-rate mono MP3 frames (no tags, no Info).

    LAME scales its input by 0.95 (its default ``scale``, -0.45 dB, to leave headroom); the
    samples are raised by as much first, so the decoded MP3 has the loudness mastered.
    """
    pcm = np.clip(np.round(samples / LAME_SCALE * 32767.0), -32768, 32767).astype("<i2")
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(MP3_QUALITY)
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


_BITRATES_MPEG2_L3 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)  # kbps
_RATES_MPEG2 = (22050, 24000, 16000)


@dataclass(frozen=True)
class Frame:
    """One MPEG-2 layer III frame in a byte string: where it starts and how long it is."""

    offset: int
    length: int
    is_info: bool


def frames(data: bytes) -> list[Frame]:
    """Return the MPEG-2 layer III frames of ``data``; raise RenderError where none is found."""
    found: list[Frame] = []
    offset = 0
    while offset + 4 <= len(data):
        header = data[offset:offset + 4]
        index = header[2] >> 4
        if header[0] != 0xFF or (header[1] & 0xFE) != 0xF2 or not 0 < index < 15:
            raise RenderError(f"audio: no MPEG-2 layer III frame at byte {offset} (a damaged "
                              "cache entry? delete the audio cache folder and build again)")
        bitrate = _BITRATES_MPEG2_L3[index] * 1000
        rate = _RATES_MPEG2[(header[2] >> 2) & 3]
        padding = (header[2] >> 1) & 1
        length = 72 * bitrate // rate + padding
        found.append(Frame(offset, length, data[offset + 13:offset + 17] == b"Info"))
        offset += length
    return found


def audio_frames(data: bytes) -> bytes:
    """Return the audio frames of an MP3 stream (without an Info frame)."""
    return b"".join(data[frame.offset:frame.offset + frame.length]
                    for frame in frames(data) if not frame.is_info)


def with_info_frame(audio: bytes) -> bytes:
    """Return the audio frames preceded by an Info frame (frame and byte counts, CBR)."""
    counted = frames(audio)
    if not counted:
        raise RenderError("audio: an MP3 stream with no frames")
    first = audio[:4]
    header = bytes([first[0], first[1], first[2] & ~0x02, first[3]])  # no padding
    length = 72 * BITRATE_KBPS * 1000 // SAMPLE_RATE
    side_info = bytes(9)  # mono MPEG-2: 9 bytes of side information, all zero
    body = b"Info" + struct.pack(">III", 0x3, len(counted), len(audio) + length)
    frame = header + side_info + body
    return frame + bytes(length - len(frame)) + audio


def frames_seconds(count: int) -> float:
    """Return how long ``count`` MPEG-2 layer III frames play, in seconds."""
    return count * SAMPLES_PER_FRAME / SAMPLE_RATE


def gated_loudness(power: np.ndarray) -> float:
    """Return the gated loudness (LUFS) of blocks' mean-square K-weighted powers (BS.1770-4:
    blocks under -70 LUFS, then those 10 LU under the mean of the rest, are left out); -inf when
    every block is under -70 LUFS."""
    with np.errstate(divide="ignore"):
        block_loudness = -0.691 + 10 * np.log10(power)
    above_absolute = block_loudness >= -70.0
    if not above_absolute.any():
        return float("-inf")
    relative = -0.691 + 10 * np.log10(power[above_absolute].mean()) - 10.0
    kept = (block_loudness > relative) & above_absolute
    return float(-0.691 + 10 * np.log10(power[kept].mean()))
