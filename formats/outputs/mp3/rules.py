"""The audio rules of the standard (standards.md, "Audio") on one MP3 file, as a listener's tools
see it.

Every MP3 is decoded by ffmpeg and measured (:mod:`formats.outputs.mp3.measure`):

- ``audio/loudness``: integrated loudness (ITU-R BS.1770-4) within -18 ± 2 LUFS;
- ``audio/true-peak``: the 4x oversampled peak at most -3 dBFS;
- ``audio/silence``: 0.5 to 1 s of silence (nothing above -50 dBFS) before the first sound,
  1 to 3 s after the last.

Its format is read with mutagen and from the header of every frame
(:mod:`formats.outputs.mp3.stream`):

- ``audio/mono``: one channel in every frame;
- ``audio/bitrate``: every audio frame at the same bit rate (and no Xing header marking it
  variable), at least 64 kbps;
- ``audio/sample-rate``: 44100 or 22050 Hz;
- ``audio/length``: the length players show (mutagen, from the Info frame at the start) is the
  length the file plays when decoded, within ``LENGTH_TOLERANCE_S``: a wrong frame count there
  shows a listener the wrong length and sends a seek to the wrong place.

A file that cannot be read or decoded is one failed ``audio/file`` result instead of its
measured rules, never a skip.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from formats.core.contract import RuleResult
from formats.outputs.mp3.measure import SILENCE_DBFS, Measurement, measure_files
from formats.outputs.mp3.stream import DecodeError, StreamFormat, stream_format

TARGET_LUFS = -18.0
LOUDNESS_TOLERANCE_LU = 2.0
PEAK_CEILING_DBFS = -3.0
LEAD_RANGE_S = (0.5, 1.0)
TAIL_RANGE_S = (1.0, 3.0)
MIN_KBPS = 64
SAMPLE_RATES = (22050, 44100)
LENGTH_TOLERANCE_S = 0.25  # more than an encoder's delay and padding, which decoders may trim

# Each value is judged as its message shows it (LU and dB to 0.1, seconds to 0.01), so that a
# failure never shows a value that is within the limits.


def loudness_result(where: str, measured: Measurement) -> RuleResult:
    """Return ``audio/loudness``: integrated loudness within -18 ± 2 LUFS."""
    lufs = round(measured.loudness_lufs, 1)
    target = f"{TARGET_LUFS:g} ± {LOUDNESS_TOLERANCE_LU:g}"
    if not np.isfinite(lufs):
        return RuleResult.from_problems(
            "audio/loudness", where, [f"no sound loud enough to measure, not {target} LUFS"], "")
    problems = ([] if abs(lufs - TARGET_LUFS) <= LOUDNESS_TOLERANCE_LU
                else [f"{lufs:.1f} LUFS integrated, outside {target}"])
    return RuleResult.from_problems("audio/loudness", where, problems,
                                    f"{lufs:.1f} LUFS integrated ({target})")


def true_peak_result(where: str, measured: Measurement) -> RuleResult:
    """Return ``audio/true-peak``: the 4x oversampled peak at most -3 dBFS."""
    peak = round(measured.true_peak_dbfs, 1)
    problems = ([] if peak <= PEAK_CEILING_DBFS
                else [f"true peak {peak:.1f} dBFS above {PEAK_CEILING_DBFS:g}"])
    return RuleResult.from_problems("audio/true-peak", where, problems,
                                    f"true peak {peak:.1f} dBFS (at most {PEAK_CEILING_DBFS:g})")


def silence_result(where: str, measured: Measurement) -> RuleResult:
    """Return ``audio/silence``: 0.5-1 s of silence at the start and 1-3 s at the end."""
    if not measured.has_sound:
        return RuleResult.from_problems("audio/silence", where, [
            f"no sound above {SILENCE_DBFS:g} dBFS in {measured.seconds:.2f} s"], "")
    problems = []
    for lasting, (low, high), place in ((round(measured.lead_s, 2), LEAD_RANGE_S, "start"),
                                        (round(measured.tail_s, 2), TAIL_RANGE_S, "end")):
        if not low <= lasting <= high:
            problems.append(f"{lasting:.2f} s of silence at the {place} ({low:g}-{high:g} s)")
    return RuleResult.from_problems("audio/silence", where, problems,
                                    f"{measured.lead_s:.2f} s of silence at the start, "
                                    f"{measured.tail_s:.2f} s at the end")


def mono_result(where: str, found: StreamFormat) -> RuleResult:
    """Return ``audio/mono``: one channel, in every frame."""
    problems = []
    if found.channels != 1 or found.frame_modes != {"mono"}:
        modes = " and ".join(sorted(found.frame_modes))
        problems.append(f"{found.channels} channels ({modes}), not 1 (mono)")
    return RuleResult.from_problems("audio/mono", where, problems,
                                    f"mono in all {found.frames} frames")


def bitrate_result(where: str, found: StreamFormat) -> RuleResult:
    """Return ``audio/bitrate``: every frame at one bit rate, not marked variable, >= 64 kbps."""
    rates = sorted(found.frame_kbps)
    problems = []
    if len(rates) > 1:
        problems.append(f"variable bit rate: frames of {len(rates)} bit rates from {rates[0]} to "
                        f"{rates[-1]} kbps (mutagen: {found.bitrate_mode})")
    elif found.bitrate_mode in ("VBR", "ABR"):
        problems.append(f"marked {found.bitrate_mode} by its Xing header, though every frame is "
                        f"{rates[0]} kbps")
    if len(rates) == 1 and rates[0] < MIN_KBPS:
        problems.append(f"constant {rates[0]} kbps, below {MIN_KBPS} kbps")
    return RuleResult.from_problems("audio/bitrate", where, problems,
                                    f"constant {rates[0]} kbps in all {found.frames} frames "
                                    f"(mutagen: {found.bitrate_mode})")


def sample_rate_result(where: str, found: StreamFormat) -> RuleResult:
    """Return ``audio/sample-rate``: 44100 or 22050 Hz, in every frame."""
    allowed = " or ".join(str(rate) for rate in SAMPLE_RATES)
    rates = sorted(found.frame_rates | {found.sample_rate})
    problems = [] if len(rates) == 1 and rates[0] in SAMPLE_RATES else [
        f"sampled at {' and '.join(str(rate) for rate in rates)} Hz, not {allowed}"]
    return RuleResult.from_problems("audio/sample-rate", where, problems,
                                    f"sampled at {rates[0]} Hz")


def length_result(where: str, found: StreamFormat, measured: Measurement) -> RuleResult:
    """Return ``audio/length``: the length players show is the length the file plays."""
    shown, plays = found.seconds, measured.seconds
    problems = ([] if abs(shown - plays) <= LENGTH_TOLERANCE_S else
                [f"players show {shown:.2f} s (its Info frame), but it plays {plays:.2f} s"])
    return RuleResult.from_problems("audio/length", where, problems,
                                    f"players show {shown:.2f} s, as long as it plays")


def file_results(path: Path, measured: Measurement | DecodeError) -> list[RuleResult]:
    """Return the measured and format rules of one MP3 file (or one ``audio/file`` failure)."""
    where = path.name
    try:
        found = stream_format(path)
    except DecodeError as error:
        return [RuleResult("audio/file", where, False, str(error))]
    if isinstance(measured, DecodeError):
        return [RuleResult("audio/file", where, False, str(measured))]
    return [loudness_result(where, measured), true_peak_result(where, measured),
            silence_result(where, measured), mono_result(where, found),
            bitrate_result(where, found), sample_rate_result(where, found),
            length_result(where, found, measured)]




def files_results(paths: list[Path]) -> list[RuleResult]:
    """Return the measured and format rules of every file, measuring several at once."""
    measured = measure_files(paths) if paths else {}
    return [result for path in paths for result in file_results(path, measured[path])]
