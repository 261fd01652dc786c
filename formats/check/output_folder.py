"""The output folder, kept whole: a lock against a second build, a staging copy, and a swap.

A build writes a complete new output tree into a staging folder beside the output folder
(``.dist.staging-XXXX`` for ``dist``): the files of the editions it does not rebuild are
hard-linked from the current output, the editions it builds are written new. Only when every
edition succeeded is the staging tree swapped with the output folder, with one atomic
``renameat2(RENAME_EXCHANGE)`` where Linux offers it, else with two renames that the next build
undoes if a killed build left them half done. Ctrl-C, a failure or a killed process therefore
always leaves the previous output complete.

A lock file beside the output (``.dist.lock``) is held with ``flock`` for the whole build, so a
killed build never leaves it held; it records who holds it, so that a second build can say
which build it is waiting for.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

RENAME_EXCHANGE = 2
_PREVIOUS = "previous"
_STAGING = "staging-"


class OutputError(Exception):
    """The output folder cannot be created, locked or written (bad usage: exit 2)."""


def sibling(out_dir: Path, what: str) -> Path:
    """Return the path of the tool's file or folder ``what`` that belongs to an output folder:
    ``.NAME.what`` beside it (its lock, the staging and previous copies, the preview's report;
    .gitignore leaves out ``.dist.*`` for the default output folder)."""
    return out_dir.parent / f".{out_dir.name}.{what}"


def lock_path(out_dir: Path) -> Path:
    """Return the lock file of an output folder: ``.NAME.lock`` beside it."""
    return sibling(out_dir, "lock")


def prepare_parent(out_dir: Path) -> None:
    """Create the folder the output folder goes in, and make sure it can be written.

    Raises OutputError when it cannot be created or written.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"cannot write the output folder {out_dir}: it is a file")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir.parent, prefix=f".{out_dir.name}.probe-"):
            pass
    except OSError as error:
        raise OutputError(f"cannot write the output folder {out_dir}: "
                          f"{error.strerror or error}") from error


@contextmanager
def locked(out_dir: Path, wait: bool = True,
           on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock of ``out_dir`` while the block runs.

    When another build holds it, ``on_wait`` is told who holds it and the lock is waited for;
    with ``wait`` False, raises OutputError naming the running build instead. Raises
    OutputError when the lock file cannot be opened.
    """
    path = lock_path(out_dir)
    try:
        handle = path.open("a+", encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot lock the output folder {out_dir}: "
                          f"{error.strerror or error}") from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another build"
            if not wait:
                raise OutputError(f"{out_dir} is being built by {holder}; try again when it "
                                  "has finished") from None
            if on_wait is not None:
                on_wait(holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} ({' '.join(sys.argv[:3]) or 'python'}), started "
                     f"{time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(out_dir: Path) -> None:
    """Undo what a killed build left beside ``out_dir`` (call it holding the lock): put back
    the previous output if the swap stopped half way, and remove stale staging folders."""
    previous = sibling(out_dir, _PREVIOUS)
    if previous.is_dir() and not out_dir.exists():
        previous.rename(out_dir)
    shutil.rmtree(previous, ignore_errors=True)
    for stale in out_dir.parent.glob(f"{sibling(out_dir, _STAGING).name}*"):
        shutil.rmtree(stale, ignore_errors=True)


def new_staging(out_dir: Path, keep: list[str]) -> Path:
    """Return a new staging folder beside ``out_dir`` holding hard links (or copies) of the
    top-level entries ``keep`` of the current output. Raises OutputError when it cannot be
    written."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=sibling(out_dir, _STAGING).name,
                                        dir=out_dir.parent))
        for name in keep:
            source = out_dir / name
            if source.is_dir():
                shutil.copytree(source, staging / name, copy_function=_link_or_copy)
            elif source.is_file():
                _link_or_copy(str(source), str(staging / name))
    except OSError as error:
        raise OutputError(f"cannot write beside the output folder {out_dir}: "
                          f"{error.strerror or error}") from error
    return staging


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Make ``staging`` the output folder and delete the old output; raises OutputError."""
    try:
        if not out_dir.exists():
            staging.rename(out_dir)
            return
        if _exchange(staging, out_dir):
            shutil.rmtree(staging, ignore_errors=True)
            return
        previous = sibling(out_dir, _PREVIOUS)
        out_dir.rename(previous)
        staging.rename(out_dir)
        shutil.rmtree(previous, ignore_errors=True)
    except OSError as error:
        raise OutputError(f"cannot replace the output folder {out_dir}: "
                          f"{error.strerror or error}") from error


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2; return False where it is not
    available (another system, an old kernel, a file system without it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_cwd = -100
    result = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))
