"""The mastering of formats/outputs/mp3/encode.py: its fast loudness meter agrees with
pyloudnorm."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest

from formats.editions.audio.settings import MASTERING
from formats.outputs.mp3.encode import loudness_lufs, master, trim_silence
from formats.outputs.mp3.measure import decode
from tests.editions.audio.helpers import SAMPLE_RATE, book_of


@pytest.mark.parametrize("part", ["whole", "start", "quieter"])
def test_the_builds_loudness_meter_agrees_with_pyloudnorm(mini_audio: Path, part: str) -> None:
    samples = decode(book_of(mini_audio))
    samples = {"whole": samples, "start": samples[:2 * SAMPLE_RATE],
               "quieter": samples * 0.1}[part]
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples)
    assert abs(loudness_lufs(samples, SAMPLE_RATE) - expected) < 0.01


@pytest.mark.parametrize("samples", [np.zeros(0, dtype=np.float32),
                                     np.zeros(1000, dtype=np.float32),
                                     np.full(100, 0.1, dtype=np.float32)],
                         ids=["nothing", "silence", "shorter-than-a-gating-block"])
def test_mastering_with_no_measurable_speech_gives_its_silences(samples: np.ndarray) -> None:
    mastered = master(samples, MASTERING)
    silences = int(MASTERING.lead_s * SAMPLE_RATE) + int(MASTERING.tail_s * SAMPLE_RATE)
    speech = trim_silence(samples)
    assert mastered.dtype == np.float32 and mastered.size == silences + speech.size
    assert np.array_equal(mastered[int(MASTERING.lead_s * SAMPLE_RATE):][:speech.size], speech)
