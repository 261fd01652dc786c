"""Time the printed editions against reference tools (a benchmark, not a test).

    .venv/bin/python bench/bench_print.py [--source DIR] [--repeat N]

For the standard PDF and the large-print PDF it times our whole path (templates, WeasyPrint
with PDF/UA-1 and its log checked) against WeasyPrint alone writing the same HTML, rendered
once beforehand (plain PDF, and PDF/UA-1). For Word it times pandoc making a .docx from the same
text as Markdown (the chapter files' bodies joined) against formats.editions.word.write_docx, when that
module provides it. Runs of ours and of the reference alternate (so that other work on the
machine slows both alike) and each time is the best of N runs; ratios are ours / reference.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import HTML  # noqa: E402

from formats import large_print, pdf, standard  # noqa: E402
from formats.core.load import load  # noqa: E402
from formats.core.model import Document  # noqa: E402

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def seconds(run: Callable[[], object]) -> float:
    """Return the wall-clock time of one call of ``run``, in seconds."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def best_times(runs: list[Callable[[], object]], repeat: int) -> list[float]:
    """Return the best time of each run over ``repeat`` rounds, the runs alternating."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for index, run in enumerate(runs):
            times[index].append(seconds(run))
    return [min(found) for found in times]


def weasyprint_alone(html: str, variant: str | None) -> bytes:
    """Return the PDF that WeasyPrint alone makes of ``html`` (no log capture, no checks)."""
    return HTML(string=html, base_url=str(pdf.TEMPLATES)).write_pdf(pdf_variant=variant)


def markdown_of(document: Document) -> str:
    """Return the bodies of the source's chapter files (front matter removed), joined."""
    chapters = sorted((document.source_dir / "chapters").glob("*.md"))
    return "\n\n".join(_FRONT_MATTER.sub("", path.read_text(encoding="utf-8"))
                       for path in chapters)


def pandoc_docx(markdown: str, target: Path) -> None:
    """Make ``target`` (.docx) from Markdown with pandoc; raise CalledProcessError on failure."""
    subprocess.run(["pandoc", "--from", "markdown", "--to", "docx", "--output", str(target)],
                   input=markdown.encode("utf-8"), check=True, capture_output=True)


def word_module():
    """Return formats.editions.word when it provides write_docx and LARGE_PRINT, else None."""
    if importlib.util.find_spec("formats.editions.word") is None:
        return None
    import formats.editions.word as word

    return word if hasattr(word, "write_docx") and hasattr(word, "LARGE_PRINT") else None


def row(name: str, ours: float, reference: float, reference_name: str) -> str:
    return (f"{name:<22} ours {ours:7.2f} s   {reference_name:<28} {reference:7.2f} s   "
            f"ratio {ours / reference:5.2f}")


def bench_pdfs(document: Document, work: Path, repeat: int) -> list[str]:
    """Return one line per PDF edition and reference: times and ratio."""
    lines = []
    editions = {
        "standard PDF": (standard.pdf_html, lambda: standard.render_pdf(document, work)),
        "large-print PDF": (large_print.pdf_html, lambda: pdf.write_pdf(
            large_print.pdf_html(document), work / "large.pdf", whole_words=True)),
    }
    for name, (make_html, ours_run) in editions.items():
        html = make_html(document)
        ours, plain, tagged = best_times([
            ours_run, lambda: weasyprint_alone(html, None),
            lambda: weasyprint_alone(html, pdf.PDF_VARIANT)], repeat)
        lines.append(row(name, ours, plain, "WeasyPrint alone (plain PDF)"))
        lines.append(row(name, ours, tagged, "WeasyPrint alone (PDF/UA-1)"))
    return lines


def bench_word(document: Document, work: Path, repeat: int) -> list[str]:
    """Return the Word line (ours against pandoc), or why it was not timed."""
    if shutil.which("pandoc") is None:
        return ["word: pandoc is not installed (apt-get install pandoc)"]
    markdown = markdown_of(document)
    pandoc = lambda: pandoc_docx(markdown, work / "pandoc.docx")  # noqa: E731
    word = word_module()
    if word is None:
        (reference,) = best_times([pandoc], repeat)
        return [f"pandoc alone: {reference:.2f} s (formats.editions.word.write_docx not available yet)"]
    ours, reference = best_times([lambda: word.write_docx(document, work / "ours.docx",
                                                          word.LARGE_PRINT), pandoc], repeat)
    return [row("large-print Word", ours, reference, "pandoc (Markdown to .docx)")]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    document = load(args.source)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        lines = bench_pdfs(document, work, args.repeat) + bench_word(document, work, args.repeat)
    print(f"{document.meta.title}: best of {args.repeat} alternating runs")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
