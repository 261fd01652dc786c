"""What one load of a source folder has gathered so far; every job of the loader is given it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from formats.core.load.problems import Problems
from formats.core.model import Location


@dataclass
class QuizRegistry:
    """The quizzes and answers blocks met so far.

    ``quizzes`` and ``answers`` map a quiz id to where its quiz or its answers are;
    ``answer_sections`` maps it to the id of the section that holds its answers; ``count`` is the
    number of quizzes numbered so far.
    """

    quizzes: dict[str, Location] = field(default_factory=dict)
    answers: dict[str, Location] = field(default_factory=dict)
    answer_sections: dict[str, str] = field(default_factory=dict)
    count: int = 0


@dataclass
class LoadState:
    """The state of one load: its problems, the ids claimed, the links to check, the quizzes,
    the count of form questions, whether a file could not be read, and the library pictures
    left out for a problem of their entry.

    ``source_dir`` is the folder as the caller named it; ``root`` is the same folder resolved.
    """

    source_dir: Path
    root: Path = field(init=False)
    problems: Problems = field(init=False)
    ids: dict[str, Location] = field(default_factory=dict)
    links: list[tuple[str, Location]] = field(default_factory=list)
    quizzes: QuizRegistry = field(default_factory=QuizRegistry)
    question_count: int = 0
    unreadable: bool = False
    # pictures of the Easy Read library whose entry has a problem of its own (reported there)
    broken_pictures: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.root = self.source_dir.resolve()
        self.problems = Problems(self.source_dir)

    def relative(self, path: Path) -> str:
        """Return ``path`` relative to the source folder (as it is, when it lies outside)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def at(self, path: Path, line: int = 1) -> Location:
        """Return the location of ``line`` of the file at ``path``."""
        return Location(self.relative(path), line)
