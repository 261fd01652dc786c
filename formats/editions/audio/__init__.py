"""The audio edition: one MP3 per section, the whole book with ID3v2 chapters, a playlist.

What is said comes from the document model (:mod:`formats.editions.audio.spoken`), with the source's
pronunciation lexicon applied; each section is synthesised (espeak-ng or pyttsx3), brought to
-18 LUFS with true peaks under -3 dBTP, given silence before and after, and encoded as 64 kbps
constant-bit-rate mono MP3. Sections are made in parallel and cached outside the output folder,
so that editing one section synthesises only that section again. The voice, rate, engine and
cache folder are read from environment variables (:mod:`formats.editions.audio.settings`).

When the document has an Easy Read text, the edition also speaks it, more slowly, into its
``easy-read`` folder (:mod:`formats.editions.audio.easy_read_spoken`,
:mod:`formats.editions.audio.easy_read_make`): a track per part, the word list, a whole book,
a playlist and ``passages.json``, for listeners and for the EPUB's media overlays.

The read-back (:mod:`formats.editions.audio.reading`) reads the files: the book's chapters, the
per-section files, their durations and format; the Easy Read audio is a second output. The
rules of standards.md ("Audio") are measured on the built files by
:mod:`formats.editions.audio.rules`, on the Easy Read audio's files too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from formats.core.contract import (
    Edition,
    Expected,
    ReadBack,
    RuleResult,
    easy_read_expected,
)
from formats.core.model import Document, Medium
from formats.editions.audio import settings
from formats.editions.audio.files import EASY_READ_OUTPUT


class AudioEdition(Edition):
    """One MP3 per section, the whole book with chapters, a playlist and transcripts."""

    name = "audio"
    check_seconds = 23.0
    build_seconds = 32.0
    memory_mb = 350.0  # this process and its speech workers
    media: ClassVar[Mapping[str, Medium]] = {"audio/mp3": "spoken",
                                             EASY_READ_OUTPUT: "spoken"}

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the audio edition into ``out_dir``; return the files written.

        Raises RenderError when a setting is wrong or the speech engine fails.
        """
        from formats.editions.audio.make import build  # numpy, scipy, LAME: only when needed

        return build(document, out_dir, settings.from_environment()).files

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what the audio files hold: ``audio/mp3``, of the sections, and, when there is
        an Easy Read audio, ``audio/easy-read-mp3``, of its parts."""
        from formats.editions.audio import reading

        return reading.read_back(out_dir)

    def expected_for(self, document: Document, output: str) -> dict[str, Expected]:
        """Return what an output must hold for every standard section: for the Easy Read
        audio, the Easy Read part that covers it; for the main audio, the section itself."""
        if output == EASY_READ_OUTPUT:
            return easy_read_expected(document)
        return self.expected(document)

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the audio rules (loudness, true peak, silences, format, chapters, playlist,
        opening, lexicon) measured on the files in ``out_dir``, then those of the Easy Read
        audio (its files, playlist, passages and pauses) when the document has an Easy Read
        text."""
        from formats.editions.audio import rules as audio_rules
        from formats.editions.audio.easy_read_rules import easy_read_rules

        return audio_rules.rules(document, out_dir) + easy_read_rules(document, out_dir)


EDITION = AudioEdition()
