"""An optional natural-sounding engine: hibari (``pip install hibari-tts``, or this project's
``neural`` extra), Kokoro voices distilled to 8 MB, run by onnxruntime on the CPU.

Its American voice (``heart``) is inside the wheel; its British voices (``emma``, ``fable``)
are downloaded once, on a machine with a network. It writes 24 kHz speech, which is resampled
to the edition's rate. With a fixed seed the same text gives the same audio. The lexicon
reaches it as words (``eye-liss``), which its own phonemizer turns into phonemes; espeak-ng
phonemes (``[[...]]``) are for espeak-ng only.
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import numpy as np
from scipy.signal import resample_poly

from formats.core.contract import RenderError

DEFAULT_VOICE = "heart"  # the voice inside the wheel
SEED = 0
MODEL_RATE = 24000
_MODELS: dict[str, Any] = {}  # this process's model, loaded once


class HibariEngine:
    """hibari's model, loaded once a process, saying one passage at a time."""

    name = "hibari"
    reads_markup = False

    def __init__(self, voice: str, rate: int, sample_rate: int, default_rate: int) -> None:
        self.voice = voice
        self.speed = max(0.5, min(2.0, rate / default_rate))
        self.sample_rate = sample_rate

    def synthesise(self, text: str, wav: Path, markup: bool = False) -> None:
        """Write ``text`` spoken into ``wav`` (16-bit mono at the edition's rate); raise
        RenderError when hibari is not installed or fails."""
        audio = _model(self.voice)(text, speed=self.speed, seed=SEED) if text.strip() \
            else np.zeros(0, dtype=np.float32)
        samples = resample_poly(np.asarray(audio, dtype=np.float64), self.sample_rate // 50,
                                MODEL_RATE // 50)
        pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2")
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(self.sample_rate)
            out.writeframes(pcm.tobytes())


def _model(voice: str) -> Any:
    """Return this process's hibari model of ``voice``; raise RenderError when it cannot be
    had."""
    if voice not in _MODELS:
        try:
            from hibari import Hibari  # type: ignore[import-untyped]  # hibari has no types
        except ImportError as error:
            raise RenderError("audio: the hibari engine needs the hibari-tts package (pip "
                              "install 'hibari-tts==0.2.1', or this project's 'neural' "
                              "extra)") from error
        try:
            _MODELS[voice] = Hibari(voice=voice)
        except Exception as error:  # a download or model error of any kind
            raise RenderError(f"audio: hibari cannot load the voice '{voice}' ({error}); the "
                              f"voice inside the package is '{DEFAULT_VOICE}'") from error
    return _MODELS[voice]
