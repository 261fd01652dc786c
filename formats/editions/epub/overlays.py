"""Media overlays: the audio edition's speech joined to the EPUB's text, passage by passage.

The audio edition writes, beside its per-section MP3 files, ``passages.json``: for each file,
every passage it speaks (its ref, :mod:`formats.core.passages`) with where it starts and ends,
measured while it was synthesised passage by passage. Each content document that shows some of
those passages gets a SMIL document with one ``par`` per passage, in the order they are
spoken: the element that shows the passage (``text``) and its clip (``audio``). The spoken
form may differ from the written one (an address said by its site's name); the clip is what
is said for the passage, the text shown is the written form. Passages spoken but not shown
(the audio edition's opening and closing) are left out, so is any MP3 file no overlay uses.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from formats.core.contract import RenderError
from formats.outputs.epub.names import EPUB_NS
from formats.outputs.epub.writer import Resource

PASSAGES_FILE = "passages.json"  # what the audio edition writes beside its files
SMIL_NS = "http://www.w3.org/ns/SMIL"
AUDIO_FOLDER = "audio"
ACTIVE_CLASS = "-epub-media-overlay-active"  # the class a reading system gives the passage read


@dataclass(frozen=True)
class Clip:
    """Where a passage is said: the MP3 file's name, start and end (seconds)."""

    ref: str
    file: str
    start: float
    end: float


@dataclass(frozen=True)
class Overlays:
    """The overlays of a book: the SMIL documents and the audio they use, which document each
    overlay belongs to ({document name: SMIL manifest id}) and how long each plays."""

    smil: tuple[Resource, ...] = ()
    audio: tuple[Resource, ...] = ()
    overlay_of: Mapping[str, str] | None = None
    seconds: Mapping[str, float] | None = None

    @property
    def total_seconds(self) -> float:
        """Return how long all the overlays play together."""
        return sum((self.seconds or {}).values())


NO_OVERLAYS = Overlays()


def timed_clips(audio_dir: Path | None) -> list[Clip]:
    """Return every passage the audio edition in ``audio_dir`` says, in the order it says them;
    none when there is no audio edition. Raises RenderError when ``passages.json`` cannot be
    read or does not say what it should."""
    path = audio_dir / PASSAGES_FILE if audio_dir is not None else None
    if path is None or not path.is_file():
        return []
    try:
        files: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["files"]
        return [Clip(str(passage["ref"]), str(entry["file"]), float(passage["start"]),
                     float(passage["end"]))
                for entry in files for passage in entry["passages"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RenderError(f"epub: the audio edition's {path} cannot be read for the media "
                          f"overlays: {error}") from error


def clock(seconds: float) -> str:
    """Return a SMIL clock value ("0:01:02.345")."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def smil_name(document: str) -> str:
    """Return the SMIL document's name for a content document ("01-start.smil")."""
    return f"{document.rsplit('.', 1)[0]}.smil"


def media_overlays(passages: Mapping[str, Mapping[str, str]], clips: list[Clip],
                   audio_dir: Path | None) -> Overlays:
    """Return the overlays for documents whose passages are ``passages`` ({document name:
    {ref: element id}}), from the audio edition's ``clips`` and files in ``audio_dir``.
    Raises RenderError when a clip's MP3 file is missing."""
    where = {ref: (name, element_id) for name, found in passages.items()
             for ref, element_id in found.items()}
    by_document: dict[str, list[tuple[str, Clip]]] = {}
    for clip in clips:
        if clip.ref in where and clip.end > clip.start:
            name, element_id = where[clip.ref]
            by_document.setdefault(name, []).append((element_id, clip))
    smil: list[Resource] = []
    overlay_of: dict[str, str] = {}
    seconds: dict[str, float] = {}
    used: set[str] = set()
    for name in passages:  # reading order
        pars = by_document.get(name)
        if not pars:
            continue
        resource = Resource(smil_name(name), _smil(name, pars))
        smil.append(resource)
        overlay_of[name] = resource.id
        seconds[resource.id] = round(sum(clip.end - clip.start for _, clip in pars), 3)
        used.update(clip.file for _, clip in pars)
    audio = []
    for file in sorted(used):
        path = (audio_dir or Path()) / file
        if not path.is_file():
            raise RenderError(f"epub: the audio edition has no {path}, which its passages.json "
                              "lists")
        audio.append(Resource(f"{AUDIO_FOLDER}/{file}", path))  # copied when written
    return Overlays(tuple(smil), tuple(audio), overlay_of, seconds)


def _smil(document: str, pars: list[tuple[str, Clip]]) -> bytes:
    """Return the SMIL document of one content document: a ``seq`` of its passages."""
    root = etree.Element(f"{{{SMIL_NS}}}smil", nsmap={None: SMIL_NS,  # type: ignore[dict-item]
                                                       "epub": EPUB_NS}, version="3.0")
    body = etree.SubElement(root, f"{{{SMIL_NS}}}body")
    seq = etree.SubElement(body, f"{{{SMIL_NS}}}seq", {f"{{{EPUB_NS}}}textref": document,
                                                       "id": "seq-1"})
    for number, (element_id, clip) in enumerate(pars, start=1):
        par = etree.SubElement(seq, f"{{{SMIL_NS}}}par", id=f"par-{number}")
        etree.SubElement(par, f"{{{SMIL_NS}}}text", src=f"{document}#{element_id}")
        etree.SubElement(par, f"{{{SMIL_NS}}}audio", src=f"{AUDIO_FOLDER}/{clip.file}",
                         clipBegin=clock(clip.start), clipEnd=clock(clip.end))
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
