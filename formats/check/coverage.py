"""Coverage: compare what each output really holds (its read-back) with the document model.

A section counts as present in an output only when the reader found its heading (with its id)
and every sentence of its own text. Nothing here looks at what a renderer meant to write.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from formats.check.manifest import MANIFEST, read_manifest
from formats.check.pipeline import cache_key, readback_kind, stop_workers, workers
from formats.check.worker_start import worker_pool
from formats.core.contract import Expected, FoundSection, ReadBack, RuleResult
from formats.core.free_memory import garbage_collected_at_the_end
from formats.core.memo import remembered_readbacks, remembered_results
from formats.core.model import Document, Medium, Section
from formats.core.names import some
from formats.core.reading import reading_together
from formats.core.switches import browser_rules_on
from formats.core.text import missing_sentences, normalise
from formats.registry import edition


class Status(enum.Enum):
    PRESENT = "present"
    INCOMPLETE = "incomplete"
    MISSING = "missing"


@dataclass(frozen=True)
class Cell:
    """The verdict for one section in one output, with what is missing when it is not present."""

    status: Status
    details: tuple[str, ...] = ()


@dataclass
class Coverage:
    """The sections x outputs matrix, and problems with outputs as a whole."""

    sections: list[Section]
    outputs: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rules: list[RuleResult] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Return True when every section is present in every output and nothing failed."""
        return (not self.problems
                and all(cell.status is Status.PRESENT for cell in self.cells.values())
                and not any(not rule.passed and rule.level == "error" for rule in self.rules))

    def failures(self) -> list[str]:
        """Return one line per section that is missing or incomplete in an output."""
        lines = []
        for section in self.sections:
            for output in self.outputs:
                cell = self.cells[(section.id, output)]
                if cell.status is not Status.PRESENT:
                    detail = "; ".join(cell.details)
                    lines.append(f"{output}: section '{section.id}' ({section.label}) is "
                                 f"{cell.status.value}" + (f": {detail}" if detail else ""))
        return lines


def judge(expected: Expected, found: FoundSection | None,
          medium: Medium = "reflowable") -> Cell:
    """Return the verdict for one section from what a reader found in an output of
    ``medium``."""
    if found is None:
        return Cell(Status.MISSING, ("heading not found",))
    details: list[str] = []
    if normalise(expected.title) not in normalise(found.title):
        details.append(f"heading reads '{found.title}'")
    if found.text is not None:
        lost = missing_sentences(list(expected.sentences_in(medium)), found.text)
        if lost:
            shown = some(f"'{sentence}'" for sentence in lost)
            details.append(f"{len(lost)} sentence(s) not found: {shown}")
    details.extend(found.problems)
    return Cell(Status.INCOMPLETE if details else Status.PRESENT, tuple(details))


def coverage(document: Document, out_dir: Path, formats: list[str],
             on_format: Callable[[str], None] | None = None) -> Coverage:
    """Return the coverage of ``document`` in the outputs of ``formats`` under ``out_dir``.

    Each edition is read back and its rules run in a worker process (as many at once as the
    build uses), holding open what the edition needs (one browser for its web pages); what the
    readers measured on files that have not changed since an earlier check is remembered (see
    :mod:`formats.core.memo`).
    """
    result = Coverage(sections=list(document.sections()))
    built = read_manifest(out_dir).get("formats", {})
    count = min(workers(), len(formats))
    if count <= 1:
        found = [read_edition(document, out_dir, name, on_format) for name in formats]
    else:
        with worker_pool(count) as pool:
            longest_first = sorted(formats, key=lambda name: -edition(name).check_seconds)
            started = {name: pool.submit(read_edition, document, out_dir, name)
                       for name in longest_first}
            futures = [started[name] for name in formats]
            found = []
            try:
                for name, future in zip(formats, futures, strict=True):
                    if on_format:
                        on_format(name)
                    found.append(future.result())
            except BaseException:  # Ctrl-C: stop now, not when every worker has finished
                stop_workers(pool)
                raise
    for name, (readbacks, rules) in zip(formats, found, strict=True):
        _judge_edition(document, out_dir, name, built.get(name), readbacks, rules, result)
    result.warnings.extend(document.warnings)
    result.warnings.extend(f"review: {document.source_dir / note.location.path}:"
                           f"{note.location.line}: {note.text}" for note in document.reviews())
    return result


def read_edition(document: Document, out_dir: Path, name: str,
                  on_format: Callable[[str], None] | None = None
                  ) -> tuple[list[ReadBack], list[RuleResult]]:
    """Return what the edition's outputs under ``out_dir`` hold and its rules' results, as the
    check finds them (run in a worker): remembered when the same files were checked before with
    the same code and settings (see :mod:`formats.core.memo`)."""
    if on_format:
        on_format(name)
    chosen = edition(name)
    folder = out_dir / chosen.name
    files = sorted(path for path in folder.rglob("*") if path.is_file()) \
        if folder.is_dir() else []
    key = cache_key(document, name)
    # the readers use no browser: their answers serve both ways; the readers and rules share
    # what they parsed of each file (formats.core.reading), the collector paused while they
    # make what they keep (about 5 % of the check's processor time)
    with chosen.session(), reading_together(), garbage_collected_at_the_end():
        readbacks = remembered_readbacks(readback_kind(name), files, key,
                                         lambda: chosen.read_back(folder))
        rules = remembered_results(f"rules-{name}", files,
                                   key + ("" if browser_rules_on() else "-without-browser"),
                                   lambda: chosen.rules(document, folder))
    return readbacks, rules


def _judge_edition(document: Document, out_dir: Path, name: str, record: dict[str, Any] | None,
                   readbacks: list[ReadBack], rules: list[RuleResult], result: Coverage) -> None:
    """Add to ``result`` what the edition's outputs hold, judged against the model, and its
    rules' results."""
    chosen = edition(name)
    if record is None:
        result.problems.append(f"{name}: not built in {out_dir} (no entry in {MANIFEST})")
    elif record.get("source_hash") != document.source_hash:
        result.warnings.append(f"{name}: built from an older source than the current one "
                               "(stale): build again")
    for readback in readbacks:
        expected = chosen.expected_for(document, readback.output)
        result.outputs.append(readback.output)
        result.problems.extend(f"{readback.output}: {problem}" for problem in readback.problems)
        for section in result.sections:
            wanted = expected[section.id]
            result.cells[(section.id, readback.output)] = judge(
                wanted, readback.sections.get(wanted.found_id),
                chosen.medium(readback.output))
    result.rules.extend(rules)
