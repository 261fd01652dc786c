"""The frames of an MP3 stream and the format they declare.

Two walkers over the frames: :func:`audio_run` for the
constant-bit-rate MPEG-2 layer III streams this package writes (strict: anything else is an
error, so that a damaged stream is never joined into a book), and :func:`frame_census` for
any MP3 file a reader is handed (MPEG-1, 2 or 2.5 layer III, after an ID3v2 tag, up to the
first bytes that are not a frame), on which :func:`stream_format` (which also asks mutagen what
the file is) and :func:`audio_region` read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from mutagen import MutagenError
from mutagen.mp3 import MP3, BitrateMode, HeaderNotFoundError

from formats.core.contract import RenderError
from formats.core.reading import parsed_once

SAMPLES_PER_FRAME = 576  # MPEG-2 layer III (22.05 kHz): 576 samples a frame
CHANNEL_MODES = ("stereo", "joint stereo", "dual channel", "mono")
BITRATES_L3 = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
               2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}  # kbps
RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


class DecodeError(Exception):
    """A file that ffmpeg or mutagen cannot read as MP3 audio."""


# ---------------------------------------------------------------------------------------------
# The streams this package writes


def _lengths_by_third_byte() -> tuple[int, ...]:
    """Return the frame length an MPEG-2 layer III header's third byte gives (bit rate, sample
    rate, padding), by that byte; 0 where the byte is not a valid one."""
    lengths = []
    for byte in range(256):
        index, rate_index = byte >> 4, (byte >> 2) & 3
        valid = 0 < index < 15 and rate_index != 3
        lengths.append(frame_length(bytes([0xFF, 0xF2, byte, 0])) if valid else 0)
    return tuple(lengths)


def frame_length(header: bytes) -> int:
    """Return the length in bytes of the MPEG-2 layer III frame whose header is ``header``."""
    bitrate = BITRATES_L3[2][header[2] >> 4] * 1000
    rate = RATES[2][(header[2] >> 2) & 3]
    padding = (header[2] >> 1) & 1
    return 72 * bitrate // rate + padding


_LENGTHS = _lengths_by_third_byte()


def _frame_spans(data: bytes) -> list[tuple[int, int]]:
    """Return (offset, length) of every MPEG-2 layer III frame of ``data``; raise RenderError
    where none is found. A stream of a book holds about a million frames: the walk reads
    only the bytes of each header it needs."""
    spans = []
    offset, end, lengths = 0, len(data) - 3, _LENGTHS
    while offset < end:
        length = lengths[data[offset + 2]]
        if data[offset] != 0xFF or (data[offset + 1] & 0xFE) != 0xF2 or not length:
            raise RenderError(f"audio: no MPEG-2 layer III frame at byte {offset}")
        spans.append((offset, length))
        offset += length
    return spans


def audio_run(data: bytes) -> tuple[int, int, int]:
    """Return where the audio frames of an MP3 stream run (offset and length in bytes, after
    an Info frame at its start) and how many there are; raise RenderError where no frame is
    found, or where an Info frame comes after the audio has begun."""
    spans = _frame_spans(data)
    info = [offset for offset, _ in spans if data[offset + 13:offset + 17] == b"Info"]
    if info != [offset for offset, _ in spans[:len(info)]]:
        raise RenderError("audio: an Info frame among the audio frames")
    start = spans[len(info)][0] if len(info) < len(spans) else len(data)
    return start, len(data) - start, len(spans) - len(info)


def frames_seconds(count: int, sample_rate: int) -> float:
    """Return how long ``count`` MPEG-2 layer III frames at ``sample_rate`` play, in seconds."""
    return count * SAMPLES_PER_FRAME / sample_rate


# ---------------------------------------------------------------------------------------------
# Any MP3 file, as a reader finds it


class MpegStream(Protocol):
    """What mutagen reads of an MP3 file's stream: its ``MPEGInfo``, whose attributes mutagen
    sets at run time (so that its own types do not have them)."""

    length: float  # seconds
    channels: int
    bitrate: int  # bits per second
    sample_rate: int
    bitrate_mode: int  # a mutagen BitrateMode, which is an int


def mpeg_stream(path: Path | BinaryIO) -> MpegStream:
    """Return mutagen's reading of an MP3 file's stream (a path, or the bytes of one as a file
    object).

    Raise mutagen's HeaderNotFoundError (a MutagenError) when it finds no MPEG audio.
    """
    return cast(MpegStream, MP3(path).info)


@dataclass(frozen=True)
class StreamFormat:
    """An MP3 file's format, as mutagen reports it and as every frame header says."""

    channels: int  # mutagen
    sample_rate: int  # mutagen
    bitrate_mode: str  # mutagen: "CBR", "VBR", "ABR" or "UNKNOWN" (no Xing/Info header)
    seconds: float  # mutagen: how long players say it plays (its Info frame's count, if any)
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
        info = mpeg_stream(path)
    except (HeaderNotFoundError, MutagenError) as error:
        raise DecodeError(f"mutagen reads no MP3 audio in {path.name}: {error}") from error
    census = census_of(path)
    kbps: Counter[int] = Counter()
    rates: set[int] = set()
    modes: set[str] = set()
    for ((kbps_of, rate, _, _), mode), count in census.counts.items():
        kbps[kbps_of] += count
        rates.add(rate)
        modes.add(CHANNEL_MODES[mode])
    if not kbps:
        raise DecodeError(f"no MPEG layer III frame header can be read in {path.name}")
    return StreamFormat(info.channels, info.sample_rate, _mode_name(info.bitrate_mode),
                        float(info.length), kbps, frozenset(rates), frozenset(modes))


@dataclass(frozen=True)
class AudioRegion:
    """The audio frames of an MP3 file (not its tags, Xing or Info frame), joined, with how
    many samples they decode to and their sample rate (0 when the frames differ)."""

    frames: bytes
    samples: int
    sample_rate: int


def audio_region(path: Path) -> AudioRegion:
    """Return the audio frames of the MP3 file at ``path``, read as :func:`stream_format` reads
    them; raise DecodeError when there is none, OSError when the file cannot be read."""
    data = path.read_bytes()
    census = census_of(path, data)
    if not census.runs:
        raise DecodeError("no MPEG layer III frame")
    frames = (data[census.runs[0][0]:census.runs[0][1]] if len(census.runs) == 1
              else b"".join(data[start:end] for start, end in census.runs))
    rates = {header[1] for header, _ in census.counts}
    samples = sum(header[3] * count for (header, _), count in census.counts.items())
    return AudioRegion(frames, samples, rates.pop() if len(rates) == 1 else 0)


Header = tuple[int, int, int, int]  # kbps, sample rate, frame length, samples a frame


@dataclass(frozen=True)
class FrameCensus:
    """The audio frames of an MP3 file's bytes (after its ID3v2 tag, up to the first bytes that
    are not a frame; not a Xing or Info frame): how many of each header and channel mode, and
    the stretches of bytes they fill, as (start, end)."""

    counts: Counter[tuple[Header, int]]  # (header, channel mode index): frames
    runs: tuple[tuple[int, int], ...]


def census_of(path: Path, data: bytes | None = None) -> FrameCensus:
    """Return the census of the frames of the MP3 file at ``path`` (whose bytes are ``data``,
    when read already): within a stretch of reading together, counted once for the same bytes
    (the format rules and the book's measuring both ask). Raises OSError when the file cannot
    be read."""
    return parsed_once("mp3-frames", path, lambda _, found: frame_census(found), data)


def frame_census(data: bytes) -> FrameCensus:
    """Return the census of the frames of an MP3 file's bytes (see :class:`FrameCensus`). A
    book holds hundreds of thousands of frames: a frame's header is looked up by its second
    and third bytes, and the Xing or Info tags are found once in the whole file."""
    headers, end = _HEADERS, len(data)
    counts: Counter[tuple[Header, int]] = Counter()
    runs: list[tuple[int, int]] = []
    tags = sorted(position for tag in (b"Xing", b"Info") for position in _all(data, tag))
    next_tag = tags.pop(0) if tags else end
    offset = _id3v2_size(data)
    run_start = offset
    while offset + 4 <= end and data[offset] == 0xFF:
        header = headers.get((data[offset + 1] << 8) | data[offset + 2])
        if header is None:
            break
        while next_tag < offset + 4:
            next_tag = tags.pop(0) if tags else end
        if next_tag < offset + 40:  # a Xing or Info frame: not audio
            if offset > run_start:
                runs.append((run_start, offset))
            run_start = offset + header[2]
        else:
            counts[(header, data[offset + 3] >> 6)] += 1
        offset += header[2]
    if offset > run_start:
        runs.append((run_start, min(offset, end)))
    return FrameCensus(counts, tuple(runs))


def _all(data: bytes, tag: bytes) -> Iterator[int]:
    position = data.find(tag)
    while position >= 0:
        yield position
        position = data.find(tag, position + 1)


def _headers() -> dict[int, Header]:
    """Return every MPEG layer III header's kbps, rate, frame length and samples a frame, by
    its second and third bytes."""
    found = {}
    for second in range(0xE0, 0x100):
        for third in range(0x100):
            header = _frame_header(bytes([0xFF, second, third, 0]))
            if header is not None:
                (kbps, rate, _), length = header
                found[(second << 8) | third] = (kbps, rate, length,
                                                1152 if rate in RATES[3] else SAMPLES_PER_FRAME)
    return found


def _mode_name(mode: int) -> str:
    return {BitrateMode.CBR: "CBR", BitrateMode.VBR: "VBR", BitrateMode.ABR: "ABR"}.get(
        mode, "UNKNOWN")


def mp3_seconds(path: Path) -> float | None:
    """Return how long an MP3 file plays by mutagen, or None when it holds no MP3 audio."""
    try:
        return float(mpeg_stream(path).length)
    except (HeaderNotFoundError, MutagenError):
        return None


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
    kbps = BITRATES_L3[1 if version == 3 else 2][index]
    rate = RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    length = (144 if version == 3 else 72) * kbps * 1000 // rate + padding
    return (kbps, rate, CHANNEL_MODES[header[3] >> 6]), length


_HEADERS = _headers()
