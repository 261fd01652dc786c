"""How the audio edition is made: engine, voice, rate, cache folder and the fixed audio targets.

The voice settings come from environment variables, so that the command line (or a test) can
change them without a new interface; ``render(document, out_dir)`` uses them as defaults:

=========================  ============================================  =====================
variable                   meaning                                       default
=========================  ============================================  =====================
``TOOLKIT_AUDIO_ENGINE``   ``espeak-ng`` (the command), ``pyttsx3``, or  ``espeak-ng`` when the
                           ``hibari`` (optional, see                     command exists
                           :mod:`formats.editions.audio.neural`)
``TOOLKIT_AUDIO_VOICE``    an espeak-ng voice or language (``en-gb``,    ``en-gb``
                           ``en-gb-scotland`` for Scottish English); with
                           pyttsx3, the id, name or language of a voice
                           of the system (SAPI5 on Windows, NSSpeech on
                           macOS, espeak on Linux)
``TOOLKIT_AUDIO_RATE``     words a minute                                ``160``
``TOOLKIT_AUDIO_CACHE``    folder of synthesised sections                see :func:`cache_folder`
``TOOLKIT_AUDIO_WORKERS``  sections synthesised at once                  the number of CPUs
=========================  ============================================  =====================

The Scottish English voice (``en-gb-scotland``) is one of :data:`SUGGESTED_VOICES`; with
espeak-ng, a voice it does not have is an error that names the English voices it has.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from formats.core.caches import cache_root
from formats.core.contract import RenderError
from formats.outputs.mp3.mastering import Encoding, Mastering

ENGINES = ("espeak-ng", "pyttsx3", "hibari")
DEFAULT_VOICE = "en-gb"
SUGGESTED_VOICES = ("en-gb", "en-gb-scotland", "en-gb-x-rp")  # espeak-ng's British voices
DEFAULT_RATE = 160
RATE_RANGE = (80, 400)
EASY_READ_RATE = 7 / 8  # the Easy Read text is said at 7/8 of the rate: 140 words a minute

# The audio every file is made to (standards.md, Audio).
SAMPLE_RATE = 22050  # Hz: espeak-ng's own rate, one of the two the standard allows
BITRATE_KBPS = 64  # constant bit rate, the standard's minimum for speech
TARGET_LUFS = -18.0  # integrated loudness
PEAK_CEILING_DBTP = -5.0  # true peak before encoding: MP3 encoding adds up to about 1.2 dB
LEAD_SILENCE_S = 0.75  # before the first word of each file (0.5 to 1 s)
TAIL_SILENCE_S = 1.5  # after the last word of each file (1 to 3 s)
# Between two chapters of the whole book: one file's tail and the next one's lead, about 2.3 s.
# LAME's algorithm quality (0 best, 9 worst). 64 kbit/s is a generous rate for mono speech at
# 22 050 Hz, and at 7 (no noise shaping) the decoded speech is closer to what was mastered
# than at LAME's default 5 (31 dB against 25 dB signal to noise, 216 s of the introduction)
# while encoding takes 0.31 s instead of 0.55 s: encoding was the audio build's largest cost.
MP3_QUALITY = 7

MASTERING = Mastering(SAMPLE_RATE, TARGET_LUFS, PEAK_CEILING_DBTP, LEAD_SILENCE_S, TAIL_SILENCE_S)
ENCODING = Encoding(SAMPLE_RATE, BITRATE_KBPS, MP3_QUALITY)

# Change this when the processing changes, so that cached sections are made again.
PROCESSING_VERSION = "7"


@dataclass(frozen=True)
class Settings:
    """The choices that change the sound of a section (engine, voice, rate) and where to work."""

    engine: str
    voice: str
    rate: int
    cache: Path
    workers: int

    @property
    def voice_key(self) -> dict[str, object]:
        """Return what, besides the text, decides a section's audio (the cache key's part)."""
        return {"engine": self.engine, "voice": self.voice, "rate": self.rate,
                "sample_rate": SAMPLE_RATE, "bitrate": BITRATE_KBPS, "lufs": TARGET_LUFS,
                "ceiling": PEAK_CEILING_DBTP, "lead": LEAD_SILENCE_S, "tail": TAIL_SILENCE_S,
                "quality": MP3_QUALITY, "version": PROCESSING_VERSION}


def easy_read_settings(settings: Settings) -> Settings:
    """Return the settings the Easy Read text is said with: the same, at 7/8 of the rate."""
    return dataclasses.replace(settings, rate=round(settings.rate * EASY_READ_RATE))


def default_engine() -> str:
    """Return ``espeak-ng`` when the command is installed (it is the faster), else ``pyttsx3``."""
    return "espeak-ng" if shutil.which("espeak-ng") else "pyttsx3"


def cache_folder() -> Path:
    """Return the cache folder: $TOOLKIT_AUDIO_CACHE, else ``audio`` in the tool's cache
    folder (:func:`formats.core.caches.cache_root`).

    The cache is never inside the output folder: the build writes outputs to a staging folder
    and replaces ``dist/audio`` with it, which would throw the cache away.
    """
    explicit = os.environ.get("TOOLKIT_AUDIO_CACHE")
    if explicit:
        return Path(explicit)
    return cache_root() / "audio"


def from_environment() -> Settings:
    """Return the settings from the environment; raise RenderError for a value that is wrong."""
    engine = os.environ.get("TOOLKIT_AUDIO_ENGINE") or default_engine()
    if engine not in ENGINES:
        raise RenderError(f"audio: TOOLKIT_AUDIO_ENGINE is '{engine}'; use one of: "
                          f"{', '.join(ENGINES)}")
    voice = os.environ.get("TOOLKIT_AUDIO_VOICE") or DEFAULT_VOICE
    if engine == "espeak-ng":
        _check_espeak_voice(voice)
    rate = _whole_number("TOOLKIT_AUDIO_RATE", DEFAULT_RATE, RATE_RANGE)
    workers = _whole_number("TOOLKIT_AUDIO_WORKERS", os.cpu_count() or 1, (1, 64))
    return Settings(engine, voice, rate, cache_folder(), workers)


def espeak_voices(language: str = "") -> list[str]:
    """Return the voices espeak-ng has (of ``language`` when given): their language names and
    file names, or [] when espeak-ng is not installed."""
    try:
        listing = subprocess.run(["espeak-ng", f"--voices={language}"], capture_output=True,
                                 text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    names = []
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            names += [fields[1], fields[4].rsplit("/", 1)[-1].lower()]
    return names


def _check_espeak_voice(voice: str) -> None:
    """Raise RenderError when espeak-ng (if installed) has no voice ``voice``."""
    voices = espeak_voices()
    if voices and voice.lower() not in {name.lower() for name in voices}:
        english = sorted({name for name in espeak_voices("en") if name.startswith("en")})
        raise RenderError(f"audio: espeak-ng has no voice '{voice}'; its English voices are: "
                          f"{', '.join(english)}")


def _whole_number(name: str, default: int, allowed: tuple[int, int]) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    low, high = allowed
    if not raw.strip().isdigit() or not low <= int(raw) <= high:
        raise RenderError(f"audio: {name} is '{raw}'; use a whole number from {low} to {high}")
    return int(raw)
