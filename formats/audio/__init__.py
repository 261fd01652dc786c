"""The audio edition: one MP3 per section, the whole book with ID3v2 chapters, a playlist.

What is said comes from the document model (:mod:`formats.audio.spoken`), with the source's
pronunciation lexicon applied; each section is synthesised (espeak-ng or pyttsx3), brought to
-18 LUFS with true peaks under -3 dBTP, given silence before and after, and encoded as 64 kbps
constant-bit-rate mono MP3. Sections are made in parallel and cached outside the output folder,
so that editing one section synthesises only that section again. The voice, rate, engine and
cache folder are read from environment variables (:mod:`formats.audio.settings`).

The read-back (:mod:`formats.audio.reading`) reads the files: the book's chapters, the
per-section files, their durations and format. The rules of standards.md ("Audio") are
measured on the built files by :mod:`formats.audio.rules`.
"""

from __future__ import annotations

from pathlib import Path

from formats.audio import reading, settings
from formats.audio import rules as audio_rules
from formats.audio.make import AudioBuild, build
from formats.model import Document
from formats.readback import ReadBack, RuleResult

NAME = "audio"

__all__ = ["NAME", "AudioBuild", "build", "read_back", "render", "rules"]


def render(document: Document, out_dir: Path) -> list[Path]:
    """Write the audio edition into ``out_dir``; return the files written.

    Raise RenderError when a setting is wrong or the speech engine fails.
    """
    return build(document, out_dir, settings.from_environment()).files


def read_back(out_dir: Path) -> list[ReadBack]:
    """Return what the audio files hold: one ReadBack, ``audio/mp3``, of the sections found."""
    return reading.read_back(out_dir)


def rules(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the audio rules (loudness, true peak, silences, format, chapters, playlist,
    opening, lexicon) measured on the files in ``out_dir``; see :mod:`formats.audio.rules`."""
    return audio_rules.rules(document, out_dir)
