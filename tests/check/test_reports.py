"""The check's reports (JSON, JUnit XML, HTML) and exit code, on a build with a section cut out."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
from pathlib import Path

import jsonschema
import lxml.html
import pytest
import yaml
from junitparser import Failure, JUnitXml, TestSuite

import build
from formats.check.coverage import Cell, Coverage, Status, coverage
from formats.check.reports import SCHEMA, exit_code, write_reports
from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.outputs.html.rules import PAGE_CHECKS, run_checks
from tests.conftest import MINI_SOURCE, ROOT

REMOVED = "try-it"
REMOVED_CASE = "1.2 Try it (try-it)"
HOSTILE = "<img src=x onerror=alert(1)> & \x07bell"


@pytest.fixture(scope="module")
def cut_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a build of the mini toolkit whose web page lost the section 1.2 'Try it'."""
    out = tmp_path_factory.mktemp("cut") / "dist"
    assert build.main(["build", "--source", str(MINI_SOURCE), "--out", str(out)]) == 0
    page = out / "standard" / "index.html"
    html = page.read_text(encoding="utf-8")
    cut = re.sub(rf'<section id="{REMOVED}".*?</section>\n', "", html, count=1, flags=re.S)
    assert cut != html
    # links into the section cut out (the contents', "Back to quiz") lose their address too,
    # so that the section's absence is all the check finds
    ids = set(re.findall(r' id="([^"]+)"', cut))
    cut = re.sub(r'<a href="#([^"]+)">(.*?)</a>',
                 lambda link: link.group(0) if link.group(1) in ids else link.group(2), cut)
    page.write_text(cut, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def cut_result(mini_document: Document, cut_build: Path) -> Coverage:
    return coverage(mini_document, cut_build, list(mini_document.meta.formats))


@pytest.fixture(scope="module")
def rich_result(cut_result: Coverage) -> Coverage:
    """Return the cut build's coverage plus a failed error rule, a failed warning rule, a
    passed rule, a problem and a stale output: every kind of finding a report shows."""
    return dataclasses.replace(
        cut_result,
        rules=[*cut_result.rules,
               RuleResult("test/error-rule", "standard/index.html", False, f"broken: {HOSTILE}"),
               RuleResult("test/warning-rule", "standard/index.html:3", False, "doubtful",
                          level="warning"),
               RuleResult("test/passed-rule", "standard/index.html", True, "fine")],
        problems=[*cut_result.problems, "standard/pdf: the file is empty"],
        warnings=[*cut_result.warnings,
                  "standard: built from an older source than the current one (stale): build "
                  "again"])


@pytest.fixture(scope="module")
def reports(cut_result: Coverage, mini_document: Document,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    written = write_reports(cut_result, tmp_path_factory.mktemp("reports"), mini_document)
    return {path.name: path for path in written}


@pytest.fixture(scope="module")
def rich_reports(rich_result: Coverage, mini_document: Document,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    written = write_reports(rich_result, tmp_path_factory.mktemp("rich"), mini_document)
    return {path.name: path for path in written}


@pytest.fixture(scope="module")
def strict_reports(rich_result: Coverage, mini_document: Document,
                   tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    written = write_reports(rich_result, tmp_path_factory.mktemp("strict"), mini_document,
                            strict=True)
    return {path.name: path for path in written}


@pytest.fixture(scope="module")
def passed_reports(cut_result: Coverage, mini_document: Document,
                   tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    written = write_reports(_complete(cut_result), tmp_path_factory.mktemp("passed"),
                            mini_document)
    return {path.name: path for path in written}


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _suites(path: Path) -> dict[str, TestSuite]:
    return {suite.name: suite for suite in JUnitXml.fromfile(str(path))}


def _failed_cases(suite: TestSuite) -> list[str]:
    return [case.name for case in suite if not case.is_passed]


# ---------------------------------------------------------------------------------------------
# The files written


def test_write_reports_writes_json_junit_html_and_a_summary(reports: dict[str, Path]) -> None:
    assert sorted(reports) == ["junit.xml", "report.html", "report.json", "summary.md"]
    assert all(path.stat().st_size > 0 for path in reports.values())


# ---------------------------------------------------------------------------------------------
# JSON


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("which", ["reports", "rich_reports", "strict_reports",
                                   "passed_reports"])
def test_json_report_validates_against_the_schema(which: str,
                                                  request: pytest.FixtureRequest) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = _json(request.getfixturevalue(which)["report.json"])
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(data)) == []


def test_schema_rejects_a_missing_cell_without_details(reports: dict[str, Path]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = _json(reports["report.json"])
    cell = next(cell for section in data["sections"] if section["id"] == REMOVED
                for cell in section["outputs"] if cell["status"] == "missing")
    cell["details"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_json_report_names_the_source_and_every_section(reports: dict[str, Path],
                                                        mini_document: Document) -> None:
    data = _json(reports["report.json"])
    assert (data["schema_version"], data["title"], data["source_hash"], data["strict"]) == (
        1, "Mini toolkit", mini_document.source_hash, False)
    assert [(s["id"], s["number"], s["title"], s["source"]["path"], s["source"]["line"])
            for s in data["sections"]] == [
        (s.id, s.number, s.title, s.location.path, s.location.line)
        for s in mini_document.sections()]


def test_json_report_says_the_removed_section_is_missing_from_the_web_page(
        reports: dict[str, Path]) -> None:
    data = _json(reports["report.json"])
    cells = {(section["id"], cell["output"]): cell for section in data["sections"]
             for cell in section["outputs"]}
    assert cells[(REMOVED, "standard/html")] == {
        "output": "standard/html", "status": "missing", "details": ["heading not found"]}
    not_present = [key for key, cell in cells.items() if cell["status"] != "present"]
    assert not_present == [(REMOVED, "standard/html")]


def test_json_summary_counts_what_the_check_found(reports: dict[str, Path],
                                                  cut_result: Coverage) -> None:
    summary = _json(reports["report.json"])["summary"]
    cells = len(cut_result.sections) * len(cut_result.outputs)
    assert summary == {
        "sections": len(cut_result.sections), "outputs": len(cut_result.outputs),
        "cells": cells, "present": cells - 1, "incomplete": 0, "missing": 1,
        "rules": len(cut_result.rules),
        "rules_passed": sum(rule.passed for rule in cut_result.rules),
        "rules_failed_error": 0, "rules_failed_warning": 0, "problems": 0,
        "warnings": len(cut_result.warnings), "passed": False, "exit_code": 1,
    }


def test_json_report_sorts_warnings_into_review_notes_and_stale_outputs(
        rich_reports: dict[str, Path]) -> None:
    warnings = _json(rich_reports["report.json"])["warnings"]
    assert warnings == [
        {"kind": "review",
         "message": f"{MINI_SOURCE}/chapters/01-start.md:18: Check the year of the report."},
        {"kind": "stale",
         "message": "standard: built from an older source than the current one (stale): build "
                    "again"},
    ]


# ---------------------------------------------------------------------------------------------
# JUnit XML


def test_junit_has_one_suite_per_output_and_a_rules_suite(reports: dict[str, Path],
                                                          cut_result: Coverage) -> None:
    names = list(_suites(reports["junit.xml"]))
    assert names == [f"coverage.{output}" for output in cut_result.outputs] + [
        "rules", "warnings"]


def test_junit_coverage_suite_has_one_case_per_section(reports: dict[str, Path],
                                                       mini_document: Document) -> None:
    suite = _suites(reports["junit.xml"])["coverage.standard/html"]
    assert [(case.classname, case.name) for case in suite] == [
        ("coverage.standard/html",
         " ".join(part for part in (s.number, s.title) if part) + f" ({s.id})")
        for s in mini_document.sections()]


def test_junit_fails_the_removed_section_with_its_details(reports: dict[str, Path]) -> None:
    suites = _suites(reports["junit.xml"])
    assert _failed_cases(suites["coverage.standard/html"]) == [REMOVED_CASE]
    case = next(case for case in suites["coverage.standard/html"] if case.name == REMOVED_CASE)
    [failure] = case.result
    assert isinstance(failure, Failure)
    assert (failure.type, failure.message) == ("missing", "missing: heading not found")
    assert failure.text == ("standard/html: section 'try-it' (1.2 Try it) is missing:\n"
                            "heading not found")


@pytest.mark.parametrize("which", ["reports", "rich_reports", "strict_reports",
                                   "passed_reports"])
def test_junit_count_attributes_match_the_cases(which: str,
                                                request: pytest.FixtureRequest) -> None:
    xml = JUnitXml.fromfile(str(request.getfixturevalue(which)["junit.xml"]))
    total_tests = total_failures = 0
    for suite in xml:
        cases = list(suite)
        failures = sum(any(isinstance(r, Failure) for r in case.result) for case in cases)
        assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (
            len(cases), failures, 0, 0), suite.name
        total_tests += len(cases)
        total_failures += failures
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (
        total_tests, total_failures, 0, 0)


def test_junit_rules_fail_on_errors_and_pass_warnings_with_their_message(
        rich_reports: dict[str, Path]) -> None:
    suites = _suites(rich_reports["junit.xml"])
    rules = {case.name: case for case in suites["rules"]}
    assert [name for name, case in rules.items() if not case.is_passed] == [
        "test/error-rule (standard/index.html)"]
    error = rules["test/error-rule (standard/index.html)"].result[0]
    assert (error.type, error.message) == ("error", "broken: <img src=x onerror=alert(1)> & "
                                                    "\ufffdbell")
    warning = rules["test/warning-rule (standard/index.html:3)"]
    assert warning.is_passed and not warning.is_skipped
    assert warning.system_out == "warning: test/warning-rule: standard/index.html:3: doubtful"
    assert rules["test/passed-rule (standard/index.html)"].is_passed


def test_junit_fails_each_problem_with_an_output(rich_reports: dict[str, Path]) -> None:
    suite = _suites(rich_reports["junit.xml"])["problems"]
    assert _failed_cases(suite) == ["standard/pdf: the file is empty"]


def test_junit_warnings_pass_with_their_message(rich_reports: dict[str, Path]) -> None:
    suite = _suites(rich_reports["junit.xml"])["warnings"]
    assert [(case.classname, case.is_passed, case.system_out.split(": ")[0])
            for case in suite] == [("warnings.review", True, "warning (review)"),
                                   ("warnings.stale", True, "warning (stale)")]


def test_strict_junit_fails_warnings_and_warning_rules(strict_reports: dict[str, Path]) -> None:
    suites = _suites(strict_reports["junit.xml"])
    assert _failed_cases(suites["rules"]) == ["test/error-rule (standard/index.html)",
                                              "test/warning-rule (standard/index.html:3)"]
    assert len(_failed_cases(suites["warnings"])) == 2
    assert _json(strict_reports["report.json"])["summary"]["passed"] is False


# ---------------------------------------------------------------------------------------------
# Exit code


def _complete(result: Coverage, **changes: object) -> Coverage:
    """Return ``result`` with every section present and no findings, then ``changes``."""
    cells = {key: Cell(Status.PRESENT) for key in result.cells}
    return dataclasses.replace(result, **{"cells": cells, "problems": [], "warnings": [],
                                          "rules": [], **changes})


EXIT_CASES = {
    "all-present": ({}, 0, 0),
    "review-note": ({"warnings": ["review: chapters/01-start.md:18: Check."]}, 0, 1),
    "warning-rule-failed": ({"rules": [RuleResult("r", "w", False, "m", "warning")]}, 0, 1),
    "warning-rule-passed": ({"rules": [RuleResult("r", "w", True, "m", "warning")]}, 0, 0),
    "error-rule-failed": ({"rules": [RuleResult("r", "w", False, "m", "error")]}, 1, 1),
    "output-problem": ({"problems": ["standard/pdf: the file is empty"]}, 1, 1),
}


@pytest.mark.parametrize("case", list(EXIT_CASES))
def test_exit_code(cut_result: Coverage, case: str) -> None:
    changes, normal, strict = EXIT_CASES[case]
    result = _complete(cut_result, **changes)
    assert (exit_code(result, strict=False), exit_code(result, strict=True)) == (normal, strict)


@pytest.mark.parametrize("strict", [False, True], ids=["normal", "strict"])
def test_exit_code_fails_when_a_section_is_missing(cut_result: Coverage, strict: bool) -> None:
    assert exit_code(cut_result, strict) == 1


# ---------------------------------------------------------------------------------------------
# HTML


def _tree(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_html_report_has_language_title_and_landmarks(reports: dict[str, Path]) -> None:
    tree = _tree(reports["report.html"])
    assert tree.get("lang") == "en-GB"
    assert tree.findtext(".//title") == "Failed: check report for Mini toolkit"
    assert tree.xpath("//body/a[1]/@href") == ["#main-content"]
    assert [child.tag for child in tree.xpath("//body/*")] == [
        "a", "header", "nav", "main", "footer"]


def test_html_report_of_a_passed_check_says_so(passed_reports: dict[str, Path]) -> None:
    tree = _tree(passed_reports["report.html"])
    assert tree.findtext(".//title") == "Passed: check report for Mini toolkit"
    assert _text(tree.xpath("//p[contains(@class, 'verdict')]")[0]) == (
        "✓ Passed: every section is in every output and nothing failed.")
    assert _text(tree.xpath("//section[h2[@id='failed-heading']]/p")[0]) == "Nothing failed."
    summary = _json(passed_reports["report.json"])["summary"]
    assert (summary["passed"], summary["exit_code"], summary["missing"]) == (True, 0, 0)


def test_html_coverage_table_has_caption_and_header_cells(reports: dict[str, Path],
                                                          cut_result: Coverage) -> None:
    [table] = _tree(reports["report.html"]).xpath("//table[contains(@class, 'coverage')]")
    assert _text(table.xpath("caption")[0]) == (
        f"{len(cut_result.sections)} sections in {len(cut_result.outputs)} outputs")
    assert [(_text(th), th.get("scope")) for th in table.xpath("thead//th")] == [
        ("Section", "col"), *((output, "col") for output in cut_result.outputs)]
    assert [th.get("scope") for th in table.xpath("tbody//th")] == ["row"] * len(
        cut_result.sections)


def test_html_statuses_are_words_not_colour_alone(reports: dict[str, Path]) -> None:
    table = _tree(reports["report.html"]).xpath("//table[contains(@class, 'coverage')]")[0]
    row = next(tr for tr in table.xpath("tbody/tr") if _text(tr.xpath("th")[0]).startswith(
        REMOVED_CASE))
    cells = [_text(td) for td in row.xpath("td")]
    assert cells[0] == "✗ missing heading not found"
    assert all(cell == "✓ present" for cell in cells[1:])


def test_html_lists_what_failed(rich_reports: dict[str, Path]) -> None:
    tree = _tree(rich_reports["report.html"])
    lists = [[_text(li) for li in ul.xpath("li")]
             for ul in tree.xpath("//section[h2[@id='failed-heading']]/ul")]
    assert lists == [
        [f"✗ missing in standard/html: {REMOVED_CASE}, from chapters/01-start.md line 35 heading "
         "not found"],
        ["standard/pdf: the file is empty"],
        ["error test/error-rule in standard/index.html: broken: <img src=x onerror=alert(1)> & "
         "\x07bell",
         "warning test/warning-rule in standard/index.html:3: doubtful"],
    ]
    assert tree.xpath("//img") == []


@pytest.mark.slow
@pytest.mark.parametrize("which", ["reports", "rich_reports", "passed_reports"],
                         ids=["cut", "every-finding", "passed"])
def test_html_report_passes_axe_reflow_and_text_spacing(which: str,
                                                        request: pytest.FixtureRequest) -> None:
    page = request.getfixturevalue(which)["report.html"]
    results = run_checks(page, "report", PAGE_CHECKS)
    assert [(result.rule, result.passed) for result in results] == [
        ("web/axe", True), ("web/reflow-320", True), ("web/text-spacing", True),
        ("web/lang", True), ("web/title", True), ("web/skip-link", True),
        ("web/landmarks", True), ("web/link-names", True)], [
            result.message for result in results if not result.passed]


# ---------------------------------------------------------------------------------------------
# The GitHub Actions workflow of docs/ci.md


def _workflow() -> dict:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    return yaml.safe_load(block)


def _steps(job: str = "editions") -> dict[str, dict]:
    return {step["name"]: step for step in _workflow()["jobs"][job]["steps"]}


def test_ci_workflow_gate_builds_and_checks_and_keeps_both_folders_even_on_failure() -> None:
    steps = _steps()
    assert list(steps) == ["Install Git", "Get the toolkit",
                           "Install what the build and the check need", "Build every edition",
                           "Check every edition", "Write a summary on the run's page",
                           "Keep the editions and the reports"]
    assert steps["Install what the build and the check need"]["run"] == "bash .ci/setup"
    assert steps["Build every edition"]["run"] == ".venv/bin/python build.py"
    # the gate: coverage and error rules; review notes are warnings, listed but not failed
    assert steps["Check every edition"]["run"] == (
        ".venv/bin/python build.py check --report reports/")
    upload = steps["Keep the editions and the reports"]
    assert (upload["uses"], upload["if"], upload["with"]["path"].split()) == (
        "actions/upload-artifact@v4", "always()", ["dist/", "reports/"])
    assert _workflow()["jobs"]["editions"]["container"]["image"].startswith("debian:")


def test_ci_workflow_release_job_checks_strictly_on_tags_only() -> None:
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert triggers["push"]["tags"] == ["*"]
    release = workflow["jobs"]["release"]
    assert release["if"] == "startsWith(github.ref, 'refs/tags/')"
    steps = _steps("release")
    assert steps["Check every edition, strictly"]["run"] == (
        ".venv/bin/python build.py check --report reports/ --strict")
    upload = steps["Keep the release editions and the reports"]
    assert (upload["if"], upload["with"]["path"].split()) == ("always()", ["dist/", "reports/"])


def test_every_command_the_workflow_runs_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for job in ("editions", "release"):
        for step in _steps(job).values():
            command = step.get("run", "")
            if command.startswith(("bash .ci/setup", ".venv/bin/python build.py")):
                words = command.split()
                assert " ".join(words[:3] if "build.py" in command else words[:2]) in readme
                for option in (word for word in words if word.startswith("--")):
                    assert option in readme, f"{option} of '{command}' is not in the README"


def test_ci_workflow_summary_lists_what_failed(strict_reports: dict[str, Path],
                                               tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "summary.md").write_bytes(strict_reports["summary.md"].read_bytes())
    summary = tmp_path / "step-summary.md"
    script = _steps()["Write a summary on the run's page"]["run"]
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, check=True,
                   env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)})
    lines = summary.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "## Failed: Mini toolkit"
    assert f"- standard/html: 1.2 Try it ({REMOVED}) is missing" in lines
    assert "- problem: standard/pdf: the file is empty" in lines
    assert "- warning: test/warning-rule: doubtful" in lines
    assert ("- stale: standard: built from an older source than the current one (stale): build "
            "again") in lines
