"""The meters of formats/outputs/mp3/measure.py, fed a piece at a time, against independent
measurements (pyloudnorm, every interpolated value, scipy's own resampler)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from formats.core.contract import RuleResult
from formats.outputs.mp3.loudness import gated_loudness
from formats.outputs.mp3.measure import (
    _PHASES,
    DECODE_RATE,
    LoudnessMeter,
    TruePeakMeter,
    decode,
    measure_samples,
    true_peak_dbfs,
)
from formats.outputs.mp3.rules import silence_result
from tests.editions.audio.helpers import book_of


@pytest.mark.parametrize("part", ["whole", "start", "quieter"])
@pytest.mark.parametrize("piece", [1000, 2205, 44100 * 3 + 7], ids=["1000", "segment", "3s+7"])
def test_the_streamed_loudness_agrees_with_pyloudnorm(mini_audio: Path, part: str,
                                                      piece: int) -> None:
    samples = decode(book_of(mini_audio))
    samples = {"whole": samples, "start": samples[:2 * DECODE_RATE],
               "quieter": samples * 0.1}[part]
    meter = LoudnessMeter()
    for start in range(0, samples.size, piece):
        meter.feed(samples[start:start + piece])
    expected = pyloudnorm.Meter(DECODE_RATE).integrated_loudness(samples)
    assert abs(meter.lufs() - expected) < 0.01


@pytest.mark.parametrize("piece", [4000, 7777, 441000])
def test_the_streamed_true_peak_is_the_largest_interpolated_value(mini_audio: Path,
                                                                  piece: int) -> None:
    samples = decode(book_of(mini_audio))
    samples[samples.size // 3] = 0.9  # a click between two chapters' words
    meter = TruePeakMeter()
    for start in range(0, samples.size, piece):
        meter.feed(samples[start:start + piece])
    meter.finish()
    every_value = max(float(np.abs(np.convolve(samples, phase)).max()) for phase in _PHASES)
    assert abs(meter.peak - max(every_value, float(np.abs(samples).max()))) < 1e-6
    independent = 20 * np.log10(np.abs(resample_poly(samples, 4, 1)).max())
    assert abs(true_peak_dbfs(samples) - independent) < 0.3


def test_silence_has_no_loudness_and_is_not_sound() -> None:
    measured = measure_samples(np.zeros(2 * DECODE_RATE))
    assert (measured.loudness_lufs, measured.true_peak_dbfs, measured.has_sound) == (
        float("-inf"), float("-inf"), False)
    assert gated_loudness(np.zeros(5)) == float("-inf")
    assert silence_result("x.mp3", measured) == RuleResult(
        "audio/silence", "x.mp3", False, "no sound above -50 dBFS in 2.00 s")
