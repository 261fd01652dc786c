"""Sections to finished MP3 frames, through the cache, in parallel across the CPU cores.

A section missing from the cache is made by this process or a worker process beside it: its
passages are spoken (:mod:`formats.editions.audio.passage_audio`), joined with their pauses,
mastered, encoded and stored with each passage's start and end. Processes, not threads, because
mastering and LAME hold Python's lock, and because pyttsx3 allows one engine per process (this
process makes its share itself, while a thread of its own feeds the workers). Workers are
started with ``spawn`` so they never inherit the build's threads (its progress bar) or locks.
"""

from __future__ import annotations

import json
import multiprocessing
import tempfile
import threading
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from formats.core.contract import RenderError
from formats.core.free_memory import keep_the_heap_small
from formats.core.helper_slot import helper_slot
from formats.editions.audio import cache
from formats.editions.audio.engines import engine_named
from formats.editions.audio.passage_audio import join, speak
from formats.editions.audio.settings import ENCODING, MASTERING, SAMPLE_RATE, Settings
from formats.editions.audio.spoken import SpokenSection
from formats.outputs.mp3.encode import ENCODER_DELAY_SAMPLES, encode_mp3, master
from formats.outputs.mp3.stream import audio_run, frames_seconds

_COPY_PIECE = 1 << 20  # bytes of a clip copied at a time


@dataclass(frozen=True)
class Clip:
    """A section's finished audio: where its MP3 frames are (no Info frame, no tags: ``size``
    bytes of the cache entry ``path`` from ``offset``), how many, the first one's header, and
    where each passage starts and ends in it (seconds, as a decoder plays the file). The
    frames stay in the cache until a file is written: a recording's clips are tens of
    megabytes, which a build held while LibreOffice ran beside it."""

    path: Path
    offset: int
    size: int
    frame_count: int
    header: bytes
    spans: tuple[tuple[float, float], ...]

    @property
    def seconds(self) -> float:
        return frames_seconds(self.frame_count, SAMPLE_RATE)

    def write_to(self, file: BinaryIO) -> None:
        """Write the clip's frames to ``file``, a piece at a time. Raises RenderError when the
        cache entry changed since it was read."""
        with self.path.open("rb") as entry:
            entry.seek(self.offset)
            left = self.size
            while left:
                piece = entry.read(min(left, _COPY_PIECE))
                if not piece:
                    raise RenderError(f"audio: the cache entry {self.path} is shorter than it "
                                      "was (delete the audio cache folder and build again)")
                file.write(piece)
                left -= len(piece)


@dataclass(frozen=True)
class Clips:
    """The clips of some sections by id, and the ids whose audio had to be synthesised."""

    by_id: dict[str, Clip]
    synthesised: list[str]


@dataclass(frozen=True)
class Job:
    """What a worker needs to make a section: what the engine says, the pauses, the key."""

    texts: tuple[str, ...]
    pauses: tuple[float, ...]
    cache_key: str


def job_of(section: SpokenSection, settings: Settings) -> Job:
    """Return the job of a section: the engine's input for each passage and its pause."""
    reads_markup = engine_named(settings.engine, settings.voice, settings.rate).reads_markup
    texts = tuple(passage.speech if reads_markup else passage.text
                  for passage in section.passages)
    pauses = tuple(passage.pause for passage in section.passages)
    return Job(texts, pauses, cache.key({"texts": texts, "pauses": pauses}, settings))


def make_clips(sections: list[SpokenSection], settings: Settings) -> Clips:
    """Return the audio of every section: from the cache, or synthesised and then cached.

    Raise RenderError when an engine fails.
    """
    return make_clip_groups([(sections, settings)])[0]


def make_clip_groups(groups: list[tuple[list[SpokenSection], Settings]]) -> list[Clips]:
    """Return the audio of each group of sections, each group said with its own settings (the
    Easy Read text more slowly): from the cache, or synthesised, all groups' sections on the
    same workers, then cached. Raise RenderError when an engine fails."""
    jobs = [{section.id: job_of(section, settings) for section in sections}
            for sections, settings in groups]
    todo: dict[str, tuple[Job, Settings]] = {}
    for (_, settings), group_jobs in zip(groups, jobs, strict=True):
        for job in group_jobs.values():
            if cache.lookup(settings.cache, job.cache_key) is None:
                todo.setdefault(job.cache_key, (job, settings))
    _synthesise_all(list(todo.values()))
    found = []
    for (sections, settings), group_jobs in zip(groups, jobs, strict=True):
        clips = {section.id: _clip(cache.entry(settings.cache, group_jobs[section.id].cache_key))
                 for section in sections}
        made = [section.id for section in sections if group_jobs[section.id].cache_key in todo]
        found.append(Clips(clips, made))
    return found


def _clip(path: Path) -> Clip:
    """Return the clip in a cache entry (its frames are counted, then left there); raise
    RenderError when it holds no MP3 frames."""
    try:
        offset, size, count = audio_run(path.read_bytes())
        with path.open("rb") as entry:
            entry.seek(offset)
            header = entry.read(4)
        spans = json.loads(cache.timings(path).read_text(encoding="utf-8"))
    except (RenderError, ValueError, OSError) as error:
        raise RenderError(f"{error} (a damaged cache entry? delete the audio cache folder and "
                          "build again)") from error
    return Clip(path, offset, size, count, header, tuple((start, end) for start, end in spans))


def _synthesise_all(jobs: list[tuple[Job, Settings]]) -> None:
    """Make and cache the audio of ``jobs`` (each with its settings), longest first, on up to
    ``workers`` processes (the most any job's settings allow): this one and ``workers - 1``
    spawned workers, each taking the next job when it is free. This process works too, rather
    than waiting for its workers: a worker is one more copy of the libraries in memory.
    Raises RenderError when an engine fails or a worker stops."""
    jobs = sorted(jobs, key=lambda job: sum(len(text) for text in job[0].texts), reverse=True)
    workers = min(max((settings.workers for _, settings in jobs), default=1), len(jobs))
    todo = deque(jobs)
    if workers <= 1:
        _work_through(todo)
        return
    helpers = _Helpers(todo, workers - 1)
    helpers.start()
    try:
        _work_through(todo, helpers.failed)
    except BaseException:
        helpers.finish(failed=True)
        raise
    helpers.finish()


def _work_through(todo: deque[tuple[Job, Settings]],
                  stop: threading.Event | None = None) -> None:
    """Make the jobs of ``todo`` in this process, one after the other, until none is left
    (or ``stop`` is set). Raises what a job raised."""
    while not (stop is not None and stop.is_set()):
        try:
            job, settings = todo.popleft()
        except IndexError:
            return
        synthesise_section(job, settings)


class _Helpers:
    """Spawned worker processes that take jobs from a shared queue beside this process, fed by
    a thread of their own (one job at a time per worker, so that none is taken that this
    process could have made first); ``failed`` is set when one of their jobs fails. They are
    started once the build's helper slot is free (:mod:`formats.core.helper_slot`: LibreOffice
    is not run beside them) and let it go when no job is left for them."""

    def __init__(self, todo: deque[tuple[Job, Settings]], count: int) -> None:
        self.todo = todo
        self.count = count
        self.failed = threading.Event()
        self.done = threading.Event()  # this process made the last job: workers are too late
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._feed, name="speech-workers", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _feed(self) -> None:
        try:
            with helper_slot(give_up=self.done) as held:
                if held and self.todo and not self.failed.is_set():
                    with ProcessPoolExecutor(
                            max_workers=self.count, initializer=keep_the_heap_small,
                            mp_context=multiprocessing.get_context("spawn")) as pool:
                        self._hand_out(pool)
        except BaseException as error:  # handed to the thread that waits
            self.error = error
            self.failed.set()

    def _hand_out(self, pool: ProcessPoolExecutor) -> None:
        """Give the workers of ``pool`` the next job as each gets free, until none is left or
        one failed; raise what a job raised."""
        running: set[Future[str]] = set()
        try:
            while not self.failed.is_set():
                while len(running) < self.count:
                    try:
                        job, settings = self.todo.popleft()
                    except IndexError:
                        break
                    running.add(pool.submit(synthesise_section, job, settings))
                if not running:
                    return
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    future.result()
        finally:
            for future in running:
                future.cancel()

    def finish(self, failed: bool = False) -> None:
        """Wait for the jobs handed out and end the workers (``failed``: this process's own
        job failed; hand out no more). Raises RenderError when a worker stopped, else what a
        worker's job raised (unless ``failed``: this process's error is the one raised)."""
        if failed:
            self.failed.set()
        self.done.set()
        self.thread.join()
        if failed:
            return
        if isinstance(self.error, BrokenProcessPool):
            raise RenderError(f"audio: a synthesis worker stopped unexpectedly "
                              f"({self.error})") from self.error
        if self.error is not None:
            raise self.error


def synthesise_section(job: Job, settings: Settings) -> str:
    """Speak, join, master and encode one section's passages, store them in the cache with
    their timings; return the key. Raise RenderError when the engine fails."""
    engine = engine_named(settings.engine, settings.voice, settings.rate)
    with tempfile.TemporaryDirectory(prefix="audio-section-") as folder:
        pieces = speak(engine, list(job.texts), Path(folder), SAMPLE_RATE)
    # a section is minutes of samples: each array is let go as soon as the next is made
    joined, spans = join(pieces, list(job.pauses), SAMPLE_RATE)
    del pieces
    mastered = master(joined, MASTERING, overwrite=True)
    del joined
    audio = encode_mp3(mastered, ENCODING)
    del mastered
    offset = MASTERING.lead_s + ENCODER_DELAY_SAMPLES / SAMPLE_RATE
    timed = [(round(start + offset, 3), round(end + offset, 3)) for start, end in spans]
    cache.store(settings.cache, job.cache_key, audio, timed)
    return job.cache_key
