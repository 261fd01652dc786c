"""liblouis through ctypes: UEB grade 2 into BRF's ASCII braille and back."""

from __future__ import annotations

import ctypes

import pytest

from formats.outputs.brf import louis
from formats.outputs.brf.louis import Emphasis, LiblouisError, back_translate, translate


def test_grade_2_contracts_words_into_ascii_braille() -> None:
    assert translate("This is very important for you and me.") == \
        ",? IS V IMPORTANT = Y & ME4"
    assert translate("2.6 What's different?") == "#B4F ,:AT'S DI6]5T8"


def test_back_translation_gives_the_words_back() -> None:
    assert back_translate(",? IS V IMPORTANT = Y & ME4") == \
        "This is very important for you and me."


def test_back_translation_is_lossy_for_some_words() -> None:
    assert back_translate(translate("There is enough time.")) == "There is en time."


def test_emphasis_adds_ueb_indicators() -> None:
    text = "a bold word"
    forms = [Emphasis.PLAIN] * 2 + [Emphasis.BOLD] * 4 + [Emphasis.PLAIN] * 5
    assert translate(text, forms) == "A ^1BOLD ^W"
    italic = [Emphasis.ITALIC] * len(text)
    assert translate(text, italic).startswith(".7")


def test_one_emphasis_per_character_is_required() -> None:
    with pytest.raises(ValueError, match="one emphasis per character of the text is needed"):
        translate("abc", [0])


def test_long_texts_are_translated_whole() -> None:
    text = "working together " * 400
    assert translate(text).split() == ['"W+', "TGR"] * 400


def test_a_missing_library_is_reported_with_the_packages_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise OSError(f"{name}: cannot open shared object file")

    louis.library.cache_clear()
    monkeypatch.setattr(ctypes, "CDLL", missing)
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    try:
        with pytest.raises(LiblouisError, match=r"^liblouis is not installed \(liblouis.so.20: "
                           r"cannot open shared object file\): install Debian's liblouis-bin "
                           r"and liblouis-data$"):
            translate("a")
    finally:
        monkeypatch.undo()
        louis.library.cache_clear()
    assert louis.version().startswith("3.")
