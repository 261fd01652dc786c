"""A worker hands the memory it freed back to the system."""

from __future__ import annotations

import platform

from formats.core import free_memory


def test_glibc_is_asked_to_trim_the_heap() -> None:
    if platform.libc_ver()[0] == "glibc":
        assert free_memory._trim() is not None
    free_memory.give_back_free_memory()  # never raises, with or without glibc
