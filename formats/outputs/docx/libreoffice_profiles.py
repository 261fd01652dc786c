"""The user profiles LibreOffice runs with when it lays a .docx out: kept and reused, one run a
profile, and each told that LibreOffice's graphics self-tests have already run.

LibreOffice needs a user profile of its own for each run going on at the same time (builds and
editions side by side). Making a new profile costs about 0.4 s of a run, so a few are kept
under the tool's cache folder and reused: a run takes the first one no other run holds (a lock
file beside it), or a new temporary one when every kept one is in use or the platform has no
file locks.

On the first start after an upgrade, LibreOffice runs its graphics self-tests (drawing on
4096 x 4096 pixel surfaces, two of 64 MB at once), and it learns that it was upgraded from the
last version recorded in the profile; a headless run never records it, so every run ran them:
0.9 s of a 1.7 s run and 59 MB of its 213 MB peak (LibreOffice 7.4, one Easy Read booklet).
:func:`without_self_tests` records a last version no release reaches; nothing else of a
headless conversion reads it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from formats.core.caches import cache_root

KEPT_PROFILES = 4  # profiles kept for runs at the same time; a fifth run makes its own
# The profile's settings file, and the setting LibreOffice compares its version with
# (utl::isProductVersionUpgraded: major * 10 + minor, so 9999.9 is newer than any release).
SETTINGS = Path("user") / "registrymodifications.xcu"
LAST_VERSION = "ooSetupLastVersion"
LAST_VERSION_ITEM = ('<item oor:path="/org.openoffice.Setup/Product">'
                     f'<prop oor:name="{LAST_VERSION}" oor:op="fuse"><value>9999.9</value>'
                     '</prop></item>\n')
SETTINGS_START = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                  'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
SETTINGS_END = "</oor:items>"


def profiles_folder() -> Path:
    """Return the folder of the kept LibreOffice profiles."""
    return cache_root() / "libreoffice-profiles"


def without_self_tests(profile: Path) -> None:
    """Record in the LibreOffice profile folder ``profile`` (made or not yet) a last version no
    release reaches, so that LibreOffice does not run its graphics self-tests when it starts
    with it; a profile's other settings are kept. Where the settings cannot be read or written,
    nothing changes: LibreOffice then runs its self-tests, as before."""
    settings = profile / SETTINGS
    with contextlib.suppress(OSError, UnicodeDecodeError):
        text = settings.read_text(encoding="utf-8") if settings.is_file() else ""
        if LAST_VERSION in text:
            return
        if SETTINGS_END not in text:  # none yet (LibreOffice writes the rest when it ends)
            text = SETTINGS_START + SETTINGS_END + "\n"
        at = text.rindex(SETTINGS_END)
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(text[:at] + LAST_VERSION_ITEM + text[at:], encoding="utf-8")


def remove(path: Path) -> None:
    """Delete the file or folder at ``path``, if it can."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def user_profile() -> Iterator[tuple[Path, bool]]:
    """Yield a LibreOffice profile folder no other run uses, and whether it is a kept one: the
    first kept profile no other run holds (held while the block runs), else a new temporary
    folder, deleted afterwards."""
    held = _hold_kept_profile()
    if held is None:
        with tempfile.TemporaryDirectory(prefix="docx-profile-") as fresh:
            yield Path(fresh), False
        return
    profile, lock = held
    try:
        yield profile, True
    finally:
        os.close(lock)  # closing the lock file lets the profile go


def _hold_kept_profile() -> tuple[Path, int] | None:
    """Return the first kept profile no other run holds, with the open lock file that now holds
    it; None when every one is held, or the platform has no file locks (Windows), or the cache
    folder cannot be written."""
    try:
        import fcntl
    except ImportError:
        return None
    folder = profiles_folder()
    for slot in range(KEPT_PROFILES):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = os.open(folder / f"{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another run holds this one
            os.close(lock)
            continue
        return folder / str(slot), lock
    return None
