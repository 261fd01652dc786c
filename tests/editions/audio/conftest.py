"""Fixtures of the audio tests: a cache folder of each module's own, and the mini fixture's audio
edition (built once a session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.model import Document
from tests.editions.audio.helpers import use_own_cache


@pytest.fixture(scope="module", autouse=True)
def audio_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep this module's synthesised sections in a cache folder of its own."""
    yield from use_own_cache(tmp_path_factory)


@pytest.fixture(scope="module")
def mini_audio(mini_document: Document, built) -> Path:
    """Return the folder of the mini fixture's audio edition."""
    return built(mini_document, "audio")
