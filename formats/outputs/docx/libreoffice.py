"""A saved .docx laid out by LibreOffice (headless), to learn the page each bookmark is on.

Each run has a user profile of its own (:mod:`formats.outputs.docx.libreoffice_profiles`:
kept and reused, without LibreOffice's graphics self-tests). A kept profile a run failed with
is deleted and the run made again with a new one, so a damaged profile never fails a build
twice. Several files are laid out in one run (:func:`laid_out_pages_of`): LibreOffice starts
once, and takes one turn.

What a run finds of a file is its :class:`Layout`: the page of each bookmark (the Word
contents' page numbers), the room each contents line leaves its number, and how many pages it
has (an Easy Read Word booklet may have 24 at
most). It depends only on the file's bytes, LibreOffice and the fonts it finds, so it is
remembered (:func:`laid_out_of`) under the file's sha256, this code's version and what
identifies LibreOffice's installation and the system's fonts: a build of a .docx laid out
before (an edit undone, a preview's rebuild, the same fixture built by many tests) does not
start LibreOffice again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from formats.core.caches import cache_root, prune_once, write_atomically
from formats.core.contract import RenderError
from formats.core.free_memory import give_back_free_heap
from formats.core.hashing import code_version
from formats.core.helper_slot import helper_slot
from formats.outputs.docx.leader_room import number_rooms
from formats.outputs.docx.libreoffice_profiles import remove, user_profile, without_self_tests

LIBREOFFICE = ("soffice", "libreoffice")
LAYOUT_TIMEOUT = 300  # seconds LibreOffice may take to lay a document out
# LibreOffice's PDF export, writing every Word bookmark as a named destination on its page.
PDF_EXPORT = "pdf:writer_pdf_Export:" + json.dumps(
    {"ExportBookmarksToPDFDestination": {"type": "boolean", "value": "true"}})
LAYOUTS = "libreoffice-pages"  # the cache folder of the pages found, by the file's bytes
LAYOUT_MAX_AGE_DAYS = 30
# Folders whose change means the fonts LibreOffice finds may have changed: fontconfig's caches,
# which fc-cache writes again whenever fonts are installed or removed.
FONT_CACHES = (Path("/var/cache/fontconfig"), Path.home() / ".cache" / "fontconfig")


@dataclass(frozen=True)
class Layout:
    """A .docx as LibreOffice lays it out: the page (1-based) of each bookmark, its pages, and
    for each line of its contents list, in order, how many more digits the line's page number
    can take without moving the line's words (:mod:`formats.outputs.docx.leader_room`)."""

    bookmarks: dict[str, int]
    pages: int
    rooms: tuple[int, ...] = ()


def laid_out_pages(path: Path) -> dict[str, int]:
    """Return the page (1-based) of every bookmark of the .docx at ``path`` as LibreOffice lays
    it out: remembered from an earlier layout of the same bytes by the same LibreOffice with the
    same fonts, else :func:`laid_out_by_libreoffice` (then remembered). Raises RenderError when
    LibreOffice is missing or fails."""
    return laid_out_pages_of([path])[0]


def laid_out_pages_of(paths: Sequence[Path]) -> list[dict[str, int]]:
    """Return, for each .docx of ``paths``, the page of every bookmark as :func:`laid_out_pages`
    does (see :func:`laid_out_of`). Raises RenderError when LibreOffice is missing or fails."""
    return [layout.bookmarks for layout in laid_out_of(paths)]


def laid_out_of(paths: Sequence[Path]) -> list[Layout]:
    """Return the :class:`Layout` of each .docx of ``paths``: remembered from an earlier layout
    of the same bytes by the same LibreOffice with the same fonts, else found now; the files
    not remembered are laid out in one LibreOffice run (one start, one turn of the helper slot:
    the Easy Read Word booklets are four files), then remembered. Raises RenderError when
    LibreOffice is missing or fails."""
    program = _program()
    entries = [_layout_entry(path, program) for path in paths]
    found = [_remembered(entry) for entry in entries]
    missing = [index for index, layout in enumerate(found) if layout is None]
    laid: dict[int, Layout] = {}
    if missing:
        laid = dict(zip(missing, laid_out_by_libreoffice_of([paths[index] for index in missing]),
                        strict=True))
        prune_once(cache_root() / LAYOUTS, LAYOUT_MAX_AGE_DAYS)
        for index, layout in laid.items():
            remembered = {"bookmarks": layout.bookmarks, "pages": layout.pages,
                          "rooms": list(layout.rooms)}
            with contextlib.suppress(OSError):  # nowhere to remember it: laid out again next time
                write_atomically(entries[index],
                                 json.dumps(remembered, sort_keys=True).encode("utf-8"))
    return [layout if layout is not None else laid[index] for index, layout in enumerate(found)]


def _remembered(entry: Path) -> Layout | None:
    """Return the layout remembered in the cache file ``entry``, or None (none, or damaged)."""
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError, KeyError):
        remembered = json.loads(entry.read_text(encoding="utf-8"))
        return Layout({str(name): int(page) for name, page in remembered["bookmarks"].items()},
                      int(remembered["pages"]), tuple(int(room) for room in remembered["rooms"]))
    return None


def _program() -> str:
    """Return the path of LibreOffice's program; raise RenderError when it is not installed."""
    program = next((found for name in LIBREOFFICE if (found := shutil.which(name))), None)
    if program is None:
        raise RenderError("LibreOffice (soffice) is needed to put page numbers in the Word "
                          "contents and is not installed: run .ci/setup (package "
                          "libreoffice-writer-nogui)")
    return program


def _layout_entry(path: Path, program: str) -> Path:
    """Return the cache file of the pages of the .docx at ``path``: named by its bytes, this
    code's version, LibreOffice's program (its real path, size and time) and the fonts'
    caches (their times)."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(code_version().encode())
    for place in (Path(os.path.realpath(program)), *FONT_CACHES):
        with contextlib.suppress(OSError):
            found = place.stat()
            digest.update(f"{place}:{found.st_size}:{found.st_mtime_ns}".encode())
    return cache_root() / LAYOUTS / f"{digest.hexdigest()}.json"


def laid_out_by_libreoffice(path: Path) -> dict[str, int]:
    """Return the page (1-based) of every bookmark of the .docx at ``path`` as LibreOffice lays
    it out now, converting it to PDF in a temporary folder. Raises RenderError when LibreOffice
    is missing or fails (with a new profile too)."""
    return laid_out_by_libreoffice_of([path])[0].bookmarks


def laid_out_by_libreoffice_of(paths: Sequence[Path]) -> list[Layout]:
    """Return the :class:`Layout` of each .docx of ``paths`` as one run of LibreOffice lays them
    out now. Raises RenderError when LibreOffice is missing or fails (with a new profile
    too)."""
    program = _program()
    give_back_free_heap()  # what this process freed, before it waits beside LibreOffice
    with helper_slot():  # not beside another helper of the build (it waits: always held)
        with user_profile() as (profile, kept):
            try:
                return _laid_out(program, profile, paths)
            except RenderError:
                if not kept:
                    raise
                remove(profile)  # perhaps damaged: made again by the next run
        with tempfile.TemporaryDirectory(prefix="docx-profile-") as fresh:
            return _laid_out(program, Path(fresh), paths)


def _laid_out(program: str, profile: Path, paths: Sequence[Path]) -> list[Layout]:
    """Return the :class:`Layout` of each of ``paths`` as LibreOffice, run once with the user
    profile ``profile``, lays it out into a PDF in a temporary folder (its pages, and its named
    destinations: the bookmarks); each file is copied there first under its number, so that two
    files of the same name make two PDFs. Raises RenderError when LibreOffice fails."""
    from pypdf import PdfReader

    names = ", ".join(path.name for path in paths)
    with tempfile.TemporaryDirectory(prefix="docx-layout-") as folder:
        copies = [Path(folder) / f"{index}.docx" for index in range(len(paths))]
        for path, copy in zip(paths, copies, strict=True):
            shutil.copyfile(path, copy)
        without_self_tests(profile)
        command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={profile.resolve().as_uri()}",
                   "--convert-to", PDF_EXPORT, "--outdir", folder, *map(str, copies)]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=LAYOUT_TIMEOUT * len(paths), check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RenderError(f"LibreOffice could not lay out {names}: {error}") from error
        found: list[Layout] = []
        for path, copy in zip(paths, copies, strict=True):
            laid_out = copy.with_suffix(".pdf")
            if done.returncode != 0 or not laid_out.is_file():
                said = " ".join((done.stderr or done.stdout or "no message").split())
                raise RenderError(f"LibreOffice could not lay out {path.name} "
                                  f"(exit {done.returncode}): {said[:300]}")
            reader = PdfReader(laid_out)
            pages = {str(name).lstrip("/"): reader.get_destination_page_number(destination)
                     for name, destination in reader.named_destinations.items()}
            found.append(Layout({name: page + 1 for name, page in pages.items()
                                 if page is not None}, len(reader.pages),
                                tuple(number_rooms(reader))))
        return found
