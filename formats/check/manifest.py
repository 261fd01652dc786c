"""The build manifest (``manifest.json`` in the output folder): written and read here only.

It records, for every edition built, the source hash it was built from and every file written
with its sha256 and the section ids an independent reader found in it; the check reads it to
say which editions were built and whether they are older than the source.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path
from typing import Any

from formats.core.contract import ReadBack
from formats.core.model import Document

MANIFEST = "manifest.json"
SCHEMA = 1


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """Return the build manifest of ``out_dir``, or an empty one when there is none."""
    path = out_dir / MANIFEST
    if not path.is_file():
        return {}
    found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return found


def sha256(path: Path) -> str:
    """Return the sha256 of a file's bytes, in hexadecimal."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        files.append({"path": f"{name}/{relative}", "sha256": sha256(path),
                      "sections": [sid for sid in order if sid in found.get(relative, ())]})
    return {"source_hash": document.source_hash, "files": files}


def write_manifest(out_dir: Path, document: Document, records: dict[str, dict[str, Any]]) -> Path:
    """Write the manifest of ``out_dir``: the records of the editions just built over those of
    earlier builds kept in the folder; return its path."""
    earlier = read_manifest(out_dir).get("formats", {})
    formats = {**earlier, **records}
    manifest = {
        "schema": SCHEMA,
        "title": document.meta.title,
        "identifier": document.meta.identifier,
        "source_hash": document.source_hash,
        "built": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "formats": formats,
        "files": [file for record in formats.values() for file in record["files"]],
    }
    path = out_dir / MANIFEST
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return path
