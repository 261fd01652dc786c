"""Braille page layout: wrapping, headings, print page indicators, page numbers, the file."""

from __future__ import annotations

from pathlib import Path

from formats.outputs.brf.geometry import (
    BREAK_HERE,
    HeadingLayout,
    PageSize,
    indent,
    is_centred,
    line_layout,
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


def test_centred_headings_leave_five_cells_either_side_and_the_others_start_in_cell_5_or_7(
        ) -> None:
    centred = heading_lines(Heading(translate("Some other guides on involvement and "
                                              "co-production")))
    assert len(centred) == 2
    assert all(is_centred(line) and line.startswith("     ") and len(line) <= 35
               and line_layout(line) is HeadingLayout.CENTRED for line in centred)
    cells = translate("What support do you need?")
    assert heading_lines(Heading(cells, HeadingLayout.CELL_5)) == ["    ,:AT SUPPORT D Y NE$8"]
    assert heading_lines(Heading(cells, HeadingLayout.CELL_7)) == ["      ,:AT SUPPORT D Y NE$8"]
    runovers = heading_lines(Heading(" ".join([cells] * 3), HeadingLayout.CELL_5))
    assert len(runovers) == 2 and {line_layout(line) for line in runovers} == {
        HeadingLayout.CELL_5}


def test_a_centred_line_never_starts_in_cell_7_where_cell_7_headings_do() -> None:
    lines = [heading_lines(Heading("AAAAA BBBBB CCCCC DDDDD " + "E" * length))[0]
             for length in (2, 3, 4, 5, 6)]  # 26 to 30 cells
    assert [indent(line) for line in lines] == [7, 7, 5, 5, 5]  # not 6: 5 or 7 blank cells
    assert all(line_layout(line) is HeadingLayout.CENTRED for line in lines)


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
    assert [line.strip() for line in layout.pages[1][1:5]] == ["", ",LATE H1D+", "",
                                                               ",XS TEXT4"]


def test_only_a_chapter_heading_starts_a_page_without_a_blank_line_before_it() -> None:
    filler = [Text(translate(f"Line {n}."), 0, 0) for n in range(21)]  # fills the page
    items = [Heading("A", new_page=True), *filler, Heading("B", HeadingLayout.CELL_5),
             Text("C"), Heading("D", new_page=True), Text("E")]
    pages = paginate(items, number).pages
    assert [page[1:3] for page in pages] == [["                   A", ""], ["", "    B"],
                                             ["                   D", ""]]


def test_a_heading_never_follows_text_that_would_read_as_a_cell_5_heading() -> None:
    def pages(text: Text) -> list[list[str]]:
        items = [Heading("A", new_page=True), text, Heading("B"), Text("C")]
        return paginate(items, number).pages

    assert [page[1:5] for page in pages(Text("QUOTE", 4, 2))] == [
        ["                   A", "", "    QUOTE", ""], ["", "                   B", "", "  C"]]
    assert len(pages(Text("PARAGRAPH", 2, 0))) == 1


def test_a_heading_followed_by_a_heading_takes_it_along_to_the_next_page() -> None:
    filler = [Text(translate(f"Line {n}."), 0, 0) for n in range(17)]
    items = [*filler, Heading(translate("Section"), ref="s"),
             Heading(translate("Part"), HeadingLayout.CELL_7, ref="p"), Text(translate("Words."))]
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
