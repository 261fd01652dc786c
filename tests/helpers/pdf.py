"""Helpers for tests that look inside PDFs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject

from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.editions import large_print, standard
from tests.conftest import Builds


def outline_items(writer: PdfWriter) -> Iterator[DictionaryObject]:
    def walk(first: Any) -> Iterator[DictionaryObject]:
        node = first
        while node is not None:
            node = node.get_object()
            yield node
            yield from walk(node.get("/First"))
            node = node.get("/Next")
    yield from walk(writer.root_object["/Outlines"].get_object().get("/First"))


def by_rule(results: list[RuleResult]) -> dict[str, RuleResult]:
    """Return rule results by rule name (each rule gives one result per file)."""
    found = {result.rule: result for result in results}
    assert len(found) == len(results)
    return found


def failures(results: list[RuleResult]) -> dict[str, str]:
    """Return the message of every failed rule, by rule name."""
    return {result.rule: result.message for result in results if not result.passed}


def structure(writer: PdfWriter) -> Iterator[DictionaryObject]:
    """Yield every structure element of a PDF being edited, in reading order."""
    stack: list[Any] = [writer.root_object["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if "/S" in node:
            yield node
        kids = node.get("/K")
        if kids is None or node.get("/Type") == "/OBJR":
            continue
        kids = kids.get_object()
        stack.extend(reversed([kid for kid in (kids if isinstance(kids, list) else [kids])
                               if not isinstance(kid, int)]))


def tampered(source: Path, target: Path, edit: Callable[[PdfWriter], Any]) -> tuple[Path, Any]:
    """Write ``source`` edited by ``edit`` to ``target``; return it and what the edit returned."""
    writer = PdfWriter(clone_from=source)
    detail = edit(writer)
    with target.open("wb") as file:
        writer.write(file)
    return target, detail


PDF_NAMES = {
    "standard": standard.pdf_name,
    "large-print": lambda document: f"{large_print.file_stem(document)}.pdf",
}


def built_pdf(built: Builds, document: Document, edition: str) -> Path:
    """Return the PDF of ``edition`` ("standard" or "large-print"), built once a session."""
    return built(document, edition) / PDF_NAMES[edition](document)
