"""Sections to finished MP3 frames, through the cache, in parallel across the CPU cores.

A section missing from the cache is made by a worker process (synthesise, master, encode,
store): processes, not threads, because mastering and LAME hold Python's lock, and because
pyttsx3 allows one engine per process. Workers are started with ``spawn`` so they never inherit
the build's threads (its progress bar) or locks.
"""

from __future__ import annotations

import multiprocessing
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from formats.core.contract import RenderError
from formats.editions.audio import cache
from formats.editions.audio.engines import engine_named
from formats.editions.audio.settings import ENCODING, MASTERING, SAMPLE_RATE, Settings
from formats.editions.audio.spoken import SpokenSection
from formats.outputs.mp3.encode import encode_mp3, master, read_wav
from formats.outputs.mp3.stream import audio_frames, frames, frames_seconds


@dataclass(frozen=True)
class Clip:
    """A section's finished audio: MP3 frames (no Info frame, no tags) and how long they play."""

    audio: bytes
    frame_count: int

    @property
    def seconds(self) -> float:
        return frames_seconds(self.frame_count, SAMPLE_RATE)


@dataclass(frozen=True)
class Clips:
    """The clips of some sections by id, and the ids whose audio had to be synthesised."""

    by_id: dict[str, Clip]
    synthesised: list[str]


def make_clips(sections: list[SpokenSection], settings: Settings) -> Clips:
    """Return the audio of every section: from the cache, or synthesised and then cached.

    Raise RenderError when an engine fails.
    """
    keys = {section.id: cache.key(section.text, settings) for section in sections}
    todo: dict[str, SpokenSection] = {}
    for section in sections:
        if cache.lookup(settings.cache, keys[section.id]) is None:
            todo.setdefault(keys[section.id], section)
    _synthesise_all(list(todo.values()), keys, settings)
    clips = {section.id: _clip(cache.entry(settings.cache, keys[section.id]))
             for section in sections}
    made = [section.id for section in sections if keys[section.id] in todo]
    return Clips(clips, made)


def _clip(path: Path) -> Clip:
    """Return the clip in a cache entry; raise RenderError when it holds no MP3 frames."""
    try:
        audio = audio_frames(path.read_bytes())
    except RenderError as error:
        raise RenderError(f"{error} (a damaged cache entry? delete the audio cache folder and "
                          "build again)") from error
    return Clip(audio, len(frames(audio)))


def _synthesise_all(sections: list[SpokenSection], keys: dict[str, str],
                    settings: Settings) -> None:
    """Make and cache the audio of ``sections``, longest first, on up to ``workers`` processes."""
    jobs = sorted(sections, key=lambda section: len(section.text), reverse=True)
    workers = min(settings.workers, len(jobs))
    if workers <= 1:
        for section in jobs:
            synthesise_section(section.text, settings, keys[section.id])
        return
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [pool.submit(synthesise_section, section.text, settings, keys[section.id])
                       for section in jobs]
            for future in futures:
                future.result()
    except BrokenProcessPool as error:
        raise RenderError(f"audio: a synthesis worker stopped unexpectedly ({error})") from error


def synthesise_section(text: str, settings: Settings, cache_key: str) -> str:
    """Synthesise, master and encode one section's text, store it in the cache; return its key.

    Raise RenderError when the engine fails.
    """
    engine = engine_named(settings.engine, settings.voice, settings.rate)
    with tempfile.TemporaryDirectory(prefix="audio-section-") as folder:
        wav = Path(folder) / "speech.wav"
        engine.synthesise(text, wav)
        samples = read_wav(wav, SAMPLE_RATE)
    cache.store(settings.cache, cache_key, encode_mp3(master(samples, MASTERING), ENCODING))
    return cache_key
