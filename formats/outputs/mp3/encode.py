"""From an engine's WAV to finished MP3 frames: loudness, true peak, silence, constant bit rate.

Speech is normalised to a target integrated loudness (ITU-R BS.1770, pyloudnorm's K-weighting
filters, run by :mod:`formats.outputs.mp3.kweighting`: numpy alone, no scipy in a worker),
its true peak (4x oversampled) held below a ceiling by a look-ahead limiter, given silence
before and after (:func:`master`), and encoded by LAME (lameenc) at a constant bit rate, mono
(:func:`encode_mp3`). The MP3 frames of several files can be joined into one stream without
re-encoding when they share one format; an ``Info`` frame at the start tells players (and
mutagen) the frame count and that the bit rate is constant (:func:`info_frame`).
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import lameenc
import numpy as np

from formats.core.contract import RenderError
from formats.outputs.mp3.kweighting import k_weighting
from formats.outputs.mp3.loudness import (
    GATE_OVERLAP,
    GATE_S,
    PHASE_GAIN_BOUND,
    PHASES,
    TAPS_PER_PHASE,
    gated_loudness,
)
from formats.outputs.mp3.mastering import Encoding, Mastering
from formats.outputs.mp3.stream import frame_length

_LIMITER_WINDOW_S = 0.004
_PEAK_ROOM_DB = 3.0  # the most the mastering's gain may rise above its first try, for the
# peaks found first to serve (a limited section needs about 1 dB more); beyond, all are found
LOUDNESS_TOLERANCE = 0.25  # LU; the standard allows 2
_SILENCE_DBFS = -55.0
LAME_SCALE = 0.95  # what LAME multiplies its input by
# LAME's encoder delay (576 + 529 samples): a decoder that reads no LAME tag (this package
# writes a plain Info frame) plays that much silence before the first sample encoded.
ENCODER_DELAY_SAMPLES = 1105


# ---------------------------------------------------------------------------------------------
# Samples
#
# Samples are float32 (16-bit speech needs no more) and the arrays of a whole section are made
# as few times as possible: a section is minutes of audio, and every new array of that size
# costs its allocation as much as the arithmetic done on it.


def read_wav(path: Path, sample_rate: int) -> np.ndarray:
    """Return the samples of a 16-bit mono WAV file at ``sample_rate`` as float32 in [-1, 1).

    Raise RenderError for any other format.
    """
    with wave.open(str(path), "rb") as reader:
        channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
        data = reader.readframes(reader.getnframes())
    if (channels, width, rate) != (1, 2, sample_rate):
        raise RenderError(f"audio: the engine wrote {channels} channel(s), {8 * width}-bit, "
                          f"{rate} Hz; expected mono 16-bit {sample_rate} Hz")
    samples = np.frombuffer(data, dtype="<i2").astype(np.float32)
    samples *= np.float32(1 / 32768)
    return samples


def trim_silence(samples: np.ndarray, threshold_dbfs: float = _SILENCE_DBFS) -> np.ndarray:
    """Return the samples without the quiet start and end the engine leaves (a view)."""
    loud = np.abs(samples) > 10 ** (threshold_dbfs / 20)
    if not loud.any():
        return samples[:0]
    first = int(np.argmax(loud))
    last = samples.size - int(np.argmax(loud[::-1]))
    return samples[first:last]


def oversampled_peaks(samples: np.ndarray, above: float = 0.0) -> np.ndarray:
    """Return, per sample, the largest magnitude of the 4x oversampled signal around it,
    wherever that may exceed ``above``; elsewhere the sample's own magnitude, which is then
    at most ``above`` too (all that a caller comparing peaks with ``above`` needs).

    Each of the interpolator's four phases is a 12-tap filter run over the samples (in
    float32, the precision that matters for a peak); the largest of the four values and the
    sample itself is kept. A value is at most ``PEAK_BOUND`` times the largest of the 12
    samples it is made of, so the filters run only over the blocks of ``_BOUND_BLOCK`` samples
    near one loud enough to pass ``above`` (speech has few), ``_PIECE`` samples at a time
    (each piece with the samples its taps reach before it): the same values as over the whole
    section, without a section-long array for each phase.
    """
    data = samples.astype(np.float32, copy=False)
    peaks = np.abs(data)
    for first, last in _loud_runs(peaks, above):
        for start in range(first, last, _PIECE):
            _interpolated_peaks(data, peaks, start, min(start + _PIECE, last))
    return peaks


# the most an interpolated value can be, times the largest sample it is made of (with room
# for float32's rounding of the filters' sums)
PEAK_BOUND = PHASE_GAIN_BOUND * (1 + 1e-5)
_BOUND_BLOCK = 256  # samples whose peaks are found together, or not at all
_RUN_GAP = 16  # blocks: runs of loud blocks closer than this are filtered as one


def _loud_runs(magnitudes: np.ndarray, above: float) -> list[tuple[int, int]]:
    """Return the (first, last) samples of the runs of blocks whose interpolated values may
    exceed ``above``: a value near a block is made of samples of the block or its neighbours
    (the filters reach fewer samples than a block)."""
    if above <= 0.0:
        return [(0, magnitudes.size)] if magnitudes.size else []
    loudest = _block_reduce(magnitudes, _BOUND_BLOCK, "max")
    near = loudest.copy()
    np.maximum(near[1:], loudest[:-1], out=near[1:])
    np.maximum(near[:-1], loudest[1:], out=near[:-1])
    loud = np.flatnonzero(near * PEAK_BOUND > above)
    if loud.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(loud) > _RUN_GAP)
    starts = np.concatenate([loud[:1], loud[breaks + 1]])
    ends = np.concatenate([loud[breaks], loud[-1:]]) + 1
    return [(int(start) * _BOUND_BLOCK, min(int(end) * _BOUND_BLOCK, magnitudes.size))
            for start, end in zip(starts, ends, strict=True)]


def _interpolated_peaks(data: np.ndarray, peaks: np.ndarray, first: int, last: int) -> None:
    """Raise ``peaks[first:last]`` to the magnitudes of the four phases' values there.

    A phase's value at sample ``i`` is the sum of its taps times the samples ``i + start - k``
    (``k`` from 0 to 11; a sample beyond either end of the section counts as zero): twelve
    multiply-adds over the whole piece at once. numpy's ``convolve`` made the same sums one
    value at a time, four times slower; the sums are the same to float32's rounding (about
    1e-7 of the peak, well inside ``PEAK_BOUND``'s room), and each value is summed in the same
    order whatever piece it is in.
    """
    start = (TAPS_PER_PHASE - 1) // 2
    piece = peaks[first:last]
    values = np.empty(last - first, dtype=np.float32)
    product = np.empty(last - first, dtype=np.float32)
    for taps in PHASES:
        values.fill(0.0)
        for k, tap in enumerate(taps):
            low, high = first + start - k, last + start - k  # the samples this tap meets
            inside_low, inside_high = max(low, 0), min(high, data.size)
            if inside_low >= inside_high:
                continue
            into = values[inside_low - low:inside_high - low]
            np.multiply(data[inside_low:inside_high], tap, out=product[:into.size])
            into += product[:into.size]
        np.abs(values, out=values)
        np.maximum(piece, values, out=piece)


def loudness_lufs(samples: np.ndarray, sample_rate: int) -> float:
    """Return the integrated loudness (ITU-R BS.1770-4, gated) in LUFS; -inf if silent or short.

    The meter the mastering uses (:class:`GainedLoudness`) at a gain of one.
    """
    return GainedLoudness(samples, sample_rate).lufs(np.ones(1, dtype=np.float32))


_ENCODE_PIECE = 1 << 20  # samples converted to 16 bits and given to LAME at a time
_PIECE = 1 << 18  # samples filtered at a time (a multiple of GAIN_BLOCK)
GAIN_BLOCK = 4  # samples that share one gain while the gain is searched for


def _block_reduce(values: np.ndarray, size: int, reduce: str = "sum") -> np.ndarray:
    """Return the sums (or maxima) of consecutive blocks of ``size`` values (a shorter last
    block on its own).

    The blocks' columns are combined one at a time: numpy reduces a short last axis slowly.
    """
    whole = values.size - values.size % size
    columns = values[:whole].reshape(-1, size)
    combine = np.maximum if reduce == "max" else np.add
    found = columns[:, 0].copy()
    for column in range(1, size):
        combine(found, columns[:, column], out=found)
    if whole == values.size:
        return found
    rest = values[whole:]
    return np.append(found, rest.max() if reduce == "max" else rest.sum())


class GainedLoudness:
    """The integrated loudness of speech times a gain that changes slowly (a limiter's).

    The speech is K-weighted once (pyloudnorm's filters, BS.1770-4) and its energy summed per
    ``GAIN_BLOCK`` samples; the loudness of the speech times a gain (one value a block) is then
    taken from those sums, which holds for a gain that changes over milliseconds (a limiter's)
    to well within the mastering's tolerance, and spares a K-weighting of the whole section at
    each try. The 400 ms gating blocks, every 100 ms, are pyloudnorm's.
    """

    def __init__(self, samples: np.ndarray, sample_rate: int) -> None:
        weighting = k_weighting(sample_rate)
        data = samples.astype(np.float32, copy=False)
        state = weighting.zero_state()
        energy = []
        for first in range(0, data.size, _PIECE):  # pieces: no section-long filtered copy
            weighted, state = weighting.run(data[first:first + _PIECE], state)
            np.square(weighted, out=weighted)
            energy.append(_block_reduce(weighted, GAIN_BLOCK))
        self.energy = (np.concatenate(energy) if energy
                       else np.zeros(0, dtype=np.float32)).astype(np.float64)
        length = GATE_S
        count = int(np.round((samples.size / sample_rate - length)
                             / (length * (1.0 - GATE_OVERLAP)))) + 1
        steps = np.arange(max(count, 0)) * (1.0 - GATE_OVERLAP)
        self.starts = (length * steps * sample_rate).astype(int) // GAIN_BLOCK
        self.ends = np.minimum(-(-(length * (steps + 1) * sample_rate).astype(int)
                                 // GAIN_BLOCK), self.energy.size)
        self.block = length * sample_rate
        self.short = samples.size < int(length * sample_rate)

    def lufs(self, gain: np.ndarray) -> float:
        """Return the loudness of the speech times ``gain`` (one value a block, or one)."""
        if self.short:
            return float("-inf")
        # the running sum of the gained energy, made in one array: before block k's start,
        # it is the sum up to the sample before (none before the first)
        summed = np.multiply(gain, gain, dtype=np.float64)
        summed = np.multiply(self.energy, summed, out=summed if summed.size > 1 else None)
        np.cumsum(summed, out=summed)
        before_end = summed[self.ends - 1]
        before_start = np.where(self.starts > 0, summed[self.starts - 1], 0.0)
        return gated_loudness((before_end - before_start) / self.block)


def master(samples: np.ndarray, mastering: Mastering, *, overwrite: bool = False
           ) -> np.ndarray:
    """Return speech at the target loudness, under the true-peak ceiling, with its silences
    (float32, a new array). With ``overwrite`` the speech is made in ``samples`` (float32),
    which is then changed, before it is copied between the silences: a section-long array
    fewer at once.

    Limiting lowers the loudness, the more so the higher the gain, so the gain is found by the
    secant method: limit, measure, correct, until the loudness is within ``LOUDNESS_TOLERANCE``
    of the target (at most four times). The peaks are found once: those of the speech times a
    gain are the speech's peaks times that gain, and only those a gain up to _PEAK_ROOM_DB
    above the first try could raise to the ceiling are worked out (the others cannot change
    the gain: the same samples as with every peak); the speech is K-weighted once
    (:class:`GainedLoudness`); the search works on blocks of ``GAIN_BLOCK`` samples (each
    with its largest peak), and the gain found is then spread over the samples and held
    under what each sample's own peak allows.
    """
    rate, target = mastering.sample_rate, mastering.target_lufs
    speech = trim_silence(samples.astype(np.float32, copy=False))
    measure = GainedLoudness(speech, rate)
    loudness = measure.lufs(np.ones(1))
    if not np.isfinite(loudness):
        return _with_silences(speech, mastering)
    gain_db = target - loudness
    ceiling = 10 ** (mastering.ceiling_dbtp / 20)
    # a peak matters only where it and the gain pass the ceiling: only the peaks the gain
    # could raise that far are found, for gains up to _PEAK_ROOM_DB above the first try
    most = 10 ** ((gain_db + _PEAK_ROOM_DB) / 20)
    peaks = oversampled_peaks(speech, above=ceiling / most)
    window = max(3, (int(_LIMITER_WINDOW_S * rate) // GAIN_BLOCK) | 1)  # blocks, odd
    held = _running(_block_reduce(peaks, GAIN_BLOCK, "max"), window, "max")
    tried: list[tuple[float, float]] = []
    block_gain = np.ones(1, dtype=np.float32)
    for _ in range(4):
        level = np.float32(10 ** (gain_db / 20))
        if level > most:  # more gain than the peaks were found for: all of them
            peaks, most = oversampled_peaks(speech), float("inf")
            held = _running(_block_reduce(peaks, GAIN_BLOCK, "max"), window, "max")
        del block_gain  # the last try's gain goes before the next is made
        block_gain = _smoothed_gain(held, level, mastering.ceiling_dbtp, window)
        block_gain *= level
        loudness = measure.lufs(block_gain)
        if not np.isfinite(loudness) or abs(loudness - target) <= LOUDNESS_TOLERANCE:
            break
        tried.append((gain_db, loudness))
        gain_db += (target - loudness) / _slope(tried)
    del measure, held
    # each sample: the block's gain, but never more than its own peak allows
    gain = np.maximum(peaks, np.float32(1e-12), out=peaks)
    np.divide(np.float32(10 ** (mastering.ceiling_dbtp / 20)), gain, out=gain)
    block_gain = block_gain.astype(np.float32, copy=False)
    for column in range(GAIN_BLOCK):  # sample k of every block: its block's gain
        samples_k = gain[column::GAIN_BLOCK]
        np.minimum(samples_k, block_gain[:samples_k.size], out=samples_k)
    if overwrite and speech.dtype == np.float32:
        np.multiply(speech, gain, out=speech)
        del gain, peaks
        return _with_silences(speech, mastering)
    np.multiply(speech, gain, out=gain)
    return _with_silences(gain, mastering)


def _with_silences(speech: np.ndarray, mastering: Mastering) -> np.ndarray:
    """Return ``speech`` (float32) with the lead and tail silences of ``mastering``."""
    lead = int(mastering.lead_s * mastering.sample_rate)
    mastered = np.zeros(lead + speech.size + int(mastering.tail_s * mastering.sample_rate),
                        dtype=np.float32)
    mastered[lead:lead + speech.size] = speech
    return mastered


def _smoothed_gain(held: np.ndarray, level: np.float32, ceiling_dbtp: float,
                   window: int) -> np.ndarray:
    """Return the limiter's gain from peaks held over its window, raised by ``level``: the gain
    each needs, smoothed over the window (never above 1)."""
    ceiling = np.float32(10 ** (ceiling_dbtp / 20))
    least = np.multiply(held, level)  # one array, changed in place
    np.maximum(least, np.float32(1e-12), out=least)
    np.divide(ceiling, least, out=least)
    np.minimum(least, np.float32(1.0), out=least)
    return _running(least, window, "mean")


_RUNNING_PIECE = 1 << 16  # window sums made (in float64) this many at a time


def _running(values: np.ndarray, size: int, kind: str) -> np.ndarray:
    """Return the largest (``kind`` "max") or the mean ("mean") of the ``size`` values centred
    on each value (``size`` odd; the first and last values repeated beyond the ends), as
    scipy.ndimage's maximum_filter1d and uniform_filter1d (mode "nearest") give them; float32.

    The mean is the difference of a running sum (float64) over the window, divided by its
    size, a piece at a time: each piece's running sums start from the last piece's, so they
    are the same values as over the whole section, without a section's worth of float64 (this
    was the mastering's largest moment)."""
    half = size // 2
    padded = np.pad(values.astype(np.float32, copy=False), half, mode="edge")
    if kind == "max":
        found = padded[:values.size].copy()
        for offset in range(1, size):
            np.maximum(found, padded[offset:offset + values.size], out=found)
        return found
    means = np.empty(values.size, dtype=np.float32)
    sums = np.empty(min(_RUNNING_PIECE, values.size) + size, dtype=np.float64)
    before = 0.0  # the running sum up to the piece's first value
    for first in range(0, values.size, _RUNNING_PIECE):
        last = min(first + _RUNNING_PIECE, values.size)
        count = last - first + size  # the running sums the piece's windows take
        sums[0] = before  # then each sum is the one before plus a value, as over the whole
        sums[1:count] = padded[first:first + count - 1]
        np.cumsum(sums[:count], out=sums[:count])
        piece = np.subtract(sums[size:count], sums[:count - size])
        piece /= size
        means[first:last] = piece
        before = float(sums[last - first])
    return means


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
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(encoding.bitrate_kbps)
    encoder.set_in_sample_rate(encoding.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(encoding.quality)
    encoded = bytearray()
    for start in range(0, samples.size, _ENCODE_PIECE):  # pieces: no whole-section copies
        scaled = np.multiply(samples[start:start + _ENCODE_PIECE],
                             np.float32(32767.0 / LAME_SCALE), dtype=np.float32)
        np.rint(scaled, out=scaled)
        np.clip(scaled, -32768, 32767, out=scaled)
        encoded += encoder.encode(scaled.astype("<i2"))
    return bytes(encoded + encoder.flush())


def info_frame(first_header: bytes, count: int, audio_bytes: int) -> bytes:
    """Return the Info frame (frame and byte counts, CBR) to put before ``count`` frames of
    ``audio_bytes`` bytes in all whose first frame starts with the 4 bytes ``first_header``
    (the audio itself is not needed: a whole book is written a section at a time). Raises
    RenderError for a stream with no frames."""
    if not count:
        raise RenderError("audio: an MP3 stream with no frames")
    first = first_header
    header = bytes([first[0], first[1], first[2] & ~0x02, first[3]])  # no padding
    length = frame_length(header)
    side_info = bytes(9)  # mono MPEG-2: 9 bytes of side information, all zero
    body = b"Info" + struct.pack(">III", 0x3, count, audio_bytes + length)
    frame = header + side_info + body
    return frame + bytes(length - len(frame))
