"""Helpers for tests that look inside PDFs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject


def outline_items(writer: PdfWriter) -> Iterator[DictionaryObject]:
    def walk(first: Any) -> Iterator[DictionaryObject]:
        node = first
        while node is not None:
            node = node.get_object()
            yield node
            yield from walk(node.get("/First"))
            node = node.get("/Next")
    yield from walk(writer.root_object["/Outlines"].get_object().get("/First"))
