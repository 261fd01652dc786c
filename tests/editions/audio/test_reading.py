"""The audio edition read back (formats/editions/audio/reading.py) and the coverage check on
cut-short or missing audio."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import build as build_cli
from formats.core.model import Document
from formats.editions.audio.reading import Pace, plausibility, read_back
from tests.conftest import MINI_SOURCE

MINI = MINI_SOURCE


def test_read_back_finds_every_section_with_no_problem(mini_document: Document,
                                                       mini_audio: Path) -> None:
    (readback,) = read_back(mini_audio)
    assert readback.output == "audio/mp3"
    assert readback.problems == ()
    assert list(readback.sections) == [s.id for s in mini_document.sections()]
    for section in mini_document.sections():
        found = readback.sections[section.id]
        assert section.title in found.title
        assert found.problems == ()
        assert found.file.endswith(f"-{section.id}.mp3")


def test_a_file_too_short_for_its_words_is_implausible() -> None:
    assert plausibility(12.0, "word " * 180, Pace(160, 0.5, 1.5)) == (
        "duration 12.0 s is implausible for 180 words and 0 pauses at 160 wpm (expected "
        "67.5 s ± 23.6 s, plus 2.0 s of silence)")
    assert plausibility(69.0, "word " * 180, Pace(160, 0.5, 1.5)) is None


# ---------------------------------------------------------------------------------------------
# The coverage check on damaged audio


def _build_and_check(out: Path, capsys: pytest.CaptureFixture[str],
                     damage=None) -> tuple[int, str]:
    assert build_cli.main(["build", "--format", "audio", "--source", str(MINI),
                           "--out", str(out)]) == 0
    if damage:
        damage(out / "audio")
    capsys.readouterr()
    code = build_cli.main(["check", "--format", "audio", "--source", str(MINI),
                           "--out", str(out)])
    return code, capsys.readouterr().out


def _cut_short(folder: Path) -> None:
    path = folder / "002-what-is-it.mp3"
    shorter = path.with_name("short.mp3")
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-t", "2", "-c", "copy",
                    str(shorter)], check=True)
    shorter.replace(path)


def _delete(folder: Path) -> None:
    (folder / "002-what-is-it.mp3").unlink()


def test_check_passes_on_a_whole_build(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _build_and_check(tmp_path / "dist", capsys)
    assert code == 0, out
    assert "All 6 sections are in all 1 outputs." in out


@pytest.mark.parametrize("damage, expected", [
    (_cut_short, "audio/mp3: section 'what-is-it' (1.1 What is it?) is incomplete: "
                 "002-what-is-it.mp3: duration 2.0 s is implausible"),
    (_delete, "audio/mp3: section 'what-is-it' (1.1 What is it?) is incomplete: no "
              "per-section MP3 file (NNN-<section id>.mp3)"),
], ids=["cut-short", "missing"])
def test_check_fails_and_names_the_section_with_damaged_audio(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], damage, expected: str) -> None:
    code, out = _build_and_check(tmp_path / "dist", capsys, damage)
    assert code == 1
    assert expected in " ".join(out.split())
