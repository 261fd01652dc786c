"""A live preview for editors (``build.py serve``): build, serve, watch the source, build again.

The web page and the Easy Read page (and the check's HTML report) are served from the output
folder over HTTP on the loopback address; the pages of an edit are served from the preview's
own folder first, while the rest is built (:mod:`formats.check.preview_build`). Every HTML
page served gets a small script that asks ``/__preview`` once a second what the latest pages
and report are: when newer ones are there the page reloads (a report page when the report is
new); when the source has a problem, the page shows it in a banner (each problem as
``path:line: message``) and the last good build keeps being served. Nothing outside the output
folder is ever served: a path that leaves it, plainly or encoded, is not found.
"""

from __future__ import annotations

import faulthandler
import json
import signal
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

STATUS_PATH = "/__preview"
POLL_SECONDS = 0.5
INDEX_PAGES = {"report/": "report.html"}  # the page a folder gives, by prefix (else index.html)

_SCRIPT = """<script>
(function () {
  var seen = null;
  function show(problems) {
    var banner = document.getElementById("preview-problems");
    if (!problems.length) { if (banner) banner.remove(); return; }
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "preview-problems";
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:sticky;top:0;z-index:9999;background:#fff4f4;" +
        "color:#0b0c0c;border:4px solid #d4351c;padding:1em;font:16px/1.5 sans-serif";
      document.body.insertBefore(banner, document.body.firstChild);
    }
    banner.innerHTML = "<strong>The source has a problem; this is the last good build.</strong>";
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    banner.appendChild(list);
  }
  var mine = location.pathname.indexOf("/report/") === 0 ? "report" : "build";
  function poll() {
    fetch("%(status)s", {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (status) {
      if (seen !== null && status[mine] !== seen) { location.reload(); return; }
      seen = status[mine];
      show(status.problems);
    }).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>""".replace("%(status)s", STATUS_PATH)


@dataclass
class PreviewState:
    """What the preview says: the number of the latest pages and of the latest report, and
    the source's problems."""

    build: int = 0
    report: int = 0
    problems: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def finished(self) -> None:
        """Record new good pages (pages reload)."""
        with self.lock:
            self.build += 1
            self.problems = []

    def reported(self) -> None:
        """Record a new report (report pages reload)."""
        with self.lock:
            self.report += 1

    def failed(self, problems: list[str], reload: bool = False) -> None:
        """Record problems (pages show them; the last good build stays); ``reload``: the pages
        served changed back to the last good build's, so pages reload."""
        with self.lock:
            self.problems = list(problems)
            if reload:
                self.build += 1

    def as_json(self) -> bytes:
        """Return the state as JSON for the pages' script."""
        with self.lock:
            return json.dumps({"build": self.build, "report": self.report,
                               "problems": self.problems}).encode()


def inside(root: Path, request_path: str, index: str = "index.html") -> Path | None:
    """Return the file that ``request_path`` (a URL path, maybe percent-encoded) names inside
    ``root``, or None when it leaves ``root`` or names nothing there. A folder gives its file
    ``index``."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(request_path).path)
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if any(part == ".." or "\\" in part or "\0" in part for part in parts):
        return None
    base = root.resolve()
    target = base.joinpath(*parts).resolve() if parts else base
    if target != base and base not in target.parents:
        return None
    if target.is_dir():
        target = target / index
    return target if target.is_file() else None


def handler_for(roots: dict[str, Path], state: PreviewState,
                first: dict[str, Path] | None = None) -> type[SimpleHTTPRequestHandler]:
    """Return a request handler serving each folder of ``roots`` under its URL prefix ("" for
    the top, "report/" for the check's report), with the preview script and status; a file in
    the folder ``first`` gives for a prefix is served instead of the same one in its root."""

    def find(request_path: str) -> Path | None:
        path = urllib.parse.urlsplit(request_path).path.lstrip("/")
        for prefix, root in sorted(roots.items(), key=lambda item: -len(item[0])):
            if path.startswith(prefix):
                over, index = (first or {}).get(prefix), INDEX_PAGES.get(prefix, "index.html")
                found = inside(over, path[len(prefix):], index) if over is not None else None
                return found or inside(root, path[len(prefix):], index)
        return None

    class PreviewHandler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == STATUS_PATH:
                self._send(200, "application/json", state.as_json())
                return
            if path == "/":
                self._send(200, "text/html; charset=utf-8",
                           index_page(roots, first).replace("</body>", _SCRIPT + "</body>")
                           .encode())
                return
            body, target = b"", find(self.path)
            try:
                body = target.read_bytes() if target is not None else body
            except OSError:  # the preview's own pages were deleted meanwhile: the build's
                target = find(self.path)
                body = target.read_bytes() if target is not None else body
            if target is None:
                self._send(404, "text/plain; charset=utf-8", b"Not found")
                return
            kind = self.guess_type(str(target))
            if target.suffix == ".html":
                body = body.replace(b"</body>", _SCRIPT.encode() + b"</body>", 1)
                kind = "text/html; charset=utf-8"
            self._send(200, kind, body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def _send(self, code: int, kind: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Say nothing: the preview prints its own lines."""

    return PreviewHandler


def index_page(roots: dict[str, Path], first: dict[str, Path] | None = None) -> str:
    """Return the preview's first page: links to each page being previewed (built, or written
    first into the folder ``first`` gives for the top)."""
    links = []
    tops = [roots.get("", Path()), *([first[""]] if first and "" in first else [])]
    for folder, title in (("standard", "The web edition"), ("easy-read", "The Easy Read edition")):
        if any((top / folder / "index.html").is_file() for top in tops):
            links.append(f'<li><a href="/{folder}/">{title}</a></li>')
    for prefix, root in roots.items():
        if prefix and (root / "report.html").is_file():
            links.append(f'<li><a href="/{prefix}report.html">The check\'s report</a></li>')
    items = "\n".join(links) or "<li>Nothing is built yet.</li>"
    return ('<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Preview of the toolkit</title></head>\n<body><main>"
            f"<h1>Preview of the toolkit</h1>\n<ul>\n{items}\n</ul></main></body></html>\n")


def source_state(source: Path) -> dict[str, float]:
    """Return the modification time of every file in the source folder, by path."""
    return {str(path): path.stat().st_mtime for path in sorted(source.rglob("*"))
            if path.is_file()}


def watch(source: Path, on_change: Callable[[], None], stop: threading.Event,
          seen: dict[str, float] | None = None, interval: float = POLL_SECONDS) -> None:
    """Call ``on_change`` whenever a file of ``source`` is added, removed or saved, until
    ``stop`` is set (polling: it works on every system and file system). ``seen`` is the state
    (:func:`source_state`) the source was in when it was last built; by default, now."""
    seen = source_state(source) if seen is None else seen
    while not stop.wait(interval):
        now = source_state(source)
        if now != seen:
            time.sleep(interval)  # let an editor finish saving
            seen = source_state(source)
            on_change()


def start_server(roots: dict[str, Path], state: PreviewState, host: str, port: int,
                 first: dict[str, Path] | None = None) -> ThreadingHTTPServer:
    """Return a server of ``roots`` (and ``first``: see :func:`handler_for`) on
    ``host``:``port`` (0: any free port), serving in a background thread; from then on SIGUSR1
    prints every thread's stack to stderr. Raises OSError when the port cannot be bound."""
    # a preview that seems stuck: `kill -USR1 PID` prints where each of its threads is
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    server = ThreadingHTTPServer((host, port), handler_for(roots, state, first))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server
