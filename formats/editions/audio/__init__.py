"""The audio edition: one MP3 per section, the whole book with ID3v2 chapters, a playlist.

What is said comes from the document model (:mod:`formats.editions.audio.spoken`), with the source's
pronunciation lexicon applied; each section is synthesised (espeak-ng or pyttsx3), brought to
-18 LUFS with true peaks under -3 dBTP, given silence before and after, and encoded as 64 kbps
constant-bit-rate mono MP3. Sections are made in parallel and cached outside the output folder,
so that editing one section synthesises only that section again. The voice, rate, engine and
cache folder are read from environment variables (:mod:`formats.editions.audio.settings`).

The read-back (:mod:`formats.editions.audio.reading`) reads the files: the book's chapters, the
per-section files, their durations and format. The rules of standards.md ("Audio") are
measured on the built files by :mod:`formats.editions.audio.rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from formats.core.contract import Edition, ReadBack, RuleResult
from formats.core.model import Document, Medium
from formats.editions.audio import settings


class AudioEdition(Edition):
    """One MP3 per section, the whole book with chapters, a playlist and transcripts."""

    name = "audio"
    media: ClassVar[Mapping[str, Medium]] = {"audio/mp3": "spoken"}

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the audio edition into ``out_dir``; return the files written.

        Raises RenderError when a setting is wrong or the speech engine fails.
        """
        from formats.editions.audio.make import build  # numpy, scipy, LAME: only when needed

        return build(document, out_dir, settings.from_environment()).files

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what the audio files hold: one ReadBack, ``audio/mp3``, of the sections."""
        from formats.editions.audio import reading

        return reading.read_back(out_dir)

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the audio rules (loudness, true peak, silences, format, chapters, playlist,
        opening, lexicon) measured on the files in ``out_dir``."""
        from formats.editions.audio import rules as audio_rules

        return audio_rules.rules(document, out_dir)


EDITION = AudioEdition()
