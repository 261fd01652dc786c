"""The live preview: started on a free port, it serves the built pages, rebuilds when the
source is saved, shows a source problem as a banner, and serves nothing outside its folder."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from formats.check.serve import inside
from formats.core.switches import BROWSER_SWITCH
from tests.conftest import MINI_SOURCE, ROOT
from tests.helpers.interrupt import ctrl_c_heard

START = "chapters/01-start.md"


def get(port: int, path: str) -> tuple[int, bytes]:
    """Return the status and body of a GET of ``path`` exactly as written (not normalised)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def status(port: int) -> dict:
    return json.loads(get(port, "/__preview")[1])


def wait_for(condition, seconds: float = 90.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def start_preview(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start ``build.py serve`` on a copy of the mini toolkit on a free port; yield (source,
    port, process) once the first build is served; stop it with Ctrl-C after."""
    source = tmp_path / "src"
    shutil.copytree(MINI_SOURCE, source)
    with ctrl_c_heard():
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--source", str(source), "--out",
             str(tmp_path / "dist"), "--port", "0"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=tmp_path,
            # the report it writes after each build is checked without a browser: the preview
            # is what these tests are about (the browser rules have tests of their own)
            env={**os.environ, BROWSER_SWITCH: "0"})
    assert process.stderr is not None
    line = process.stderr.readline()
    assert line.startswith("Serving http://127.0.0.1:"), line
    port = int(line.split(":")[2].split("/")[0])
    printed: list[str] = []  # read all along: a full pipe would stop the preview mid-line
    reader = threading.Thread(target=lambda: printed.extend(process.stderr), daemon=True)
    reader.start()
    report = tmp_path / ".dist.report" / "summary.md"  # the last file of the first report
    try:
        wait_for(lambda: status(port)["build"] >= 1 and report.is_file())
        yield source, port, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGUSR1)  # build.py serve prints where each thread is
            time.sleep(2)
            process.kill()
            process.wait()
            reader.join(timeout=5)
            raise AssertionError("Ctrl-C did not stop the preview in 30 s; it printed:\n"
                                 + "".join(printed)[-6000:]) from None
        finally:
            process.kill()
            process.wait()  # reaped: no "still running" warning in a later test of the worker
            reader.join(timeout=5)
            process.stderr.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One preview for this file's tests (each start builds and checks): the requests that
    must get nothing first, then the test that edits the source and stops it last."""
    yield from start_preview(tmp_path_factory.mktemp("served"))


@pytest.mark.parametrize("path", [
    "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/standard/..%2f..%2f..%2fetc%2fpasswd",
    "/report/../../etc/passwd", "/standard/%2e%2e%5c%2e%2e%5cetc%5cpasswd", "/no-such-page",
])
def test_nothing_outside_the_output_folder_is_served(served, path: str) -> None:  # type: ignore[no-untyped-def]
    _, port, _ = served
    assert get(port, path)[0] == 404


def test_a_second_preview_of_the_same_output_folder_is_refused(served) -> None:  # type: ignore[no-untyped-def]
    source, _, _ = served
    out = source.parent / "dist"
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--source",
                           str(source), "--out", str(out), "--port", "0"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == (f"error: another preview is serving {out}: stop it, or preview into "
                           "another folder (--out DIR)\n")


@pytest.mark.slow  # builds, then runs the check's browser rules for the report, three times
def test_the_preview_serves_rebuilds_and_shows_problems(served) -> None:  # type: ignore[no-untyped-def]
    source, port, process = served
    code, page = get(port, "/standard/index.html")
    assert code == 200 and b"Mini toolkit" in page and b"/__preview" in page
    assert get(port, "/")[0] == 200
    code, report = get(port, "/report/")  # the report's folder gives its page
    assert code == 200 and report == get(port, "/report/report.html")[1]
    page_file = source / START
    original = page_file.read_text(encoding="utf-8")
    page_file.write_text(original + "\nA sentence the editor just added.\n", encoding="utf-8")
    wait_for(lambda: status(port)["build"] >= 2)
    assert b"A sentence the editor just added." in get(port, "/standard/index.html")[1]
    page_file.write_text(original + "\n## A heading without an id\n\nText.\n", encoding="utf-8")
    wait_for(lambda: bool(status(port)["problems"]))
    [problem] = status(port)["problems"]
    assert problem.startswith(f"{source}/{START}:") and "has no id" in problem
    assert b"A sentence the editor just added." in get(port, "/standard/index.html")[1]
    page_file.write_text(original, encoding="utf-8")
    wait_for(lambda: not status(port)["problems"] and status(port)["build"] >= 3)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def test_inside_keeps_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    assert inside(tmp_path / "site", "/") == (tmp_path / "site" / "index.html").resolve()
    assert inside(tmp_path / "site", "/../secret.txt") is None
    assert inside(tmp_path / "site", "/%2E%2E/secret.txt") is None
