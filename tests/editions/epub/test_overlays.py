"""Media overlays: the audio edition's speech joined to the EPUB's text, and read back."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from formats.core.model import Document
from formats.core.passages import section_passages
from formats.editions import epub
from formats.editions.epub.overlay_rules import overlay_rule, toolkit_passages
from formats.editions.epub.overlays import clock
from formats.outputs.epub.overlay_reader import clock_seconds, read_overlays
from formats.outputs.epub.reader import open_epub


def _epub(out: Path) -> Path:
    return out / "epub" / "mini-toolkit.epub"


def _copy_changed(source: Path, target: Path, name: str, change: str, into: str) -> Path:
    """Copy the EPUB ``source`` to ``target`` with ``change`` replaced by ``into`` in the
    entry ``EPUB/<name>``; return ``target``."""
    with zipfile.ZipFile(source) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for info, data in entries:
            if info.filename == f"EPUB/{name}":
                assert re.search(change, data.decode()), change
                archive.writestr(info, re.sub(change, into, data.decode(), count=1).encode())
            else:
                archive.writestr(info, data)
    return target


def test_clock_values_are_written_and_read_back() -> None:
    assert clock(3723.4567) == "1:02:03.457"
    assert clock(0.8) == "0:00:00.800"
    assert [clock_seconds(value) for value in ("1:02:03.457", "02:03.5", "12.5s", "300ms",
                                               "soon")] == [3723.457, 123.5, 12.5, 0.3, None]


def test_every_passage_is_highlighted_while_the_audio_edition_says_it(
        mini_document: Document, mini_epub: Path) -> None:
    spoken = json.loads((mini_epub / "audio" / "passages.json").read_text(encoding="utf-8"))
    said = {passage["ref"]: (entry["file"], passage["start"], passage["end"])
            for entry in spoken["files"] for passage in entry["passages"]}
    overlays = read_overlays(_epub(mini_epub))
    assert list(overlays.pars) == ["01-start.xhtml", "02-answers.xhtml"]
    pars = [par for found in overlays.pars.values() for par in found]
    refs = [passage.ref for section in mini_document.sections()
            for passage in section_passages(section)]
    assert len(pars) == len(refs) == 25
    first = overlays.pars["01-start.xhtml"][0]
    assert (first.element_id, first.audio, first.begin, first.end) == (
        "start.h", "audio/001-start.mp3", said["start/h"][1], said["start/h"][2])
    row = next(par for par in pars if par.element_id == "details.b2.r1")
    assert (row.audio, row.begin, row.end) == (f"audio/{said['details/b2/r1'][0]}",
                                               *said["details/b2/r1"][1:])
    assert all(seconds and seconds > 1 for seconds in overlays.audio_seconds.values())
    assert not any(name.startswith("audio/000-opening") for name in overlays.audio_seconds)


def test_the_package_states_each_overlays_duration_and_the_active_class(
        mini_epub: Path) -> None:
    book = open_epub(_epub(mini_epub))
    overlays = read_overlays(_epub(mini_epub))
    assert book.manifest["01-start.smil"] == ("application/smil+xml", "")
    assert book.metadata["media:active-class"] == ["-epub-media-overlay-active"]
    for document, pars in overlays.pars.items():
        played = sum((par.end or 0) - (par.begin or 0) for par in pars)
        assert overlays.stated[overlays.overlay_ids[document]] == pytest.approx(played, abs=0.002)
    assert overlays.stated[""] == pytest.approx(
        sum(seconds or 0 for key, seconds in overlays.stated.items() if key), abs=0.002)
    assert "schema:accessMode" in book.metadata
    assert "auditory" in book.metadata["schema:accessMode"]


def test_the_overlay_rule_passes_a_whole_book(mini_document: Document, mini_epub: Path) -> None:
    result = overlay_rule(_epub(mini_epub), toolkit_passages(mini_document))
    assert (result.rule, result.passed, result.message) == (
        "epub/overlays", True,
        "25 passages in 6 sections, each highlighted while it is read, in 2 overlays")


def test_a_passage_left_out_of_the_overlays_fails_the_rule(
        mini_document: Document, mini_epub: Path, tmp_path: Path) -> None:
    path = _copy_changed(_epub(mini_epub), tmp_path / "book.epub", "01-start.smil",
                         r'<par id="par-4">.*?</par>', "")
    result = overlay_rule(path, toolkit_passages(mini_document))
    assert (result.passed, result.message) == (False, (
        "1 section(s) do not have one highlighted passage per passage of the text: "
        "1.1 What is it? (5 of 6)"))


def test_an_epub_without_overlays_fails_the_rule(mini_document: Document,
                                                 tmp_path: Path) -> None:
    path = epub.EDITION.render(mini_document, tmp_path)[0]
    result = overlay_rule(path, toolkit_passages(mini_document))
    assert (result.passed, result.message) == (
        False, "the EPUB has no media overlays: build the audio edition with it")


def test_a_clip_past_the_end_of_its_file_or_a_missing_element_is_a_read_back_problem(
        mini_epub: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    book = _copy_changed(_epub(mini_epub), out / "epub" / "mini-toolkit.epub", "01-start.smil",
                         r'(<par id="par-1">.*?clipEnd=")[^"]*', r"\g<1>0:09:00.000")
    _copy_changed(book, tmp_path / "other.epub", "01-start.smil",
                  r'src="01-start.xhtml#what-is-it.h"', 'src="01-start.xhtml#nowhere"')
    (tmp_path / "other.epub").replace(book)
    problems = epub.EDITION.read_back(out / "epub")[0].problems
    assert len(problems) == 3
    assert re.fullmatch(r"overlay of 01-start\.xhtml, passage 1: its clip 0\.8-540\.0 s does "
                        r"not lie inside audio/001-start\.mp3 \(\d+\.\d{3} s\)", problems[0])
    assert problems[1] == "overlay of 01-start.xhtml, passage 2: highlights " \
                          "01-start.xhtml#nowhere, which does not exist"
    assert re.fullmatch(r"overlay of 01-start\.xhtml: media:duration says \d+\.\d+ s, its "
                        r"clips play \d+\.\d{3} s", problems[2])
