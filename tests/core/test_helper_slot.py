"""The build's helper slot: one group of helper programs at a time during a build, none held
back outside one."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from formats.core.helper_slot import helper_slot, slot_file


def test_outside_a_build_nothing_waits() -> None:
    with helper_slot() as held, helper_slot() as again:  # nothing to hold: both at once
        assert held and again


def test_a_second_helper_waits_until_the_first_lets_the_slot_go(tmp_path: Path) -> None:
    events: list[str] = []
    first_holds = threading.Event()

    def first() -> None:
        with slot_file(tmp_path / "helpers.lock"), helper_slot():
            events.append("first starts")
            first_holds.set()
            time.sleep(0.3)
            events.append("first ends")

    thread = threading.Thread(target=first)
    thread.start()
    first_holds.wait(5)
    with slot_file(tmp_path / "helpers.lock"), helper_slot() as held:
        events.append("second starts")
    thread.join()
    assert held
    assert events == ["first starts", "first ends", "second starts"]


def test_a_helper_that_may_give_up_does_so_while_the_slot_is_held(tmp_path: Path) -> None:
    give_up = threading.Event()
    with slot_file(tmp_path / "helpers.lock"), helper_slot():
        threading.Timer(0.2, give_up.set).start()
        with helper_slot(give_up=give_up) as held:
            assert give_up.is_set() and not held  # it waited until told to give up

