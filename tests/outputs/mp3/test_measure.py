"""The meters of formats/outputs/mp3/measure.py, fed a piece at a time, against independent
measurements (pyloudnorm, every interpolated value, scipy's own resampler); and a whole book
measured with its tracks from one decoding (formats/outputs/mp3/joined.py) against each file
measured on its own."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from formats.core.contract import RuleResult
from formats.outputs.mp3 import joined as joined_module
from formats.outputs.mp3 import measure as measure_module
from formats.outputs.mp3.joined import book_stretches, measure_with_book
from formats.outputs.mp3.loudness import PHASES, gated_loudness
from formats.outputs.mp3.measure import (
    DECODE_RATE,
    LoudnessMeter,
    Measurement,
    TruePeakMeter,
    decode,
    decoded_chunks,
    measure_files,
    measure_samples,
    true_peak_dbfs,
)
from formats.outputs.mp3.rules import silence_result
from formats.outputs.mp3.stream import DecodeError
from tests.editions.audio.helpers import book_of

Measured = dict[Path, Measurement | DecodeError]


@pytest.fixture(scope="module")
def book_samples(mini_audio: Path) -> np.ndarray:
    """Return the mini audio's whole book decoded, once a module (tests change a copy)."""
    samples = decode(book_of(mini_audio))
    samples.flags.writeable = False
    return samples


@pytest.fixture(scope="module")
def each_alone(mini_audio: Path) -> dict[str, Measurement | DecodeError]:
    """Return each file of the mini audio (its tracks and its book) measured on its own, by
    name, once a module."""
    files = [*_tracks(mini_audio), book_of(mini_audio)]
    return {path.name: found for path, found in measure_files(files).items()}


@pytest.mark.parametrize("part", ["whole", "start", "quieter"])
@pytest.mark.parametrize("piece", [1000, 2205, 44100 * 3 + 7], ids=["1000", "segment", "3s+7"])
def test_the_streamed_loudness_agrees_with_pyloudnorm(book_samples: np.ndarray, part: str,
                                                      piece: int) -> None:
    samples = book_samples
    samples = {"whole": samples, "start": samples[:2 * DECODE_RATE],
               "quieter": samples * 0.1}[part]
    meter = LoudnessMeter()
    for start in range(0, samples.size, piece):
        meter.feed(samples[start:start + piece])
    expected = pyloudnorm.Meter(DECODE_RATE).integrated_loudness(samples)
    assert abs(meter.lufs() - expected) < 0.01


@pytest.mark.parametrize("piece", [4000, 7777, 441000])
def test_the_streamed_true_peak_is_the_largest_interpolated_value(book_samples: np.ndarray,
                                                                  piece: int) -> None:
    samples = book_samples.copy()
    samples[samples.size // 3] = 0.9  # a click between two chapters' words
    meter = TruePeakMeter()
    for start in range(0, samples.size, piece):
        meter.feed(samples[start:start + piece])
    meter.finish()
    every_value = max(float(np.abs(np.convolve(samples, phase)).max()) for phase in PHASES)
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


# ---------------------------------------------------------------------------------------------
# A whole book and its tracks, from one decoding (formats/outputs/mp3/joined.py)


def _tracks(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("[0-9][0-9][0-9]-*.mp3"))


def _as_numbers(measured: Measurement | DecodeError) -> list[float]:
    assert isinstance(measured, Measurement), measured
    *values, pauses = dataclasses.astuple(measured)
    return [float(value) for value in values] + [len(pauses)] + [
        value for pause in pauses for value in pause]


def _same(joined: Measured, alone: Measured) -> None:
    assert set(joined) == set(alone)
    for path, measured in alone.items():
        assert _as_numbers(joined[path]) == pytest.approx(_as_numbers(measured), abs=1e-6), path


def test_a_book_of_its_tracks_is_decoded_once_and_measures_as_each_file_alone(
        mini_audio: Path, each_alone: dict[str, Measurement | DecodeError],
        monkeypatch: pytest.MonkeyPatch) -> None:
    tracks, book = _tracks(mini_audio), book_of(mini_audio)
    assert len(tracks) > 3
    assert book_stretches(book, tracks) == [
        decode(track).size for track in tracks]
    decoded: list[str] = []

    def counted(path: Path, *args: object) -> Iterator[np.ndarray]:
        decoded.append(path.name)
        return decoded_chunks(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(joined_module, "decoded_chunks", counted)
    joined = measure_with_book(tracks, book)
    assert decoded == [book.name]
    _same(joined, {path: each_alone[path.name] for path in [*tracks, book]})
    whole = joined[book]
    assert isinstance(whole, Measurement) and len(whole.pauses) > len(tracks)


@pytest.mark.parametrize("change", ["track-altered", "track-left-out", "order"])
def test_a_book_that_is_not_its_tracks_is_measured_file_by_file(
        mini_audio: Path, each_alone: dict[str, Measurement | DecodeError], tmp_path: Path,
        change: str) -> None:
    folder = tmp_path / "audio"
    shutil.copytree(mini_audio, folder)
    tracks, book = _tracks(folder), book_of(folder)
    if change == "track-altered":  # one byte of the last frame of one track
        data = bytearray(tracks[1].read_bytes())
        data[-20] ^= 0x55
        tracks[1].write_bytes(bytes(data))
    elif change == "track-left-out":
        tracks = tracks[:1] + tracks[2:]
    else:
        tracks = [tracks[1], tracks[0], *tracks[2:]]
    assert book_stretches(book, tracks) is None
    alone = {path: each_alone[path.name] for path in [*tracks, book]}
    if change == "track-altered":  # the one file not as the module's measured it
        alone.update(measure_files([tracks[1]]))
    _same(measure_with_book(tracks, book), alone)


def test_a_book_that_cannot_be_decoded_gives_each_file_its_own_result(
        mini_audio: Path, tmp_path: Path) -> None:
    tracks = _tracks(mini_audio)
    book = tmp_path / "broken-complete.mp3"
    book.write_bytes(b"not an mp3 at all")
    found = measure_with_book(tracks, book)
    assert isinstance(found[book], DecodeError)
    assert all(isinstance(found[track], Measurement) for track in tracks)


def test_a_pause_leaves_the_k_weighting_out_of_subnormal_numbers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In a pause the filters' state decays into subnormal numbers, which the processor
    computes many times slower, unless the tiny dither keeps it out; the loudness is the same
    with the dither as without."""
    from formats.outputs.mp3 import measure as measure_module
    from formats.outputs.mp3.measure import KWeighting

    seconds = np.arange(2 * DECODE_RATE) / DECODE_RATE
    tone = (0.3 * np.sin(2 * np.pi * 440 * seconds)).astype(np.float32)
    sound_then_pause = np.concatenate([tone, np.zeros(60 * DECODE_RATE, dtype=np.float32)])

    def subnormal_states(dither: float) -> tuple[int, float]:
        monkeypatch.setattr(measure_module, "DITHER", dither)
        weighting, meter, subnormal = KWeighting(), LoudnessMeter(), 0
        for start in range(0, sound_then_pause.size, DECODE_RATE):
            meter.take(weighting.squared(sound_then_pause[start:start + DECODE_RATE]))
            state = np.abs(weighting._state)
            subnormal += int(((state > 0) & (state < np.finfo(np.float64).tiny)).sum())
        return subnormal, meter.lufs()

    dither = measure_module.DITHER
    without, loudness = subnormal_states(0.0)
    with_dither, dithered_loudness = subnormal_states(dither)
    assert without > 0 and with_dither == 0
    assert dithered_loudness == pytest.approx(loudness, abs=1e-9)


def test_the_true_peak_counts_the_values_a_loud_stretch_rings_into_the_next() -> None:
    """Many loud samples: the values are worked out a stretch at a time, only in stretches
    with a loud sample in their windows. A burst ending on a stretch's last sample gives its
    largest value four samples into the next stretch, which has no loud sample of its own."""
    samples = np.zeros(4 * measure_module._STRETCH, dtype=np.float32)
    end = measure_module._STRETCH
    samples[end - 248:end] = np.tile(np.array([0.9, -0.9], dtype=np.float32), 124)
    samples[end - 3:end] = [-0.9, 0.9, 0.9]
    values = [np.abs(np.convolve(samples, phase)) for phase in PHASES]
    largest = max(float(found.max()) for found in values)
    assert int(values[0].argmax()) > end  # in the next stretch
    meter = TruePeakMeter()
    meter.feed(samples)
    meter.finish()
    assert abs(meter.peak - largest) < 1e-6
