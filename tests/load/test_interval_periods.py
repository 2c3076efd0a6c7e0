"""Date-interval periods (``2020-11-02/2025-06-30``, as IATI reports them) wherever periods
are used: loading, duplicates, bad intervals, status with interim targets, the tracking
table, the trend chart and the spreadsheet round trip."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import StatusSettings
from ssa_site.analysis.status import INTERIM, assess
from ssa_site.analysis.tracking import tracking_rows
from ssa_site.authoring.spreadsheet import export_plan, import_plan
from ssa_site.charts.specs import indicator_chart
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.project import Site

PLAN = "northland-ics"
V = f"data/{PLAN}/values.csv"
I2_ROWS = "I2,FY2023,baseline,10,,,,,\nI2,FY2025,target,20,,,,,\nI2,FY2024,actual,14,,,,,\n"
# A baseline dated to the day, a target over an odd stretch, and two actuals whose
# intervals overlap each other and the target's.
I2_INTERVALS = (
    "I2,2023-06-30,baseline,10,,,,,\n"
    "I2,2023-11-02/2025-06-30,target,20,,,,,\n"
    "I2,2023-11-02/2024-06-30,actual,14,,,,,\n"
    "I2,2024-01-01/2025-06-30,actual,19,,,,,\n"
)


def with_values(root: Path, rows: str) -> Site:
    path = root / V
    text = path.read_text("utf-8")
    assert I2_ROWS in text
    path.write_text(text.replace(I2_ROWS, rows), "utf-8")
    return load_site(root, root / "data", root / "content", "internal")


def i2(site: Site):
    return site.portfolio.plan(PLAN).indicator("I2")


def test_interval_periods_load_and_give_a_status(project):
    site = with_values(project(), I2_INTERVALS)
    assert site.errors == []
    indicator = i2(site)
    assert [(v.period.label, v.kind) for v in indicator.values] == [
        ("2023-06-30", "baseline"),
        ("2023-11-02/2024-06-30", "actual"),
        ("2023-11-02/2025-06-30", "target"),
        ("2024-01-01/2025-06-30", "actual"),
    ]
    status = assess(indicator, StatusSettings(), None)
    first, last = status.assessments
    # The first actual ends before the target: an interim target on the straight line
    # from the baseline's day to the target's last day.
    assert first.basis == INTERIM
    assert "Interim target for 2023-11-02/2024-06-30" in " ".join(first.steps)
    assert "from the baseline (10, 2023-06-30)" in " ".join(first.steps)
    # The second ends on the target's last day but covers other days: the target still
    # counts as the one due then (the next to end), not as an interim one.
    assert last.target == 20 and last.basis != INTERIM
    assert status.current is last


def test_same_days_are_the_same_period_however_written(project):
    rows = I2_ROWS.replace("I2,FY2024,actual,14", "I2,2023-10-01/2024-09-30,actual,14")
    root = project()
    named = assess(i2(with_values(root, I2_ROWS)), StatusSettings(), None)
    site = with_values(root, rows)
    assert site.errors == []
    dated = assess(i2(site), StatusSettings(), None)
    assert named.current is not None and dated.current is not None
    assert dated.current.period == named.current.period  # FY2024: the same days
    assert (dated.current.progress, dated.current.rating) == (
        named.current.progress,
        named.current.rating,
    )


def test_two_rows_for_the_same_days_are_a_duplicate(project):
    rows = I2_ROWS + "I2,2023-10-01/2024-09-30,actual,15,,,,,\n"
    site = with_values(project(), rows)
    assert [(p.code, p.path, p.row, p.field) for p in site.errors] == [
        ("duplicate-value", V, 9, "period")
    ]


def test_a_swapped_interval_is_an_error_saying_how_to_write_it(project):
    rows = I2_ROWS.replace("I2,FY2024,actual", "I2,2024-09-30/2023-10-01,actual")
    site = with_values(project(), rows)
    problems = [p for p in site.errors if p.code == "value-period-invalid"]
    assert [(p.path, p.row, p.field) for p in problems] == [(V, 9, "period")]
    assert str(problems[0]) == (
        f"{V}:9: period: '2024-09-30/2023-10-01' ends (2023-10-01) before it starts "
        "(2024-09-30) (write the first day before the '/' and the last after it: "
        "2023-10-01/2024-09-30 if the dates are swapped)"
    )


def test_a_day_that_is_not_in_the_calendar_is_an_error(project):
    rows = I2_ROWS.replace("I2,FY2024,actual", "I2,2024-02-30/2024-09-30,actual")
    site = with_values(project(), rows)
    (problem,) = [p for p in site.errors if p.code == "value-period-invalid"]
    assert (problem.row, problem.field) == (9, "period")
    assert "2024-02-30 is not a day of the calendar" in problem.message
    assert "YYYY-MM-DD/YYYY-MM-DD" in problem.fix


def test_tracking_table_and_chart_show_intervals_in_time_order(project):
    site = with_values(project(), I2_INTERVALS)
    indicator = i2(site)
    rows = tracking_rows(indicator, assess(indicator, StatusSettings(), None))
    assert [row.period.label for row in rows] == [
        "2023-06-30",
        "2023-11-02/2024-06-30",
        "2023-11-02/2025-06-30",
        "2024-01-01/2025-06-30",
    ]
    chart = indicator_chart(indicator)
    assert chart is not None
    assert chart.x_labels == tuple(row.period.label for row in rows)
    assert "14 in 2023-11-02/2024-06-30" in chart.description


def test_intervals_survive_the_spreadsheet_round_trip(project, tmp_path):
    root = project()
    with_values(root, I2_INTERVALS)
    before = (root / V).read_bytes()
    workbook = tmp_path / "plan.xlsx"
    export_plan(root, root / "data", PLAN, workbook)
    assert import_plan(root, root / "data", PLAN, workbook, root / "content").changed == ()
    assert (root / V).read_bytes() == before
