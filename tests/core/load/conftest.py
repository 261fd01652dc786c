"""Fixtures for the loader's jobs: a fresh load state on an empty source folder, a reader of
Markdown blocks as if they were in a chapter file, and the problems found so far."""

from __future__ import annotations

from pathlib import Path

import pytest

from formats.core.load.blocks import BlockContext
from formats.core.load.chapters import SectionBuilder
from formats.core.load.markdown import parse_blocks
from formats.core.load.state import LoadState
from formats.core.model import Block
from tests.core.load.support import CHAPTER, Problems, ReadBlocks


@pytest.fixture
def state(tmp_path: Path) -> LoadState:
    """Return the state of a load of an empty source folder (with an empty chapters/)."""
    (tmp_path / "chapters").mkdir()
    return LoadState(tmp_path)


@pytest.fixture
def read_blocks(state: LoadState) -> ReadBlocks:
    """Return ``read(markdown, section=None)``: the model blocks of ``markdown`` read as the
    body of chapters/test.md, inside ``section`` when one is given."""
    def read(markdown: str, section: SectionBuilder | None = None) -> list[Block]:
        context = BlockContext(state, state.source_dir / CHAPTER, section)
        return [block for node in parse_blocks(markdown) for block in context.blocks(node)]
    return read


@pytest.fixture
def problems(state: LoadState) -> Problems:
    """Return ``problems()``: the problems found so far, without the source folder's path."""
    return lambda: [item.removeprefix(f"{state.source_dir}/") for item in state.problems.items]

