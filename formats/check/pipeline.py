"""The build pipeline: lock, stage, render, read back, publish.

Every edition is written into a staging copy of the output folder (see
:mod:`formats.check.output_folder`); each is read back by its independent readers for the
manifest's list of sections per file; only when every edition succeeded is the staging copy
swapped in, so that a failure, Ctrl-C or a killed build leaves the output folder as it was.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formats.check import output_folder
from formats.check.manifest import MANIFEST, edition_record, read_manifest, write_manifest
from formats.core.model import Document
from formats.registry import edition, in_build_order


@dataclass(frozen=True)
class Built:
    """One edition built: its name, the files written, what they are, and how long it took."""

    name: str
    files: tuple[Path, ...]
    description: str
    seconds: float


def build(document: Document, out_dir: Path, names: list[str], *,
          on_edition: Callable[[str], None] | None = None,
          on_wait: Callable[[str], None] | None = None, wait: bool = True) -> list[Built]:
    """Build the editions ``names`` (and those they need) of ``document`` into ``out_dir``;
    return what was built, in build order.

    ``on_edition`` is told the name of each edition before it is built, ``on_wait`` who holds
    the output folder when another build does. Raises OutputError when the output folder
    cannot be written (or, without ``wait``, is being built), and RenderError (or whatever an
    edition raised) when an edition fails; ``out_dir`` is then unchanged.
    """
    ordered = in_build_order(names)
    output_folder.prepare_parent(out_dir)
    with output_folder.locked(out_dir, wait=wait, on_wait=on_wait):
        output_folder.recover(out_dir)
        rebuilt = {edition(name).name for name in ordered}
        keep = ([entry.name for entry in out_dir.iterdir()
                 if entry.name not in rebuilt and entry.name != MANIFEST]
                if out_dir.is_dir() else [])
        staging = output_folder.new_staging(out_dir, keep)
        try:
            done = [_build_one(document, staging, name, on_edition) for name in ordered]
            earlier = read_manifest(out_dir).get("formats", {})
            records = {**{name: record for name, record in earlier.items()
                          if edition_folder(name) in keep},
                       **{built.name: _record(document, staging, built) for built in done}}
            write_manifest(staging, document, records)
            output_folder.swap_in(staging, out_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return done


def edition_folder(name: str) -> str:
    """Return the folder of the edition ``name`` in the output ("" for an unknown name)."""
    try:
        return edition(name).name
    except KeyError:
        return ""


def _build_one(document: Document, staging: Path, name: str,
               on_edition: Callable[[str], None] | None) -> Built:
    if on_edition is not None:
        on_edition(name)
    chosen = edition(name)
    started = time.perf_counter()
    folder = staging / chosen.name
    inputs = {needed: staging / edition(needed).name for needed in chosen.needs}
    written = chosen.render(document, folder, inputs)
    return Built(name, tuple(sorted(set(written))), chosen.describe(folder, written),
                 time.perf_counter() - started)


def _record(document: Document, staging: Path, built: Built) -> dict[str, Any]:
    chosen = edition(built.name)
    folder = staging / chosen.name
    return edition_record(document, chosen.name, folder, list(built.files),
                          chosen.read_back(folder))
