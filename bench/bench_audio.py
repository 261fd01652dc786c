"""How long the audio edition takes to build, against a plain serial reference. Not a test.

    .venv/bin/python bench/bench_audio.py [--source DIR] [--section ID]

Measures, on the same spoken text:

1. cold: the whole audio build with an empty cache (synthesis, mastering, encoding, files);
2. edit: the build again after one section is edited (one section synthesised again);
3. reference: one ``espeak-ng`` run over the whole spoken text (every section's transcript),
   then one MP3 encode of its audio with lameenc at the same settings (no loudness, no
   chapters, no pauses);
4. engines: espeak-ng (command) and pyttsx3 on the same section's text (synthesis only).

and prints the times (wall clock, and the CPU time of the process and its children, which a
shared machine disturbs less) and their ratios to the reference.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import subprocess
import sys
import tempfile
import time
import wave
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from formats.core.load import load  # noqa: E402
from formats.core.model import Document, Paragraph, Section, Text  # noqa: E402
from formats.editions.audio import make, settings  # noqa: E402
from formats.editions.audio.engines import EspeakNgEngine, Pyttsx3Engine  # noqa: E402
from formats.editions.audio.settings import ENCODING, SAMPLE_RATE  # noqa: E402
from formats.editions.audio.spoken import script  # noqa: E402
from formats.outputs.mp3.encode import encode_mp3, read_wav  # noqa: E402

EDIT = "This sentence was added to measure a build after a one-section edit."


def with_paragraph(document: Document, section_id: str, words: str) -> Document:
    """Return the document with one more paragraph at the end of one section."""

    def edit(section: Section) -> Section:
        blocks = section.blocks
        if section.id == section_id:
            blocks = (*blocks, Paragraph((Text(words),), section.location))
        return dataclasses.replace(section, blocks=blocks,
                                   children=tuple(edit(child) for child in section.children))

    return dataclasses.replace(document, chapters=tuple(edit(c) for c in document.chapters))


CPU: list[float] = []  # the CPU seconds of the last timed action


def cpu_seconds() -> float:
    """Return the CPU seconds this process and its finished children have used."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(action) -> tuple[float, object]:
    """Return the seconds ``action()`` took and what it returned (its CPU seconds in CPU)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    result = action()
    CPU[:] = [cpu_seconds() - cpu]
    return time.perf_counter() - start, result


def reference(texts: list[str], rate: int, voice: str, folder: Path) -> float:
    """Return the seconds to run espeak-ng once over all the texts, then encode it once."""
    start = time.perf_counter()
    wav = folder / "all.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-b", "1", "--stdin", "-w",
                    str(wav)], input="\n".join(texts).encode("utf-8"), check=True)
    (folder / "all.mp3").write_bytes(encode_mp3(read_wav(wav, SAMPLE_RATE), ENCODING))
    return time.perf_counter() - start


def engine_times(text: str, rate: int, voice: str, folder: Path) -> dict[str, float]:
    """Return the seconds each engine takes to say the same text."""
    times = {}
    for engine in (EspeakNgEngine(voice, rate), Pyttsx3Engine(voice, rate)):
        wav = folder / f"{engine.name}.wav"
        times[engine.name], _ = timed(partial(engine.synthesise, text, wav))
        with wave.open(str(wav), "rb") as reader:
            times[engine.name + " audio"] = reader.getnframes() / reader.getframerate()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--section", default="",
                        help="the section to edit (default: the one with the most words)")
    args = parser.parse_args()
    document = load(args.source)
    spoken = script(document)
    longest = max(spoken, key=lambda section: len(section.text))
    edited_id = args.section or longest.id
    with tempfile.TemporaryDirectory(prefix="bench-audio-") as temporary:
        work = Path(temporary)
        os.environ["TOOLKIT_AUDIO_CACHE"] = str(work / "cache")
        chosen = settings.from_environment()
        cold, result = timed(lambda: make.build(document, work / "cold", chosen))
        cold_cpu = CPU[0]
        edited = with_paragraph(document, edited_id, EDIT)
        edit, edit_result = timed(lambda: make.build(edited, work / "edit", chosen))
        edit_cpu = CPU[0]
        (work / "reference").mkdir()
        serial, _ = timed(lambda: reference([section.text for section in spoken], chosen.rate,
                                            chosen.voice, work / "reference"))
        serial_cpu = CPU[0]
        (work / "engines").mkdir()
        engines = engine_times(longest.text, chosen.rate, chosen.voice, work / "engines")
    words = sum(len(section.text.split()) for section in spoken)
    print(f"audio build of {args.source} ({len(spoken)} sections, {words} words), "
          f"engine {chosen.engine}, {chosen.workers} worker(s) on {os.cpu_count()} CPU(s)")
    print(f"  cold (empty cache):       {cold:7.1f} s, {cold_cpu:6.1f} s CPU "
          f"({len(result.synthesised)} synthesised)  = {cold / serial:5.2f} x reference")
    print(f"  after editing '{edited_id}': {edit:5.1f} s, {edit_cpu:6.1f} s CPU "
          f"({len(edit_result.synthesised)} synthesised: {', '.join(edit_result.synthesised)})"
          f"  = {edit / serial:5.2f} x reference")
    print(f"  reference (one espeak-ng run, one MP3 encode): {serial:6.1f} s, {serial_cpu:6.1f} s "
          "CPU")
    print(f"  engines on '{longest.id}' ({len(longest.text.split())} words, "
          f"{engines['espeak-ng audio']:.0f} s of audio): espeak-ng {engines['espeak-ng']:.2f} s, "
          f"pyttsx3 {engines['pyttsx3']:.2f} s "
          f"(= {engines['pyttsx3'] / engines['espeak-ng']:.1f} x espeak-ng)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
