"""Read an EPUB's media overlays back as a reading system plays them.

For each content document the package gives a ``media-overlay``, its SMIL document is parsed
and every ``par`` read: the element it highlights and the clip it plays. The MP3 files are
measured by mutagen, from the bytes in the EPUB. Nothing here knows how the overlays were
written.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree
from mutagen import MutagenError
from mutagen.mp3 import MP3

from formats.outputs.epub.names import OPF_NS

SMIL_NS = "http://www.w3.org/ns/SMIL"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
TOLERANCE_S = 0.05  # a clip may end this much after its file (MP3 frames are 24 ms long)


@dataclass(frozen=True)
class Par:
    """One passage of an overlay: the document and element id it highlights, the audio file
    (path in the package) and the clip's start and end in seconds (None when unreadable)."""

    document: str
    element_id: str
    audio: str
    begin: float | None
    end: float | None


@dataclass(frozen=True)
class BookOverlays:
    """The overlays of a book: {content document: its pars, in order}, each audio file's
    length in seconds (None when it is not in the EPUB or holds no MP3 audio), the durations
    the package states ({manifest id or "" for the book: seconds}) and each document's overlay
    manifest id."""

    pars: dict[str, list[Par]]
    audio_seconds: dict[str, float | None]
    stated: dict[str, float | None]
    overlay_ids: dict[str, str]


def clock_seconds(value: str) -> float | None:
    """Return the seconds of a SMIL clock value ("0:01:02.5", "02:03.5", "12.5s", "300ms"), or
    None when it is not one."""
    text = value.strip()
    try:
        if text.endswith("ms"):
            return float(text[:-2]) / 1000
        if text.endswith("s") and ":" not in text:
            return float(text[:-1])
        parts = [float(part) for part in text.split(":")]
    except ValueError:
        return None
    if not 1 <= len(parts) <= 3:
        return None
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def read_overlays(path: Path) -> BookOverlays:
    """Return the media overlays of the EPUB at ``path`` (none when it has none). Raises
    OSError or zipfile.BadZipFile when the file cannot be opened, KeyError or
    etree.XMLSyntaxError when the package or an overlay is missing or broken."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"), _PARSER)
        package_path = str(container.xpath("string(//*[local-name()='rootfile']/@full-path)"))
        folder = posixpath.dirname(package_path)
        package = etree.fromstring(archive.read(package_path), _PARSER)
        items = {item.get("id", ""): item for item in
                 package.iterfind(f"{{{OPF_NS}}}manifest/{{{OPF_NS}}}item")}
        stated: dict[str, float | None] = {}
        for meta in package.iterfind(f"{{{OPF_NS}}}metadata/{{{OPF_NS}}}meta"):
            if meta.get("property") == "media:duration":
                stated[meta.get("refines", "").lstrip("#")] = clock_seconds(meta.text or "")
        pars: dict[str, list[Par]] = {}
        overlay_ids: dict[str, str] = {}
        for item in items.values():
            overlay = items.get(item.get("media-overlay", ""))
            if overlay is None:
                continue
            document = unquote(item.get("href", ""))
            overlay_ids[document] = str(overlay.get("id"))
            smil_path = posixpath.join(folder, unquote(overlay.get("href", "")))
            pars[document] = _pars(etree.fromstring(archive.read(smil_path), _PARSER),
                                   posixpath.dirname(smil_path), folder)
        names = set(archive.namelist())
        audio_seconds = {audio: _seconds(archive, posixpath.join(folder, audio), names)
                         for audio in sorted({par.audio for found in pars.values()
                                              for par in found})}
    return BookOverlays(pars, audio_seconds, stated, overlay_ids)


def _pars(smil: etree._Element, smil_folder: str, folder: str) -> list[Par]:
    """Return the pars of a SMIL document, with paths relative to the package's folder."""
    found = []
    for par in smil.iter(f"{{{SMIL_NS}}}par"):
        text = par.find(f"{{{SMIL_NS}}}text")
        audio = par.find(f"{{{SMIL_NS}}}audio")
        target = unquote(text.get("src", "")) if text is not None else ""
        document, _, element_id = target.partition("#")
        sound = unquote(audio.get("src", "")) if audio is not None else ""
        found.append(Par(
            _relative(smil_folder, document, folder), element_id,
            _relative(smil_folder, sound, folder) if sound else "",
            clock_seconds(audio.get("clipBegin", "0")) if audio is not None else None,
            clock_seconds(audio.get("clipEnd", "")) if audio is not None else None))
    return found


def _relative(base: str, href: str, folder: str) -> str:
    return posixpath.relpath(posixpath.normpath(posixpath.join(base, href)), folder or ".")


def _seconds(archive: zipfile.ZipFile, name: str, names: set[str]) -> float | None:
    if name not in names:
        return None
    try:
        length = getattr(MP3(io.BytesIO(archive.read(name))).info, "length", None)
    except MutagenError:
        return None
    return float(length) if isinstance(length, (int, float)) else None


def overlay_problems(overlays: BookOverlays, ids: dict[str, set[str]]) -> list[str]:
    """Return what a reading system would find wrong in the overlays: a passage highlighting
    an element that is not in its document (``ids``: {document: its element ids}), a clip
    whose audio is missing or that does not lie inside its file, stated durations that are
    not the clips' sums."""
    problems: list[str] = []
    for document, pars in overlays.pars.items():
        for number, par in enumerate(pars, start=1):
            where = f"overlay of {document}, passage {number}"
            if par.document != document or par.element_id not in ids.get(document, set()):
                problems.append(f"{where}: highlights {par.document}#{par.element_id}, which "
                                "does not exist")
            length = overlays.audio_seconds.get(par.audio)
            if length is None:
                problems.append(f"{where}: its audio {par.audio or '(none)'} is not an MP3 "
                                "file in the EPUB")
            elif par.begin is None or par.end is None or not \
                    0 <= par.begin < par.end <= length + TOLERANCE_S:
                problems.append(f"{where}: its clip {par.begin}-{par.end} s does not lie "
                                f"inside {par.audio} ({length:.3f} s)")
        stated = overlays.stated.get(overlays.overlay_ids[document])
        played = sum((par.end or 0) - (par.begin or 0) for par in pars)
        if stated is None or abs(stated - played) > TOLERANCE_S:
            problems.append(f"overlay of {document}: media:duration says {stated} s, its clips "
                            f"play {played:.3f} s")
    total = overlays.stated.get("")
    if overlays.pars and (total is None or abs(total - sum(
            seconds or 0 for key, seconds in overlays.stated.items() if key)) > TOLERANCE_S):
        problems.append(f"the book's media:duration ({total} s) is not the sum of its "
                        "overlays' durations")
    return problems
