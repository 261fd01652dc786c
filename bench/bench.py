"""How fast the build is, against references run beside it: one script, one table.

    .venv/bin/python bench/bench.py [--source DIR] [--repeat N] [--skip-large] [--skip-check]

Every figure is a median of N runs (default 3), measured in this run, on this machine, beside
its reference, so that the ratios mean something whatever else the machine is doing:

- our cold build of each format and of all of them (whole processes, empty caches, the audio
  section cache included), the web page alone as the live preview writes it, the no-op
  rebuild, the rebuild after editing one section, and ``build.py check``: first after a
  build (every file read), then again with and without its browser rules (what its readers
  measured is remembered), of every edition and of the five editions the issue's targets
  name, and what the EPUB and braille checks add; peak memory of the process and its workers
  together (sampled from /proc);
- references: pandoc (Debian package) making HTML and .docx from the same text as Markdown,
  WeasyPrint alone writing our print HTML, espeak-ng alone speaking what the audio edition
  says (every track's transcript, the Easy Read ones at their slower rate) plus one MP3 encode
  with ffmpeg;
- a generated toolkit ten times larger (the chapters copied ten times with new ids; standard,
  large print and Word), to show how cost grows: within the build's memory budget (1000 MB),
  and again with room for its two PDFs side by side (``TOOLKIT_MEMORY_MB=2000``).

The targets printed beside the figures are the ones of the issue "Fast rebuilds and a live
preview for editors"; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measuring import median_of, parallel_speedup, run, timed  # noqa: E402

from formats.core.load import load  # noqa: E402
from formats.core.model import Document  # noqa: E402
from formats.editions.audio.files import EASY_READ_FOLDER  # noqa: E402
from formats.editions.audio.settings import DEFAULT_RATE, EASY_READ_RATE  # noqa: E402

PYTHON = sys.executable
BUILD = str(ROOT / "build.py")
# The web page alone, as a process of its own: what the live preview writes on each save
# (the standard edition's web page and its assets, no PDF). build.py builds an edition whole,
# and the standard edition is the web page and the PDF.
WEB_PAGE_ALONE = ("import sys; from pathlib import Path; from formats.core.load import load; "
                  "from formats.registry import edition; edition('standard').render_preview("
                  "load(Path(sys.argv[1])), Path(sys.argv[2]))")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# ids where they are given (headings, fenced blocks) and where they are used (links, to="#")
ID = re.compile(r'(\{#|\]\(#|to="#|^:{3,}[ \w-]* #)([a-z0-9-]+)', re.M)
CHECKED = (0, 1)  # the check exits 1 when it finds something: it was still timed whole
# The targets for the check are for the five editions of its day; the EPUB and the
# braille edition came after, and the bench reports what each adds.
FIVE_EDITIONS = ("standard", "large-print", "easy-read", "word", "audio")
ADDED_EDITIONS = ("epub", "braille")
BUDGET = "TOOLKIT_MEMORY_MB"  # the build's memory budget (formats.check.memory_budget)
ROOMY_BUDGET_MB = 2000


# ---------------------------------------------------------------------------------------------
# Sources


def markdown_of(document: Document) -> str:
    """Return the bodies of the source's chapter files (front matter removed), joined."""
    folder = document.source_dir / "chapters"
    return "\n\n".join(FRONT_MATTER.sub("", (folder / chapter.location.path.split("/")[-1])
                                        .read_text(encoding="utf-8"))
                       for chapter in document.chapters)


def larger_source(source: Path, target: Path, times: int = 10) -> Path:
    """Write a toolkit ``times`` as large as ``source`` into ``target``: every chapter file
    copied with new ids (``-2``, ``-3``...), listed in toolkit.yaml; return ``target``."""
    shutil.copytree(source, target)
    settings = (target / "toolkit.yaml").read_text(encoding="utf-8")
    names = re.findall(r"^  - (\S+\.md)$", settings, re.M)
    added = []
    for copy in range(2, times + 1):
        for name in names:
            text = (source / "chapters" / name).read_text(encoding="utf-8")
            text = ID.sub(lambda match, n=copy: f"{match.group(1)}{match.group(2)}-{n}", text)
            text = re.sub(r"^id: (\S+)$", lambda match, n=copy: f"id: {match.group(1)}-{n}",
                          text, count=1, flags=re.M)
            new = f"{Path(name).stem}-{copy}.md"
            (target / "chapters" / new).write_text(text, encoding="utf-8")
            added.append(new)
    listing = "".join(f"  - {name}\n" for name in added)
    settings = settings.replace(f"  - {names[-1]}\n", f"  - {names[-1]}\n{listing}", 1)
    settings = re.sub(r"^formats: .*$", "formats: [standard, large-print, word]", settings,
                      flags=re.M)
    (target / "toolkit.yaml").write_text(settings, encoding="utf-8")
    shutil.rmtree(target / "easy-read", ignore_errors=True)
    return target


def edited_source(source: Path, target: Path, sentence: str) -> Path:
    """Copy ``source`` to ``target`` with one sentence added to one section; return it."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    chapter = target / "chapters" / "02-defining-co-production.md"
    text = (source / "chapters" / chapter.name).read_text(encoding="utf-8")
    chapter.write_text(text.replace("There are lots of definitions of co-production.",
                                    f"There are lots of definitions of co-production. {sentence}",
                                    1), encoding="utf-8")
    return target


def new_sentence(count: int) -> str:
    """Return a sentence no earlier edit added, so that its section is spoken again, as after
    an editor's edit (the same sentence again would find its audio in the cache)."""
    return f"This sentence is edit {count + 1} of the benchmark run at {time.strftime('%H:%M')}."


# ---------------------------------------------------------------------------------------------
# The measurements


class Bench:
    """Runs the measurements into a work folder and collects the table's rows."""

    def __init__(self, source: Path, repeat: int) -> None:
        self.source = source
        self.repeat = repeat
        self.work = Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
        self.rows: list[tuple[str, str, str, str, str]] = []

    def build(self, out: Path, formats: list[str], source: Path | None = None,
              cold: bool = True, extra: list[str] | None = None,
              fresh_out: bool | None = None,
              settings: dict[str, str] | None = None) -> tuple[float, float]:
        """Return time and memory of one build. Cold: fresh output folder and fresh caches (the
        audio sections, the model, the files' hashes); else the caches a user's earlier builds
        left (``fresh_out``: in an empty output folder all the same). ``settings``: more
        environment variables for the build."""
        if cold if fresh_out is None else fresh_out:
            shutil.rmtree(out, ignore_errors=True)
        caches = self.work / (f"caches-{time.time_ns()}" if cold else "caches-warm")
        env = {"TOOLKIT_AUDIO_CACHE": str(caches / "audio"), "TOOLKIT_CACHE": str(caches),
               **(settings or {})}
        command = [PYTHON, BUILD, "--source", str(source or self.source), "--out", str(out)]
        for name in formats:
            command += ["--format", name]
        return run(command + (extra or []), env)

    def uncached(self, measure: Callable[[], tuple[float, float]]) -> tuple[float, float]:
        """Return ``measure()`` run with empty caches (LibreOffice's pages of a file laid out
        before are remembered: each timed render lays its file out)."""
        before = os.environ.get("TOOLKIT_CACHE")
        os.environ["TOOLKIT_CACHE"] = str(self.work / f"step-caches-{time.time_ns()}")
        try:
            return measure()
        finally:
            if before is None:
                del os.environ["TOOLKIT_CACHE"]
            else:
                os.environ["TOOLKIT_CACHE"] = before

    def row(self, what: str, ours: tuple[float, float], reference: float | None,
            reference_name: str, target: str) -> None:
        ratio = f"{ours[0] / reference:.2f}x" if reference else ""
        memory = f"{ours[1]:.0f} MB" if ours[1] else ""
        self.rows.append((what, f"{ours[0]:.2f} s", memory,
                          f"{reference:.2f} s {reference_name}" if reference else "",
                          f"{ratio} {target}".strip()))

    def formats(self) -> None:
        document = load(self.source)
        for name in document.meta.formats:
            result = median_of(self.repeat, lambda name=name: self.build(
                self.work / f"cold-{name}", [name]))
            self.row(f"cold build: {name}", result, None, "", "")
        everything = median_of(self.repeat, lambda: self.build(self.work / "all", []))
        self.row("cold build: all formats", everything, None, "",
                 "peak <= 500 MB")

    def rebuilds(self) -> None:
        out = self.work / "rebuild"
        self.build(out, [], cold=False, fresh_out=True)  # as a user builds, then builds again
        noop = median_of(self.repeat, lambda: self.build(out, [], cold=False))
        self.row("no-op rebuild", noop, None, "", "target <= 1 s")
        edits = iter(range(1_000_000))

        def one_edit() -> tuple[float, float]:
            edited = edited_source(self.source, self.work / "edited", new_sentence(next(edits)))
            self.build(out, [], cold=False)  # back to the bundled source first
            return self.build(out, [], source=edited, cold=False)

        self.row("one-section edit, every format", median_of(self.repeat, one_edit), None, "",
                 "target <= 10 s")

    def check(self) -> None:
        """The check from nothing (what it remembers emptied) and warm, with and without its
        browser rules: for every edition, and for the issue's five editions (the targets'),
        with what the EPUB and braille checks add (each checked alone, from nothing)."""
        out = self.work / "rebuild"
        self.build(out, [], cold=False)  # the bundled source again, after the edit
        base = [PYTHON, BUILD, "check", "--source", str(self.source), "--out", str(out)]
        five = [option for name in FIVE_EDITIONS for option in ("--format", name)]

        def fresh() -> dict[str, str]:
            return {"TOOLKIT_CACHE": str(self.work / f"check-caches-{time.time_ns()}")}

        self.row("check, first after a build: every edition", run(base, fresh(), allowed=CHECKED),
                 None, "", "(every file read)")
        self.row("check, first after a build: the five editions",
                 run(base + five, fresh(), allowed=CHECKED), None, "", "")
        for name in ADDED_EDITIONS:
            self.row(f"check, first after a build: {name} alone (what it adds)",
                     run([*base, "--format", name], fresh(), allowed=CHECKED), None, "", "")
        caches = {"TOOLKIT_CACHE": str(self.work / "caches-check")}
        without_browser = {**caches, "TOOLKIT_BROWSER_RULES": "0"}
        for command, which in ((base + five, "the five editions"), (base, "every edition")):
            for env, rows_name, target in ((caches, "with", "target <= 12 s"),
                                           (without_browser, "without", "target <= 5 s")):
                run(command, env, allowed=CHECKED)  # what its readers measured is remembered
                self.row(f"check {rows_name} the browser rules: {which}",
                         median_of(self.repeat, partial(run, command, env, allowed=CHECKED)),
                         None, "", target if command != base else "")

    def references(self) -> None:
        document = load(self.source)
        markdown = self.work / "toolkit.md"
        markdown.write_text(markdown_of(document), encoding="utf-8")
        pandoc_seconds = {}
        for target, suffix, name in (("html", "html", "standard"), ("docx", "docx", "word")):
            pandoc = median_of(self.repeat, lambda target=target, suffix=suffix: run(
                ["pandoc", "-s", "-f", "markdown", "-t", target, "--metadata",
                 f"title={document.meta.title}", "-o", str(self.work / f"pandoc.{suffix}"),
                 str(markdown)]))
            pandoc_seconds[target] = pandoc[0]
            ours = median_of(self.repeat, lambda name=name: self.build(
                self.work / f"whole-{name}", [name]))
            self.row(f"{name} edition, whole process", ours, pandoc[0], f"(pandoc {target})",
                     "target <= 2.0x" if name == "word" else "(its web page and its PDF)")
            if name == "standard":
                page = median_of(self.repeat, lambda: run(
                    [PYTHON, "-c", WEB_PAGE_ALONE, str(self.source), str(self.work / "web-only")],
                    {"TOOLKIT_CACHE": str(self.work / f"caches-{time.time_ns()}")}, cwd=ROOT))
                self.row("web page alone (the live preview's), whole process", page, pandoc[0],
                         "(pandoc html)", "target <= 2.0x")
        self.render_steps(document, pandoc_seconds)
        self.audio_reference()

    def render_steps(self, document: Document, pandoc_seconds: dict[str, float]) -> None:
        from weasyprint import HTML

        from formats.core.names import TEMPLATES
        from formats.editions import standard, word

        # the render step alone, in this process with the model loaded, against pandoc's
        # whole process (the Word step includes LibreOffice laying the file out once for the
        # page numbers of its contents)
        web = median_of(self.repeat, lambda: timed(lambda: standard.render_web(
            document, self.work / "web-step")))
        self.row("web page render step", web, pandoc_seconds["html"], "(pandoc html)",
                 "target <= 1.0x")
        docx = median_of(self.repeat, lambda: self.uncached(lambda: timed(
            lambda: word.EDITION.render(document, self.work / "word-step"))))
        self.row("Word render step", docx, pandoc_seconds["docx"], "(pandoc docx)",
                 "target <= 1.0x")

        html = standard.pdf_html(document)
        alone = median_of(self.repeat, lambda: timed(lambda: HTML(
            string=html, base_url=str(TEMPLATES)).write_pdf(pdf_variant="pdf/ua-1")))
        ours = median_of(self.repeat, lambda: timed(lambda: standard.render_pdf(
            document, self.work / "pdf-step")))
        self.row("standard PDF render step", ours, alone[0], "(WeasyPrint alone)",
                 "target <= 1.2x")
        # the floor of a one-section edit: the largest single PDF, which is laid out whole
        from formats.editions import large_print
        from formats.outputs.pdf.writer import write_pdf

        largest = median_of(self.repeat, lambda: timed(lambda: write_pdf(
            large_print.pdf_html(document), self.work / "large-step" / "large.pdf", TEMPLATES,
            whole_words=True)))
        self.row("large-print PDF render step", largest, None, "",
                 "(the floor of a one-section edit)")

    def audio_reference(self) -> None:
        built = self.work / "all" / "audio"
        # what the edition says: every track's transcript (NNN-name.txt), not the whole
        # book's (the same words again), the Easy Read tracks at their slower rate
        said = [(sorted(built.glob("[0-9][0-9][0-9]-*.txt")), DEFAULT_RATE),
                (sorted((built / EASY_READ_FOLDER).glob("[0-9][0-9][0-9]-*.txt")),
                 round(DEFAULT_RATE * EASY_READ_RATE))]
        if not said[0][0]:
            return
        runs = []
        for number, (transcripts, rate) in enumerate(said):
            if transcripts:
                text = self.work / f"spoken-{number}.txt"
                text.write_text("\n\n".join(path.read_text(encoding="utf-8")
                                             for path in transcripts), encoding="utf-8")
                runs.append((text, rate))
        wav, mp3 = self.work / "spoken.wav", self.work / "spoken.mp3"

        def reference() -> tuple[float, float]:
            seconds, peak = 0.0, 0.0
            for text, rate in runs:  # one espeak-ng run and one encode for each voice rate
                speak = run(["espeak-ng", "-v", "en-gb", "-s", str(rate), "-w", str(wav), "-f",
                             str(text)])
                encode = run(["ffmpeg", "-y", "-loglevel", "error", "-i", str(wav), "-ac", "1",
                              "-ar", "22050", "-b:a", "64k", str(mp3)])
                seconds += speak[0] + encode[0]
                peak = max(peak, speak[1], encode[1])
            return seconds, peak

        serial = median_of(self.repeat, reference)
        ours = median_of(self.repeat, lambda: self.build(self.work / "cold-audio", ["audio"]))
        self.row("audio, cold", ours, serial[0], "(espeak-ng + one encode)", "target <= 0.6x")

    def larger(self) -> None:
        big = larger_source(self.source, self.work / "ten-times")
        formats = ["standard", "large-print", "word"]
        small = median_of(1, lambda: self.build(self.work / "small-three", formats))
        large = median_of(1, lambda: self.build(self.work / "large-three", formats, source=big))
        self.row("standard + large print + Word", small, None, "", "")
        self.row("the same, ten times the content", large, small[0], "(the bundled toolkit)",
                 "target <= 11x, peak <= 1 GB")
        # The budget (1000 MB) lays the two long PDFs out one after the other: what the time
        # would be with the memory to lay them out side by side.
        roomy = median_of(1, lambda: self.build(self.work / "large-roomy", formats, source=big,
                                                settings={BUDGET: str(ROOMY_BUDGET_MB)}))
        self.row(f"the same, {BUDGET}={ROOMY_BUDGET_MB}", roomy, small[0],
                 "(the bundled toolkit)", "(the PDFs side by side)")

    def table(self) -> str:
        headers = ("measure", "ours", "peak memory", "reference", "ratio and target")
        widths = [max(len(row[index]) for row in [headers, *self.rows])
                  for index in range(len(headers))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(headers, widths, strict=True)),
                 "  ".join("-" * width for width in widths)]
        lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                  for row in self.rows]
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true",
                        help="leave out the toolkit ten times larger")
    parser.add_argument("--skip-check", action="store_true", help="leave out build.py check")
    args = parser.parse_args(argv)
    bench = Bench(args.source.resolve(), args.repeat)
    try:
        bench.formats()
        bench.rebuilds()
        if not args.skip_check:
            bench.check()
        bench.references()
        if not args.skip_large:
            bench.larger()
    finally:
        print(bench.table())
        count, speedup = parallel_speedup()
        print(f"\n{count} processors, which together run {speedup:.2f}x as fast as one "
              f"({count}.00x at best); medians of {args.repeat} runs; work folder {bench.work} "
              "(delete it when done)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
