"""The frames and format of MP3 streams (formats/outputs/mp3/stream.py), read frame by frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.reading import reading_together
from formats.outputs.mp3 import stream as stream_module
from formats.outputs.mp3.stream import audio_region, frame_census, stream_format
from tests.editions.audio.helpers import ffmpeg

TRACK = "002-what-is-it.mp3"


def test_an_mpeg1_stereo_file_is_read_frame_by_frame(mini_audio: Path, tmp_path: Path) -> None:
    path = tmp_path / "stereo.mp3"
    ffmpeg("-i", str(mini_audio / TRACK), "-c:a", "libmp3lame", "-b:a", "128k", "-ar", "44100",
           "-ac", "2", str(path))
    found = stream_format(path)
    assert (found.channels, found.sample_rate, found.bitrate_mode) == (2, 44100, "CBR")
    assert set(found.frame_kbps) == {128} and found.frame_rates == {44100}
    assert found.frame_modes <= {"stereo", "joint stereo"}


def test_the_census_leaves_out_tags_and_info_frames_wherever_they_are(mini_audio: Path,
                                                                       tmp_path: Path) -> None:
    one, two = (mini_audio / TRACK).read_bytes(), (mini_audio / "001-start.mp3"
                                                   ).read_bytes()
    alone = [frame_census(data) for data in (one, two)]
    for census in alone:  # each file: its ID3v2 tag and its Info frame before the audio
        assert len(census.runs) == 1 and census.runs[0][0] > 0
        assert b"Info" in (one if census is alone[0] else two)[:census.runs[0][0]]
    joined = one + two[_first_frame(two):]  # the second file's frames, its Info frame first
    census = frame_census(joined)
    assert sum(census.counts.values()) == sum(sum(found.counts.values()) for found in alone)
    assert len(census.runs) == 2  # the second Info frame splits the audio in two
    (tmp_path / "joined.mp3").write_bytes(joined + b"TAG" + bytes(125))  # an ID3v1 tag at the
    region = audio_region(tmp_path / "joined.mp3")  # end is no frame
    assert region.frames == one[slice(*alone[0].runs[0])] + two[slice(*alone[1].runs[0])]
    assert region.samples == 576 * sum(census.counts.values())
    assert region.sample_rate == 22050


def _first_frame(data: bytes) -> int:
    """Return where the frames of an MP3 file start (after its ID3v2 tag)."""
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | byte
    return 10 + size


def test_within_a_stretch_a_files_frames_are_counted_once(
        mini_audio: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[int] = []
    real = stream_module.frame_census
    monkeypatch.setattr(stream_module, "frame_census",
                        lambda data: counted.append(len(data)) or real(data))
    track = mini_audio / TRACK
    with reading_together():
        found = stream_format(track)
        region = audio_region(track)
    assert len(counted) == 1
    assert region.samples == 576 * found.frames
