"""``ssa-site validate``: every problem at once, grouped by file, as text or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from ssa_site.cli import main

if TYPE_CHECKING:
    from pathlib import Path

PLAN = "data/northland-ics"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def broken(project) -> Path:
    root = project()
    edit(root, f"{PLAN}/values.csv", "I2,FY2023,baseline,10", "I2,FY2023,baseline,abc")
    edit(root, f"{PLAN}/values.csv", "I4,FY2023,baseline,1", "I4,FY2025,target,1")
    edit(root, f"{PLAN}/results.csv", "O1.1,O1,sub-objective", "O1.1,O1,objective")
    edit(root, "data/agency-framework/results.csv", "AO2,AG1,", "AO2,AG9,")
    return root


def run(*args: str, color: bool = False, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), color=color, env=env, catch_exceptions=False)


def test_validate_prints_every_problem_grouped_by_file_and_exits_1(broken):
    result = run("validate", str(broken))
    assert result.exit_code == 1
    out = result.stdout
    assert "data/agency-framework/results.csv (1 error, 0 warnings)\n" in out
    assert (
        "  error   data/agency-framework/results.csv:4: parent: 'AG9' matches no id in results "
        "(add a row with id 'AG9' to results, or correct the reference)\n"
    ) in out
    assert f"{PLAN}/results.csv (1 error, 0 warnings)\n" in out
    assert (
        f"  error   {PLAN}/results.csv:4: level: 'objective' is not below its parent O1's "
        "level 'objective' (give the result a lower level or attach it to a higher parent)\n"
    ) in out
    assert f"  error   {PLAN}/values.csv:7: value: 'abc' is not a number" in out
    assert f"  warning {PLAN}/values.csv:11: kind: indicator I4 has targets but no baseline" in out
    # I2 has no baseline because its baseline row is wrong: that error says what to fix.
    assert "indicator I2 has targets but no baseline" not in out
    # The fixture makes every quality rule report-only: listed as notes, with the rule id.
    assert "  note    " in out and "[indicator-reference]" in out
    assert out.rstrip().splitlines()[-1].startswith("2 plan(s) checked: 3 errors, 1 warning, ")
    assert "\x1b[" not in out  # no colour when stdout is not a terminal


def test_validate_json_is_a_list_of_problems_on_stdout_only(broken):
    result = run("validate", str(broken), "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert {tuple(sorted(p)) for p in problems} == {
        ("code", "field", "fix", "message", "path", "row", "rule", "severity", "title")
    }
    without_kind = [{k: v for k, v in p.items() if k not in ("code", "title")} for p in problems]
    assert {
        "path": f"{PLAN}/values.csv",
        "row": 7,
        "field": "value",
        "message": "'abc' is not a number",
        "fix": "write a number such as 42 or 3.5, without units, '%' or thousands separators; "
        "a qualitative value goes in the 'text' column",
        "severity": "error",
        "rule": None,
    } in without_kind  # its code and title: see tests/test_problem_codes.py
    severities = [p["severity"] for p in problems]
    assert severities.count("error") == 3 and severities.count("warning") == 1
    assert {p["severity"] for p in problems if p["rule"]} == {"notice"}
    assert "3 errors" in result.stderr


def test_a_clean_project_exits_0(project):
    result = run("validate", str(project()))
    assert result.exit_code == 0
    assert "0 errors, 0 warnings" in result.stdout


def test_warnings_fail_only_with_strict(project):
    root = project()
    (root / "mkdocs.yml").write_text(
        "site_name: S\ndocs_dir: content\nplugins:\n  - ssa:\n"
        "      quality:\n        report_only: [indicator-reference, targets-time-bound]\n",
        "utf-8",
    )
    relaxed = run("validate", str(root))
    assert relaxed.exit_code == 0
    assert "  warning " in relaxed.stdout and "[indicator-targets]" in relaxed.stdout
    strict = run("validate", str(root), "--strict")
    assert strict.exit_code == 1
    (root / "mkdocs.yml").write_text(
        "site_name: S\ndocs_dir: content\nplugins:\n  - ssa:\n      quality:\n"
        "        report_only: [all]\n",
        "utf-8",
    )
    assert run("validate", str(root), "--strict").exit_code == 0  # notes never fail


def test_a_wrong_quality_option_is_an_error_of_mkdocs_yml(project):
    root = project()
    (root / "mkdocs.yml").write_text(
        "site_name: S\ndocs_dir: content\nplugins:\n  - ssa:\n      quality: {disable: [smart]}\n",
        "utf-8",
    )
    result = run("validate", str(root))
    assert result.exit_code == 1
    assert "  error   mkdocs.yml: plugins.ssa.quality.disable: 'smart' is not a rule" in (
        result.stdout
    )


def test_colour_on_a_terminal_unless_no_color(broken):
    assert "\x1b[31m" in run("validate", str(broken), color=True).stdout
    plain = run("validate", str(broken), color=True, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" not in plain


def test_validate_uses_the_as_of_option_and_says_what_set_the_status_date(project):
    root = project()
    edit(root, "mkdocs.yml", "  - ssa:\n", "  - ssa:\n      as_of: 2024-03-31\n")
    result = run("validate", str(root))
    assert "Status as of 2024-03-31, set by the plugin option as_of\n" in result.stdout
    unpinned = project("canary")
    assert "Status as of " in run("validate", str(unpinned)).stdout


def test_validate_refuses_an_as_of_option_that_is_not_a_date(project):
    root = project()
    edit(root, "mkdocs.yml", "  - ssa:\n", "  - ssa:\n      as_of: 31/03/2024\n")
    result = run("validate", "--format", "json", str(root))
    assert result.exit_code == 1
    found = [p for p in json.loads(result.stdout) if p["code"] == "bad-as-of-option"]
    assert found and found[0]["field"] == "plugins.ssa.as_of"
    assert "'31/03/2024' is not a date" in found[0]["message"]
