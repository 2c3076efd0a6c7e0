"""A mistyped period or reported date moves the site's "today": it is reported.

A value for a period after its plan's end is a warning (``period-outside-plan``), baselines
and plans with only an end included; a baseline or actual dated more than a year after
every other value of the whole site is a warning too (``value-far-after-others``).
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES

from ssa_site import load_site

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problem

PLAN = "data/northland-ics"
VALUES = f"{PLAN}/values.csv"
CODES = {"period-outside-plan", "value-far-after-others"}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def append(root: Path, rel: str, line: str) -> int:
    """Append a line to a file; returns its row number."""
    path = root / rel
    text = path.read_text("utf-8")
    path.write_text(text + line + "\n", "utf-8")
    return len(text.splitlines()) + 1


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def set_period(root: Path, **period: str) -> None:
    path = root / PLAN / "datapackage.json"
    package = json.loads(path.read_text("utf-8"))
    package["ssa"]["period"] = period
    path.write_text(json.dumps(package), "utf-8")


def found(root: Path) -> list[Problem]:
    site = load_site(root, root / "data", root / "content", "internal")
    assert [str(p) for p in site.errors if p.path == VALUES] == []  # every edit is well formed
    return [p for p in site.problems if p.code in CODES]


def where(problems: list[Problem]) -> list[tuple[str, str, int | None, str | None, str]]:
    return [(p.code, p.path, p.row, p.field, p.severity.value) for p in problems]


def test_the_fixture_has_no_value_out_of_time(root):
    # Its latest value (reported 2025-10-20) is exactly a year after the one before.
    assert found(root) == []


# After the plan's end.


def test_an_actual_after_the_plan_end_is_a_warning(root):
    row = append(root, VALUES, "I2,FY2028,actual,15,,,,,")
    problems = [p for p in found(root) if p.code == "period-outside-plan"]
    assert where(problems) == [("period-outside-plan", VALUES, row, "period", "warning")]
    assert "FY2028" in problems[0].message and "2027-09-30" in problems[0].message


def test_a_baseline_after_the_plan_end_is_a_warning(root):
    row = append(root, VALUES, "I4,FY2028,baseline,2,,,,,")
    problems = [p for p in found(root) if p.code == "period-outside-plan"]
    assert where(problems) == [("period-outside-plan", VALUES, row, "period", "warning")]


def test_a_baseline_before_the_plan_start_is_fine(root):
    append(root, VALUES, "I4,FY2020,baseline,2,,,,,")
    assert found(root) == []


def test_a_plan_with_only_an_end_still_reports_values_after_it(root):
    set_period(root, end="2027-09-30")
    row = append(root, VALUES, "I2,FY2028,target,30,,,,,")
    assert where(found(root)) == [("period-outside-plan", VALUES, row, "period", "warning")]
    assert "… to 2027-09-30" in found(root)[0].message


def test_a_plan_with_only_a_start_reports_values_before_it(root):
    set_period(root, start="2023-10-01")
    row = append(root, VALUES, "I2,FY2022,actual,9,,,,,")
    assert where(found(root)) == [("period-outside-plan", VALUES, row, "period", "warning")]


# More than a year after every other value of the site: it would set "today".


def test_an_actual_keyed_a_year_late_is_a_warning_naming_it(root):
    # FY2027 is inside the plan (to 2027-09-30), but the other values end by 2025-10-20.
    row = append(root, VALUES, "I2,FY2027,actual,16,,,,,")
    problems = found(root)
    assert where(problems) == [("value-far-after-others", VALUES, row, "period", "warning")]
    message = problems[0].message
    assert "actual of indicator I2 for FY2027 (2027-09-30)" in message
    assert "more than a year after every other value; it sets the site's 'today'" in message


def test_a_reported_date_a_year_late_is_a_warning_on_that_field(root):
    edit(root, VALUES, "I1,FY2024,actual,52,,,2024-10-20", "I1,FY2024,actual,52,,,2027-01-05")
    problems = found(root)
    assert where(problems) == [("value-far-after-others", VALUES, 4, "reported", "warning")]
    assert "(2027-01-05)" in problems[0].message and "reported date" in problems[0].fix


def test_a_late_baseline_counts_and_targets_do_not(root):
    row = append(root, VALUES, "I4,FY2027,baseline,3,,,,,")
    append(root, VALUES, "I2,FY2027,target,40,,,,,")  # targets lie ahead by design
    assert where(found(root)) == [("value-far-after-others", VALUES, row, "period", "warning")]


def test_every_row_at_the_late_date_is_named(root):
    first = append(root, VALUES, "I1,FY2027,actual,60,,,,,")
    second = append(root, VALUES, "I1,FY2027,actual,58,,,,,female")
    assert [p.row for p in found(root)] == [first, second]


def test_exactly_a_year_later_is_not_reported(root):
    # The latest value but one is reported on 2025-10-20.
    edit(root, VALUES, "I1,FY2024,actual,52,,,2024-10-20", "I1,FY2024,actual,52,,,2026-10-20")
    assert found(root) == []
    edit(root, VALUES, "52,,,2026-10-20", "52,,,2026-10-21")
    assert [(p.row, p.field) for p in found(root)] == [(4, "reported")]


def test_the_whole_site_counts_not_one_plan(root):
    """A value late for its own plan is not late when another plan reports as recently."""
    append(root, VALUES, "I2,FY2027,actual,16,,,,,")
    other = root / "data/other-plan"
    other.mkdir()
    (other / "datapackage.json").write_text(
        json.dumps(
            {
                "name": "other-plan",
                "ssa": {"title": "Other plan", "kind": "initiative", "levels": "logic-model"},
                "resources": [
                    {"name": "results", "path": "results.csv"},
                    {"name": "indicators", "path": "indicators.csv"},
                    {"name": "values", "path": "values.csv"},
                ],
            }
        ),
        "utf-8",
    )
    (other / "results.csv").write_text("id,parent,level,title\nR1,,impact,Impact\n", "utf-8")
    (other / "indicators.csv").write_text(
        "id,result,title,definition,unit\nX1,R1,Cases,Cases closed,cases\n", "utf-8"
    )
    (other / "values.csv").write_text(
        "indicator,period,kind,value\nX1,2025,baseline,1\nX1,2026,actual,4\n", "utf-8"
    )
    assert found(root) == []  # 2027-09-30 is less than a year after 2026-12-31
