"""The tool's caches: written whole or not at all, and their old entries deleted."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from formats.core.caches import prune, write_atomically


def test_an_entry_is_written_whole_and_leaves_no_partial_file(tmp_path: Path) -> None:
    entry = tmp_path / "a" / "b" / "entry.json"
    write_atomically(entry, b"{}")
    write_atomically(entry, b"[1]")
    assert entry.read_bytes() == b"[1]"
    assert [path.name for path in entry.parent.iterdir()] == ["entry.json"]


def test_a_cache_that_cannot_be_written_raises_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomically(tmp_path / "a" / "entry.json", b"{}")
    assert [path.name for path in tmp_path.iterdir()] == ["a"]


def test_only_old_entries_of_the_pattern_are_deleted(tmp_path: Path) -> None:
    names = ("old.mp3", "old.json", "new.mp3")
    for name in names:
        (tmp_path / "ab").mkdir(exist_ok=True)
        (tmp_path / "ab" / name).write_bytes(b"x")
    month_ago = time.time() - 31 * 86400
    for name in ("old.mp3", "old.json"):
        os.utime(tmp_path / "ab" / name, (month_ago, month_ago))
    assert prune(tmp_path, 30, "*.mp3") == 1
    assert sorted(path.name for path in (tmp_path / "ab").iterdir()) == ["new.mp3", "old.json"]
