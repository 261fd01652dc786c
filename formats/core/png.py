"""The size of a PNG picture, read from its header: the Easy Read pictures must be PNG files
(the Word booklets take PNG), and their pages size each picture from it."""

from __future__ import annotations

import struct
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Return (width, height) in pixels of a PNG file; raise ValueError when it is not a PNG."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG picture")
    width, height = struct.unpack(">II", head[16:24])
    return width, height
