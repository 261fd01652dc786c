"""The house rules of the code: layers and who imports whom, dispatch tables that cover the
model, small modules, and each shared helper written once."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import formats
from formats.core import dispatch
from formats.core.dispatch import NodeTable, block_table
from formats.core.model import Paragraph
from formats.outputs.html.templating import (
    BLOCK_MACROS,
    INLINE_MACROS,
    MACROS_TEMPLATE,
    environment,
)
from formats.registry import edition, names
from tests.conftest import ROOT
from tests.helpers.imports import project_imports, violations

MAX_MODULE_LINES = 450
MAX_CLASS_LINES = 250


def all_modules() -> list[str]:
    """Return (and import) every module of the formats package."""
    found = [info.name for info in pkgutil.walk_packages(formats.__path__, "formats.")]
    for name in found:
        importlib.import_module(name)
    return found


# ---------------------------------------------------------------------------------------------
# Layers


def test_the_import_graph_keeps_the_layers() -> None:
    assert violations(project_imports(ROOT)) == []


@pytest.mark.parametrize(("graph", "broken"), [
    pytest.param({"formats.core.model": {"formats.outputs.pdf.writer"}},
                 "formats.core.model imports formats.outputs.pdf.writer",
                 id="core-imports-outputs"),
    pytest.param({"formats.outputs.pdf.writer": {"formats.outputs.html.templating"}},
                 "formats.outputs.pdf.writer imports formats.outputs.html.templating",
                 id="output-imports-another-output"),
    pytest.param({"formats.editions.large_print": {"formats.editions.word"}},
                 "formats.editions.large_print imports formats.editions.word",
                 id="edition-imports-another-edition"),
    pytest.param({"formats.editions.easy_read": {"formats.check.coverage"}},
                 "formats.editions.easy_read imports formats.check.coverage",
                 id="edition-imports-check"),
    pytest.param({"formats.check.coverage": {"formats.editions.standard"}},
                 "formats.check.coverage imports formats.editions.standard",
                 id="check-imports-an-edition"),
    pytest.param({"build": {"formats.outputs.pdf.writer"}},
                 "build imports formats.outputs.pdf.writer", id="cli-imports-an-output"),
    pytest.param({"formats.outputs.docx.reader": {"formats.outputs.docx.writer"}},
                 "formats.outputs.docx.reader (a reader) imports formats.outputs.docx.writer "
                 "(a writer)", id="reader-imports-its-writer"),
])
def test_the_import_rules_catch_a_broken_layer(graph: dict[str, set[str]], broken: str) -> None:
    assert violations(graph) == [broken]


# ---------------------------------------------------------------------------------------------
# Editions


def test_every_registered_edition_keeps_the_contract() -> None:
    for name in names():
        found = edition(name)
        assert found.name == name
        assert all(needed in names() for needed in found.needs)


# The libraries that write and read the files: a process that only asks an edition for its
# cache key, its needs or its name (the build's main process, whose memory every worker it
# forks starts with) must not load them.
RENDERING_LIBRARIES = ("weasyprint", "jinja2", "docx", "lxml", "pypdf", "pypdfium2", "fontTools",
                       "PIL", "mutagen", "numpy", "playwright")


def test_asking_every_edition_for_its_cache_key_loads_no_rendering_library() -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from formats.core.load import load\n"
        "from formats.check.pipeline import cache_keys\n"
        "from formats.registry import names\n"
        f"cache_keys(load(Path({str(ROOT / 'tests/fixtures/easy-read')!r})), names())\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(RENDERING_LIBRARIES)!r}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# Dispatch over the kinds of node


def test_every_dispatch_table_covers_every_kind_of_node() -> None:
    all_modules()
    assert len(dispatch.TABLES) >= 4
    incomplete = {table.name: table.missing() + table.extra() for table in dispatch.TABLES
                  if table.missing() or table.extra()}
    assert incomplete == {}


def test_a_table_missing_a_kind_is_caught() -> None:
    table: NodeTable[str] = block_table("test table", {Paragraph: "paragraph"})
    try:
        assert "Table" in table.missing() and "Paragraph" not in table.missing()
        with pytest.raises(dispatch.UnhandledNode, match="test table: no entry for str"):
            table["a string is no node"]
    finally:
        dispatch.TABLES.remove(table)  # type: ignore[arg-type]


def test_the_templates_have_a_macro_for_every_kind_of_node() -> None:
    module = environment().get_template(MACROS_TEMPLATE).module
    for table, dictionary in ((BLOCK_MACROS, "BLOCK_MACROS"), (INLINE_MACROS, "INLINE_MACROS")):
        in_template = getattr(module, dictionary)
        assert set(in_template) == set(table.handlers.values())
        for macro in table.handlers.values():
            assert getattr(module, macro) is in_template[macro]


def test_no_isinstance_ladder_dispatches_over_node_kinds() -> None:
    """A function whose ``if`` tests ask ``isinstance`` of three or more kinds of node is a
    ladder (an ``if``/``elif`` chain or a run of ``if ...: return``): use a NodeTable."""
    kinds = {kind.__name__ for kind in (*dispatch.BLOCK_KINDS, *dispatch.INLINE_KINDS)}
    ladders = []
    for path in sorted((ROOT / "formats").rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                tested = {name for node in ast.walk(function) if isinstance(node, ast.If)
                          for name in _isinstance_classes(node.test)}
                if len(tested & kinds) >= 3:
                    ladders.append(f"{path.relative_to(ROOT)}:{function.lineno} "
                                   f"{function.name}")
    assert ladders == []


def _isinstance_classes(test: ast.expr) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance":
            for arg in ast.walk(node.args[1]):
                if isinstance(arg, ast.Name):
                    found.add(arg.id)
    return found


# ---------------------------------------------------------------------------------------------
# Size and helpers written once


def python_files() -> list[Path]:
    return [*sorted((ROOT / "formats").rglob("*.py")), ROOT / "build.py"]


def test_no_module_is_over_450_lines() -> None:
    long = {str(path.relative_to(ROOT)): count for path in python_files()
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_class_is_over_250_lines() -> None:
    long = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                size = node.end_lineno - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = size
    assert long == {}


@pytest.mark.parametrize(("pattern", "home"), [
    pytest.param(r"^def slug\(", "formats/core/names.py", id="one-slug"),
    pytest.param(r"\band \{len\(", "formats/core/names.py", id="one-and-n-more"),
    pytest.param(r"^\s*from weasyprint import HTML\b", "formats/outputs/pdf/writer.py",
                 id="one-weasyprint-call"),
    pytest.param(r"\.get\(\"/K\"\)", "formats/outputs/pdf/structure.py",
                 id="one-structure-walker"),
])
def test_a_shared_helper_is_written_once(pattern: str, home: str) -> None:
    found = sorted({str(path.relative_to(ROOT)) for path in python_files()
                    if re.search(pattern, path.read_text(encoding="utf-8"), re.M)})
    assert found == [home]



class _Item:
    """Stands in for a collected test: its path, fixtures and marks."""

    def __init__(self, name: str, fixtures: tuple[str, ...]) -> None:
        self.path = ROOT / "tests" / f"{name}.py"
        self.fixturenames = fixtures
        self.marks: list[str] = []

    def add_marker(self, mark: pytest.MarkDecorator) -> None:
        self.marks.append(mark.name)


def test_every_test_reading_the_real_build_is_marked_slow() -> None:
    """``-m "not slow"`` leaves out every test that would build all the real toolkit's formats
    first: tests/conftest.py marks each test that reads ``real_dist`` slow, and orders the
    files that read the real toolkit last."""
    from tests.conftest import pytest_collection_modifyitems

    reader, loader, other = (_Item("a", ("real_dist",)), _Item("b", ("real_document",)),
                             _Item("c", ("tmp_path",)))
    items = [reader, other, loader]
    pytest_collection_modifyitems(items)  # type: ignore[arg-type]
    assert [(item.path.stem, item.marks) for item in items] == [
        ("c", []), ("a", ["slow"]), ("b", [])]
