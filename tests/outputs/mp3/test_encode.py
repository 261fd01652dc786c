"""The mastering of formats/outputs/mp3/encode.py: its fast loudness meter agrees with
pyloudnorm."""

from __future__ import annotations

from pathlib import Path

import pyloudnorm
import pytest

from formats.outputs.mp3.encode import loudness_lufs
from formats.outputs.mp3.measure import decode
from tests.editions.audio.helpers import SAMPLE_RATE, book_of


@pytest.mark.parametrize("part", ["whole", "start", "quieter"])
def test_the_builds_loudness_meter_agrees_with_pyloudnorm(mini_audio: Path, part: str) -> None:
    samples = decode(book_of(mini_audio))
    samples = {"whole": samples, "start": samples[:2 * SAMPLE_RATE],
               "quieter": samples * 0.1}[part]
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(samples)
    assert abs(loudness_lufs(samples, SAMPLE_RATE) - expected) < 0.01
