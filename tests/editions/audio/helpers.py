"""Helpers of the audio tests: the files of a built audio folder, an edited document, and ffmpeg
as a user's tool that damages a file."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import numpy as np
import pytest

from formats.core.contract import RuleResult
from formats.core.model import Document, Paragraph, Section, Text
from formats.outputs.mp3.measure import DECODE_RATE

SAMPLE_RATE = 22050


def use_own_cache(factory: pytest.TempPathFactory):
    """Yield a fresh audio cache folder, set (with the default engine, rate and voice) in the
    environment while a test module runs."""
    folder = factory.mktemp("audio-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOOLKIT_AUDIO_CACHE", str(folder))
        patch.delenv("TOOLKIT_AUDIO_ENGINE", raising=False)
        patch.delenv("TOOLKIT_AUDIO_RATE", raising=False)
        patch.delenv("TOOLKIT_AUDIO_VOICE", raising=False)
        yield folder


def section_files(folder: Path) -> list[Path]:
    """Return the per-section MP3 files, in file-name order."""
    return sorted(path for path in folder.glob("[0-9][0-9][0-9]-*.mp3")
                  if not path.name.startswith("000-"))


def book_of(folder: Path) -> Path:
    (book,) = folder.glob("*-complete.mp3")
    return book


def with_paragraph(document: Document, section_id: str, words: str) -> Document:
    """Return the document with one more paragraph at the end of one section."""

    def edit(section: Section) -> Section:
        children = tuple(edit(child) for child in section.children)
        blocks = section.blocks
        if section.id == section_id:
            blocks = (*blocks, Paragraph((Text(words),), section.location))
        return dataclasses.replace(section, blocks=blocks, children=children)

    return dataclasses.replace(document, chapters=tuple(edit(c) for c in document.chapters))


def with_blocks(document: Document, section_id: str, blocks: tuple) -> Document:
    """Return the document with one section's blocks replaced."""

    def edit(section: Section) -> Section:
        children = tuple(edit(child) for child in section.children)
        chosen = blocks if section.id == section_id else section.blocks
        return dataclasses.replace(section, blocks=chosen, children=children)

    return dataclasses.replace(document, chapters=tuple(edit(c) for c in document.chapters))


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


def reencode(path: Path, *options: str, samples: np.ndarray | None = None) -> None:
    """Encode ``path`` again with libmp3lame and ``options`` (from ``samples`` if given)."""
    out = path.with_name("re-encoded.mp3")
    if samples is None:
        ffmpeg("-i", str(path), *options, str(out))
    else:
        subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "f32le", "-ar",
                        str(DECODE_RATE), "-ac", "1", "-i", "-", *options, str(out)],
                       input=samples.astype("<f4").tobytes(), check=True)
    out.replace(path)


def result(results: list[RuleResult], rule: str, where: str) -> RuleResult:
    """Return the one result of ``rule`` on ``where``."""
    (found,) = [r for r in results if r.rule == rule and r.where == where]
    return found


def failures(results: list[RuleResult]) -> list[tuple[str, str, str]]:
    """Return (rule, where, message) of every failed result."""
    return [(r.rule, r.where, r.message) for r in results if not r.passed]
