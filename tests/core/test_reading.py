"""The stretches of reading together (formats/core/reading.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from formats.core.reading import KEPT, current_stretch, parsed_once, reading_together


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


def test_what_a_file_parses_to_is_kept_in_a_stretch_by_kind_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one")
    parsed: list[tuple[str, bytes]] = []

    def parse(kind: str) -> Callable[[Path, bytes], object]:
        return lambda _, data: parsed.append((kind, data)) or object()

    assert parsed_once("a", path, parse("a")) is not parsed_once("a", path, parse("a"))
    with reading_together():
        first = parsed_once("a", path, parse("a"))
        assert parsed_once("a", path, parse("a")) is first
        assert parsed_once("b", path, parse("b")) is not first  # another kind: parsed again
        path.write_bytes(b"two")
        assert parsed_once("a", path, parse("a")) is not first  # written again: parsed again
    assert parsed == [("a", b"one"), ("a", b"one"), ("a", b"one"), ("b", b"one"), ("a", b"two")]


def test_a_stretch_keeps_only_the_last_few_files(tmp_path: Path) -> None:
    files = [tmp_path / f"{index}.txt" for index in range(KEPT + 1)]
    with reading_together():
        made = {path: parsed_once("a", path, lambda _, data: object())
                for path in files if path.write_text(path.name) or True}
        assert parsed_once("a", files[-1], lambda _, data: object()) is made[files[-1]]
        assert parsed_once("a", files[0], lambda _, data: object()) is not made[files[0]]


def test_what_a_stretch_kept_is_let_go_when_it_ends(tmp_path: Path) -> None:
    import gc
    import weakref

    class Parsed:
        pass

    path = tmp_path / "a.txt"
    path.write_bytes(b"one")
    with reading_together():
        with reading_together():
            kept = weakref.ref(parsed_once("a", path, lambda _, data: Parsed()))
        gc.collect()
        assert kept() is not None  # the outer stretch still keeps it
    gc.collect()
    assert kept() is None  # nothing waits for the next reader to let it go
