"""The build's memory budget: editions whose estimates do not fit together are built one after
the other; those that fit are built at the same time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from formats.check import memory_budget, pipeline
from formats.core.load import load
from formats.core.text import text_characters
from formats.editions.standard import StandardEdition
from formats.editions.word import WordEdition
from formats.registry import edition
from tests.conftest import MINI_SOURCE, REAL_SOURCE

RENDER_SECONDS = 0.6


def noting_build(job: pipeline._Job) -> pipeline._Done:
    """Stand in for :func:`pipeline.build_one` (in a worker process): note when the edition
    started and ended, in a file of the staging folder."""
    started = time.time()
    time.sleep(RENDER_SECONDS)
    (job.staging / f"{job.name}.span").write_text(json.dumps([started, time.time()]))
    return pipeline._Done(pipeline.Built(job.name, (), "", RENDER_SECONDS), {}, [])


def spans_when_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     estimate_mb: float) -> dict[str, list[float]]:
    """Build the standard and Word editions (standing in) on two workers with a budget of
    1000 MB, each estimated at ``estimate_mb``; return when each started and ended."""
    monkeypatch.setenv("TOOLKIT_WORKERS", "2")
    monkeypatch.setenv(memory_budget.BUDGET_VARIABLE, "1000")
    monkeypatch.setattr(memory_budget, "own_resident_mb", lambda: 100.0)
    monkeypatch.setattr(pipeline, "build_one", noting_build)
    for kind in (StandardEdition, WordEdition):
        monkeypatch.setattr(kind, "memory_mb", estimate_mb)
        monkeypatch.setattr(kind, "memory_mb_per_100k", 0.0)
    names = ["standard", "word"]
    done = pipeline._render_each(load(MINI_SOURCE), tmp_path, names,
                                 dict.fromkeys(names, ""), None, tmp_path / "helpers.lock")
    assert sorted(done) == names
    return {name: json.loads((tmp_path / f"{name}.span").read_text()) for name in names}


def test_editions_that_do_not_fit_the_budget_together_are_built_one_after_the_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spans = spans_when_built(tmp_path, monkeypatch, estimate_mb=500.0)  # 100 + 500 + 500
    first, second = sorted(spans.values())
    assert second[0] >= first[1]


def test_editions_that_fit_the_budget_together_are_built_at_the_same_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spans = spans_when_built(tmp_path, monkeypatch, estimate_mb=400.0)  # 100 + 400 + 400
    first, second = sorted(spans.values())
    assert second[0] < first[1]


def test_an_edition_over_the_budget_alone_is_still_built() -> None:
    assert memory_budget.fits(5000.0, [], 1000.0)
    assert not memory_budget.fits(5000.0, [10.0], 1000.0)
    assert memory_budget.fits(600.0, [400.0], 1000.0)
    assert not memory_budget.fits(600.1, [400.0], 1000.0)


@pytest.mark.parametrize(("value", "budget"), [("", 1000.0), ("750", 750.0), ("0", 1000.0),
                                               ("lots", 1000.0), ("-5", 1000.0)])
def test_the_budget_is_toolkit_memory_mb_when_it_is_a_positive_number(
        monkeypatch: pytest.MonkeyPatch, value: str, budget: float) -> None:
    monkeypatch.setenv(memory_budget.BUDGET_VARIABLE, value)
    assert memory_budget.budget_mb() == budget


def test_this_process_holds_some_memory() -> None:
    assert 5.0 < memory_budget.own_resident_mb() < 4000.0


def test_the_pdf_editions_estimates_grow_with_the_text_and_the_bundled_toolkit_fits() -> None:
    mini, real = load(MINI_SOURCE), load(REAL_SOURCE)
    assert text_characters(mini) < text_characters(real)
    for name in ("standard", "large-print"):
        assert edition(name).memory_estimate_mb(mini) < edition(name).memory_estimate_mb(real)
    # the bundled toolkit: any two editions fit the default budget together, so a build on
    # two cores is never held back by it
    estimates = sorted(edition(name).memory_estimate_mb(real)
                       for name in ("standard", "large-print", "easy-read", "word", "audio",
                                    "braille", "epub"))
    assert estimates[-1] + estimates[-2] + 100.0 <= memory_budget.DEFAULT_BUDGET_MB
