"""The build manifest (``manifest.json`` in the output folder): written and read here only.

It records the publication (title, identifier, edition number and date), the tool version and
the source hash, and, for every edition built, the source hash it was built from and every file
written with its size, sha256 and the section ids an independent reader found in it; the check
reads it to say which editions were built and whether they are older than the source.

The build time is ``SOURCE_DATE_EPOCH`` when that is set (see reproducible-builds.org), so that
two builds of the same source with the same value give the same manifest, byte for byte.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import os
from pathlib import Path
from typing import Any

from formats.core.caches import cache_root
from formats.core.contract import ReadBack
from formats.core.file_hashes import sha256_of
from formats.core.model import Document

MANIFEST = "manifest.json"
SCHEMA = 2
PACKAGE = "all-together-now"


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """Return the build manifest of ``out_dir``, or an empty one when there is none."""
    path = out_dir / MANIFEST
    if not path.is_file():
        return {}
    found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return found


def sha256(path: Path) -> str:
    """Return the sha256 of a file's bytes, in hexadecimal (remembered while the file is
    unchanged: see :mod:`formats.core.file_hashes`)."""
    return sha256_of(path, cache_root())


def edition_record(document: Document, name: str, folder: Path, written: list[Path],
                   readbacks: list[ReadBack]) -> dict[str, Any]:
    """Return the manifest record of one edition built into ``folder`` (named ``name`` in the
    output): its source hash and its files, each with its hash and the sections read back."""
    found: dict[str, set[str]] = {}
    for readback in readbacks:
        for section in readback.sections.values():
            found.setdefault(section.file, set()).add(section.id)
    order = [section.id for section in document.sections()]
    files = []
    for path in sorted(set(written)):
        relative = path.relative_to(folder).as_posix()
        files.append({"path": f"{name}/{relative}", "size": path.stat().st_size,
                      "sha256": sha256(path),
                      "sections": [sid for sid in order if sid in found.get(relative, ())]})
    return {"source_hash": document.source_hash, "files": files}


def tool_version() -> str:
    """Return the version of the installed build tool, or "unknown" when it is not installed."""
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def build_time() -> str:
    """Return the build time, ISO 8601 in UTC: ``SOURCE_DATE_EPOCH`` when it is set, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch.isdigit()
            else datetime.datetime.now(datetime.UTC))
    return when.isoformat(timespec="seconds")


def write_manifest(out_dir: Path, document: Document, records: dict[str, dict[str, Any]]) -> Path:
    """Write the manifest of ``out_dir`` with the records of every edition it holds; return its
    path."""
    formats = dict(sorted(records.items()))
    manifest = {
        "schema": SCHEMA,
        "title": document.meta.title,
        "identifier": document.meta.identifier,
        "edition": {"number": document.meta.edition.number,
                    "date": document.meta.edition.date.isoformat()},
        "tool_version": tool_version(),
        "source_hash": document.source_hash,
        "built": build_time(),
        "formats": formats,
        "files": [file for record in formats.values() for file in record["files"]],
    }
    path = out_dir / MANIFEST
    partial = path.with_name(f".{MANIFEST}.partial")  # a reader never meets half a manifest
    partial.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
    return path
