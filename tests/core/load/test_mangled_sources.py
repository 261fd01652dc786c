"""Property: whatever an editor's mistake does to the source files, the loader answers with a
Document or with located problems (``path:line: message``), never with a traceback."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formats.core.load import SourceError, load
from tests.conftest import FIXTURES

SOURCES = [FIXTURES / "mini", FIXTURES / "easy-read"]
SNIPPETS = ["---", ":::", "::::", "::: quiz", "::: answers #x", "::: table", "::: question",
            "::: form", "## ", "#### ", "{#", "}", "- ", "1. ", "|", "|---|", "![", "](",
            "[x](#", "**", "*", "\n", "\n\n", "chapters: 5", "chapters: x.md", "kind: ",
            "id: ", "title:", "covers: ", "[", "]", ": ", "\t", "\x00", "é", "<b>", "`",
            "```", "> ", "::: answers #quiz-true-false\n:::", "::: review", "- [x]"]
PROBLEM = re.compile(r"^.+:\d+: \S.*$")


@st.composite
def mangled(draw: st.DrawFn) -> tuple[Path, list[tuple[str, int, str]]]:
    """Return a fixture source and edits: (file, position, text to insert or "" to cut)."""
    source = draw(st.sampled_from(SOURCES))
    files = sorted(path.relative_to(source).as_posix() for path in source.rglob("*")
                   if path.suffix in (".md", ".yaml"))
    edits = draw(st.lists(st.tuples(st.sampled_from(files), st.integers(0, 4000),
                                    st.one_of(st.sampled_from(SNIPPETS), st.just(""),
                                              st.text(max_size=12))),
                          min_size=1, max_size=4))
    return source, edits


def apply_edits(source: Path, target: Path, edits: list[tuple[str, int, str]]) -> None:
    shutil.copytree(source, target)
    for name, position, text in edits:
        path = target / name
        original = path.read_text(encoding="utf-8")
        at = position % (len(original) + 1)
        if text:
            path.write_text(original[:at] + text + original[at:], encoding="utf-8")
        else:  # cut a line out
            start = original.rfind("\n", 0, at) + 1
            end = original.find("\n", at)
            path.write_text(original[:start] + (original[end + 1:] if end >= 0 else ""),
                            encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_a_mangled_source_gives_a_document_or_located_problems(
        case: tuple[Path, list[tuple[str, int, str]]]) -> None:
    source, edits = case
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "src"
        apply_edits(source, target, edits)
        try:
            load(target)
        except SourceError as error:
            assert error.problems
            for problem in error.problems:
                assert PROBLEM.match(problem), problem
                assert problem.startswith(str(target)), problem
