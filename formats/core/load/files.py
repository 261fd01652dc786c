"""Reading the source's files: text, YAML, the front matter of a Markdown file, and the hash of
the whole folder. A file that cannot be read is a located problem, never an exception."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from markdown_it.tree import SyntaxTreeNode

from formats.core.load.state import LoadState
from formats.core.model import Location


def source_hash(source_dir: Path) -> str:
    """Return the sha256 of every file in the source folder (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(source_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_text(state: LoadState, path: Path) -> str | None:
    """Return the file's text, or None (with a problem) when it is missing or not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        state.problems.add(state.at(path), f"cannot read the file: {error.strerror}")
        state.unreadable = True
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        state.problems.add(state.at(path, line),
                           f"text is not UTF-8 (byte 0x{data[error.start]:02x})")
        state.unreadable = True
        return None


def read_yaml(state: LoadState, path: Path, text: str, first_line: int = 1) -> Any:
    """Return parsed YAML, or None (with a located problem) when it is invalid.

    ``first_line`` is the line of the file where ``text`` starts.
    """
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        state.problems.add(state.at(path, line), f"invalid YAML: {problem}")
        return None


def read_fields(state: LoadState, path: Path,
                here: Location) -> tuple[str, dict[str, Any] | None]:
    """Return a YAML file's text ("" when unreadable) and its mapping of fields.

    The fields are None when the file cannot be read, is invalid or is empty; and when it is not
    a mapping, with the problem "expected a mapping of fields" at ``here``.
    """
    text = read_text(state, path)
    data = read_yaml(state, path, text) if text is not None else None
    if data is not None and not isinstance(data, dict):
        state.problems.add(here, "expected a mapping of fields")
        return text or "", None
    return text or "", data


def read_front_matter(state: LoadState, path: Path,
                      nodes: list[SyntaxTreeNode]) -> dict[str, Any] | None:
    """Return the front matter of a Markdown file parsed into ``nodes``, or None: with a
    problem when it is missing, invalid or not a mapping; without one when it is empty."""
    if not nodes or nodes[0].type != "front_matter":
        state.problems.add(state.at(path), "the file must start with front matter between "
                                           "'---' lines (id, title, kind)")
        return None
    data = read_yaml(state, path, nodes[0].content, first_line=2)
    if data is None:
        return None
    if not isinstance(data, dict):
        state.problems.add(state.at(path, 2), "front matter must be a mapping (id, title, kind)")
        return None
    return data


def key_line(text: str, key: str) -> int:
    """Return the line of YAML ``text`` where the top-level ``key`` starts (1 when absent)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1
