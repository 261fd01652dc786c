"""A small EPUB made with the writer, for the reader's and the rules' tests."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

from formats.outputs.epub.names import CONFORMANCE
from formats.outputs.epub.writer import Book, Metadata, NavPoint, Resource, write_epub
from formats.outputs.epub.xhtml import serialise, to_xhtml
from tests.conftest import FIXTURES

PICTURE = Resource("a.png",
                   (FIXTURES / "word-picture" / "pictures" / "three-steps.png").read_bytes())

ACCESSIBILITY = (("dcterms:conformsTo", CONFORMANCE), ("a11y:certifiedBy", "Test Publisher"),
                 ("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual"),
                 ("schema:accessibilityFeature", "structuralNavigation"),
                 ("schema:accessibilityFeature", "tableOfContents"),
                 ("schema:accessibilityFeature", "pageNavigation"),
                 ("schema:accessibilityHazard", "none"),
                 ("schema:accessibilitySummary", "A small book for tests."))

CHAPTER = """<!DOCTYPE html><html lang="en-GB" xml:lang="en-GB"><head><meta charset="utf-8">
<title>Start</title></head><body><main>
<section id="start" epub:type="chapter"><span epub:type="pagebreak" role="doc-pagebreak"
id="page-3" title="3"></span><h1>1. Start</h1><p>First words.<br>Second line.</p>
<figure><img src="a.png" alt="A picture of three steps"></figure>
<section id="more"><h2>1.1 More</h2><ul><li>One point.</li><li>Another point.</li></ul>
<table><tr><th>Name</th><th>Answer</th></tr><tr><td>Co-production</td><td>Yes</td></tr></table>
<textarea id="ideas"></textarea></section></section></main></body></html>"""


def chapter(html: str = CHAPTER) -> Resource:
    """Return the sample chapter as a content document."""
    return Resource("01-start.xhtml", serialise(to_xhtml(html)))


def book(**changes: object) -> Book:
    """Return the sample book, with ``changes`` made to it."""
    metadata = Metadata(identifier="urn:test:sample:epub", title="Sample", language="en-GB",
                        publisher="Test Publisher", date="2026-11-27",
                        modified=datetime.datetime(2026, 11, 27, tzinfo=datetime.UTC),
                        accessibility=ACCESSIBILITY)
    made = Book(metadata=metadata, documents=(chapter(),), resources=(PICTURE,),
                toc=(NavPoint("01-start.xhtml#start", "1. Start",
                              (NavPoint("01-start.xhtml#more", "1.1 More"),)),),
                pages=(("3", "01-start.xhtml#page-3"),),
                landmarks=(("bodymatter", "01-start.xhtml", "Start"),))
    return replace(made, **changes)  # type: ignore[arg-type]


def write_sample(path: Path, **changes: object) -> Path:
    """Write the sample book (with ``changes``) at ``path``; return the path."""
    return write_epub(book(**changes), path)
