"""A saved .docx laid out by LibreOffice (headless), to learn the page each bookmark is on.

LibreOffice needs a user profile of its own for each run going on at the same time (builds and
editions side by side). Making a new profile costs about 0.4 s of a 1.3-1.7 s run, so a few
are kept under the tool's cache folder and reused: a run takes the first one no other run
holds (a lock file beside it), or a new temporary one when every kept one is in use or the
platform has no file locks. A kept profile a run failed with is deleted and the run made
again with a new one, so a damaged profile never fails a build twice.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from formats.core.caches import cache_root
from formats.core.contract import RenderError

LIBREOFFICE = ("soffice", "libreoffice")
LAYOUT_TIMEOUT = 300  # seconds LibreOffice may take to lay a document out
# LibreOffice's PDF export, writing every Word bookmark as a named destination on its page.
PDF_EXPORT = "pdf:writer_pdf_Export:" + json.dumps(
    {"ExportBookmarksToPDFDestination": {"type": "boolean", "value": "true"}})
KEPT_PROFILES = 4  # profiles kept for runs at the same time; a fifth run makes its own


def profiles_folder() -> Path:
    """Return the folder of the kept LibreOffice profiles."""
    return cache_root() / "libreoffice-profiles"


def laid_out_pages(path: Path) -> dict[str, int]:
    """Return the page (1-based) of every bookmark of the .docx at ``path`` as LibreOffice lays
    it out, converting it to PDF in a temporary folder. Raises RenderError when LibreOffice is
    missing or fails (with a new profile too)."""
    program = next((found for name in LIBREOFFICE if (found := shutil.which(name))), None)
    if program is None:
        raise RenderError("LibreOffice (soffice) is needed to put page numbers in the Word "
                          "contents and is not installed: run .ci/setup (package "
                          "libreoffice-writer-nogui)")
    with _profile() as (profile, kept):
        try:
            return _pages_of(_converted(program, profile, path))
        except RenderError:
            if not kept:
                raise
            _remove(profile)  # perhaps damaged: made again by the next run
    with tempfile.TemporaryDirectory(prefix="docx-profile-") as fresh:
        return _pages_of(_converted(program, Path(fresh), path))


def _converted(program: str, profile: Path, path: Path) -> Path:
    """Return the PDF LibreOffice made of ``path`` with the user profile ``profile``, in a
    temporary folder that lasts as long as the process. Raises RenderError."""
    out = Path(tempfile.mkdtemp(prefix="docx-layout-"))
    command = [program, "--headless", "--norestore", "--nolockcheck", "--nodefault",
               f"-env:UserInstallation={profile.resolve().as_uri()}",
               "--convert-to", PDF_EXPORT, "--outdir", str(out), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True,
                              timeout=LAYOUT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RenderError(f"LibreOffice could not lay out {path.name}: {error}") from error
    laid_out = out / f"{path.stem}.pdf"
    if done.returncode != 0 or not laid_out.is_file():
        said = " ".join((done.stderr or done.stdout or "no message").split())
        raise RenderError(f"LibreOffice could not lay out {path.name} "
                          f"(exit {done.returncode}): {said[:300]}")
    return laid_out


def _pages_of(laid_out: Path) -> dict[str, int]:
    """Return the page (1-based) of every named destination of the PDF ``laid_out``, which is
    deleted with its folder afterwards."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(laid_out)
        pages = {str(name).lstrip("/"): reader.get_destination_page_number(destination)
                 for name, destination in reader.named_destinations.items()}
        return {name: page + 1 for name, page in pages.items() if page is not None}
    finally:
        shutil.rmtree(laid_out.parent, ignore_errors=True)


def _remove(path: Path) -> None:
    """Delete the file or folder at ``path``, if it can."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def _profile() -> Iterator[tuple[Path, bool]]:
    """Yield a LibreOffice profile folder no other run uses, and whether it is a kept one: the
    first kept profile not locked by another run (locked while the block runs), else a new
    temporary folder, deleted afterwards."""
    try:
        import fcntl
    except ImportError:  # no file locks here (Windows): a profile of its own each time
        fcntl = None  # type: ignore[assignment]
    folder = profiles_folder()
    if fcntl is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            fcntl = None  # type: ignore[assignment]
    for slot in range(KEPT_PROFILES if fcntl is not None else 0):
        handle = os.open(folder / f"{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another run holds this one
            os.close(handle)
            continue
        try:
            yield folder / str(slot), True
        finally:
            os.close(handle)  # closing the file lets the lock go
        return
    with tempfile.TemporaryDirectory(prefix="docx-profile-") as fresh:
        yield Path(fresh), False
