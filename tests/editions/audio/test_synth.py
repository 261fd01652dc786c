"""The sections synthesised in parallel: this process makes sections beside its workers (one
worker fewer in memory), and its workers wait while the build's helper slot is held."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from formats.core.contract import RenderError
from formats.core.helper_slot import helper_slot, slot_file
from formats.core.model import Document
from formats.editions.audio import settings, synth
from formats.editions.audio.spoken import script

ORIGINAL = synth.synthesise_section  # in a worker process too: it imports this module afresh


def made_where(job: synth.Job, chosen: settings.Settings) -> str:
    """Make the section, and note which process made it (a file beside its cache entry)."""
    key = ORIGINAL(job, chosen)
    (chosen.cache / f"{job.cache_key}.made-by").write_text(str(os.getpid()), encoding="utf-8")
    return key


def no_voice(job: synth.Job, chosen: settings.Settings) -> str:
    raise RenderError("audio: no voice")


@pytest.fixture
def jobs(mini_document: Document, tmp_path: Path) -> list[tuple[synth.Job, settings.Settings]]:
    """Return the mini fixture's first four sections as jobs for two processes, with a cache of
    the test's own."""
    chosen = dataclasses.replace(settings.from_environment(), workers=2, cache=tmp_path)
    return [(synth.job_of(section, chosen), chosen) for section in script(mini_document)[:4]]


def makers(folder: Path) -> set[int]:
    return {int(path.read_text(encoding="utf-8")) for path in folder.glob("*.made-by")}


def test_this_process_makes_sections_beside_one_worker(
        jobs: list[tuple[synth.Job, settings.Settings]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "synthesise_section", made_where)
    synth._synthesise_all(jobs)
    assert len(list(tmp_path.glob("*.made-by"))) == len(jobs)
    assert os.getpid() in makers(tmp_path) and len(makers(tmp_path)) == 2


def test_while_the_helper_slot_is_held_this_process_makes_every_section(
        jobs: list[tuple[synth.Job, settings.Settings]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synth, "synthesise_section", made_where)
    with slot_file(tmp_path / "helpers.lock"), helper_slot():  # LibreOffice, say
        synth._synthesise_all(jobs)
    assert makers(tmp_path) == {os.getpid()}
    assert len(list(tmp_path.glob("*.made-by"))) == len(jobs)


def test_a_section_that_fails_here_stops_the_workers_and_is_the_error(
        jobs: list[tuple[synth.Job, settings.Settings]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(synth, "synthesise_section", no_voice)
    with pytest.raises(RenderError, match=r"^audio: no voice$"):
        synth._synthesise_all(jobs)


def test_a_clip_is_written_from_its_cache_entry_and_a_shortened_entry_is_an_error(
        mini_document: Document, tmp_path: Path) -> None:
    chosen = dataclasses.replace(settings.from_environment(), workers=1, cache=tmp_path)
    section = script(mini_document)[1]
    clip = synth.make_clips([section], chosen).by_id[section.id]
    entry = clip.path.read_bytes()
    assert (clip.offset, clip.size, clip.header) == (0, len(entry), entry[:4])
    written = tmp_path / "out.mp3"
    with written.open("wb") as file:
        clip.write_to(file)
    assert written.read_bytes() == entry
    clip.path.write_bytes(entry[:len(entry) // 2])
    with written.open("wb") as file, pytest.raises(RenderError, match="is shorter than it was"):
        clip.write_to(file)
