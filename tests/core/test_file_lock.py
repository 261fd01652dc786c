"""The one exclusive file lock of the tool (the helper slot, the check's measurements)."""

from __future__ import annotations

import threading
from pathlib import Path

from formats.core.file_lock import exclusive_lock


def test_a_lock_file_that_cannot_be_made_leaves_the_block_unlocked(tmp_path: Path) -> None:
    with exclusive_lock(tmp_path / "missing-folder" / "x.lock") as held:
        assert held


def test_one_holder_at_a_time_and_a_waiting_one_may_give_up(tmp_path: Path) -> None:
    give_up = threading.Event()
    with exclusive_lock(tmp_path / "x.lock"):
        threading.Timer(0.2, give_up.set).start()
        with exclusive_lock(tmp_path / "x.lock", give_up) as second:
            assert give_up.is_set() and not second
    with exclusive_lock(tmp_path / "x.lock", give_up) as after:  # let go: held at once
        assert after
