"""What the loader's tests share besides fixtures: the chapter file they read blocks as, and the
types of the ``read_blocks`` and ``problems`` fixtures (see conftest.py)."""

from __future__ import annotations

from collections.abc import Callable

from formats.core.model import Block

CHAPTER = "chapters/test.md"

ReadBlocks = Callable[..., list[Block]]
Problems = Callable[[], list[str]]
