"""What changed between two editions of the source: for release notes.

Sections are matched by their id (which never changes once published): a section only in the
new source was added, only in the old one removed; the same id with another title was renamed;
the same id with other text changed, and its sentences that are only in one of the two are
listed. The old source is another folder, or a git revision of the repository the new source
is in (its ``source/`` folder at that revision).
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from formats.core.model import Document, Section
from formats.core.text import section_texts, sentences


class RevisionError(Exception):
    """The old source cannot be found: no such folder, and not a git revision."""


@dataclass(frozen=True)
class SectionChange:
    """One section that differs: its id, its titles before and after, the sentences removed
    and added (in reading order)."""

    id: str
    old_title: str
    new_title: str
    removed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()


@dataclass
class SourceDiff:
    """The sections added, removed, renamed and changed between two sources."""

    old: str
    new: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    removed: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[SectionChange] = field(default_factory=list)
    changed: list[SectionChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Return True when the two sources hold the same sections with the same text."""
        return not (self.added or self.removed or self.renamed or self.changed)

    def as_json(self) -> dict[str, Any]:
        """Return the difference as plain data for JSON."""
        return asdict(self)


def diff_documents(old: Document, new: Document, old_name: str, new_name: str) -> SourceDiff:
    """Return what changed from ``old`` to ``new`` (named in the result as given)."""
    before = {section.id: section for section in old.sections()}
    after = {section.id: section for section in new.sections()}
    result = SourceDiff(old_name, new_name)
    result.added = [(sid, section.label) for sid, section in after.items() if sid not in before]
    result.removed = [(sid, section.label) for sid, section in before.items()
                      if sid not in after]
    for sid, section in after.items():
        if sid not in before:
            continue
        earlier = before[sid]
        change = _change(earlier, section)
        if earlier.label != section.label:
            result.renamed.append(change)
        if change.removed or change.added:
            result.changed.append(change)
    return result


def _change(old: Section, new: Section) -> SectionChange:
    old_sentences = sentences(section_texts(old))
    new_sentences = sentences(section_texts(new))
    return SectionChange(new.id, old.label, new.label,
                         tuple(s for s in old_sentences if s not in new_sentences),
                         tuple(s for s in new_sentences if s not in old_sentences))


@contextmanager
def old_source(spec: str, new_source: Path) -> Iterator[Path]:
    """Yield the folder of the old source: ``spec`` itself when it is a folder, else the
    ``source/`` folder of the git revision ``spec`` of the repository ``new_source`` is in,
    unpacked into a temporary folder. Raises RevisionError when it is neither."""
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    try:
        top = _git(["rev-parse", "--show-toplevel"], new_source).decode().strip()
        prefix = new_source.resolve().relative_to(Path(top).resolve()).as_posix()
        archive = _git(["archive", "--format=tar", spec, prefix], Path(top))
    except RevisionError as error:
        raise RevisionError(f"'{spec}' is neither a folder nor a git revision: {error}") from None
    with tempfile.TemporaryDirectory(prefix="toolkit-diff-") as temporary:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        yield Path(temporary) / prefix


def _git(arguments: list[str], where: Path) -> bytes:
    try:
        done = subprocess.run(["git", *arguments], cwd=where, capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"git is not available: {error}") from error
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(lines[-1] if lines else f"git {arguments[0]} failed")
    return done.stdout
