"""Braille page layout: wrapping, headings, print page indicators, page numbers, the file."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.brf.geometry import (
    BREAK_HERE,
    PageSize,
    is_centred,
    is_minor_heading,
    split_pages,
)
from formats.outputs.brf.louis import translate
from formats.outputs.brf.writer import (
    BoxLine,
    Entry,
    Heading,
    PrintPage,
    Text,
    brf_text,
    heading_lines,
    paginate,
    wrap,
    write_brf,
)


def number(n: int) -> str:
    return translate(str(n))


def test_wrap_breaks_at_spaces_with_first_line_and_runover_indents() -> None:
    lines = wrap("AAAA BBBB CCCC DDDD", 12, first=2, runover=0)
    assert lines == ["  AAAA BBBB", "CCCC DDDD"]
    assert wrap("AAAA BBBB CCCC", 10, first=0, runover=2) == ["AAAA BBBB", "  CCCC"]


def test_a_word_longer_than_a_line_is_cut_with_the_continuation_indicator() -> None:
    lines = wrap("AB " + "X" * 25, 10)
    assert lines == ["AB", 'XXXXXXXXX"', 'XXXXXXXXX"', "XXXXXXX"]
    assert all(len(line) <= 10 for line in lines)


def test_a_long_address_is_divided_after_a_marked_sign_never_inside_a_symbol() -> None:
    mark = BREAK_HERE
    word = f"WWW4{mark}ILIS4{mark}CO4{mark}UK_/{mark}UPLOADED.-{mark}FILES_/{mark}#AEP4{mark}PDF"
    lines = wrap(f"SEE {word}", 20)
    assert lines == ["SEE", 'WWW4ILIS4CO4UK_/"', 'UPLOADED.-FILES_/"', "#AEP4PDF"]
    assert all(len(line) <= 20 for line in lines)
    assert wrap(word, 45) == ["WWW4ILIS4CO4UK_/UPLOADED.-FILES_/#AEP4PDF"]  # no mark written


def test_centred_headings_leave_five_cells_either_side_and_minor_ones_start_in_cell_7() -> None:
    centred = heading_lines(Heading(translate("Some other guides on involvement and "
                                              "co-production")))
    assert len(centred) == 2
    assert all(is_centred(line) and line.startswith("     ") and len(line) <= 35
               for line in centred)
    minor = heading_lines(Heading(translate("What support do you need?"), centred=False))
    assert minor == ["      ,:AT SUPPORT D Y NE$8"]
    assert all(is_minor_heading(line) for line in minor)


def test_pages_hold_the_print_page_first_and_the_braille_page_number_last() -> None:
    items = [PrintPage(translate("5")), Heading(translate("Introduction"), new_page=True),
             *(Text(translate(f"Paragraph number {n} of the text.")) for n in range(30))]
    pages = paginate(items, number).pages
    assert len(pages) == 2
    assert all(len(page) == 25 and all(len(line) <= 40 for line in page) for page in pages)
    assert pages[0][0] == " " * 38 + "#E" and pages[0][-1] == " " * 38 + "#A"
    assert pages[1][0].strip() == "#E" and pages[1][-1].strip() == "#B"
    assert pages[0][1].strip() == ",9TRODUC;N" and pages[0][2] == ""


def test_a_new_print_page_mid_page_is_a_print_page_change_line() -> None:
    items = [Heading(translate("Start"), new_page=True), Text(translate("First.")),
             PrintPage(translate("12")), Heading(translate("Two")), Text(translate("Second."))]
    page = paginate(items, number).pages[0]
    assert page[1:8] == ["                  ,/>T", "", "  ,F/4", "-" * 37 + "#AB", "",
                         "                  ,TWO", ""]


def test_without_print_pages_the_first_line_stays_empty() -> None:
    pages = paginate([PrintPage("#C"), Text("ABC")], number, show_print_pages=False).pages
    assert pages[0][0] == ""


def test_a_heading_is_kept_with_the_lines_that_follow_it() -> None:
    filler = [Text(translate(f"Line {n}."), 0, 0) for n in range(20)]
    items = [*filler, Heading(translate("Late heading")), Text(translate("Its text."))]
    layout = paginate(items, number)
    assert [line.strip() for line in layout.pages[1][1:4]] == [",LATE H1D+", "", ",XS TEXT4"]


def test_a_heading_followed_by_a_heading_takes_it_along_to_the_next_page() -> None:
    filler = [Text(translate(f"Line {n}."), 0, 0) for n in range(17)]
    items = [*filler, Heading(translate("Section"), ref="s"),
             Heading(translate("Part"), centred=False, ref="p"), Text(translate("Words."))]
    layout = paginate(items, number)
    assert layout.heading_pages == {"s": 2, "p": 2}


def test_headings_after_headings_have_one_blank_line_between() -> None:
    items = [Heading("A", new_page=True), Heading("B"), Text("C")]
    page = paginate(items, number).pages[0]
    assert [line.strip() for line in page[1:6]] == ["A", "", "B", "", "C"]


def test_contents_entries_end_with_guide_dots_and_the_page_number() -> None:
    page = paginate([Entry(translate("Introduction"), translate("12"))], number).pages[0]
    assert page[1] == ",9TRODUC;N " + '"' * 25 + " #AB"
    assert len(page[1]) == 40


def test_box_lines_fill_the_line() -> None:
    page = paginate([BoxLine(), Text("A"), BoxLine()], number).pages[0]
    assert page[1] == "7" * 40 and page[3] == "7" * 40


def test_other_page_sizes_are_kept() -> None:
    size = PageSize(cells=32, lines=20)
    items = [Text(translate("The same words said again and again. " * 30))]
    pages = paginate(items, number, size=size).pages
    assert all(len(page) == 20 and all(len(line) <= 32 for line in page) for page in pages)


def test_the_file_has_cr_lf_lines_and_form_feeds_between_pages(tmp_path: Path) -> None:
    pages = [["", "  ,A4", "#A"], ["", "  ,B4", "#B"]]
    assert brf_text(pages) == "\r\n  ,A4\r\n#A\r\n\f\r\n  ,B4\r\n#B\r\n\f"
    path = write_brf(pages, tmp_path / "out" / "a.brf")
    assert split_pages(path.read_text(encoding="ascii")) == pages
