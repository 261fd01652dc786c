"""Read the source folder into a :class:`~formats.core.model.Document`.

Every problem is reported as ``path:line: message``. The loader collects all of them before it
gives up, then raises :class:`SourceError`, so that an editor can fix a whole batch at once.

Its jobs, one module each: :mod:`.files` (text, YAML, front matter), :mod:`.markdown` (the
parser), :mod:`.metadata` (``toolkit.yaml``), :mod:`.chapters` (chapter files into sections),
:mod:`.blocks` and :mod:`.containers` (Markdown blocks and ``::: TYPE`` blocks), :mod:`.inlines`,
:mod:`.references` (ids, links, quizzes and answers), :mod:`.easy_read`, :mod:`.lexicon`; they
share the :class:`~.state.LoadState` of one load and its :class:`~.problems.Problems`.
"""

from __future__ import annotations

from pathlib import Path

from formats.core.load.chapters import read_chapters
from formats.core.load.easy_read import read_easy_read
from formats.core.load.files import source_hash
from formats.core.load.lexicon import read_lexicon
from formats.core.load.metadata import read_toolkit
from formats.core.load.problems import SourceError
from formats.core.load.references import check_links, check_quizzes, link_quizzes
from formats.core.load.state import LoadState
from formats.core.model import Document


def load(source_dir: Path) -> Document:
    """Return the document in ``source_dir``; raise SourceError listing every problem found."""
    state = LoadState(source_dir)
    toolkit = read_toolkit(state)
    chapters = read_chapters(state, toolkit.chapter_files, toolkit.chapters_at)
    easy_read = read_easy_read(state)
    lexicon = read_lexicon(state)
    if not state.unreadable:  # a file that could not be read would make these checks noise
        check_links(state)
        check_quizzes(state)
    if state.problems.items:
        raise SourceError(state.problems.items)
    assert toolkit.meta is not None
    return Document(meta=toolkit.meta,
                    chapters=tuple(link_quizzes(state, chapter) for chapter in chapters),
                    source_dir=source_dir, source_hash=source_hash(source_dir),
                    easy_read=easy_read, lexicon=lexicon,
                    warnings=tuple(unlisted(source_dir, toolkit.chapter_files)))


def unlisted(source_dir: Path, listed: list[str]) -> list[str]:
    """Return a warning for each chapter file that ``toolkit.yaml`` does not list: no edition
    would have it."""
    folder = source_dir / "chapters"
    found = sorted(path.name for path in folder.glob("*.md")) if folder.is_dir() else []
    return [f"{folder / name}:1: this chapter file is not listed under 'chapters' in "
            "toolkit.yaml, so no edition has it" for name in found if name not in listed]


__all__ = ["SourceError", "load", "source_hash"]
