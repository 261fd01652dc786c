"""The check's reports: what ``build.py check`` found, as files that people and CI systems read.

- ``report.json``: every section in every output, every rule, problems, warnings and a summary,
  valid against ``formats/report_schema.json`` (version :data:`SCHEMA_VERSION`);
- ``junit.xml``: JUnit XML, read by CI systems: one test suite per output (one test case per
  section), a ``rules`` suite (one test case per rule result), and ``problems`` and ``warnings``
  suites when there are any;
- ``report.html``: the same, as an accessible web page (one file, styles included).

All three are made from the same data (:func:`report_data`), so they always agree; and
:func:`exit_code` gives the verdict ``build.py check`` exits with.
"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from formats.check.coverage import Coverage, Status
from formats.core.compiled_templates import COMPILED
from formats.core.contract import RuleResult
from formats.core.model import Document, Section
from formats.core.names import TEMPLATES

SCHEMA_VERSION = 1
SCHEMA = Path(__file__).parent / "report_schema.json"
REPORT_JSON, JUNIT_XML, REPORT_HTML = "report.json", "junit.xml", "report.html"
SUMMARY_MD = "summary.md"  # for a CI run's page (GitHub's $GITHUB_STEP_SUMMARY)
SUMMARY_LINES = 50
TEMPLATE = "report/report.html.j2"
EXIT_PASSED, EXIT_FAILED = 0, 1

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Notice:
    """A warning of the check: ``kind`` is "review" (a note in the source for a person to
    confirm), "stale" (an output built from an older source) or "other"."""

    kind: str
    message: str


# ---------------------------------------------------------------------------------------------
# The verdict


def failed_rules(result: Coverage, level: str) -> list[RuleResult]:
    """Return the rules of ``result`` that failed at ``level`` ("error" or "warning")."""
    return [rule for rule in result.rules if not rule.passed and rule.level == level]


def warning_count(result: Coverage) -> int:
    """Return how many warnings the check has: review notes, stale outputs, warning rules."""
    return len(result.warnings) + len(failed_rules(result, "warning"))


def exit_code(result: Coverage, strict: bool) -> int:
    """Return 0 when the check passed, 1 when it failed.

    It fails when a section is missing or incomplete in an output, a rule of level "error"
    failed or an output has a problem; with ``strict``, also when there is any warning (a review
    note, a stale output, a failed rule of level "warning").
    """
    if not result.complete:
        return EXIT_FAILED
    if strict and warning_count(result):
        return EXIT_FAILED
    return EXIT_PASSED


def notices(result: Coverage) -> list[Notice]:
    """Return the warnings of ``result`` (review notes and stale outputs), each with its kind."""
    found = []
    for text in result.warnings:
        kind = _warning_kind(text)
        found.append(Notice(kind, text.removeprefix("review: ") if kind == "review" else text))
    return found


def _warning_kind(text: str) -> str:
    if text.startswith("review: "):
        return "review"
    if "(stale)" in text:
        return "stale"
    return "other"


# ---------------------------------------------------------------------------------------------
# The data all three reports are made from


def report_data(result: Coverage, document: Document, strict: bool,
                generated: datetime.datetime) -> dict[str, Any]:
    """Return the report as JSON-ready data (the shape ``report_schema.json`` describes)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated": generated.isoformat(timespec="seconds"),
        "title": document.meta.title,
        "identifier": document.meta.identifier,
        "source_hash": document.source_hash,
        "strict": strict,
        "outputs": list(result.outputs),
        "sections": [_section_data(result, section) for section in result.sections],
        "rules": [_rule_data(rule) for rule in result.rules],
        "problems": list(result.problems),
        "warnings": [{"kind": notice.kind, "message": notice.message}
                     for notice in notices(result)],
        "summary": _summary(result, strict),
    }


def _section_data(result: Coverage, section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "label": section.label,
        "level": section.level,
        "source": {"path": section.location.path, "line": section.location.line},
        "outputs": [{"output": output,
                     "status": result.cells[(section.id, output)].status.value,
                     "details": list(result.cells[(section.id, output)].details)}
                    for output in result.outputs],
    }


def _rule_data(rule: RuleResult) -> dict[str, Any]:
    return {"rule": rule.rule, "where": rule.where, "passed": rule.passed, "level": rule.level,
            "message": rule.message}


def _summary(result: Coverage, strict: bool) -> dict[str, Any]:
    statuses = [cell.status for cell in result.cells.values()]
    code = exit_code(result, strict)
    return {
        "sections": len(result.sections),
        "outputs": len(result.outputs),
        "cells": len(statuses),
        "present": statuses.count(Status.PRESENT),
        "incomplete": statuses.count(Status.INCOMPLETE),
        "missing": statuses.count(Status.MISSING),
        "rules": len(result.rules),
        "rules_passed": sum(rule.passed for rule in result.rules),
        "rules_failed_error": len(failed_rules(result, "error")),
        "rules_failed_warning": len(failed_rules(result, "warning")),
        "problems": len(result.problems),
        "warnings": warning_count(result),
        "passed": code == EXIT_PASSED,
        "exit_code": code,
    }


def case_name(section: dict[str, Any]) -> str:
    """Return the name of a section's test case: "2.6 What is different? (what-is-different)"."""
    return " ".join(part for part in (section["number"], section["title"]) if part) + \
        f" ({section['id']})"


# ---------------------------------------------------------------------------------------------
# JUnit XML


def junit_tree(data: dict[str, Any]) -> ET.ElementTree:
    """Return the JUnit XML document of the report ``data`` (see :func:`report_data`)."""
    timestamp = data["generated"][:19]  # the JUnit schema's timestamp has no time zone
    suites = [_coverage_suite(data, output) for output in data["outputs"]]
    suites.append(_rules_suite(data))
    if data["problems"]:
        suites.append(_suite("problems", [_problem_case(problem) for problem in data["problems"]]))
    if data["warnings"]:
        suites.append(_suite("warnings", [_warning_case(warning, data["strict"])
                                          for warning in data["warnings"]]))
    root = ET.Element("testsuites", name=f"build.py check: {_xml_text(data['title'])}")
    for suite in suites:
        suite.set("timestamp", timestamp)
        root.append(suite)
    _count(root, suites)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    return tree


def _coverage_suite(data: dict[str, Any], output: str) -> ET.Element:
    cases = []
    for section in data["sections"]:
        cell = next(cell for cell in section["outputs"] if cell["output"] == output)
        case = _case(f"coverage.{output}", case_name(section))
        if cell["status"] != Status.PRESENT.value:
            details = "; ".join(cell["details"])
            _failure(case, cell["status"], f"{cell['status']}: {details}",
                     f"{output}: section '{section['id']}' ({section['label']}) is "
                     f"{cell['status']}:\n" + "\n".join(cell["details"]))
        cases.append(case)
    return _suite(f"coverage.{output}", cases)


def _rules_suite(data: dict[str, Any]) -> ET.Element:
    cases = []
    for rule in data["rules"]:
        case = _case("rules", f"{rule['rule']} ({rule['where']})")
        if not rule["passed"] and (rule["level"] == "error" or data["strict"]):
            _failure(case, rule["level"], rule["message"],
                     f"{rule['level']}: {rule['rule']}: {rule['where']}: {rule['message']}")
        elif not rule["passed"]:
            _output(case, f"warning: {rule['rule']}: {rule['where']}: {rule['message']}")
        cases.append(case)
    return _suite("rules", cases)


def _problem_case(problem: str) -> ET.Element:
    case = _case("problems", problem)
    _failure(case, "problem", problem, problem)
    return case


def _warning_case(warning: dict[str, str], strict: bool) -> ET.Element:
    case = _case(f"warnings.{warning['kind']}", warning["message"])
    text = f"warning ({warning['kind']}): {warning['message']}"
    if strict:
        _failure(case, "warning", warning["message"], text)
    else:
        _output(case, text)
    return case


def _suite(name: str, cases: list[ET.Element]) -> ET.Element:
    suite = ET.Element("testsuite", name=_xml_text(name))
    suite.extend(cases)
    _count(suite, cases)
    return suite


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", classname=_xml_text(classname), name=_xml_text(name), time="0")


def _failure(case: ET.Element, kind: str, message: str, text: str) -> None:
    failure = ET.SubElement(case, "failure", message=_xml_text(message), type=_xml_text(kind))
    failure.text = _xml_text(text)


def _output(case: ET.Element, text: str) -> None:
    ET.SubElement(case, "system-out").text = _xml_text(text)


def _count(element: ET.Element, children: list[ET.Element]) -> None:
    """Set the count attributes of a testsuite (from its cases) or testsuites (its suites)."""
    if element.tag == "testsuites":
        tests = sum(int(child.get("tests", "0")) for child in children)
        failures = sum(int(child.get("failures", "0")) for child in children)
    else:
        tests = len(children)
        failures = sum(child.find("failure") is not None for child in children)
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")
    element.set("time", "0")


def _xml_text(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot hold."""
    return _XML_ILLEGAL.sub("\ufffd", text)


# ---------------------------------------------------------------------------------------------
# HTML


def render_html(data: dict[str, Any], generated: datetime.datetime) -> str:
    """Return the HTML report of the report ``data`` (see :func:`report_data`)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, bytecode_cache=COMPILED)
    template = env.get_template(TEMPLATE)
    failed_cells = [(section, cell) for section in data["sections"]
                    for cell in section["outputs"] if cell["status"] != Status.PRESENT.value]
    failed = [rule for rule in data["rules"] if not rule["passed"]]
    return template.render(
        report=data, summary=data["summary"], failed_cells=failed_cells,
        failed_rules=failed, case_name=case_name,
        generated_text=generated.strftime("%-d %B %Y at %H:%M UTC"))


# ---------------------------------------------------------------------------------------------
# Markdown summary


def summary_markdown(data: dict[str, Any]) -> str:
    """Return a short Markdown summary of the report ``data``: passed or failed, the counts,
    and the first things that failed."""
    summary = data["summary"]
    lines = [f"## {'Passed' if summary['passed'] else 'Failed'}: {data['title']}", "",
             f"- {summary['present']} of {summary['cells']} present ({summary['sections']} "
             f"sections in {summary['outputs']} outputs): {summary['incomplete']} incomplete, "
             f"{summary['missing']} missing",
             f"- {summary['rules_failed_error']} of {summary['rules']} rules failed; "
             f"{summary['problems']} problem(s) with outputs; {summary['warnings']} warning(s)"]
    failed = [f"{cell['output']}: {section['label']} ({section['id']}) is {cell['status']}"
              for section in data["sections"] for cell in section["outputs"]
              if cell["status"] != Status.PRESENT.value]
    failed += [f"problem: {problem}" for problem in data["problems"]]
    failed += [f"{rule['level']}: {rule['rule']}: {rule['message']}"
               for rule in data["rules"] if not rule["passed"]]
    if data["strict"]:
        failed += [f"{note['kind']}: {note['message']}" for note in data["warnings"]]
    if failed:
        lines += ["", "### What failed", "", *(f"- {line}" for line in failed[:SUMMARY_LINES])]
        if len(failed) > SUMMARY_LINES:
            lines.append(f"- {len(failed) - SUMMARY_LINES} more in report.html")
    lines += ["", "The whole report is report.html, kept with the run's files."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Writing them


def write_reports(result: Coverage, report_dir: Path, document: Document, *,
                  strict: bool = False) -> list[Path]:
    """Write report.json, junit.xml, report.html and summary.md into ``report_dir`` (made if
    needed).

    ``strict`` says whether warnings fail the check (they are then failures in the JUnit XML and
    the report says "failed"). Returns the paths written.
    """
    report_dir.mkdir(parents=True, exist_ok=True)
    generated = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    data = report_data(result, document, strict, generated)
    json_path = report_dir / REPORT_JSON
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    junit_path = report_dir / JUNIT_XML
    junit_tree(data).write(junit_path, encoding="utf-8", xml_declaration=True)
    html_path = report_dir / REPORT_HTML
    html_path.write_text(render_html(data, generated), encoding="utf-8")
    summary_path = report_dir / SUMMARY_MD
    summary_path.write_text(summary_markdown(data), encoding="utf-8")
    return [json_path, junit_path, html_path, summary_path]
