"""Fixtures of the audio tests: a cache folder of each module's own, and the mini fixture's audio
edition (built once a session), its rules' results, and a copy of it to damage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions.audio import EDITION as audio
from tests.editions.audio.helpers import use_own_cache


@pytest.fixture(scope="module", autouse=True)
def audio_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep this module's synthesised sections in a cache folder of its own."""
    yield from use_own_cache(tmp_path_factory)


@pytest.fixture(scope="module")
def mini_audio(mini_document: Document, built) -> Path:
    """Return the folder of the mini fixture's audio edition."""
    return built(mini_document, "audio")


@pytest.fixture(scope="module")
def mini_results(mini_document: Document, mini_audio: Path) -> list[RuleResult]:
    """Return the audio rules' results on the mini audio, as built."""
    return audio.rules(mini_document, mini_audio)


@pytest.fixture
def copy(mini_audio: Path, tmp_path: Path) -> Path:
    """Return a copy of the mini audio folder, to damage."""
    return Path(shutil.copytree(mini_audio, tmp_path / "audio"))
