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


MAX_FILE_MB = 5  # a source file larger than this was pasted in by mistake (the toolkit is 0.2 MB)


def read_text(state: LoadState, path: Path) -> str | None:
    """Return the file's text, or None (with a problem) when it is missing, too large or not
    UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_MB * 1024 * 1024:
            state.problems.add(state.at(path), f"the file is {size / 1024 / 1024:.1f} MB; a "
                               f"source file may be at most {MAX_FILE_MB} MB")
            state.unreadable = True
            return None
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


def yaml_problem(error: yaml.YAMLError, text: str) -> tuple[int, str]:
    """Return where in ``text`` (a 0-based line) a YAML error is, and what it is, in one line."""
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        line = mark.line
    elif isinstance(getattr(error, "position", None), int):  # a character YAML cannot read
        line = text[: error.position].count("\n")  # type: ignore[attr-defined]
    else:
        line = 0
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    return line, " ".join(str(problem).split())


def parse_yaml(text: str) -> Any:
    """Return ``text`` parsed as YAML (safe types only). Raises yaml.YAMLError, with PyYAML's own
    message, when it is invalid.

    libyaml's parser (PyYAML's C one, when built with it) reads a file about ten times faster
    than the pure-Python parser, and builds the same values (the same constructor and resolver);
    but its messages are worded otherwise, so an invalid text is parsed again by the pure-Python
    one, whose message is the one reported, and the one raised if the two ever disagree."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def read_yaml(state: LoadState, path: Path, text: str, first_line: int = 1) -> Any:
    """Return parsed YAML, or None (with a located problem) when it is invalid.

    ``first_line`` is the line of the file where ``text`` starts.
    """
    try:
        return parse_yaml(text)
    except yaml.YAMLError as error:
        line, problem = yaml_problem(error, text)
        state.problems.add(state.at(path, first_line + line), f"invalid YAML: {problem}")
        return None


def read_fields(state: LoadState, path: Path,
                here: Location) -> tuple[str, dict[str, Any] | None]:
    """Return a YAML file's text ("" when unreadable) and its mapping of fields.

    The fields are None when the file cannot be read, is invalid or is empty; and when it is not
    a mapping, with the problem "expected a mapping of fields" at ``here``.
    """
    text = read_text(state, path)
    problems = len(state.problems.items)
    data = read_yaml(state, path, text) if text is not None else None
    if (data is None and text is not None and len(state.problems.items) == problems) or \
            (data is not None and not isinstance(data, dict)):
        state.problems.add(here, "expected a mapping of fields")
        return text or "", None
    return text or "", data


def list_field(state: LoadState, fields: dict[str, Any], name: str,
               at: Location) -> list[str]:
    """Return the field ``name`` as a list of strings; a single value or a mapping instead of
    a list is a problem at ``at`` (a string must not be read letter by letter)."""
    value = fields.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        state.problems.add(at, f"'{name}' is a list, one item a line: '{name}:' then "
                               "'  - ...' on the lines below")
        return []
    return [str(item) for item in value]


def read_front_matter(state: LoadState, path: Path,
                      nodes: list[SyntaxTreeNode]) -> dict[str, Any] | None:
    """Return the front matter of a Markdown file parsed into ``nodes``, or None: with a
    problem when it is missing, invalid or not a mapping; without one when it is empty."""
    if not nodes or nodes[0].type != "front_matter":
        state.problems.add(state.at(path), "the file must start with front matter between "
                                           "'---' lines (id, title, kind)")
        return None
    problems = len(state.problems.items)
    data = read_yaml(state, path, nodes[0].content, first_line=2)
    if data is None and len(state.problems.items) > problems:
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
