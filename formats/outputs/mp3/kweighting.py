"""The K-weighting of ITU-R BS.1770-4 with numpy alone, for the mastering of every section.

The two filters are pyloudnorm's (Robert Bristow-Johnson's high shelf and high pass, the
coefficients the meters of :mod:`formats.outputs.mp3.measure` use through pyloudnorm and
scipy). Here they are one linear system of four states, run over blocks of ``BLOCK`` samples as
matrix products: each block's output is its samples times the filter's response to them (a
triangular matrix) plus what the state before the block adds, and the state carried from block
to block is found group by group. A speech worker then needs no scipy, which is about 85 MB
of every worker's memory; the products cost about what scipy's ``sosfilt`` costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from formats.core.blas_threads import one_blas_thread

BLOCK = 128  # samples a block: a power of two, so that the filtered pieces are whole blocks
_GROUP = 48  # blocks whose states are found together


def biquads(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return the (b, a) coefficients, a[0] = 1, of the K-weighting's high shelf and high pass at
    ``rate`` Hz (pyloudnorm's IIRfilter, "K-weighting")."""
    found = []
    for gain, q, centre, kind in ((4.0, 1 / np.sqrt(2), 1500.0, "shelf"),
                                  (0.0, 0.5, 38.0, "pass")):
        a_gain = 10 ** (gain / 40.0)
        w0 = 2.0 * np.pi * (centre / rate)
        alpha = np.sin(w0) / (2.0 * q)
        cos, root = np.cos(w0), np.sqrt(a_gain)
        if kind == "shelf":
            b = [a_gain * ((a_gain + 1) + (a_gain - 1) * cos + 2 * root * alpha),
                 -2 * a_gain * ((a_gain - 1) + (a_gain + 1) * cos),
                 a_gain * ((a_gain + 1) + (a_gain - 1) * cos - 2 * root * alpha)]
            a = [(a_gain + 1) - (a_gain - 1) * cos + 2 * root * alpha,
                 2 * ((a_gain - 1) - (a_gain + 1) * cos),
                 (a_gain + 1) - (a_gain - 1) * cos - 2 * root * alpha]
        else:
            b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
            a = [1 + alpha, -2 * cos, 1 - alpha]
        found.append((np.array(b) / a[0], np.array(a) / a[0]))
    return found


def _state_space(stages: list[tuple[np.ndarray, np.ndarray]]
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Return (A, B, C, D) of the stages in cascade, each in transposed direct form II (the
    form of scipy's filters): state' = A state + B x, y = C state + D x."""
    system: tuple[np.ndarray, np.ndarray, np.ndarray, float] | None = None
    for b, a in stages:
        step = np.array([[-a[1], 1.0], [-a[2], 0.0]])
        into = np.array([b[1] - a[1] * b[0], b[2] - a[2] * b[0]])
        out = np.array([1.0, 0.0])
        if system is None:
            system = (step, into, out, float(b[0]))
            continue
        first_a, first_b, first_c, first_d = system  # the first stage's output feeds this one
        size = first_a.shape[0]
        joined = np.zeros((size + 2, size + 2))
        joined[:size, :size] = first_a
        joined[size:, :size] = np.outer(into, first_c)
        joined[size:, size:] = step
        system = (joined, np.concatenate([first_b, into * first_d]),
                  np.concatenate([b[0] * first_c, out]), float(b[0]) * first_d)
    assert system is not None
    return system


@dataclass(frozen=True)
class BlockFilter:
    """A linear filter run ``BLOCK`` samples at a time (see the module's text).

    ``response[j, i]``: output ``i`` of a block for a unit sample at ``j``; ``from_state``: the
    output of a block for each state before it; ``state_step``: the state after a block, from
    the state before it; ``into_state``: the state after a block, from its samples.
    """

    response: np.ndarray
    from_state: np.ndarray
    state_step: np.ndarray
    into_state: np.ndarray
    group_steps: np.ndarray  # state_step to the powers 0 ... _GROUP

    def zero_state(self) -> np.ndarray:
        return np.zeros(self.state_step.shape[0])

    def run(self, samples: np.ndarray, state: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the filtered ``samples`` (float32) and the state after them, from ``state``
        before them. The state returned is right only after a whole number of blocks: the
        samples of a last, shorter block are followed by zeros."""
        count = samples.size
        blocks = -(-count // BLOCK)
        padded = np.zeros(blocks * BLOCK, dtype=np.float32)
        padded[:count] = samples
        rows = padded.reshape(blocks, BLOCK)
        inputs = rows @ self.into_state  # what each block's samples put into the next state
        before, after = self._states(inputs.astype(np.float64), state)
        filtered = rows @ self.response
        filtered += (before @ self.from_state).astype(np.float32)
        return filtered.reshape(-1)[:count], after

    def _states(self, inputs: np.ndarray, state: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return the state before each block and the state after the last, from the inputs of
        each block and the state before the first: group by group, each group's states first
        from a zero state, then from the state it starts with."""
        blocks, size = inputs.shape
        groups = -(-blocks // _GROUP)
        padded = np.zeros((groups * _GROUP, size))
        padded[:blocks] = inputs
        grouped = padded.reshape(groups, _GROUP, size)
        partial = np.zeros((groups, _GROUP + 1, size))
        for block in range(_GROUP):
            partial[:, block + 1] = partial[:, block] @ self.state_step + grouped[:, block]
        starts = np.empty((groups + 1, size))
        starts[0] = state
        whole = self.group_steps[_GROUP]
        for group in range(groups):
            starts[group + 1] = starts[group] @ whole + partial[group, _GROUP]
        before = partial[:, :_GROUP] + np.einsum("gs,bst->gbt", starts[:-1],
                                                 self.group_steps[:_GROUP])
        states = before.reshape(-1, size)
        after = (states[blocks - 1] @ self.state_step + inputs[blocks - 1]
                 if blocks else np.asarray(state, dtype=np.float64))
        return states[:blocks], after


@cache
def k_weighting(rate: int) -> BlockFilter:
    """Return the K-weighting filter at ``rate`` Hz, run in blocks (in this process's one
    OpenBLAS thread: the build runs a process a processor already)."""
    one_blas_thread()
    step, into, out, direct = _state_space(biquads(rate))
    powers = [np.eye(step.shape[0])]
    for _ in range(BLOCK):
        powers.append(step @ powers[-1])
    impulse = np.array([direct] + [out @ powers[n - 1] @ into for n in range(1, BLOCK)])
    response = np.zeros((BLOCK, BLOCK))
    for j in range(BLOCK):
        response[j, j:] = impulse[:BLOCK - j]
    from_state = np.array([out @ powers[i] for i in range(BLOCK)]).T
    into_state = np.array([powers[BLOCK - 1 - j] @ into for j in range(BLOCK)])
    state_step = powers[BLOCK].T
    group_steps = [np.eye(step.shape[0])]
    for _ in range(_GROUP):
        group_steps.append(group_steps[-1] @ state_step)
    return BlockFilter(response.astype(np.float32), from_state, state_step,
                       into_state.astype(np.float32), np.array(group_steps))
