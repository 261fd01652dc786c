"""What speech is mastered and encoded to: settings only, so that reading them imports none of
the signal-processing libraries that :mod:`formats.outputs.mp3.encode` needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mastering:
    """What speech is mastered to: its sample rate, integrated loudness, true-peak ceiling
    (before encoding) and the silence put before and after it."""

    sample_rate: int
    target_lufs: float
    ceiling_dbtp: float
    lead_s: float
    tail_s: float


@dataclass(frozen=True)
class Encoding:
    """How mastered samples are encoded: sample rate, constant bit rate, LAME's quality."""

    sample_rate: int
    bitrate_kbps: int
    quality: int  # LAME's algorithm quality: 0 best, 9 worst
