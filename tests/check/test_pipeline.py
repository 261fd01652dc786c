"""The build pipeline as partners use it: the output folder stays whole whatever happens, a second
build waits for the first, the manifest says what was built, one line per edition."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest

import build
from formats.check import output_folder
from formats.check.pipeline import longest_chains, stop_workers
from formats.core import helper_slot
from formats.core.contract import RenderError
from formats.core.load import load
from formats.editions.standard import StandardEdition
from formats.registry import EDITIONS, edition
from tests.conftest import MINI_SOURCE, REAL_SOURCE, ROOT
from tests.helpers.interrupt import ctrl_c_heard


def tree(folder: Path) -> dict[str, str]:
    """Return every file under ``folder`` with the sha256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def build_mini(out: Path, *extra: str) -> int:
    return build.main(["--source", str(MINI_SOURCE), "--out", str(out), "--format", "standard",
                       *extra])


@pytest.fixture
def built_once(tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    assert build_mini(out) == 0
    return out


def test_the_manifest_records_the_edition_the_tool_and_each_file(built_once: Path) -> None:
    manifest = json.loads((built_once / "manifest.json").read_text(encoding="utf-8"))
    document = load(MINI_SOURCE)
    assert manifest["edition"] == {"number": 1, "date": "2026-11-27"}
    assert manifest["tool_version"] == "0.1.0"
    assert manifest["source_hash"] == document.source_hash
    assert set(manifest["formats"]) == {"standard"}
    for entry in manifest["files"]:
        assert entry["size"] == (built_once / entry["path"]).stat().st_size


def test_a_build_with_the_same_source_date_epoch_writes_the_same_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_mini(first) == 0
    assert build_mini(second) == 0
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["built"] == "2025-12-01T00:00:00+00:00"
    assert (first / "manifest.json").read_bytes() == (second / "manifest.json").read_bytes()


class FailingEdition(StandardEdition):
    """The standard edition, failing after it has written its files."""

    def render(self, document: Any, out_dir: Path, inputs: Any = None) -> list[Path]:
        super().render(document, out_dir, inputs)
        raise RenderError("the test edition failed on purpose")


class InterruptedEdition(StandardEdition):
    """The standard edition, interrupted (Ctrl-C) after it has written its files."""

    def render(self, document: Any, out_dir: Path, inputs: Any = None) -> list[Path]:
        super().render(document, out_dir, inputs)
        raise KeyboardInterrupt


def with_edition(monkeypatch: pytest.MonkeyPatch, edition: StandardEdition) -> None:
    module = type(sys)("failing_edition_for_tests")
    module.EDITION = edition  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "failing_edition_for_tests", module)
    monkeypatch.setitem(EDITIONS, "standard", "failing_edition_for_tests")


def test_a_failing_edition_leaves_the_previous_output_whole(
        built_once: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(built_once)
    with_edition(monkeypatch, FailingEdition())
    assert build_mini(built_once, "--no-cache") == 1
    err = capsys.readouterr().err
    assert "error: the test edition failed on purpose" in err
    assert f"Nothing was changed in {built_once}." in err
    assert tree(built_once) == before
    assert sorted(path.name for path in built_once.parent.iterdir()) == [".dist.lock", "dist"]


def test_ctrl_c_leaves_the_previous_output_whole(built_once: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(built_once)
    with_edition(monkeypatch, InterruptedEdition())
    with pytest.raises(KeyboardInterrupt):
        build_mini(built_once, "--no-cache")
    assert tree(built_once) == before
    assert sorted(path.name for path in built_once.parent.iterdir()) == [".dist.lock", "dist"]


SLOW_BUILD = """
import sys, time
sys.path.insert(0, {root!r})
import build
from formats.editions.standard import StandardEdition
from formats.registry import EDITIONS

class Slow(StandardEdition):
    def render(self, document, out_dir, inputs=None):
        written = super().render(document, out_dir, inputs)
        print("rendered", flush=True)
        time.sleep(60)
        return written

module = type(sys)("slow_edition")
module.EDITION = Slow()
sys.modules["slow_edition"] = module
EDITIONS["standard"] = "slow_edition"
sys.exit(build.main(["--source", {source!r}, "--out", {out!r}, "--format", "standard",
                     "--no-cache"]))
"""


def start_slow_build(out: Path) -> subprocess.Popen[str]:
    """Start a build of ``out`` in another process that stops for a minute after rendering;
    return it once it has rendered (it holds the lock, and its staging folder exists)."""
    script = SLOW_BUILD.format(root=str(ROOT), source=str(MINI_SOURCE), out=str(out))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "rendered"
    return process


def kill(process: subprocess.Popen[str]) -> None:
    """Kill a build started by start_slow_build, as the system would (no clean-up)."""
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stdout is not None
    process.stdout.close()


def test_a_killed_build_leaves_the_output_matching_its_manifest(built_once: Path) -> None:
    before = tree(built_once)
    process = start_slow_build(built_once)
    assert list(built_once.parent.glob(".dist.staging-*"))
    kill(process)
    assert tree(built_once) == before
    manifest = json.loads((built_once / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert before[entry["path"]] == entry["sha256"]
    assert build_mini(built_once) == 0  # the next build clears what the killed one left
    assert not list(built_once.parent.glob(".dist.staging-*"))


def test_a_second_build_of_the_same_folder_waits_for_the_first(
        built_once: Path, capsys: pytest.CaptureFixture[str]) -> None:
    process = start_slow_build(built_once)
    try:
        assert build_mini(built_once, "--no-wait") == 2
        err = capsys.readouterr().err
        assert f"error: {built_once} is being built by pid {process.pid} (" in err
        assert "try again when it has finished" in err
    finally:
        kill(process)
    assert build_mini(built_once, "--no-wait") == 0  # a killed build never keeps the lock


def test_a_build_waits_for_the_lock_and_then_builds(built_once: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    holder = output_folder.lock_path(built_once).open("a+", encoding="utf-8")
    fcntl.flock(holder, fcntl.LOCK_EX)
    holder.write("pid 1 (a test), started now\n")
    holder.flush()
    release = threading.Timer(0.5, lambda: fcntl.flock(holder, fcntl.LOCK_UN))
    started = time.monotonic()  # before the timer starts: it lets go 0.5 s after its start
    release.start()
    try:
        assert build_mini(built_once) == 0
    finally:
        release.join()
        holder.close()
    assert time.monotonic() - started >= 0.5
    assert f"Waiting: {built_once} is being built by pid 1 (a test)" in capsys.readouterr().err


def test_a_swap_stopped_half_way_is_undone_by_the_next_build(built_once: Path) -> None:
    before = tree(built_once)
    previous = built_once.parent / ".dist.previous"
    built_once.rename(previous)  # as if killed between the two renames of the fallback swap
    output_folder.recover(built_once)
    assert tree(built_once) == before
    assert not previous.exists()


@pytest.mark.parametrize("out", [
    pytest.param("/proc/nope", id="cannot-be-created"),
    pytest.param("file", id="is-a-file"),
])
def test_an_output_folder_that_cannot_be_written_is_bad_usage(
        out: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file" if out == "file" else Path(out)
    if out == "file":
        target.write_text("not a folder", encoding="utf-8")
    assert build_mini(target) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot write the output folder {target}: ")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_build_ends_with_one_line_per_edition_and_the_review_count(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["--source", str(ROOT / "source"), "--out", str(tmp_path / "dist"),
                       "--format", "word"]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("word         Word document (")
    assert lines[1].endswith(" review notes: build.py review lists them")
    assert lines[2] == f"Built word into {tmp_path / 'dist'}/"
    assert len(lines) == 3


def test_review_lists_the_notes_grouped_by_file(capsys: pytest.CaptureFixture[str]) -> None:
    document = load(ROOT / "source")
    assert build.main(["review", "--format", "json", "--source", str(ROOT / "source")]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["count"] == len(document.reviews())
    first = document.reviews()[0]
    assert {"line": first.location.line, "text": first.text} in listed["files"][
        first.location.path]
    assert build.main(["review", "--source", str(ROOT / "source")]) == 0
    text = capsys.readouterr().out
    assert text.strip().endswith(f"{len(document.reviews())} review note(s) in "
                                 f"{len(listed['files'])} file(s).")


def test_the_lock_file_is_beside_the_output(tmp_path: Path) -> None:
    assert output_folder.lock_path(tmp_path / "dist") == tmp_path / ".dist.lock"
    assert os.sep not in output_folder.lock_path(tmp_path / "dist").name


def test_a_chapter_file_not_listed_in_toolkit_yaml_is_a_warning_naming_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    (source / "chapters" / "02-forgotten.md").write_text(
        "---\nid: forgotten\ntitle: Forgotten\nkind: chapter\n---\n\nWords.\n", encoding="utf-8")
    assert build.main(["--source", str(source), "--out", str(tmp_path / "dist"), "--format",
                       "standard"]) == 0
    assert (f"warning: {source}/chapters/02-forgotten.md:1: this chapter file is not listed "
            "under 'chapters' in toolkit.yaml, so no edition has it") in capsys.readouterr().err


@pytest.mark.slow  # renders the real toolkit's print editions, and stops them
def test_ctrl_c_stops_a_build_at_once_and_leaves_the_output_folder_as_it_was(
        tmp_path: Path) -> None:
    out = tmp_path / "dist"
    with ctrl_c_heard():
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "--source", str(REAL_SOURCE), "--out",
             str(out), "--format", "large-print", "--format", "standard", "--no-cache"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "TOOLKIT_WORKERS": "2"})
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".dist.staging-*")) and time.monotonic() < deadline:
        time.sleep(0.1)  # the workers are rendering into the staging folder
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    try:
        code = process.wait(timeout=30)
    finally:
        process.kill()
    _, said = process.communicate()
    # a large-print PDF takes longer than this to render: the workers were ended, not awaited
    assert time.monotonic() - stopped < 6.0
    assert code == build.EXIT_INTERRUPTED
    assert "Stopped (Ctrl-C): nothing was changed." in said
    assert "Traceback" not in said
    assert sorted(path.name for path in tmp_path.iterdir()) == [".dist.lock"]


def test_the_build_starts_the_longest_chain_of_editions_first() -> None:
    names = ["standard", "large-print", "easy-read", "word", "audio", "braille", "epub"]
    chains = longest_chains(names)
    # the EPUB waits for the audio and the standard edition: their chains include it
    assert chains["audio"] == edition("audio").build_seconds + edition("epub").build_seconds
    assert chains["standard"] == edition("standard").build_seconds + max(
        edition("epub").build_seconds, edition("braille").build_seconds)
    assert max(names, key=lambda name: chains[name]) == "audio"
    # without the EPUB in the build, nothing waits for the audio
    assert longest_chains(["audio", "word"])["audio"] == edition("audio").build_seconds


class SlotNoting(StandardEdition):
    """The standard edition, noting the build's helper slot while it renders."""

    slots: ClassVar[list[Path]] = []

    def render(self, document: Any, out_dir: Path, inputs: Any = None) -> list[Path]:
        self.slots.extend(helper_slot._SLOT)
        return super().render(document, out_dir, inputs)


def test_an_edition_renders_with_the_builds_helper_slot_outside_the_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_edition(monkeypatch, SlotNoting())
    assert build_mini(tmp_path / "dist") == 0
    (slot,) = SlotNoting.slots
    assert tmp_path not in slot.parents and not slot.parent.exists()  # gone with the build
    assert helper_slot._SLOT == []


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def test_stopped_workers_leave_no_wakeup_pipe_for_python_to_write_to_at_exit() -> None:
    # Python 3.11 writes to every pool's wake-up pipe at exit; a manager thread still closing
    # it then printed "OSError: Bad file descriptor" after "Stopped (Ctrl-C)"
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import process as futures_process

    pool = ProcessPoolExecutor(max_workers=1)
    running = pool.submit(_sleep, 30.0)
    while not running.running():
        time.sleep(0.01)
    manager: Any = pool._executor_manager_thread
    stop_workers(pool)
    assert manager is not None and not manager.is_alive()
    wakeups = [wakeup for thread, wakeup in futures_process._threads_wakeups.items()
               if thread is manager]
    assert all(wakeup._closed for wakeup in wakeups)


def test_a_built_pdf_is_parsed_once_for_its_read_back(
        mini_document: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from formats.check import pipeline
    from formats.outputs.pdf import opened

    parsed: list[bool] = []  # whether the collector ran while each PDF was parsed
    original = opened.PdfReader

    def counted(*args: Any, **kwargs: Any) -> Any:
        parsed.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(opened, "PdfReader", counted)
    done = pipeline.build_one(pipeline._Job("standard", mini_document, tmp_path, "key",
                                            tmp_path / "helpers.lock"))
    assert "standard/pdf" in {readback.output for readback in done.readbacks}
    # its bookmarks and its structure tree from one reader (two before), the collector paused
    assert parsed == [False]
    assert gc.isenabled()
