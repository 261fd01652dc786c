"""WeasyPrint's user-agent stylesheet without the rules our pages never use
(formats.outputs.pdf.user_agent): fewer styles computed, the same PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from weasyprint.css import StyleFor

from formats.core.names import TEMPLATES
from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.user_agent import UNUSED_BY_OUR_STYLESHEETS, lean_stylesheet_text

PAGE = ('<html lang="en-GB"><head><title>Lists</title></head><body><h1>Lists</h1>'
        "<p>Before the list.</p><ol><li>One</li><li>Two <strong>bold</strong></li></ol>"
        "<ul><li>A point</li><li>Another</li></ul>"
        "<table><caption>A table</caption><tr><th scope='col'>Name</th></tr>"
        "<tr><td>Ann</td></tr></table></body></html>")
STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@pytest.fixture
def styles_computed(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Return the pseudo-element (None: the element) of each style WeasyPrint computes for the
    page's elements (not for its pages and their margins: ``@top-center``...)."""
    computed: list[str | None] = []
    real = StyleFor.set_computed_styles

    def counted(self: StyleFor, element: object, parent: object, root: object = None,
                pseudo_type: str | None = None, base_url: object = None,
                target_collector: object = None) -> None:
        if not (pseudo_type or "").startswith("@"):
            computed.append(pseudo_type)
        real(self, element, parent, root, pseudo_type, base_url, target_collector)

    monkeypatch.setattr(StyleFor, "set_computed_styles", counted)
    return computed


def test_the_lean_stylesheet_leaves_out_footnotes_notes_and_markers_of_all_but_li() -> None:
    lean = lean_stylesheet_text()
    assert lean is not None
    assert not re.search(r"::(footnote|note)-", lean)
    assert "\nli::marker {" in lean and "\n::marker {" not in lean
    assert "@counter-style" not in lean  # WeasyPrint defined them when it read its own
    assert "@page" in lean and "\nli { display: list-item }" in lean  # the rest is kept


def test_only_the_styles_of_pseudo_elements_a_page_makes_are_computed(
        tmp_path: Path, styles_computed: list[str | None]) -> None:
    pdf_writer.write_pdf(PAGE, tmp_path / "lists.pdf", TEMPLATES)
    elements = styles_computed.count(None)
    assert sorted({kind for kind in styles_computed if kind}) == ["marker"]
    assert styles_computed.count("marker") == 4  # the four li
    assert len(styles_computed) < 2 * elements


def test_without_it_every_element_has_six_more_styles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        styles_computed: list[str | None]) -> None:
    monkeypatch.setattr(pdf_writer, "use_lean_stylesheet", lambda page: None)
    pdf_writer.write_pdf(PAGE, tmp_path / "lists.pdf", TEMPLATES)
    assert len(styles_computed) >= 7 * styles_computed.count(None)


def test_the_pdf_is_the_same_with_it_and_without_it(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    lean = pdf_writer.write_pdf(PAGE, tmp_path / "lean.pdf", TEMPLATES).read_bytes()
    monkeypatch.setattr(pdf_writer, "use_lean_stylesheet", lambda page: None)
    whole = pdf_writer.write_pdf(PAGE, tmp_path / "whole.pdf", TEMPLATES).read_bytes()
    assert lean == whole


def test_our_stylesheets_never_make_what_the_lean_stylesheet_leaves_out() -> None:
    # a footnote, a note or a list item that is not an li would need the rules left out
    found = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix == ".css":
            styles = [path.read_text(encoding="utf-8")]
        elif path.suffix == ".j2":
            styles = STYLE_ELEMENT.findall(path.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"{path.name}: {match.group(0)}" for style in styles
                  for match in UNUSED_BY_OUR_STYLESHEETS.finditer(style)]
    assert found == []
