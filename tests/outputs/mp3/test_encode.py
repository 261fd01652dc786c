"""The mastering of formats/outputs/mp3/encode.py: its fast loudness meter agrees with
pyloudnorm, its filters made with numpy alone are scipy's, and what it makes piece by piece is
what the whole section gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from mutagen.mp3 import MP3
from scipy.ndimage import maximum_filter1d, uniform_filter1d
from scipy.signal import firwin, sosfilt

from formats.core.contract import RenderError
from formats.editions.audio.settings import ENCODING, MASTERING
from formats.outputs.mp3 import encode
from formats.outputs.mp3.encode import loudness_lufs, master, trim_silence
from formats.outputs.mp3.kweighting import BLOCK, biquads, k_weighting
from formats.outputs.mp3.loudness import INTERPOLATOR, OVERSAMPLING, TAPS_PER_PHASE
from formats.outputs.mp3.measure import decode
from formats.outputs.mp3.stream import audio_run, frames_seconds
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


def _speech_like(size: int) -> np.ndarray:
    rng = np.random.default_rng(size)
    envelope = np.abs(np.sin(np.arange(size) / 3000.0))
    return (rng.standard_normal(size) * 0.1 * envelope).astype(np.float32)


PIECE_EDGES = [5, 12, encode._PIECE - 3, encode._PIECE, *(encode._PIECE + extra
                                                          for extra in range(1, 9)),
               3 * encode._PIECE + 7]


@pytest.mark.parametrize("size", PIECE_EDGES)
def test_peaks_and_energy_made_piece_by_piece_are_those_of_the_whole_section(
        size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = _speech_like(size)
    start = (TAPS_PER_PHASE - 1) // 2
    convolved = np.abs(samples)
    for phase in range(OVERSAMPLING):
        taps = INTERPOLATOR[phase::OVERSAMPLING].astype(np.float32)
        convolved = np.maximum(convolved,
                               np.abs(np.convolve(samples, taps)[start:start + size]))
    found = encode.oversampled_peaks(samples)
    # the interpolation's sums, to float32's rounding (numpy sums them in another order)
    assert np.allclose(found, convolved, rtol=0, atol=1e-6)
    weighted = np.square(sosfilt(_pyloudnorm_stages(), samples.astype(np.float64)))
    expected = encode._block_reduce(weighted, encode.GAIN_BLOCK)
    energy = encode.GainedLoudness(samples, SAMPLE_RATE).energy
    assert energy.shape == expected.shape
    assert np.allclose(energy, expected, rtol=1e-4, atol=1e-9)
    monkeypatch.setattr(encode, "_PIECE", 1 << 30)  # the whole section as one piece
    assert np.array_equal(found, encode.oversampled_peaks(samples))


@pytest.mark.parametrize("size", [5, 12, encode._PIECE + 7, 3 * encode._PIECE + 7])
def test_peaks_found_above_a_level_are_exact_there_and_under_it_elsewhere(size: int) -> None:
    samples = _speech_like(size)
    exact = encode.oversampled_peaks(samples)
    level = float(np.quantile(exact, 0.9))
    found = encode.oversampled_peaks(samples, above=level)
    loud = exact > level
    assert np.array_equal(found[loud], exact[loud])
    assert np.all(found[~loud] <= level)
    assert np.all((found == exact) | (found == np.abs(samples)))
    if size > 1000:  # the quiet blocks' peaks were not worked out
        assert not np.array_equal(found, exact)


def _with_clicks(size: int) -> np.ndarray:
    """Speech-like samples with a loud click every half second: much for a limiter to do."""
    samples = _speech_like(size) * np.float32(0.5)
    samples[::SAMPLE_RATE // 2] = np.float32(0.9)
    return samples


@pytest.mark.parametrize("room_db", [encode._PEAK_ROOM_DB, 0.0], ids=["room", "no-room"])
def test_mastering_with_the_loud_peaks_alone_is_mastering_with_every_peak(
        room_db: float, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = _with_clicks(20 * SAMPLE_RATE)
    monkeypatch.setattr(encode, "_PEAK_ROOM_DB", room_db)  # none: the gain's rise finds all
    asked: list[float] = []
    all_of_them = encode.oversampled_peaks

    def counted(speech: np.ndarray, above: float = 0.0) -> np.ndarray:
        asked.append(above)
        return all_of_them(speech, above)

    monkeypatch.setattr(encode, "oversampled_peaks", counted)
    fast = master(samples.copy(), MASTERING)
    assert asked[0] > 0 and (asked[1:] == [0.0]) == (room_db == 0.0)
    monkeypatch.setattr(encode, "oversampled_peaks", lambda speech, above=0.0: all_of_them(speech))
    assert np.array_equal(fast, master(samples.copy(), MASTERING))


def _pyloudnorm_stages() -> np.ndarray:
    return np.array([np.concatenate([stage.b * stage.passband_gain, stage.a])
                     for stage in pyloudnorm.Meter(SAMPLE_RATE)._filters.values()])


@pytest.mark.parametrize("rate", [SAMPLE_RATE, 44100, 48000])
def test_the_k_weighting_without_scipy_is_pyloudnorms(rate: int) -> None:
    meter = pyloudnorm.Meter(rate)
    for (b, a), stage in zip(biquads(rate), meter._filters.values(), strict=True):
        assert np.allclose(b, stage.b, rtol=1e-12) and np.allclose(a, stage.a, rtol=1e-12)
    samples = _speech_like(3 * BLOCK * 1000 + 77)
    expected = sosfilt(np.array([np.concatenate([stage.b, stage.a])
                                 for stage in meter._filters.values()]),
                       samples.astype(np.float64))
    weighting, state, pieces = k_weighting(rate), k_weighting(rate).zero_state(), []
    for first in range(0, samples.size, 1000 * BLOCK):  # the state carried between pieces
        piece, state = weighting.run(samples[first:first + 1000 * BLOCK], state)
        pieces.append(piece)
    assert np.abs(np.concatenate(pieces) - expected).max() < 1e-5


def test_the_running_maximum_and_mean_are_scipys() -> None:
    values = np.abs(_speech_like(10_001))
    for size in (1, 3, 23):
        assert np.array_equal(encode._running(values, size, "max"),
                              maximum_filter1d(values, size=size, mode="nearest"))
        assert np.allclose(encode._running(values, size, "mean"),
                           uniform_filter1d(values, size=size, mode="nearest"), rtol=1e-6)


@pytest.mark.parametrize("size", [1, 23, 2205])
def test_the_running_mean_made_in_pieces_is_the_one_made_over_the_whole(size: int) -> None:
    # more values than three pieces: each piece's running sums go on from the last piece's
    values = np.abs(_speech_like(3 * encode._RUNNING_PIECE + 1001))
    padded = np.pad(values, size // 2, mode="edge")
    sums = np.concatenate([[0.0], np.cumsum(padded, dtype=np.float64)])
    whole = ((sums[size:] - sums[:-size]) / size).astype(np.float32)
    assert np.array_equal(encode._running(values, size, "mean"), whole)


def test_the_true_peak_interpolator_is_scipys_firwin() -> None:
    assert np.allclose(INTERPOLATOR, firwin(OVERSAMPLING * TAPS_PER_PHASE, 1.0 / OVERSAMPLING)
                       * OVERSAMPLING, rtol=0, atol=1e-12)


def test_mastering_over_its_own_samples_gives_the_same_speech() -> None:
    samples = _speech_like(3 * SAMPLE_RATE)
    expected = master(samples.copy(), MASTERING)
    assert np.array_equal(master(samples, MASTERING, overwrite=True), expected)


def test_an_info_frame_made_from_the_counts_tells_players_the_length_of_joined_clips(
        tmp_path: Path) -> None:
    tone = (0.3 * np.sin(np.arange(SAMPLE_RATE) * 0.05)).astype(np.float32)
    clips = []
    for size in (SAMPLE_RATE, SAMPLE_RATE // 3):
        encoded = encode.encode_mp3(tone[:size], ENCODING)
        offset, length, count = audio_run(encoded)
        clips.append((encoded[offset:offset + length], count))
    path = tmp_path / "joined.mp3"
    path.write_bytes(encode.info_frame(clips[0][0][:4], sum(count for _, count in clips),
                                       sum(len(audio) for audio, _ in clips))
                     + b"".join(audio for audio, _ in clips))
    # the joined file read again: the Info frame first, then the clips' frames, one run
    assert audio_run(path.read_bytes()) == (
        len(path.read_bytes()) - sum(len(audio) for audio, _ in clips),
        sum(len(audio) for audio, _ in clips), sum(count for _, count in clips))
    with pytest.raises(RenderError, match="an Info frame among the audio frames"):
        audio_run(clips[0][0] + path.read_bytes()[:path.read_bytes().index(clips[0][0])])
    wanted = frames_seconds(sum(count for _, count in clips), SAMPLE_RATE)
    assert MP3(path).info.length == pytest.approx(wanted, abs=0.001)
    with pytest.raises(RenderError, match=r"^audio: an MP3 stream with no frames$"):
        encode.info_frame(b"", 0, 0)
