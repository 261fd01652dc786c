"""One picture, one meaning: the picture-meaning rule on the source and on the built page, and
the currency rule; each broken in a copy of the fixture or of its built page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from formats.core.load import load
from formats.core.model import Document
from formats.editions.easy_read.picture_rules import (
    currencies_shown,
    currency,
    html_picture_meaning,
    picture_meaning,
    says_match,
)
from tests.editions.easy_read.support import (
    LIBRARY,
    PART_1,
    PART_2,
    change_alt_text,
    edit,
    failed,
)


def test_every_row_says_what_its_picture_means(er_fixture: Document) -> None:
    easy_read = er_fixture.easy_read
    assert easy_read is not None
    [result] = picture_meaning(er_fixture, easy_read)
    assert result.passed and result.rule == "easy-read/picture-meaning"
    assert result.where == f"{er_fixture.source_dir}/{LIBRARY}"


@pytest.mark.parametrize(("stem", "text", "found"), [
    pytest.param("check", "Check it. It is checked.", True, id="any-case"),
    pytest.param("co-produc", "We co-produced a leaflet.", True, id="hyphenated-stem"),
    pytest.param("part", "She is a partner.", True, id="start-of-a-word"),
    pytest.param("art", "She is a partner.", False, id="not-inside-a-word"),
    pytest.param("3", "You can answer 3 questions.", True, id="a-digit"),
])
def test_a_says_stem_is_matched_at_the_start_of_a_word(stem: str, text: str,
                                                        found: bool) -> None:
    assert says_match(stem, text) is found


def test_one_file_in_two_library_entries_is_two_meanings(er_fixture: Document) -> None:
    # The loader refuses a file in two entries; the rule checks the model it is given too.
    easy_read = er_fixture.easy_read
    assert easy_read is not None
    talk, group, tick = easy_read.pictures
    other = dataclasses.replace(tick, image=dataclasses.replace(
        tick.image, name="ticket", meaning="a ticket"))
    broken = dataclasses.replace(easy_read, pictures=(talk, group, tick, other))
    assert failed(picture_meaning(er_fixture, broken), "easy-read/picture-meaning") == [
        (f"{er_fixture.source_dir}/{LIBRARY}:16", "file 'tick.png' is pictures 'tick' "
         "(checking and answers) and 'ticket' (a ticket): a picture file means one thing",
         "error")]


def test_a_row_picture_that_is_not_in_the_library_is_reported(er_fixture: Document) -> None:
    easy_read = er_fixture.easy_read
    assert easy_read is not None
    without_tick = dataclasses.replace(easy_read, pictures=easy_read.pictures[:2])
    found = failed(picture_meaning(er_fixture, without_tick), "easy-read/picture-meaning")
    assert [where.removeprefix(f"{er_fixture.source_dir}/") for where, _, _ in found] == [
        f"{PART_1}:17", f"{PART_2}:11", f"{PART_2}:13"]
    assert found[0][1] == ("picture 'tick' is not in pictures/easy-read/pictures.yaml: name a "
                           "picture of the library")


def test_a_picture_showing_a_currency_sign_needs_a_row_that_names_it(source_copy: Path) -> None:
    edit(source_copy / LIBRARY, "  meaning: working together and talking\n",
         "  meaning: working together and talking\n  shows: [a dollar sign on the table]\n")
    edit(source_copy / PART_2, "You can answer 3 questions.", "You can win 3 dollars.")
    document = load(source_copy)
    assert document.easy_read is not None
    assert failed(currency(document, document.easy_read), "easy-read/currency") == [
        (f"{source_copy}/{PART_1}:11", "picture 'talk' shows a dollar sign, but the row does "
         "not name dollars: show money without a currency symbol", "error")]


def test_the_fixture_shows_no_currency(er_fixture: Document) -> None:
    assert er_fixture.easy_read is not None
    [result] = currency(er_fixture, er_fixture.easy_read)
    assert result.passed
    assert result.message == ("0 pictures show a currency symbol; every row beside one names "
                              "that currency")


@pytest.mark.parametrize(("shows", "alt", "found"), [
    pytest.param((), "A money bag with a $ on it", ["dollar"], id="symbol-in-the-alt-text"),
    pytest.param(("a pound sign",), "A purse", ["pound"], id="named-in-shows"),
    pytest.param((), "A purse", [], id="no-symbol"),
])
def test_currencies_shown_come_from_shows_and_alt_text(er_fixture: Document, shows: tuple,
                                                       alt: str, found: list[str]) -> None:
    assert er_fixture.easy_read is not None
    picture = er_fixture.easy_read.pictures[0]
    changed = dataclasses.replace(picture, shows=shows,
                                  image=dataclasses.replace(picture.image, alt=alt))
    assert currencies_shown(changed) == found


def test_the_real_library_shows_no_currency_symbol(real_document: Document) -> None:
    easy_read = real_document.easy_read
    assert easy_read is not None
    assert [picture.image.name for picture in easy_read.pictures
            if currencies_shown(picture)] == []
    money = next(picture for picture in easy_read.pictures if picture.image.name == "money")
    assert (money.image.path.name, money.image.alt) == ("1F45B.png", "A purse")


def test_the_built_page_gives_each_picture_file_one_alt_text(built_copy: Path) -> None:
    [result] = html_picture_meaning(built_copy, "index.html")
    assert result.passed
    assert result.message == "each of the 3 picture files has one alt text in the page"
    page = built_copy / "index.html"
    change_alt_text(page, "er-try-it", "A tick in a box", "A box to tick")
    assert failed(html_picture_meaning(built_copy, "index.html"),
                  "easy-read/picture-meaning") == [
        ("index.html", "picture './pictures/easy-read/tick.png' has 2 alt texts: 'A tick in a "
                       "box'; 'A box to tick'", "error")]
