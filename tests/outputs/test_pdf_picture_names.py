"""Pictures in a PDF are named after their bytes (formats.outputs.pdf.picture_names): the same
page with the same pictures gives the same PDF, wherever the pictures are read from."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from pypdf import PdfReader

from formats.core.names import TEMPLATES
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.picture_names import name_pictures_by_content

RED = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8"
                       "/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==")


def _page_with_pictures(folder: Path, pictures: dict[str, bytes]) -> Path:
    """Write each picture into ``folder`` and a PDF showing them; return the PDF."""
    folder.mkdir(parents=True)
    images = ""
    for name, data in pictures.items():
        (folder / name).write_bytes(data)
        images += f'<p><img src="{(folder / name).as_uri()}" alt="A {name}"></p>'
    html = (f'<html lang="en-GB"><head><title>Pictures</title></head><body><h1>Pictures</h1>'
            f"{images}</body></html>")
    return pdf_writer.write_pdf(html, folder / "page.pdf", TEMPLATES)


def _picture_names(pdf: Path) -> list[str]:
    return sorted(str(name) for page in PdfReader(pdf).pages
                  for name in page["/Resources"].get("/XObject", {}))


def test_the_same_pictures_read_from_two_folders_give_the_same_pdf(tmp_path: Path) -> None:
    first = _page_with_pictures(tmp_path / "ann" / "toolkit", {"tick.png": RED})
    second = _page_with_pictures(tmp_path / "srv" / "build", {"tick.png": RED})
    assert first.read_bytes() == second.read_bytes()


def test_without_it_the_folder_changes_the_bytes(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_writer, "name_pictures_by_content", lambda images: 0)
    first = _page_with_pictures(tmp_path / "ann" / "toolkit", {"tick.png": RED})
    second = _page_with_pictures(tmp_path / "srv" / "build", {"tick.png": RED})
    assert _picture_names(first) != _picture_names(second)


def test_two_pictures_get_two_names_and_one_picture_one(tmp_path: Path) -> None:
    pdf = _page_with_pictures(tmp_path / "two", {"red.png": RED, "blue.png": _blue_png(),
                                                 "again.png": RED})
    assert len(_picture_names(pdf)) == 2  # the red picture twice is one object


def test_only_raster_pictures_with_their_bytes_are_named() -> None:
    assert name_pictures_by_content({"data:text/css,": b"bytes WeasyPrint keeps"}) == 0


def _blue_png() -> bytes:
    """Return a 1 x 1 blue PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))
