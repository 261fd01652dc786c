"""Who imports whom in the project, read from the code with ``ast``, and the layering rules.

The layers (see README "Layout"): ``core`` imports nothing else of ``formats``; an ``outputs``
package imports ``core`` and itself only; an edition imports ``core`` and ``outputs`` (and
itself), never another edition, ``check`` or the registry; ``check`` imports ``core``, the
registry and itself; the registry imports ``core``; ``build.py`` imports ``check``, ``core`` and
the registry. A module that reads or checks files (named ``reader``, ``reading``, ``parts``,
``rules``, ``*_rules``, ``read_*``) never imports one that writes them (named ``writer``,
``document``, ``make``, ``synth``, ``encode``, ``engines``, ``templating``, ``print_page``,
``write_*``).
"""

from __future__ import annotations

import ast
from pathlib import Path

READER_NAMES = ("reader", "reading", "parts", "rules")
WRITER_NAMES = ("writer", "document", "make", "synth", "encode", "engines", "templating",
                "print_page")


def module_name(path: Path, root: Path) -> str:
    """Return the dotted name of the module at ``path`` under the project ``root``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str) -> set[str]:
    """Return the modules of ``formats`` (and ``build``) that the file imports, by dotted name.

    ``from formats.x import y`` counts as importing ``formats.x.y`` when that is a module of its
    own, else ``formats.x``; relative imports are resolved against ``name``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module.startswith("formats") or module == "build"}


def project_imports(root: Path) -> dict[str, set[str]]:
    """Return, for every module of ``formats`` and for ``build``, the project modules it
    imports (only names that are modules or packages of the project)."""
    files = {module_name(path, root): path for path in sorted((root / "formats").rglob("*.py"))}
    files["build"] = root / "build.py"
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        graph[name] = {module for module in imports_of(path, name) if module in files}
    return graph


def layer(module: str) -> tuple[str, str]:
    """Return a module's layer and its unit: ("outputs", "docx"), ("editions", "audio"),
    ("core", ""), ("check", ""), ("registry", ""), ("build", "")."""
    parts = module.split(".")
    if module == "build":
        return "build", ""
    if len(parts) == 1:
        return "formats", ""
    if parts[1] in ("outputs", "editions"):
        return parts[1], parts[2] if len(parts) > 2 else ""
    return parts[1], ""


def _allowed(importer: str, imported: str) -> bool:
    (kind, unit), (target, target_unit) = layer(importer), layer(imported)
    if target == "formats":  # the bare package "formats" holds nothing
        return True
    rules = {
        "core": {"core"},
        "outputs": {"core"},
        "editions": {"core", "outputs"},
        "check": {"core", "registry", "check"},
        "registry": {"core"},
        "build": {"core", "registry", "check"},
        "formats": set(),
    }
    if kind in ("outputs", "editions") and target == kind:
        return target_unit == unit or not target_unit
    return target in rules[kind]


def _role(module: str, names: tuple[str, ...]) -> bool:
    last = module.rsplit(".", 1)[-1]
    return any(last == name or last.startswith(f"{name}_") or last.endswith(f"_{name}")
               for name in names)


def violations(graph: dict[str, set[str]]) -> list[str]:
    """Return one line per import that breaks the layering rules or a reader's independence."""
    found = []
    for importer, imported_modules in sorted(graph.items()):
        for imported in sorted(imported_modules):
            if not _allowed(importer, imported):
                found.append(f"{importer} imports {imported}")
            elif (_role(importer, READER_NAMES) and _role(imported, WRITER_NAMES)
                  and layer(importer) == layer(imported)):
                found.append(f"{importer} (a reader) imports {imported} (a writer)")
    return found
