"""The stretches of reading together (formats/core/reading.py)."""

from __future__ import annotations

from formats.core.reading import current_stretch, reading_together


def test_stretches_nest_and_the_outer_one_counts() -> None:
    with reading_together() as outer:
        with reading_together() as inner:
            assert inner == outer == current_stretch()
        assert current_stretch() == outer
    assert current_stretch() is None


def test_a_stretch_belongs_to_the_thread_that_opened_it() -> None:
    import threading

    seen: list[int | None] = []
    with reading_together():
        other = threading.Thread(target=lambda: seen.append(current_stretch()))
        other.start()
        other.join()
    assert seen == [None]
