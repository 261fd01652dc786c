"""The frames and format of MP3 streams (formats/outputs/mp3/stream.py), read frame by frame."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.mp3.stream import stream_format
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
