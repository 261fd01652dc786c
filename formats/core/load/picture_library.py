"""The Easy Read picture library, ``pictures/easy-read/pictures.yaml``: every picture an Easy
Read row may show, by name, with its file, alt text, the one idea it stands for (``meaning``),
the word stems every row showing it holds (``says``), what it shows that could be read as a
meaning of its own (``shows``, optional) and its licence.

Rows name their picture, ``![](name)``; the loader gives the row the library's picture (with its
alt text and meaning), so a picture means the same wherever it is used.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from formats.core.load.files import key_line, read_fields
from formats.core.load.state import LoadState
from formats.core.model import EasyReadPicture, Image, Location
from formats.core.png import png_size

LIBRARY = "pictures/easy-read/pictures.yaml"
REQUIRED = ("file", "alt", "meaning", "says", "licence")
LISTS = ("says", "shows")
FIELDS = (*REQUIRED, "shows")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def read_picture_library(state: LoadState) -> dict[str, EasyReadPicture] | None:
    """Return the library's pictures by name; None when there is no library file.

    Each problem is located at the entry's line: an entry that is not a mapping, a name that is
    not lower-case words joined by hyphens, a missing or unknown field, a file that does not
    exist, is outside the folder or is not a PNG (the Word booklets take PNG), a file that
    another entry has already (a picture file means one thing), ``says`` or ``shows`` not a
    list. An entry with a problem is left out.
    """
    path = state.source_dir / LIBRARY
    if not path.is_file():
        return None
    text, fields = read_fields(state, path, state.at(path))
    if fields is None:
        return {}
    pictures: dict[str, EasyReadPicture] = {}
    files: dict[Path, tuple[str, Location]] = {}
    for name, entry in fields.items():
        here = state.at(path, key_line(text, str(name)))
        picture = _entry(state, path.parent, str(name), entry, here)
        if picture is None:
            state.broken_pictures.add(str(name))  # its rows are not told it is missing
            continue
        if picture.image.path in files:
            other, where = files[picture.image.path]
            state.problems.add(here, f"picture '{name}': file '{picture.image.path.name}' is "
                                     f"picture '{other}' already (line {where.line}): a picture "
                                     "file means one thing, so it has one entry")
            continue
        files[picture.image.path] = (str(name), here)
        pictures[str(name)] = picture
    return pictures


def _entry(state: LoadState, folder: Path, name: str, entry: Any,
           here: Location) -> EasyReadPicture | None:
    """Return one entry as a picture; None (with its problems at ``here``) when it is wrong."""
    problems = len(state.problems.items)
    if not _NAME.fullmatch(name):
        state.problems.add(here, f"picture name '{name}' must be lower-case words joined by "
                                 "hyphens, like 'bus-stop'")
    if not isinstance(entry, dict):
        state.problems.add(here, f"picture '{name}' needs the fields {', '.join(REQUIRED)}")
        return None
    for field in REQUIRED:
        if not entry.get(field):
            state.problems.add(here, f"picture '{name}' has no '{field}'")
    for field in entry:
        if field not in FIELDS:
            state.problems.add(here, f"picture '{name}': unknown field '{field}' (expected "
                                     f"{', '.join(FIELDS)})")
    for field in LISTS:
        if field in entry and not isinstance(entry[field], list):
            state.problems.add(here, f"picture '{name}': '{field}' is a list, like "
                                     f"{field}: [word, other word]")
    target = (folder / str(entry.get("file", ""))).resolve()
    if entry.get("file"):
        if target.parent != folder.resolve():
            state.problems.add(here, f"picture '{name}': file '{entry['file']}' must be in "
                                     f"{folder.name}/ itself")
        elif not target.is_file():
            state.problems.add(here, f"picture '{name}': file '{entry['file']}' does not exist")
        elif not _is_png(target):
            state.problems.add(here, f"picture '{name}': file '{entry['file']}' is not a PNG "
                                     "file: save it as PNG (the Word booklets take PNG)")
    if len(state.problems.items) > problems:
        return None
    image = Image(target, " ".join(str(entry["alt"]).split()), name,
                  " ".join(str(entry["meaning"]).split()))
    return EasyReadPicture(image, _words(entry.get("says")), _words(entry.get("shows")),
                           str(entry["licence"]), here)


def _is_png(path: Path) -> bool:
    """Return whether the file at ``path`` is a PNG picture (its header says so)."""
    try:
        png_size(path)
    except (ValueError, OSError):
        return False
    return True


def _words(value: Any) -> tuple[str, ...]:
    """Return a list field as a tuple of non-empty strings (() when absent)."""
    return tuple(str(item).strip() for item in value or () if str(item).strip())
