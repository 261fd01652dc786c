"""A file's hash is remembered while the file is unchanged, and never trusted after a write."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

import pytest

from formats.core import caches, file_hashes
from formats.core.file_hashes import sha256_of


def hashed(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_settled_file_is_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_hashes, "SETTLED_S", 0.0)
    path, cache = tmp_path / "a.mp3", tmp_path / "cache"
    path.write_bytes(b"one" * 1000)
    expected = hashed(path)
    assert sha256_of(path, cache) == expected
    assert len(list((cache / file_hashes.FOLDER).rglob("*"))) == 2  # a folder and an entry
    opened: list[Path] = []
    real_open = Path.open

    def watched_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watched_open)
    assert sha256_of(path, cache) == expected
    assert path not in opened  # read from the memory, not from the file


def test_a_write_that_keeps_the_size_and_modification_time_is_seen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_hashes, "SETTLED_S", 0.0)
    path, cache = tmp_path / "a.pdf", tmp_path / "cache"
    path.write_bytes(b"before")
    before = sha256_of(path, cache)
    status = path.stat()
    path.write_bytes(b"after!")  # as long, and its modification time put back by hand
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert sha256_of(path, cache) == hashed(path) != before  # its change time moved on


def test_a_file_written_just_now_is_not_remembered(tmp_path: Path) -> None:
    path, cache = tmp_path / "a.txt", tmp_path / "cache"
    path.write_bytes(b"fresh")
    assert sha256_of(path, cache) == hashed(path)
    assert not (cache / file_hashes.FOLDER).exists()


def test_without_a_cache_folder_the_file_is_hashed_every_time(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")
    assert sha256_of(path, None) == hashed(path)


def test_what_was_remembered_more_than_30_days_ago_is_deleted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_hashes, "SETTLED_S", 0.0)
    monkeypatch.setattr(caches, "_PRUNED", set())
    cache = tmp_path / "cache"
    old, recent = (cache / file_hashes.FOLDER / "ab" / name for name in ("old", "recent"))
    old.parent.mkdir(parents=True)
    for entry in (old, recent):
        entry.write_text("0" * 64, encoding="ascii")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    path = tmp_path / "a.txt"
    path.write_bytes(b"x")
    sha256_of(path, cache)  # remembering a hash prunes the folder, once a process
    assert not old.exists() and recent.exists()
