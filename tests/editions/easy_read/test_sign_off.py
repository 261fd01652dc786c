"""The Easy Read sign-off: who checked the text and what they checked, as hashes of the parts and
sections; the rules that warn when any of them changes afterwards; what every output says; and
the command that writes it (build.py easy-read-checked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

import build
from formats.core.load import load
from formats.core.model import Document
from formats.core.profile import read_profile, with_partner
from formats.core.sign_off import part_hashes
from formats.editions.easy_read import EDITION
from formats.editions.easy_read.sign_off_rules import checked_against, sign_off
from formats.outputs.docx.parts import read_parts, text_of
from formats.outputs.html.easy_read import NOT_CHECKED, checked_line
from tests.conftest import ROOT
from tests.editions.easy_read.support import PART_1, PART_2, SETTINGS, edit, failed

CHAPTER = "chapters/01-start.md"
SIGN_OFF = 'build.py easy-read-checked --by "NAMES OR A GROUP" --date YYYY-MM-DD'
EXAMPLE_PROFILE = ROOT / "docs" / "example-profile" / "profile.yaml"


def unsign(source: Path) -> None:
    """Empty the sign-off of the source (``checked-by: {}``), keeping the rest of the file."""
    path = source / SETTINGS
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("checked-by:"))
    end = start + 1
    while lines[end].startswith(" "):
        end += 1
    path.write_text("\n".join([*lines[:start], "checked-by: {}", *lines[end:]]) + "\n",
                    encoding="utf-8")


def rules_of(source: Path) -> list:
    document = load(source)
    assert document.easy_read is not None
    return sign_off(document, document.easy_read) + checked_against(document, document.easy_read)


def test_the_fixture_was_checked_and_nothing_changed_since(er_fixture: Document) -> None:
    assert er_fixture.easy_read is not None
    results = (sign_off(er_fixture, er_fixture.easy_read)
               + checked_against(er_fixture, er_fixture.easy_read))
    assert [(result.rule, result.passed, result.level) for result in results] == [
        ("easy-read/sign-off", True, "warning"), ("easy-read/checked-against", True, "warning")]
    assert checked_line(er_fixture.easy_read) == ("Checked by the Test Reading Group on 30 "
                                                  "November 2026")


def test_nobody_named_is_a_warning(source_copy: Path) -> None:
    unsign(source_copy)
    assert failed(rules_of(source_copy), "easy-read/sign-off") == [
        (f"{source_copy}/{SETTINGS}:1", "nobody is named in 'checked-by': people with learning "
         f"disabilities should check the Easy Read text; when they have, run {SIGN_OFF}",
         "warning")]
    assert failed(rules_of(source_copy), "easy-read/checked-against") == []


def test_a_part_changed_after_the_check_is_named(source_copy: Path) -> None:
    before = part_hashes(load(source_copy).easy_read)["er-try-it"]
    edit(source_copy / PART_2, "It is not a game.", "It is not a race.")
    after = part_hashes(load(source_copy).easy_read)["er-try-it"]
    assert before != after
    assert failed(rules_of(source_copy), "easy-read/sign-off") == [
        (f"{source_copy}/{PART_2}:2", f"part 'er-try-it' (Try it) changed since the Test Reading "
         f"Group checked the text on 2026-11-30 (checked {before}, now {after}): ask them to "
         f"check it again, then run {SIGN_OFF}", "warning")]
    assert failed(rules_of(source_copy), "easy-read/checked-against") == []


def test_a_section_changed_after_the_check_is_named_with_its_part(source_copy: Path) -> None:
    document = load(source_copy)
    then = dict(document.easy_read.parts[1].checked_against)["try-it"]
    edit(source_copy / CHAPTER, "Circle your answer.", "Circle your answer, then rest.")
    results = rules_of(source_copy)
    now = dict(document.easy_read.checked_by.sections)["try-it"]
    assert then == now
    [(where, message, level)] = failed(results, "easy-read/checked-against")
    current = message.split("now ")[1][:12]
    assert (where, message, level) == (
        f"{source_copy}/{PART_2}:2", f"section 'try-it' (1.2 Try it) changed since part "
        f"'er-try-it' was re-read beside it (then {then}, now {current}): re-read the part "
        "beside it and correct it, then run build.py easy-read-checked --re-read er-try-it",
        "warning")
    assert failed(results, "easy-read/sign-off") == [
        (f"{source_copy}/{SETTINGS}:1", f"section 'try-it' (1.2 Try it) changed since the Test "
         f"Reading Group checked the text on 2026-11-30 (checked {then}, now {current}): ask "
         f"them to check it again, then run {SIGN_OFF}", "warning")]


def test_a_part_not_re_read_and_a_new_part_are_named(source_copy: Path) -> None:
    edit(source_copy / PART_1, "checked-against:   # written by build.py easy-read-checked\n"
                               "  start:", "was-checked-against:\n  start:")
    edit(source_copy / SETTINGS, "    er-try-it:", "    er-tried-it:")
    results = rules_of(source_copy)
    assert [message.split(":")[0] for _, message, _ in
            failed(results, "easy-read/checked-against")] == [
        "part 'er-what-it-is' has not been re-read beside section 'start' (1. Getting started)",
        "part 'er-what-it-is' has not been re-read beside section 'what-is-it' (1.1 What is it?)",
        "part 'er-what-it-is' has not been re-read beside section 'details' (a) Details)"]
    assert [message.split(":")[0] for _, message, _ in failed(results, "easy-read/sign-off")] == [
        "part 'er-try-it' (Try it) is new since the Test Reading Group checked the text on "
        "2026-11-30",
        "part 'er-tried-it' was checked but is no longer in the Easy Read text"]


# ---------------------------------------------------------------------------------------------
# What the outputs say


def output_texts(folder: Path) -> dict[str, str]:
    """Return the page's HTML, the text of the PDF's title page and last page, and the Word
    file's body XML with its text (a non-breaking hyphen read as "-")."""
    pages = PdfReader(next(folder.glob("*.pdf"))).pages
    body = read_parts(next(folder.glob("*.docx")))["word/document.xml"]
    return {"html": (folder / "index.html").read_text(encoding="utf-8"),
            "pdf": " ".join(f"{pages[0].extract_text()} {pages[-1].extract_text()}".split()),
            "docx": etree.tostring(body, encoding="unicode") + text_of(body)}


def test_every_output_says_who_checked_it_and_credits_the_pictures(er_built: Path) -> None:
    texts = output_texts(er_built)
    assert texts["html"].count("Checked by the Test Reading Group on 30 November 2026.") == 2
    assert "Checked by the Test Reading Group on 30 November 2026." in texts["pdf"]
    assert "Checked by the Test Reading Group on 30 November 2026." in texts["docx"]
    for text in texts.values():
        assert "Pictures drawn for the tests." in text


def test_every_output_says_it_is_not_yet_checked(source_copy: Path, tmp_path: Path) -> None:
    unsign(source_copy)
    EDITION.render(load(source_copy), tmp_path / "out")
    for name, text in output_texts(tmp_path / "out").items():
        assert f"{NOT_CHECKED}." in text, name
        assert "Checked by" not in text, name


def test_a_partner_edition_shows_the_partner_on_every_title_page(er_fixture: Document,
                                                                  tmp_path: Path) -> None:
    partner = read_profile(EXAMPLE_PROFILE)
    EDITION.render(with_partner(er_fixture, partner), tmp_path)
    texts = output_texts(tmp_path)
    for name, text in texts.items():
        assert "You can get this guide from Example Disability Forum." in text, name
        assert "info@example-forum.org.uk" in text, name
    assert f'alt="{partner.logo.alt}"' in texts["html"]
    assert "--brand-primary: #5b2a86" in texts["html"]
    assert f'descr="{partner.logo.alt}"' in texts["docx"]
    assert "Phone 0141 496 0000." in texts["pdf"]


# ---------------------------------------------------------------------------------------------
# build.py easy-read-checked


def test_the_command_writes_the_sign_off_and_keeps_every_other_line(
        source_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unsign(source_copy)
    edit(source_copy / PART_2, "It is not a game.", "It is not a race.")
    settings_before = (source_copy / SETTINGS).read_text(encoding="utf-8")
    assert build.main(["easy-read-checked", "--source", str(source_copy), "--by",
                       "People First  (Scotland) group", "--date", "2026-12-01"]) == 0
    assert capsys.readouterr().out.split() == ["Wrote", f"{source_copy}/{SETTINGS}"]
    settings = (source_copy / SETTINGS).read_text(encoding="utf-8")
    assert settings.startswith("title: Mini toolkit in Easy Read\nsubtitle: A small guide for "
                               "tests\nchecked-by:   # written by build.py easy-read-checked\n"
                               '  by: "People First (Scotland) group"\n  date: 2026-12-01\n'
                               "  parts:\n    er-what-it-is: \"")
    assert settings.endswith("picture-credit: Pictures drawn for the tests.\nparts:\n  - "
                             "01-what-it-is.md\n  - 02-try-it.md\nword-list: word-list.md\n")
    assert settings_before.splitlines()[3:] == settings.splitlines()[15:]
    document = load(source_copy)
    assert [result.passed for result in rules_of(source_copy)] == [True, True]
    assert checked_line(document.easy_read) == ("Checked by People First (Scotland) group on 1 "
                                                "December 2026")


def test_the_command_records_a_re_reading_of_named_parts(source_copy: Path) -> None:
    edit(source_copy / CHAPTER, "Circle your answer.", "Circle your answer, then rest.")
    assert [result.passed for result in rules_of(source_copy)] == [False, False]
    assert build.main(["easy-read-checked", "--source", str(source_copy), "--re-read",
                       "er-try-it"]) == 0
    text = (source_copy / PART_2).read_text(encoding="utf-8")
    assert text.startswith("---\nid: er-try-it\ntitle: Try it\ncovers: [try-it, answers, "
                           "answers-true-false]\nchecked-against:   # written by build.py "
                           'easy-read-checked\n  try-it: "')
    assert text.endswith("![](talk) Tell us what you think. You can answer 3 questions.\n")
    assert [result.passed for result in rules_of(source_copy)] == [False, True]


@pytest.mark.parametrize(("arguments", "message"), [
    pytest.param([], "error: say what was checked: --by NAMES and/or --re-read [PART ...]",
                 id="nothing-said"),
    pytest.param(["--re-read", "er-nothing"], "error: no Easy Read part has the id er-nothing "
                 "(the ids are er-what-it-is, er-try-it)", id="unknown-part"),
    pytest.param(["--by", " "], 'error: say who checked the text: --by "NAMES OR A GROUP"',
                 id="nobody"),
])
def test_the_command_refuses_what_it_cannot_record(
        source_copy: Path, capsys: pytest.CaptureFixture[str], arguments: list[str],
        message: str) -> None:
    before = {path: path.read_bytes() for path in source_copy.rglob("*") if path.is_file()}
    assert build.main(["easy-read-checked", "--source", str(source_copy), *arguments]) == 2
    assert " ".join(capsys.readouterr().err.split()) == message
    assert {path: path.read_bytes() for path in source_copy.rglob("*") if path.is_file()} == before


@pytest.mark.slow  # the check opens the page in Chromium
def test_check_strict_fails_when_a_checked_hash_is_not_the_current_one(
        source_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(source_copy / PART_2, "It is not a game.", "It is not a race.")
    out = tmp_path / "dist"
    assert build.main(["build", "--source", str(source_copy), "--format", "easy-read", "--out",
                       str(out)]) == 0
    capsys.readouterr()
    assert build.main(["check", "--source", str(source_copy), "--format", "easy-read", "--out",
                       str(out)]) == 0
    assert "warning: easy-read/sign-off: " in capsys.readouterr().out
    assert build.main(["check", "--source", str(source_copy), "--format", "easy-read", "--out",
                       str(out), "--strict"]) == 1
