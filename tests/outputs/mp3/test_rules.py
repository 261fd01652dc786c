"""The MP3 rules of formats/outputs/mp3/rules.py: messages say what was measured, and values are
judged as their messages show them."""

from __future__ import annotations

import pytest

from formats.outputs.mp3.measure import Measurement
from formats.outputs.mp3.rules import loudness_result, silence_result, true_peak_result


@pytest.mark.parametrize("lufs, peak, lead, tail, messages", [
    (-22.44, -1.23, 1.8, 1.5, ["-22.4 LUFS integrated, outside -18 ± 2",
                               "true peak -1.2 dBFS above -3",
                               "1.80 s of silence at the start (0.5-1 s)"]),
    (-15.9, 0.4, 0.75, 0.5, ["-15.9 LUFS integrated, outside -18 ± 2",
                             "true peak 0.4 dBFS above -3",
                             "0.50 s of silence at the end (1-3 s)"]),
], ids=["quiet-peaky-long-lead", "loud-clipping-short-tail"])
def test_messages_say_what_was_measured(lufs: float, peak: float, lead: float, tail: float,
                                        messages: list[str]) -> None:
    measured = Measurement(10.0, lufs, peak, lead, tail, True)
    found = [verdict("x.mp3", measured) for verdict in (loudness_result, true_peak_result,
                                                        silence_result)]
    assert [(r.passed, r.message) for r in found] == [(False, m) for m in messages]


@pytest.mark.parametrize("lufs, peak, lead, passed, messages", [
    (-20.04, -3.04, 0.504, True, ["-20.0 LUFS integrated (-18 ± 2)",
                                  "true peak -3.0 dBFS (at most -3)",
                                  "0.50 s of silence at the start, 1.50 s at the end"]),
    (-20.06, -2.94, 0.494, False, ["-20.1 LUFS integrated, outside -18 ± 2",
                                   "true peak -2.9 dBFS above -3",
                                   "0.49 s of silence at the start (0.5-1 s)"]),
], ids=["shown-within", "shown-outside"])
def test_values_are_judged_as_their_messages_show_them(lufs: float, peak: float, lead: float,
                                                       passed: bool,
                                                       messages: list[str]) -> None:
    measured = Measurement(10.0, lufs, peak, lead, 1.5, True)
    found = [verdict("x.mp3", measured) for verdict in (loudness_result, true_peak_result,
                                                        silence_result)]
    assert [(r.passed, r.message) for r in found] == [(passed, m) for m in messages]
