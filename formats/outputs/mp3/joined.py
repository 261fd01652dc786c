"""A whole book and its tracks measured from one decoding, when the book is the tracks joined.

The audio edition's whole-book MP3 holds the audio frames of its tracks, one after the other,
unchanged. When the check finds that so, byte for byte, every track's frames decode to the
samples of its own stretch of the book, so the book is decoded once (by ffmpeg) and each track
is measured on its stretch as it would be on its own file, the book on the whole: one decoding
and one pass of the meters where there were two. A stretch starts in the silence the track
begins with, so that what a decoder carries over from the track before (the end of the last
frame's window) falls in silence: a track whose tail is not silent, which its own
``audio/silence`` result reports, could make the next one's start measure a little louder.

Anything else (a book that is not its tracks' frames, another sample rate, a file that cannot
be read or decoded) is measured file by file (:func:`formats.outputs.mp3.measure.measure_files`).
"""

from __future__ import annotations

from pathlib import Path

from formats.outputs.mp3.measure import (
    DECODE_RATE,
    PAUSE_MIN_S,
    KWeighting,
    LoudnessMeter,
    Measurement,
    SilenceMeter,
    TruePeakMeter,
    decoded_chunks,
    measure_files,
    measurement_of,
)
from formats.outputs.mp3.stream import DecodeError, audio_region


def measure_with_book(tracks: list[Path], book: Path | None
                      ) -> dict[Path, Measurement | DecodeError]:
    """Return the measurement of every track and of the book (or why one could not be
    decoded): from one decoding of the book when it holds the tracks' audio frames in order
    (see the module's text), else each file decoded on its own."""
    files = tracks + ([book] if book else [])
    lengths = book_stretches(book, tracks) if book and tracks else None
    if book is None or lengths is None:
        return measure_files(files) if files else {}
    try:
        whole, parts = measure_stretches(book, lengths)
    except DecodeError:
        return measure_files(files)
    return {**dict(zip(tracks, parts, strict=True)), book: whole}


def book_stretches(book: Path, tracks: list[Path]) -> list[int] | None:
    """Return how many samples each track decodes to, when the audio frames of ``book`` are
    the audio frames of ``tracks``, in order, byte for byte, and all are MPEG-2 layer III at
    the rate the meters measure; else None."""
    try:
        regions = [audio_region(path) for path in [book, *tracks]]
    except (OSError, DecodeError):
        return None
    if any(region.sample_rate != DECODE_RATE for region in regions):
        return None
    (whole, *parts) = regions
    if whole.frames != b"".join(part.frames for part in parts):
        return None
    return [part.samples for part in parts]


def measure_stretches(path: Path, lengths: list[int]
                      ) -> tuple[Measurement, list[Measurement]]:
    """Return the measurement of the file at ``path`` and of each of its stretches, one after
    the other, of ``lengths`` samples (as :func:`formats.outputs.mp3.measure.measure` measures
    a file): decoded once, K-weighted once. Raise DecodeError when ffmpeg cannot decode it or
    it does not decode to as many samples as the stretches hold."""
    weighting, whole = KWeighting(), LoudnessMeter()
    meters = [(LoudnessMeter(), TruePeakMeter(), SilenceMeter()) for _ in lengths]
    index, done = 0, 0  # the stretch being measured, and its samples measured so far
    for chunk in decoded_chunks(path):
        squared = weighting.squared(chunk)
        whole.take(squared)
        start = 0
        while start < chunk.size:
            if index == len(lengths):
                raise DecodeError(f"{path.name} decodes to more samples than its tracks")
            end = min(chunk.size, start + lengths[index] - done)
            loudness, peak, silence = meters[index]
            loudness.take(squared[start:end])
            peak.feed(chunk[start:end])
            silence.feed(chunk[start:end])
            done += end - start
            start = end
            if done == lengths[index]:
                index, done = index + 1, 0
    if index != len(lengths):
        raise DecodeError(f"{path.name} decodes to fewer samples than its tracks")
    parts = [measurement_of(*meter) for meter in meters]
    return _joined(whole, meters, parts), parts


def _joined(loudness: LoudnessMeter,
            meters: list[tuple[LoudnessMeter, TruePeakMeter, SilenceMeter]],
            parts: list[Measurement]) -> Measurement:
    """Return the measurement of the whole: its own loudness, the highest peak of its
    stretches, and their silences laid end to end (a silence across the join of two stretches
    is one pause)."""
    offset, first, last = 0, None, None
    pauses: list[tuple[int, int]] = []
    for _, _, silence in meters:
        if silence.first is not None and silence.last is not None:
            across = offset + silence.first - (last + 1) if last is not None else 0
            if last is not None and across >= PAUSE_MIN_S * DECODE_RATE:
                pauses.append((last + 1, across))
            pauses += [(offset + start, length) for start, length in silence.pauses]
            first = offset + silence.first if first is None else first
            last = offset + silence.last
        offset += silence.samples
    seconds = offset / DECODE_RATE
    lead, tail = ((seconds, seconds) if first is None or last is None
                  else (first / DECODE_RATE, (offset - 1 - last) / DECODE_RATE))
    peak = max(part.true_peak_dbfs for part in parts)
    return Measurement(seconds, loudness.lufs(), peak, lead, tail, first is not None,
                       tuple((start / DECODE_RATE, length / DECODE_RATE)
                             for start, length in pauses))
