"""Templates compiled once and shared by every environment made alike (jinja2 bytecode)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from formats.core.compiled_templates import COMPILED, CompiledTemplates
from formats.outputs.html import templating

Make = Callable[..., Environment]


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Return the names of the templates compiled while the test runs."""
    names: list[str] = []
    real = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None,
                filename: str | None = None, *args: object, **kwargs: object) -> object:
        names.append(name or "")
        return real(self, source, name, filename, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Environment, "compile", counted)
    return names


@pytest.fixture
def make(tmp_path: Path) -> Make:
    """Return a function making an environment of the templates in ``tmp_path/t`` that keeps
    what it compiles in ``cache`` (``tmp_path/c``, by default)."""
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.html").write_text("<p>{{ word|shout }}</p>", encoding="utf-8")

    def made(shout: Callable[[str], str] = str.upper, autoescape: bool = True,
             cache: CompiledTemplates | None = None) -> Environment:
        env = Environment(loader=FileSystemLoader(tmp_path / "t"), autoescape=autoescape,
                          bytecode_cache=cache or CompiledTemplates(tmp_path / "c"))
        env.filters["shout"] = shout
        return env
    return made


def test_the_pages_environments_compile_each_template_once_a_process(
        compiled: list[str], mini_document: object) -> None:
    COMPILED.clear()
    first = templating.environment().get_template(templating.MACROS_TEMPLATE)
    second = templating.environment().get_template(templating.MACROS_TEMPLATE)
    assert first is not second
    assert compiled.count(templating.MACROS_TEMPLATE) <= 1  # 0: another test wrote it to disk


def test_a_shared_template_uses_the_filters_of_the_environment_it_renders_in(
        make: Make, compiled: list[str], tmp_path: Path) -> None:
    shared = CompiledTemplates(tmp_path / "c")
    loud = make(cache=shared).get_template("page.html")
    quiet = make(str.lower, cache=shared).get_template("page.html")
    assert compiled == ["page.html"]
    assert loud.render(word="Hi") == "<p>HI</p>"
    assert quiet.render(word="Hi") == "<p>hi</p>"


def test_environments_that_escape_differently_do_not_share_a_template(
        make: Make, compiled: list[str]) -> None:
    escaping = make().get_template("page.html")
    raw = make(autoescape=False).get_template("page.html")
    assert compiled == ["page.html", "page.html"]
    assert escaping.render(word="<b>") == "<p>&lt;B&gt;</p>"
    assert raw.render(word="<b>") == "<p><B></p>"


def test_another_process_reads_the_compiled_template_from_the_cache_folder(
        make: Make, compiled: list[str], tmp_path: Path) -> None:
    make().get_template("page.html")
    assert list((tmp_path / "c").glob("*.jinja"))
    again = make().get_template("page.html")  # a new CompiledTemplates: nothing in memory
    assert compiled == ["page.html"]
    assert again.render(word="Hi") == "<p>HI</p>"


def test_an_edited_template_is_compiled_again(make: Make, compiled: list[str],
                                              tmp_path: Path) -> None:
    shared = CompiledTemplates(tmp_path / "c")
    make(cache=shared).get_template("page.html")
    (tmp_path / "t" / "page.html").write_text("<h1>{{ word }}</h1>", encoding="utf-8")
    edited = make(cache=shared).get_template("page.html")
    assert compiled == ["page.html", "page.html"]
    assert edited.render(word="Hi") == "<h1>Hi</h1>"


def test_a_damaged_entry_is_compiled_again(make: Make, compiled: list[str],
                                           tmp_path: Path) -> None:
    make().get_template("page.html")
    for entry in (tmp_path / "c").glob("*.jinja"):
        entry.write_bytes(entry.read_bytes()[:40])
    again = make().get_template("page.html")
    assert compiled == ["page.html", "page.html"]
    assert again.render(word="Hi") == "<p>HI</p>"


def test_without_a_cache_folder_to_write_templates_still_render(
        make: Make, tmp_path: Path) -> None:
    (tmp_path / "c").write_text("a file, not a folder", encoding="utf-8")
    assert make().get_template("page.html").render(word="Hi") == "<p>HI</p>"
