"""The jinja2 environment that HTML-based formats share (autoescape on, model-aware filters)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from formats.model import Document, Image, Quiz
from formats.text import inline_text

TEMPLATES = Path(__file__).parent / "templates"


class PictureCopier:
    """Copies pictures into an output folder and returns their address relative to the page."""

    def __init__(self, source_dir: Path, out_dir: Path, folder: str = "pictures") -> None:
        self.source_root = source_dir.resolve()
        self.out_dir = out_dir
        self.folder = folder
        self.written: list[Path] = []

    def __call__(self, image: Image) -> str:
        relative = image.path.relative_to(self.source_root)
        target = self.out_dir / self.folder / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(image.path, target)
            self.written.append(target)
        return f"{self.folder}/{relative.as_posix()}"


def environment(pictures: PictureCopier | None = None) -> Environment:
    """Return a jinja2 environment for the templates folder with the model filters."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        enabled_extensions=("html", "j2", "xml"), default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.filters["kind"] = lambda node: type(node).__name__.lower()
    env.filters["plain"] = inline_text
    env.filters["picture_url"] = pictures if pictures is not None else (
        lambda image: image.path.as_uri())
    return env


def page_context(document: Document, **extra: Any) -> dict[str, Any]:
    """Return what every page template needs: metadata, chapters and quizzes by id."""
    quizzes: dict[str, Quiz] = {quiz.id: quiz for quiz in document.quizzes()}
    return {"meta": document.meta, "chapters": document.chapters, "quizzes": quizzes,
            "show_addresses": False, **extra}
