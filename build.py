"""Build every format of the toolkit from ``source/`` into ``dist/``, check them, list sections.

    python build.py [--format NAME ...] [--source DIR] [--out DIR] [--no-wait]    build
    python build.py check [--out DIR] [--source DIR] [--format NAME ...] [--report DIR] [--strict]
    python build.py list [--source DIR]
    python build.py review [--source DIR] [--format text|json]
    python build.py diff OLD [--source DIR] [--format text|json]     OLD: a folder or git revision
    python build.py serve [--source DIR] [--out DIR] [--port N] [--host ADDRESS]
    python build.py easy-read-checked [--by NAMES [--date YYYY-MM-DD]] [--re-read [PART ...]]

Exit codes: 0 all good, 1 a check failed (or a format could not be written; with --strict, also
any warning), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from formats.check import preview_build
from formats.check.coverage import Status, coverage
from formats.check.diff import RevisionError, diff_documents, old_source
from formats.check.model_cache import load_cached
from formats.check.output_folder import OutputError, prepare_parent, sibling
from formats.check.pipeline import Built, build
from formats.check.reports import exit_code, warning_count, write_reports
from formats.check.serve import PreviewState, start_server
from formats.core.contract import RenderError
from formats.core.free_memory import small_pages_for_arrays
from formats.core.load import SourceError
from formats.core.model import Document
from formats.core.profile import ProfileError, read_profile, with_partner
from formats.core.sign_off import SignOffError, write_checked_against, write_sign_off
from formats.registry import UnknownEdition, edition, names

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a program stopped by SIGINT
COMMANDS = ("build", "check", "list", "review", "diff", "serve", "easy-read-checked")
LOOPBACK = "127.0.0.1"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build, check and list the accessible editions of the "
        "toolkit. Without a command, builds.")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,list,review,diff,serve,"
                                     "easy-read-checked}")
    build = commands.add_parser("build", help="build formats into the output folder (default)",
                                description="Build every format (or those named) of the source "
                                "into the output folder. The folder is only changed when the "
                                "whole build succeeds.")
    _common(build)
    build.add_argument("--format", action="append", dest="formats", metavar="NAME",
                       help=f"build only this format (repeatable): {', '.join(names())}")
    _profile_option(build)
    build.add_argument("--no-cache", dest="cache", action="store_false",
                       help="build every format again, even those whose source, code and "
                       "settings have not changed since the last build")
    build.add_argument("--no-wait", dest="wait", action="store_false",
                       help="stop (exit 2) instead of waiting when another build is writing the "
                       "same output folder")
    check = commands.add_parser("check", help="read the built files back and report coverage",
                                description="Read back what is in the output folder and print a "
                                "sections x formats table. Exit 0 when every section is in every "
                                "format, 1 when anything is missing.")
    _common(check)
    check.add_argument("--format", action="append", dest="formats", metavar="NAME",
                       help="check only this format (repeatable)")
    _profile_option(check)
    check.add_argument("--report", type=Path, metavar="DIR",
                       help="also write report.json, junit.xml and report.html into DIR")
    check.add_argument("--strict", action="store_true",
                       help="fail on warnings too: review notes, outputs built from an older "
                       "source, failed rules of level warning")
    listing = commands.add_parser("list", help="list the sections and the formats",
                                  description="List every section (id, number, title) of the "
                                  "source, and the formats the build can make.")
    listing.add_argument("--source", type=Path, default=Path("source"),
                         help="the source folder (default: source)")
    review = commands.add_parser("review", help="list the review notes, grouped by file",
                                 description="List the review notes left in the source for a "
                                 "person to confirm, grouped by file.")
    review.add_argument("--source", type=Path, default=Path("source"),
                        help="the source folder (default: source)")
    review.add_argument("--format", choices=("text", "json"), default="text", dest="output",
                        help="text (default) or json")
    diff = commands.add_parser("diff", help="what changed since an earlier edition of the source",
                               description="List the sections added, removed, renamed and "
                               "changed (with the changed sentences) between an earlier source "
                               "and this one, for release notes.")
    diff.add_argument("old", metavar="OLD",
                      help="the earlier source: a folder, or a git revision (tag, commit)")
    diff.add_argument("--source", type=Path, default=Path("source"),
                      help="the source folder (default: source)")
    diff.add_argument("--format", choices=("text", "json"), default="text", dest="output",
                      help="text (default) or json")
    serve = commands.add_parser("serve", help="a live preview: build, serve, rebuild on save",
                                description="Build the web and Easy Read editions, serve them "
                                "and the check's report on this computer, and build again "
                                "whenever a file of the source is saved; open pages reload. "
                                "Stop with Ctrl-C.")
    _common(serve)
    serve.add_argument("--port", type=int, default=8000, help="the port (default: 8000; 0: any "
                       "free port)")
    serve.add_argument("--host", default=LOOPBACK, help="the address to listen on (default: "
                       f"{LOOPBACK}, this computer only); another address shows the preview "
                       "to your network: use it only on a network you trust")
    checked = commands.add_parser(
        "easy-read-checked", help="record who checked the Easy Read text, and against what",
        description="After a checking session, write the current hashes into the source: "
        "--by: people with learning disabilities checked the whole text (checked-by in "
        "easy-read.yaml); --re-read: an editor re-read these parts (every part when none is "
        "named) beside the sections they cover (checked-against in each part).")
    checked.add_argument("--source", type=Path, default=Path("source"),
                         help="the source folder (default: source)")
    checked.add_argument("--by", metavar="NAMES", help="who checked the text: names or a group")
    checked.add_argument("--date", type=datetime.date.fromisoformat, default=datetime.date.today(),
                         help="the day they checked it, YYYY-MM-DD (default: today)")
    checked.add_argument("--re-read", nargs="*", metavar="PART", dest="re_read",
                         help="the ids of the parts an editor re-read (none: every part)")
    return parser


def _profile_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", type=Path, metavar="FILE",
                        help="a partner's profile (YAML): their name, logo, colours, contact "
                        "details and edition note, on every edition (check with the profile "
                        "the build used)")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=Path("source"),
                        help="the source folder (default: source)")
    parser.add_argument("--out", type=Path, default=Path("dist"),
                        help="the output folder (default: dist)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    small_pages_for_arrays()  # before the build imports numpy (see free_memory)
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if args.command == "serve":
        return _serve(args.source, args.out, args.host, args.port, err)
    document = _load(args.source, err)
    if document is None:
        return EXIT_BAD_INPUT
    if getattr(args, "profile", None) is not None:
        try:
            document = with_partner(document, read_profile(args.profile))
        except ProfileError as error:
            for problem in error.problems:
                err.print(problem, markup=False, soft_wrap=True)
            done = "built" if args.command in (None, "build") else "checked"
            err.print(f"{len(error.problems)} problem(s) in the profile; nothing was {done}.",
                      style="red")
            return EXIT_BAD_INPUT
    if args.command == "list":
        return _list(document, out)
    if args.command == "review":
        return _review(document, out, args.output)
    if args.command == "diff":
        return _diff(args.old, document, out, err, args.output)
    if args.command == "easy-read-checked":
        return _easy_read_checked(document, args, out, err)
    try:
        formats = _formats(args.formats, document)
    except UnknownEdition as error:
        err.print(f"[red]error:[/red] {error}")
        return EXIT_BAD_INPUT
    if args.command == "check":
        return _check(document, args.out, formats, out, err, args.report, args.strict)
    return _build(document, args.out, formats, err, args.wait, args.cache)


def _load(source: Path, err: Console) -> Document | None:
    if not (source / "toolkit.yaml").is_file():
        err.print(f"{source}/toolkit.yaml: error: no toolkit here (use --source DIR)",
                  markup=False)
        return None
    try:
        return load_cached(source)
    except SourceError as error:
        for problem in error.problems:
            err.print(problem, markup=False, soft_wrap=True)
        err.print(f"{len(error.problems)} problem(s) in the source; nothing was built.",
                  style="red")
        return None


def _formats(requested: list[str] | None, document: Document) -> list[str]:
    chosen = requested or [name for name in document.meta.formats if name in names()]
    for name in chosen:
        edition(name)
    return chosen


def _list(document: Document, out: Console) -> int:
    table = Table(title=f"Sections of {document.meta.title}")
    table.add_column("id", no_wrap=True)
    table.add_column("number")
    table.add_column("title")
    for section in document.sections():
        indent = "  " * (section.level - 1)
        table.add_row(section.id, section.number, indent + section.title)
    out.print(table)
    out.print("Formats: " + ", ".join(
        f"{name}{'' if name in document.meta.formats else ' (not offered in toolkit.yaml)'}"
        for name in names()))
    return EXIT_OK


def _build(document: Document, out_dir: Path, formats: list[str], err: Console,
           wait: bool = True, cache: bool = True) -> int:
    def waiting(holder: str) -> None:
        err.print(f"Waiting: {out_dir} is being built by {holder}.", markup=False)

    try:
        prepare_parent(out_dir)
        with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                      console=err, transient=True) as progress:
            started: list[str] = []
            task = progress.add_task("Building", total=len(formats))

            def starting(name: str) -> None:
                progress.update(task, description=f"Building {name}", completed=len(started))
                started.append(name)

            built = build(document, out_dir, formats, on_edition=starting, on_wait=waiting,
                          wait_for_lock=wait, cache=cache)
    except OutputError as error:
        err.print(f"error: {error}", markup=False, style="red")
        return EXIT_BAD_INPUT
    except RenderError as error:
        err.print(f"error: {error}", markup=False, style="red")
        err.print(f"Nothing was changed in {out_dir}.", markup=False)
        return EXIT_FAILED
    for one in built:
        err.print(_built_line(one), markup=False)
    for warning in document.warnings:
        err.print(f"warning: {warning}", style="yellow", markup=False)
    notes = len(document.reviews())
    if notes:
        err.print(f"{notes} review note{'s' if notes != 1 else ''}: build.py review lists them",
                  style="yellow", markup=False)
    err.print(f"Built {', '.join(one.name for one in built)} into {out_dir}/", markup=False)
    return EXIT_OK


def _built_line(built: Built) -> str:
    if built.kept:
        return f"{built.name:<12} {built.description} (unchanged, kept)"
    return f"{built.name:<12} {built.description} ({built.seconds:.1f} s)"


def _review(document: Document, out: Console, output: str) -> int:
    by_file: dict[str, list[dict[str, object]]] = {}
    for note in document.reviews():
        by_file.setdefault(note.location.path, []).append(
            {"line": note.location.line, "text": note.text})
    if output == "json":
        out.print_json(json.dumps({"source": str(document.source_dir), "count":
                                   len(document.reviews()), "files": by_file}))
        return EXIT_OK
    for path, listed in by_file.items():
        out.print(f"{document.source_dir / path}", style="bold", markup=False)
        for item in listed:
            out.print(f"  line {item['line']}: {item['text']}", markup=False, soft_wrap=True)
    out.print(f"{len(document.reviews())} review note(s) in {len(by_file)} file(s).")
    return EXIT_OK


def _diff(old_spec: str, document: Document, out: Console, err: Console, output: str) -> int:
    try:
        with old_source(old_spec, document.source_dir) as folder:
            old = _load(folder, err)
            if old is None:
                return EXIT_BAD_INPUT
            changes = diff_documents(old, document, old_spec, str(document.source_dir))
    except RevisionError as error:
        err.print(f"error: {error}", markup=False, style="red")
        return EXIT_BAD_INPUT
    if output == "json":
        out.print_json(json.dumps(changes.as_json()))
        return EXIT_OK
    out.print(f"Changes from {old_spec} to {document.source_dir}:", markup=False)
    for title, items in (("Added", changes.added), ("Removed", changes.removed)):
        for section_id, label in items:
            out.print(f"{title}: {label} ({section_id})", markup=False)
    for change in changes.renamed:
        out.print(f"Renamed: {change.old_title} -> {change.new_title} ({change.id})",
                  markup=False)
    for change in changes.changed:
        out.print(f"Changed: {change.new_title} ({change.id})", markup=False)
        for sentence in change.removed:
            out.print(f"  - {sentence}", markup=False, soft_wrap=True)
        for sentence in change.added:
            out.print(f"  + {sentence}", markup=False, soft_wrap=True)
    if changes.empty:
        out.print("No section changed.")
    return EXIT_OK


def _easy_read_checked(document: Document, args: argparse.Namespace, out: Console,
                       err: Console) -> int:
    if args.by is None and args.re_read is None:
        err.print("error: say what was checked: --by NAMES and/or --re-read [PART ...]")
        return EXIT_BAD_INPUT
    try:
        written = write_checked_against(document, args.re_read) if args.re_read is not None \
            else []
        if args.by is not None:
            written.append(write_sign_off(document, args.by, args.date))
    except SignOffError as error:
        err.print(f"error: {error}", markup=False, style="red")
        return EXIT_BAD_INPUT
    for path in written:
        out.print(f"Wrote {path}", markup=False)
    return EXIT_OK


_MARKS = {Status.PRESENT: "[green]✓[/green]", Status.INCOMPLETE: "[yellow]~[/yellow]",
          Status.MISSING: "[red]✗[/red]"}
_LEGEND = "✓ present   ~ incomplete (some sentences or audio missing)   ✗ missing"


def _serve(source: Path, out_dir: Path, host: str, port: int, err: Console) -> int:
    if not (source / "toolkit.yaml").is_file():
        err.print(f"{source}/toolkit.yaml: error: no toolkit here (use --source DIR)",
                  markup=False)
        return EXIT_BAD_INPUT
    with preview_build.only_preview(out_dir) as alone:
        if not alone:
            err.print(f"error: another preview is serving {out_dir}: stop it, or preview into "
                      "another folder (--out DIR)", markup=False, style="red")
            return EXIT_BAD_INPUT
        return _serve_alone(source, out_dir, host, port, err)


def _serve_alone(source: Path, out_dir: Path, host: str, port: int, err: Console) -> int:
    state = PreviewState()
    report_dir, pages = sibling(out_dir, "report"), sibling(out_dir, "preview")

    def say(line: str, style: str) -> None:
        err.print(line, markup=False, style=style or None)

    if host != LOOPBACK:
        err.print(f"warning: serving on {host}: anyone on your network can see the preview",
                  style="yellow", markup=False)
    try:
        server = start_server({"": out_dir, "report/": report_dir}, state, host, port,
                              first={"": pages})
    except OSError as error:
        err.print(f"error: cannot serve on {host}:{port}: {error.strerror or error}",
                  markup=False, style="red")
        return EXIT_BAD_INPUT
    err.print(f"Serving http://{host}:{server.server_address[1]}/ (Ctrl-C stops)",
              markup=False)
    try:
        preview_build.preview_until_stopped(source, lambda: load_cached(source), out_dir, pages,
                                            report_dir, state, say)
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK


def _full_numbers(document: Document) -> dict[str, str]:
    """Return each section's number with its parent's where it is only a letter ("2.5 b")."""
    return {section.id: f"{parent} {section.number}" if section.level == 3 and parent
            and section.number else section.number
            for section, parent in document.sections_with_parent_numbers()}


def _check(document: Document, out_dir: Path, formats: list[str], out: Console,
           err: Console, report_dir: Path | None = None, strict: bool = False) -> int:
    if not out_dir.is_dir():
        err.print(f"error: {out_dir} does not exist: build first", markup=False)
        return EXIT_BAD_INPUT
    with Progress(TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("Reading back")
        result = coverage(document, out_dir, formats,
                          on_format=lambda name: progress.update(task, description=f"Reading "
                                                                 f"back {name}"))
    table = Table(title="Coverage: sections x outputs", caption=_LEGEND)
    table.add_column("section", no_wrap=True, overflow="ellipsis", max_width=40)
    for output in result.outputs:  # "large-print/pdf" in three short lines: 11 outputs fit 160
        table.add_column(output.replace("-", "-\n").replace("/", "\n"), justify="center",
                         no_wrap=True)
    numbers = _full_numbers(document)
    for section in result.sections:
        table.add_row(f"{numbers[section.id]} {section.id}".strip(),
                      *(_MARKS[result.cells[(section.id, output)].status]
                        for output in result.outputs))
    out.print(table)
    for line in result.failures():
        out.print(line, style="red", markup=False, soft_wrap=True)
    for problem in result.problems:
        out.print(f"problem: {problem}", style="red", markup=False, soft_wrap=True)
    for rule in result.rules:
        if not rule.passed:
            style = "red" if rule.level == "error" else "yellow"
            out.print(f"{rule.level}: {rule.rule}: {rule.where}: {rule.message}", style=style,
                      markup=False, soft_wrap=True)
    for warning in result.warnings:
        out.print(f"warning: {warning}", style="yellow", markup=False, soft_wrap=True)
    if report_dir is not None:
        written = write_reports(result, report_dir, document, strict=strict)
        err.print(f"Reports: {', '.join(str(path) for path in written)}", markup=False,
                  soft_wrap=True)
    code = exit_code(result, strict)
    if code == EXIT_OK:
        out.print(f"All {len(result.sections)} sections are in all {len(result.outputs)} "
                  "outputs.", style="green")
    elif result.complete:
        out.print(f"Failed (--strict): {warning_count(result)} warning(s).", style="red")
    return code


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C: the output folder is as it was (see check.pipeline)
        Console(stderr=True).print("Stopped (Ctrl-C): nothing was changed.", style="yellow")
        sys.exit(EXIT_INTERRUPTED)
