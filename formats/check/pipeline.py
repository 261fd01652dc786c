"""The build pipeline: stage, render, read back, publish.

Every edition is written into a staging folder beside the output folder; each is read back by
its independent readers (for the manifest's list of sections per file); only when every edition
succeeded are their folders moved into the output folder and the manifest updated, so that a
failure leaves the output folder as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from formats.check.manifest import edition_record, write_manifest
from formats.core.model import Document
from formats.registry import edition, in_build_order


def build(document: Document, out_dir: Path, names: list[str],
          on_edition: Callable[[str], None] | None = None) -> list[str]:
    """Build the editions ``names`` (and those they need) of ``document`` into ``out_dir``;
    return the names built, in build order.

    ``on_edition`` is told the name of each edition before it is built. Raises RenderError
    (or whatever an edition raised) with ``out_dir`` unchanged.
    """
    ordered = in_build_order(names)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir.parent))
    records: dict[str, dict[str, Any]] = {}
    try:
        for name in ordered:
            if on_edition is not None:
                on_edition(name)
            chosen = edition(name)
            folder = staging / chosen.name
            inputs = {needed: staging / edition(needed).name for needed in chosen.needs}
            written = chosen.render(document, folder, inputs)
            records[name] = edition_record(document, chosen.name, folder, written,
                                           chosen.read_back(folder))
        publish(staging, out_dir, document, records)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ordered


def publish(staging: Path, out_dir: Path, document: Document,
            records: dict[str, dict[str, Any]]) -> None:
    """Move the built edition folders from ``staging`` into ``out_dir`` and update its
    manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in records:
        folder = edition(name).name
        target = out_dir / folder
        if target.exists():
            shutil.rmtree(target)
        (staging / folder).rename(target)
    write_manifest(out_dir, document, records)
