"""``pdf/contents-pages`` (formats.outputs.pdf.contents_rules): the printed contents send a
reader to the page each section starts on. A small A6 book whose contents is made as the print
template makes it (``target-counter``) passes; the same book with a page number written by hand
that has gone stale, or with a chapter left out of its contents, fails, naming the entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from formats.outputs.pdf import writer as pdf_writer
from formats.outputs.pdf.contents_rules import contents_entries, contents_pages
from formats.outputs.pdf.rules import OpenPdf

WORDS = "Plain words in a paragraph long enough to fill a small page or two. " * 25
STYLE = ("@page { size: A6; margin: 1.5cm 1cm; @bottom-center { content: 'Page ' counter(page) } }"
         " .toc a { display: block; position: relative; padding-right: 2em }"
         " .toc .title::after { content: leader('.') }"
         " .toc a.counted::after { content: target-counter(attr(href url), page);"
         " position: absolute; right: 0; bottom: 0 }"
         " .toc a .typed { position: absolute; right: 0; bottom: 0 }"
         " .toc ol { list-style: none; padding: 0 } section { break-before: page }")


def book(folder: Path, entries: str) -> Path:
    """Write the small book with the contents ``entries`` (list items); return its PDF."""
    html = f"""<html lang="en-GB"><head><title>Contents</title><style>{STYLE}</style></head>
<body><nav class="toc"><h1>Contents</h1><ol>{entries}</ol></nav>
<section id="one"><h1>1. One</h1><p>{WORDS}</p></section>
<section id="two"><h1>2. Two</h1><p>{WORDS}</p></section></body></html>"""
    return pdf_writer.write_pdf(html, folder / "book.pdf", folder)


def entry(target: str, title: str, typed: str = "") -> str:
    """Return a contents entry: its page number counted by WeasyPrint, or ``typed``."""
    if typed:
        return (f'<li><a href="#{target}"><span class="title">{title}</span>'
                f'<span class="typed">{typed}</span></a></li>')
    return f'<li><a class="counted" href="#{target}"><span class="title">{title}</span></a></li>'


def verdict(path: Path) -> tuple[bool, str]:
    found = contents_pages(OpenPdf.read(path, None))
    return found.passed, found.message


def test_contents_made_by_the_template_give_the_pages(tmp_path: Path) -> None:
    path = book(tmp_path, entry("one", "1. One") + entry("two", "2. Two"))
    assert verdict(path) == (True, "each of the 2 entries of the contents gives the page its "
                                   "section starts on, and every one of the 2 chapters is listed")


def test_a_stale_page_number_fails_naming_the_entry(tmp_path: Path) -> None:
    right = verdict(book(tmp_path, entry("one", "1. One") + entry("two", "2. Two")))
    assert right[0]
    path = book(tmp_path, entry("one", "1. One") + entry("two", "2. Two", typed="3"))
    assert verdict(path) == (False, "the contents says '2. Two' is on page 3, but it starts "
                                    "on page 5")


def test_a_chapter_left_out_of_the_contents_fails(tmp_path: Path) -> None:
    path = book(tmp_path, entry("one", "1. One"))
    assert verdict(path) == (False, "1 chapter(s) have no entry in the contents: '2. Two'")


def test_contents_longer_than_twelve_pages_are_read_to_their_end(tmp_path: Path) -> None:
    """A toolkit ten times longer has 16 pages of contents: its last chapters' entries are
    read too (only the first twelve pages were, and 29 chapters had "no entry")."""
    spaced = entry("one", "1. One").replace("<li>", '<li style="margin-bottom: 4cm">')
    many = spaced * 40  # about three entries a page: 14 A6 pages of them
    path = book(tmp_path, many + entry("two", "2. Two"))
    entries, last = contents_entries(OpenPdf.read(path, None))
    assert last >= 12 and entries[-1][0] == "2. Two"
    assert verdict(path) == (True, "each of the 2 entries of the contents gives the page its "
                                   "section starts on, and every one of the 2 chapters is listed")


class _Page:
    def __init__(self, text: str) -> None:
        self.text = text

    def extract_text(self) -> str:
        return self.text


def test_an_entry_with_a_leader_of_one_dot_is_read() -> None:
    """A long title and a three-digit number left one dot of leader in the large-print PDF of
    a toolkit ten times longer: the entry is read all the same; a title's own full stop is no
    leader."""
    from types import SimpleNamespace

    page = _Page("Quiz 4: How can you solve it? ....... 224\n"
                 "Appendix 20: What do you think of this toolkit? . 431\n"
                 "Before section 4. 5\n5. Last ........ 432\n")
    pdf: Any = SimpleNamespace(reader=SimpleNamespace(pages=[page]))
    assert contents_entries(pdf) == ([("Quiz 4: How can you solve it?", 224, 0),
                                      ("Appendix 20: What do you think of this toolkit?", 431, 0),
                                      ("Before section 4. 5 5. Last", 432, 0)], 0)
