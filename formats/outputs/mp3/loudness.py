"""The loudness math that both the mastering (a writer) and the meters (readers) use.

ITU-R BS.1770-4: the gating of 400 ms blocks' K-weighted powers, and the 4x oversampling
interpolator of Annex 2 (48 taps, 4 phases of 12) from which true peaks are read.
"""

from __future__ import annotations

import numpy as np

OVERSAMPLING = 4
TAPS_PER_PHASE = 12
GATE_S = 0.4  # the gating blocks: 400 ms
GATE_OVERLAP = 0.75  # ... each starting 100 ms after the last


def _lowpass(taps: int, cutoff: float) -> np.ndarray:
    """Return a windowed-sinc low-pass filter (Hamming window, unit gain at 0 Hz; ``cutoff``
    as a fraction of the Nyquist frequency), as scipy.signal.firwin(taps, cutoff) makes it."""
    middle = np.arange(taps) - (taps - 1) / 2
    response = cutoff * np.sinc(cutoff * middle) * np.hamming(taps)
    return response / response.sum()


INTERPOLATOR = _lowpass(OVERSAMPLING * TAPS_PER_PHASE, 1.0 / OVERSAMPLING) * OVERSAMPLING
# its four phases, each a 12-tap filter, in float32 (the precision that matters for a peak)
PHASES = tuple(INTERPOLATOR[phase::OVERSAMPLING].astype(np.float32)
               for phase in range(OVERSAMPLING))
# an interpolated value is at most this times the largest of the 12 samples it is made of
PHASE_GAIN_BOUND = max(float(np.abs(taps).sum()) for taps in PHASES)


def gated_loudness(power: np.ndarray) -> float:
    """Return the gated loudness (LUFS) of blocks' mean-square K-weighted powers (BS.1770-4:
    blocks under -70 LUFS, then those 10 LU under the mean of the rest, are left out); -inf when
    every block is under -70 LUFS."""
    with np.errstate(divide="ignore"):
        block_loudness = -0.691 + 10 * np.log10(power)
    above_absolute = block_loudness >= -70.0
    if not above_absolute.any():
        return float("-inf")
    relative = -0.691 + 10 * np.log10(power[above_absolute].mean()) - 10.0
    kept = (block_loudness > relative) & above_absolute
    return float(-0.691 + 10 * np.log10(power[kept].mean()))
