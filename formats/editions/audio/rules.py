"""The audio rules (standards.md, "Audio"), checked on the built files as a listener's tools
see them.

Every MP3 (each per-section file, the opening and the whole book) is decoded by ffmpeg, an
independent decoder, to 22050 Hz mono float samples read a piece at a time (the whole book is
never held in memory), and measured:

- ``audio/loudness``: integrated loudness (ITU-R BS.1770-4: pyloudnorm's K-weighting, 400 ms
  blocks every 100 ms, absolute and relative gates) within -18 ± 2 LUFS;
- ``audio/true-peak``: the 4x oversampled peak (the 48-tap, 4-phase interpolation of
  BS.1770-4 Annex 2) at most -3 dBFS;
- ``audio/silence``: 0.5 to 1 s of silence (nothing above -50 dBFS) before the first sound,
  1 to 3 s after the last.

Every MP3's format is read with mutagen and from the header of every frame:

- ``audio/mono``: one channel in every frame;
- ``audio/bitrate``: every audio frame at the same bit rate (and no Xing header marking it
  variable), at least 64 kbps;
- ``audio/sample-rate``: 44100 or 22050 Hz.

And, once each:

- ``audio/chapters`` (needs the document): the whole book has one top-level, ordered table of
  contents (CTOC) listing one chapter (CHAP) per section of the document, in reading order
  (after an optional opening chapter), each titled with the section's number and title, the
  chapters starting in order within the book's length;
- ``audio/playlist``: one M3U8 playlist listing every per-section file that exists, in order,
  and no file that does not;
- ``audio/opening``: the first file's transcript announces the title and the publisher, then
  how long the recording lasts (within a minute of the whole book's length);
- ``audio/lexicon`` (when the document has a lexicon): no transcript holds a lexicon entry's
  written form as a whole word (with its capitals).

A file that cannot be read or decoded is one failed ``audio/file`` result instead of its
measured rules, never a skip.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pyloudnorm
from mutagen import MutagenError
from mutagen.id3 import CHAP, ID3, CTOCFlags, ID3NoHeaderError
from mutagen.mp3 import MP3, BitrateMode, HeaderNotFoundError
from scipy.signal import firwin, lfilter

from formats.editions.audio.files import (
    OPENING_STEM, PLAYLIST_SUFFIX, TRACK_PATTERN, find_book, transcript_of,
)
from formats.editions.audio.encode import gated_loudness
from formats.editions.audio.lexicon import Lexicon, compile_lexicon
from formats.editions.audio.spoken import numbered_sections
from formats.core.model import Document, LexiconEntry, Section
from formats.core.contract import RuleResult
from formats.core.text import normalise

DECODE_RATE = 22050  # Hz: every file is decoded (resampled if need be) to this rate, mono
CHUNK_SECONDS = 20  # decoded samples are measured this many seconds at a time
TARGET_LUFS = -18.0
LOUDNESS_TOLERANCE_LU = 2.0
PEAK_CEILING_DBFS = -3.0
SILENCE_DBFS = -50.0  # a sample above this is sound
LEAD_RANGE_S = (0.5, 1.0)
TAIL_RANGE_S = (1.0, 3.0)
MIN_KBPS = 64
SAMPLE_RATES = (22050, 44100)
LENGTH_TOLERANCE_MIN = 1.0  # the opening's announced length may be this far from the real one
SHOWN = 3  # problems named in a failed rule's message

OVERSAMPLING = 4
TAPS_PER_PHASE = 12
INTERPOLATOR = firwin(OVERSAMPLING * TAPS_PER_PHASE, 1.0 / OVERSAMPLING) * OVERSAMPLING
# float32: the decoded samples' own precision, and faster to filter
_PHASES = [INTERPOLATOR[phase::OVERSAMPLING].astype(np.float32) for phase in range(OVERSAMPLING)]
_BLOCK_SEGMENTS = 4  # a 400 ms gating block is four 100 ms segments
_SEGMENT = DECODE_RATE // 10

_CHANNEL_MODES = ("stereo", "joint stereo", "dual channel", "mono")
_BITRATES_L3 = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
                2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_LENGTH = re.compile(r"\blasts (?:about |around |nearly |almost )?"
                     r"(?:(\d+) hours?)?(?: and )?(?:(\d+) minutes?)?")


class DecodeError(Exception):
    """A file that ffmpeg or mutagen cannot read as MP3 audio."""


# ---------------------------------------------------------------------------------------------
# Decoding


def decoded_chunks(path: Path, chunk_seconds: float = CHUNK_SECONDS) -> Iterator[np.ndarray]:
    """Yield the samples of an audio file decoded by ffmpeg (22050 Hz, mono, floats), a piece at
    a time. Raise DecodeError when ffmpeg is missing or cannot decode the file."""
    command = ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "1",
               "-ar", str(DECODE_RATE), "-"]
    size = 4 * int(chunk_seconds * DECODE_RATE)
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        except FileNotFoundError as error:
            raise DecodeError("ffmpeg is not installed") from error
        assert process.stdout is not None
        try:
            while data := process.stdout.read(size):
                yield np.frombuffer(data, dtype="<f4").astype(np.float64)
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise DecodeError(f"ffmpeg cannot decode {path.name}: "
                              f"{said[-1] if said else f'exit status {code}'}")


def decode(path: Path) -> np.ndarray:
    """Return all the samples of an audio file decoded by ffmpeg (22050 Hz, mono, floats).

    Raise DecodeError when it cannot be decoded.
    """
    pieces = list(decoded_chunks(path))
    return np.concatenate(pieces) if pieces else np.zeros(0)


def _pieces(samples: np.ndarray) -> Iterator[np.ndarray]:
    size = int(CHUNK_SECONDS * DECODE_RATE)
    for start in range(0, samples.size, size):
        yield samples[start:start + size]


# ---------------------------------------------------------------------------------------------
# Meters, fed a piece of the samples at a time


class LoudnessMeter:
    """Integrated loudness (ITU-R BS.1770-4) of samples at DECODE_RATE fed a piece at a time.

    The samples are K-weighted with pyloudnorm's filters (their state carried from one piece to
    the next); the energy of every 100 ms segment is kept, and a 400 ms block's is the sum of
    four segments', as pyloudnorm's blocks (every 100 ms) lie on segment boundaries.
    """

    def __init__(self) -> None:
        stages = pyloudnorm.Meter(DECODE_RATE)._filters.values()  # noqa: SLF001 (its filters)
        self._stages = [(stage.b, stage.a, stage.passband_gain) for stage in stages]
        self._states = [np.zeros(max(len(a), len(b)) - 1) for b, a, _ in self._stages]
        self._energies: list[np.ndarray] = []
        self._partial = np.zeros(0)
        self.samples = 0

    def feed(self, samples: np.ndarray) -> None:
        """Take the next piece of the samples."""
        weighted = samples
        for index, (b, a, gain) in enumerate(self._stages):
            weighted, self._states[index] = lfilter(b, a, weighted, zi=self._states[index])
            weighted = weighted * gain
        squared = np.concatenate([self._partial, np.square(weighted)])
        whole = squared.size // _SEGMENT * _SEGMENT
        if whole:
            self._energies.append(squared[:whole].reshape(-1, _SEGMENT).sum(axis=1))
        self._partial = squared[whole:]
        self.samples += samples.size

    def lufs(self) -> float:
        """Return the integrated loudness in LUFS; -inf when silent or shorter than a block."""
        if self.samples < _BLOCK_SEGMENTS * _SEGMENT:
            return float("-inf")
        energies = np.concatenate([*self._energies, [self._partial.sum()]])
        count = int(round((self.samples / DECODE_RATE - 0.4) / 0.1)) + 1
        cumulative = np.concatenate([[0.0], np.cumsum(energies)])
        starts = np.arange(count)
        ends = np.minimum(starts + _BLOCK_SEGMENTS, energies.size)
        power = (cumulative[ends] - cumulative[starts]) / (_BLOCK_SEGMENTS * _SEGMENT)
        return gated_loudness(power)


class TruePeakMeter:
    """The largest magnitude of the 4x oversampled signal (and of the samples), fed a piece at
    a time.

    Each of the four phases of the interpolator is a 12-tap filter, so an interpolated value is
    at most ``GAIN_BOUND`` times the largest of the 12 samples it is made of: only the values
    near a sample loud enough to raise the peak found so far are computed (speech has few), all
    of them when there are many. The last 11 samples of a piece are carried to the next.
    """

    GAIN_BOUND = max(float(np.abs(phase).sum()) for phase in _PHASES)
    _TAPS = np.stack([phase[::-1] for phase in _PHASES], axis=1)  # window position x phase

    def __init__(self) -> None:
        self._history = np.zeros(0, dtype=np.float32)
        self.peak = 0.0

    def feed(self, samples: np.ndarray) -> None:
        """Take the next piece of the samples."""
        if samples.size:
            self.peak = max(self.peak, float(np.abs(samples).max()))
        self._interpolate(samples.astype(np.float32))

    def finish(self) -> None:
        """Take in the interpolated values after the last sample (the filters ringing out)."""
        self._interpolate(np.zeros(TAPS_PER_PHASE - 1, dtype=np.float32))

    def _interpolate(self, samples: np.ndarray) -> None:
        """Raise the peak to the largest interpolated value ending in ``samples``: the value at
        position n of a piece is made of the piece's samples n-11..n."""
        piece = np.concatenate([self._history, samples])
        counted = self._history.size  # values before this were counted with the last piece
        self._history = piece[-(TAPS_PER_PHASE - 1):]
        loud = np.flatnonzero(np.abs(piece) * self.GAIN_BOUND > self.peak)
        if loud.size == 0 or piece.size <= counted:
            return
        if loud.size * TAPS_PER_PHASE > piece.size // 4:
            values = [np.convolve(piece, phase)[counted:piece.size] for phase in _PHASES]
            self.peak = max(self.peak, max(float(np.abs(value).max()) for value in values))
            return
        positions = np.unique((loud[:, None] + np.arange(TAPS_PER_PHASE)).ravel())
        positions = positions[(positions >= counted) & (positions < piece.size)]
        if positions.size:
            padded = np.concatenate([np.zeros(TAPS_PER_PHASE - 1, dtype=np.float32), piece])
            windows = np.lib.stride_tricks.sliding_window_view(padded, TAPS_PER_PHASE)
            self.peak = max(self.peak, float(np.abs(windows[positions] @ self._TAPS).max()))

    def dbfs(self) -> float:
        """Return the true peak in dBFS (-inf for silence)."""
        return float(20 * np.log10(self.peak)) if self.peak > 0 else float("-inf")


class SilenceMeter:
    """Where the first and last sample above SILENCE_DBFS are, fed a piece at a time."""

    def __init__(self, threshold_dbfs: float = SILENCE_DBFS) -> None:
        self._threshold = 10 ** (threshold_dbfs / 20)
        self.first: int | None = None
        self.last: int | None = None
        self.samples = 0

    def feed(self, samples: np.ndarray) -> None:
        """Take the next piece of the samples."""
        loud = np.flatnonzero(np.abs(samples) > self._threshold)
        if loud.size:
            if self.first is None:
                self.first = self.samples + int(loud[0])
            self.last = self.samples + int(loud[-1])
        self.samples += samples.size

    def silences(self) -> tuple[float, float]:
        """Return the seconds of silence before the first sound and after the last (the whole
        length twice when there is no sound)."""
        if self.first is None or self.last is None:
            return self.samples / DECODE_RATE, self.samples / DECODE_RATE
        return self.first / DECODE_RATE, (self.samples - 1 - self.last) / DECODE_RATE


@dataclass(frozen=True)
class Measurement:
    """What is measured on a decoded file."""

    seconds: float
    loudness_lufs: float
    true_peak_dbfs: float
    lead_s: float  # silence before the first sound
    tail_s: float  # silence after the last sound
    has_sound: bool


def measure_pieces(pieces: Iterable[np.ndarray]) -> Measurement:
    """Return the loudness, true peak and silences of samples given a piece at a time."""
    loudness, peak, silence = LoudnessMeter(), TruePeakMeter(), SilenceMeter()
    for piece in pieces:
        loudness.feed(piece)
        peak.feed(piece)
        silence.feed(piece)
    peak.finish()
    lead, tail = silence.silences()
    return Measurement(silence.samples / DECODE_RATE, loudness.lufs(), peak.dbfs(), lead, tail,
                       silence.first is not None)


def measure(path: Path) -> Measurement:
    """Return what is measured on an audio file decoded by ffmpeg; raise DecodeError when it
    cannot be decoded."""
    return measure_pieces(decoded_chunks(path))


def measure_samples(samples: np.ndarray) -> Measurement:
    """Return what is measured on samples at DECODE_RATE (as :func:`measure` on a file)."""
    return measure_pieces(_pieces(samples))


def true_peak_dbfs(samples: np.ndarray) -> float:
    """Return the 4x oversampled peak of samples at DECODE_RATE, in dBFS."""
    meter = TruePeakMeter()
    for piece in _pieces(samples):
        meter.feed(piece)
    meter.finish()
    return meter.dbfs()


def silences(samples: np.ndarray, threshold_dbfs: float = SILENCE_DBFS) -> tuple[float, float]:
    """Return the seconds of silence before the first and after the last sample above the
    threshold, in samples at DECODE_RATE."""
    meter = SilenceMeter(threshold_dbfs)
    meter.feed(samples)
    return meter.silences()


def measure_files(paths: list[Path]) -> dict[Path, Measurement | DecodeError]:
    """Return the measurement of every file (or why it could not be decoded), measuring as many
    files at once as there are processors, the longest first."""
    def measured(path: Path) -> Measurement | DecodeError:
        try:
            return measure(path)
        except DecodeError as error:
            return error

    longest_first = sorted(paths, key=lambda path: path.stat().st_size, reverse=True)
    with ThreadPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1) or 1) as pool:
        return dict(zip(longest_first, pool.map(measured, longest_first)))


# ---------------------------------------------------------------------------------------------
# The MP3 stream's format


@dataclass(frozen=True)
class StreamFormat:
    """An MP3 file's format, as mutagen reports it and as every frame header says."""

    channels: int  # mutagen
    sample_rate: int  # mutagen
    bitrate_mode: str  # mutagen: "CBR", "VBR", "ABR" or "UNKNOWN" (no Xing/Info header)
    frame_kbps: Counter[int]  # bit rate of every audio frame (not a Xing/Info frame)
    frame_rates: frozenset[int]
    frame_modes: frozenset[str]  # "mono", "stereo", "joint stereo", "dual channel"

    @property
    def frames(self) -> int:
        """Return how many audio frames there are."""
        return sum(self.frame_kbps.values())


def stream_format(path: Path) -> StreamFormat:
    """Return a file's format read by mutagen and from its frame headers.

    Raise DecodeError when mutagen finds no MPEG audio or no frame header can be read.
    """
    try:
        info = MP3(path).info
    except (HeaderNotFoundError, MutagenError) as error:
        raise DecodeError(f"mutagen reads no MP3 audio in {path.name}: {error}") from error
    kbps: Counter[int] = Counter()
    rates: set[int] = set()
    modes: set[str] = set()
    for header, frame in _frames(path.read_bytes()):
        if b"Xing" in frame[4:40] or b"Info" in frame[4:40]:
            continue
        kbps[header[0]] += 1
        rates.add(header[1])
        modes.add(header[2])
    if not kbps:
        raise DecodeError(f"no MPEG layer III frame header can be read in {path.name}")
    return StreamFormat(info.channels, info.sample_rate, _mode_name(info.bitrate_mode), kbps,
                        frozenset(rates), frozenset(modes))


def _mode_name(mode: BitrateMode) -> str:
    return {BitrateMode.CBR: "CBR", BitrateMode.VBR: "VBR", BitrateMode.ABR: "ABR"}.get(
        mode, "UNKNOWN")


def mp3_seconds(path: Path) -> float | None:
    """Return how long an MP3 file plays by mutagen, or None when it holds no MP3 audio."""
    try:
        return float(MP3(path).info.length)
    except (HeaderNotFoundError, MutagenError):
        return None


def _frames(data: bytes) -> Iterator[tuple[tuple[int, int, str], bytes]]:
    """Yield ((kbps, sample rate, channel mode), frame bytes) of every layer III frame after the
    ID3v2 tag, until the first bytes that are not a frame header (an ID3v1 tag, or the end)."""
    offset = _id3v2_size(data)
    while offset + 4 <= len(data):
        header = _frame_header(data[offset:offset + 4])
        if header is None:
            return
        (kbps, rate, mode), length = header
        yield (kbps, rate, mode), data[offset:offset + length]
        offset += length


def _id3v2_size(data: bytes) -> int:
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if data[5] & 0x10 else 0
    return 10 + size + footer


def _frame_header(header: bytes) -> tuple[tuple[int, int, str], int] | None:
    """Return ((kbps, sample rate, channel mode), frame length) of a layer III frame header, or
    None when the bytes are not one."""
    if header[0] != 0xFF or header[1] & 0xE0 != 0xE0 or (header[1] >> 1) & 3 != 1:
        return None
    version = (header[1] >> 3) & 3  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version == 1 or not 0 < index < 15 or rate_index == 3:
        return None
    kbps = _BITRATES_L3[1 if version == 3 else 2][index]
    rate = _RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    length = (144 if version == 3 else 72) * kbps * 1000 // rate + padding
    return (kbps, rate, _CHANNEL_MODES[header[3] >> 6]), length


# ---------------------------------------------------------------------------------------------
# Verdicts


def _result(rule: str, where: str, problems: list[str], passed_message: str) -> RuleResult:
    """Return a passing result, or a failing one naming the first problems and how many more."""
    if not problems:
        return RuleResult(rule, where, True, passed_message)
    more = f" and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return RuleResult(rule, where, False, "; ".join(problems[:SHOWN]) + more)


# Each value is judged as its message shows it (LU and dB to 0.1, seconds to 0.01), so that a
# failure never shows a value that is within the limits.


def loudness_result(where: str, measured: Measurement) -> RuleResult:
    """Return ``audio/loudness``: integrated loudness within -18 ± 2 LUFS."""
    lufs = round(measured.loudness_lufs, 1)
    target = f"{TARGET_LUFS:g} ± {LOUDNESS_TOLERANCE_LU:g}"
    if not np.isfinite(lufs):
        return _result("audio/loudness", where, [f"no sound loud enough to measure, not {target}"
                                                 " LUFS"], "")
    problems = ([] if abs(lufs - TARGET_LUFS) <= LOUDNESS_TOLERANCE_LU
                else [f"{lufs:.1f} LUFS integrated, outside {target}"])
    return _result("audio/loudness", where, problems, f"{lufs:.1f} LUFS integrated ({target})")


def true_peak_result(where: str, measured: Measurement) -> RuleResult:
    """Return ``audio/true-peak``: the 4x oversampled peak at most -3 dBFS."""
    peak = round(measured.true_peak_dbfs, 1)
    problems = ([] if peak <= PEAK_CEILING_DBFS
                else [f"true peak {peak:.1f} dBFS above {PEAK_CEILING_DBFS:g}"])
    return _result("audio/true-peak", where, problems,
                   f"true peak {peak:.1f} dBFS (at most {PEAK_CEILING_DBFS:g})")


def silence_result(where: str, measured: Measurement) -> RuleResult:
    """Return ``audio/silence``: 0.5-1 s of silence at the start and 1-3 s at the end."""
    if not measured.has_sound:
        return _result("audio/silence", where, [f"no sound above {SILENCE_DBFS:g} dBFS in "
                                                f"{measured.seconds:.2f} s"], "")
    problems = []
    for lasting, (low, high), place in ((round(measured.lead_s, 2), LEAD_RANGE_S, "start"),
                                        (round(measured.tail_s, 2), TAIL_RANGE_S, "end")):
        if not low <= lasting <= high:
            problems.append(f"{lasting:.2f} s of silence at the {place} ({low:g}-{high:g} s)")
    return _result("audio/silence", where, problems,
                   f"{measured.lead_s:.2f} s of silence at the start, {measured.tail_s:.2f} s "
                   "at the end")


def mono_result(where: str, found: StreamFormat) -> RuleResult:
    """Return ``audio/mono``: one channel, in every frame."""
    problems = []
    if found.channels != 1 or found.frame_modes != {"mono"}:
        modes = " and ".join(sorted(found.frame_modes))
        problems.append(f"{found.channels} channels ({modes}), not 1 (mono)")
    return _result("audio/mono", where, problems, f"mono in all {found.frames} frames")


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
    return _result("audio/bitrate", where, problems,
                   f"constant {rates[0]} kbps in all {found.frames} frames "
                   f"(mutagen: {found.bitrate_mode})")


def sample_rate_result(where: str, found: StreamFormat) -> RuleResult:
    """Return ``audio/sample-rate``: 44100 or 22050 Hz, in every frame."""
    allowed = " or ".join(str(rate) for rate in SAMPLE_RATES)
    rates = sorted(found.frame_rates | {found.sample_rate})
    problems = [] if len(rates) == 1 and rates[0] in SAMPLE_RATES else [
        f"sampled at {' and '.join(str(rate) for rate in rates)} Hz, not {allowed}"]
    return _result("audio/sample-rate", where, problems, f"sampled at {rates[0]} Hz")


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
            bitrate_result(where, found), sample_rate_result(where, found)]


# ---------------------------------------------------------------------------------------------
# The book's chapters


def _title_problem(section: Section, parent_number: str, title: str) -> str | None:
    """Return why a chapter's title lacks its section's number and title, or None."""
    wanted = [section.label]
    if section.level == 3 and section.number and parent_number:
        wanted.insert(0, parent_number)
    words = f" {normalise(title)} "
    if all(f" {normalise(part)} " in words for part in wanted):
        return None
    return (f"chapter '{section.id}' is titled '{title}', not with its number and title "
            f"'{' '.join(wanted)}'")


def chapter_problems(document: Document, book: Path) -> list[str]:
    """Return what is wrong with the whole book's table of contents and chapters."""
    try:
        tags = ID3(book)
    except (ID3NoHeaderError, MutagenError):
        return [f"{book.name} has no ID3v2 tags"]
    tocs = [toc for toc in tags.getall("CTOC") if toc.flags & CTOCFlags.TOP_LEVEL]
    if len(tocs) != 1:
        return [f"{len(tocs)} top-level tables of contents (CTOC), not 1"]
    (toc,) = tocs
    problems = [] if toc.flags & CTOCFlags.ORDERED else ["the table of contents (CTOC) is not "
                                                         "marked ordered"]
    marks = {mark.element_id: mark for mark in tags.getall("CHAP")}
    listed = list(toc.child_element_ids)
    sections = numbered_sections(document)
    section_ids = [section.id for section, _ in sections]
    extra = [element for element in listed[1:] if element not in section_ids]
    problems += [f"the table of contents lists '{element}', which is not a section"
                 for element in extra]
    for section, parent_number in sections:
        mark = marks.get(section.id)
        if section.id not in listed:
            problems.append(f"the table of contents does not list section '{section.id}' "
                            f"({section.label})")
        elif mark is None:
            problems.append(f"no chapter (CHAP) for section '{section.id}' ({section.label})")
        else:
            title = mark.sub_frames.get("TIT2")
            problem = _title_problem(section, parent_number, str(title.text[0]) if title else "")
            if problem:
                problems.append(problem)
    in_order = [element for element in listed if element in section_ids]
    if in_order != [element for element in section_ids if element in listed]:
        problems.append("the table of contents lists the sections out of reading order")
    problems += _timing_problems([marks[e] for e in listed if e in marks], book)
    return problems


def _timing_problems(marks: list[CHAP], book: Path) -> list[str]:
    """Return chapters that start before the one before them or after the book ends."""
    problems = [f"chapter '{mark.element_id}' starts at {mark.start_time / 1000:.1f} s, before "
                f"chapter '{before.element_id}' ({before.start_time / 1000:.1f} s)"
                for before, mark in zip(marks, marks[1:]) if mark.start_time < before.start_time]
    seconds = mp3_seconds(book)
    if seconds is None:
        return problems + [f"{book.name} holds no MP3 audio"]
    late = [mark for mark in marks if mark.start_time / 1000 > seconds]
    problems += [f"chapter '{mark.element_id}' starts at {mark.start_time / 1000:.1f} s, after "
                 f"the end of the book ({seconds:.1f} s)" for mark in late]
    return problems


def chapters_result(document: Document, book: Path | None, out_dir: Path) -> RuleResult:
    """Return ``audio/chapters``: one titled chapter per section, in order, in the whole book."""
    if book is None:
        return RuleResult("audio/chapters", out_dir.name, False,
                          "no single whole-book MP3 (*-complete.mp3) to hold the chapters")
    count = len(list(document.sections()))
    return _result("audio/chapters", book.name, chapter_problems(document, book),
                   f"a top-level ordered table of contents of {count} chapters, one per section "
                   "in reading order, each titled with its number and title")


# ---------------------------------------------------------------------------------------------
# The playlist, the opening, the lexicon


def track_files(out_dir: Path) -> list[Path]:
    """Return the per-section MP3 files (the opening included), in file-name order."""
    return sorted(path for path in out_dir.glob("*.mp3") if TRACK_PATTERN.match(path.stem))


def playlist_result(out_dir: Path, tracks: list[Path]) -> RuleResult:
    """Return ``audio/playlist``: one M3U8 listing every per-section file, in order, and only
    files that exist."""
    playlists = sorted(out_dir.glob(f"*{PLAYLIST_SUFFIX}"))
    if len(playlists) != 1:
        names = ", ".join(path.name for path in playlists)
        return RuleResult("audio/playlist", out_dir.name, False,
                          f"{len(playlists)} playlists (*{PLAYLIST_SUFFIX}), not 1"
                          + (f": {names}" if names else ""))
    (playlist,) = playlists
    lines = playlist.read_text(encoding="utf-8-sig").splitlines()
    entries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    problems = [] if lines[:1] == ["#EXTM3U"] else ["it does not start with #EXTM3U"]
    names = [track.name for track in tracks]
    problems += [f"it does not list {name}" for name in names if name not in entries]
    problems += [f"it lists {entry}, which does not exist" for entry in entries
                 if not (out_dir / entry).is_file()]
    listed = [entry for entry in entries if entry in names]
    if listed != [name for name in names if name in entries]:
        problems.append("it lists the files out of reading order")
    return _result("audio/playlist", playlist.name, problems,
                   f"lists all {len(names)} per-section files in order, each of which exists")


def _say(text: str, lexicon: Lexicon) -> list[str]:
    """Return the normalised forms a phrase may be said in: as written, and through the
    lexicon."""
    forms = [normalise(text), normalise(lexicon.apply(text))]
    return list(dict.fromkeys(form for form in forms if form))


def _position(words: str, forms: list[str]) -> int | None:
    found = [words.find(f" {form} ") for form in forms]
    found = [place for place in found if place >= 0]
    return min(found) if found else None


def _minutes(match: re.Match[str]) -> int:
    hours, minutes = match.group(1), match.group(2)
    return int(hours or 0) * 60 + int(minutes or 0)


def _said_length(match: re.Match[str]) -> str:
    return match.group(0).removeprefix("lasts ").strip()


def opening_result(document: Document, tracks: list[Path], book: Path | None) -> RuleResult:
    """Return ``audio/opening``: the first file's transcript says the title and the publisher,
    then a length within a minute of the whole recording's."""
    if not tracks:
        return RuleResult("audio/opening", OPENING_STEM, False, "no per-section file, so no "
                                                                "opening")
    transcript = transcript_of(tracks[0])
    if not transcript.is_file():
        return RuleResult("audio/opening", transcript.name, False,
                          f"no transcript {transcript.name} beside {tracks[0].name}")
    words = f" {normalise(transcript.read_text(encoding='utf-8'))} "
    lexicon = compile_lexicon(document.lexicon)
    meta = document.meta
    problems = []
    places = {}
    for what, phrase in (("title", meta.title), ("publisher", meta.publisher)):
        places[what] = _position(words, _say(phrase, lexicon))
        if places[what] is None:
            problems.append(f"it does not say the {what} '{phrase}'")
    length = _LENGTH.search(words)
    actual = sum(seconds or 0.0 for seconds in map(mp3_seconds, [book] if book else tracks))
    if length is None or not (length.group(1) or length.group(2)):
        problems.append("it does not say how long the recording lasts ('lasts about ... "
                        "minutes')")
    else:
        if abs(_minutes(length) - actual / 60) > LENGTH_TOLERANCE_MIN:
            problems.append(f"it says the recording lasts {_said_length(length)}, but it lasts "
                            f"{actual / 60:.1f} minutes")
        if any(place is not None and place > length.start() for place in places.values()):
            problems.append("it says the length before the title and the publisher")
    said = _said_length(length) if length else ""
    return _result("audio/opening", transcript.name, problems,
                   f"says '{meta.title}', '{meta.publisher}', then that it lasts {said} "
                   f"(the whole recording lasts {actual / 60:.1f} minutes)")


def _written_pattern(entry: LexiconEntry) -> re.Pattern[str]:
    """Return the pattern of an entry's written form as a whole word, with its capitals."""
    return re.compile(rf"(?<![\w.]){re.escape(entry.written)}(?!\w)")


def lexicon_problems(text: str, entries: tuple[LexiconEntry, ...]) -> list[str]:
    """Return every lexicon entry whose written form is left in ``text``, where and how often."""
    problems = []
    lines = text.splitlines()
    for entry in entries:
        pattern = _written_pattern(entry)
        found = [number for number, line in enumerate(lines, start=1)
                 for _ in pattern.finditer(line)]
        if found:
            times = "once" if len(found) == 1 else f"{len(found)} times"
            problems.append(f"'{entry.written}' is left as written {times} (first on line "
                            f"{found[0]}), where the lexicon says '{entry.spoken}'")
    return problems


def lexicon_results(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return ``audio/lexicon`` for every transcript (none when the document has no lexicon)."""
    if not document.lexicon:
        return []
    count = len(document.lexicon)
    return [_result("audio/lexicon", transcript.name,
                    lexicon_problems(transcript.read_text(encoding="utf-8"), document.lexicon),
                    f"none of the {count} lexicon entries' written forms is left")
            for transcript in sorted(out_dir.glob("*.txt"))]


# ---------------------------------------------------------------------------------------------
# All of them


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return every audio rule's results on the files in ``out_dir`` (see the module's text).

    Never raises for a missing, broken or undecodable file: that is a failed result.
    """
    if not out_dir.is_dir():
        return [RuleResult("audio/file", str(out_dir), False, f"{out_dir} does not exist")]
    return file_rules(out_dir) + edition_rules(document, out_dir)


def file_rules(out_dir: Path) -> list[RuleResult]:
    """Return the measured and format rules of every MP3 file in ``out_dir`` (and a failed
    ``audio/file`` when there is no per-section file or no single whole book)."""
    tracks = track_files(out_dir)
    book = find_book(out_dir)
    results = []
    if not tracks:
        results.append(RuleResult("audio/file", out_dir.name, False,
                                  "no per-section MP3 files (NNN-<section id>.mp3)"))
    if book is None:
        results.append(RuleResult("audio/file", out_dir.name, False,
                                  "no single whole-book MP3 (*-complete.mp3)"))
    files = tracks + ([book] if book else [])
    measured = measure_files(files) if files else {}
    for path in files:
        results += file_results(path, measured[path])
    return results


def edition_rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the rules on the edition as a whole: the book's chapters, the playlist, the
    opening and (when the document has a lexicon) every transcript's words."""
    tracks = track_files(out_dir)
    book = find_book(out_dir)
    return [chapters_result(document, book, out_dir), playlist_result(out_dir, tracks),
            opening_result(document, tracks, book), *lexicon_results(document, out_dir)]
