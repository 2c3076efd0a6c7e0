"""Breakdowns (disaggregations) are declared, never guessed from a column; percentages
typed as fractions are flagged.

A column of values beyond the standard ones is a breakdown only when the resource's schema
declares it (for every indicator) or an indicator names it in disaggregated_by; anything
else is an error at the header, and the rows stay totals.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, build, mkdocs_build_output, read

from ssa_site import load_site
from ssa_site.base.problems import Severity

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.problems import Problem

PLAN = "data/northland-ics"
VALUES = f"{PLAN}/values.csv"
INDICATORS = f"{PLAN}/indicators.csv"
#: The problem kinds of this file's rules (and of the rule they replaced).
CODES = {
    "undeclared-column",
    "breakdown-not-listed",
    "dimension-not-used",
    "category-spellings",
    "fraction-for-percent",
    "unlisted-dimension",
    "duplicate-value",
    "value-period-invalid",  # and edits gone wrong
    "cell-not-a-type",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


def rows_of(root: Path, rel: str) -> list[dict[str, str]]:
    with (root / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(root: Path, rel: str, rows: list[dict[str, str]]) -> None:
    """Write rows back with the columns of the first row, in its order."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / rel).write_text(out.getvalue(), encoding="utf-8")


def add_column(root: Path, rel: str, column: str, cells: dict[int, str]) -> None:
    """Add a column to a CSV file; ``cells`` maps file rows (header = 1) to their cell."""
    rows = rows_of(root, rel)
    for number, row in enumerate(rows, start=2):
        row[column] = cells.get(number, "")
    write_rows(root, rel, rows)


def set_cell(root: Path, rel: str, number: int, column: str, text: str) -> None:
    rows = rows_of(root, rel)
    rows[number - 2][column] = text
    write_rows(root, rel, rows)


def append_value(root: Path, **cells: str) -> int:
    """Append a row to values.csv; returns its row number."""
    rows = rows_of(root, VALUES)
    rows.append({name: cells.get(name, "") for name in rows[0]})
    write_rows(root, VALUES, rows)
    return len(rows) + 1


def declare_in_schema(root: Path, *fields: str) -> None:
    path = root / PLAN / "datapackage.json"
    package = json.loads(path.read_text("utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "values":
            resource["schema"] = {"fields": [{"name": f, "type": "string"} for f in fields]}
    path.write_text(json.dumps(package), "utf-8")


def found(root: Path) -> list[Problem]:
    site = load_site(root, root / "data", root / "content", "internal")
    return [p for p in site.problems if p.code in CODES]


def where(problems: list[Problem]) -> list[tuple[str, str, int | None, str | None, str]]:
    return [(p.code, p.path, p.row, p.field, p.severity.value) for p in problems]


def i2(root: Path):
    site = load_site(root, root / "data", root / "content", "internal")
    plan = next(p for p in site.portfolio.plans if p.name == "northland-ics")
    indicator = plan.indicator("I2")
    assert indicator is not None
    return indicator


def test_the_fixture_declares_every_breakdown_it_uses(root):
    assert found(root) == []


# Item 1: an undeclared column is an error at the header, and no breakdown.


def test_an_undeclared_column_is_an_error_at_the_header_and_no_breakdown(root):
    # Row 9 is I2's FY2024 actual: with "notes" taken for a breakdown it left the total.
    add_column(root, VALUES, "notes", {9: "checked with customs"})
    problems = found(root)
    assert where(problems) == [("undeclared-column", VALUES, 1, "notes", "error")]
    assert "'comment'" in problems[0].fix and "disaggregated_by" in problems[0].fix
    indicator = i2(root)
    assert indicator.dimensions == ()
    assert [v.value for v in indicator.values_of("actual")] == [14.0]


def test_a_column_an_indicator_lists_is_a_breakdown_of_it(root):
    add_column(root, VALUES, "notes", {9: "checked with customs"})
    set_cell(root, INDICATORS, 3, "disaggregated_by", "notes")  # I2
    assert found(root) == []
    indicator = i2(root)
    assert indicator.dimensions == ("notes",)
    assert indicator.values_of("actual") == ()  # a breakdown, declared: not the total


def test_a_column_the_schema_declares_is_a_breakdown_of_every_indicator(root):
    declare_in_schema(root, "region")
    add_column(root, VALUES, "region", {9: "North"})
    row = append_value(root, indicator="I2", period="FY2024", kind="actual", value="9")
    set_cell(root, VALUES, row, "region", "South")
    assert found(root) == []
    assert i2(root).dimensions == ("region",)


def test_a_breakdown_its_indicator_does_not_list_is_an_error_at_the_row(root):
    # region is declared (I2 lists it), but I1 lists only sex.
    set_cell(root, INDICATORS, 3, "disaggregated_by", "region")
    add_column(root, VALUES, "region", {5: "North", 9: "South"})
    problems = found(root)
    assert where(problems) == [("breakdown-not-listed", VALUES, 5, "region", "error")]
    assert "I1" in problems[0].message and "'region'" in problems[0].message


def test_an_indicator_without_disaggregated_by_may_not_break_down(root):
    # sex is declared by I1; I2 lists nothing (the old warning needed a list to compare).
    set_cell(root, VALUES, 9, "sex", "female")
    assert where(found(root)) == [("breakdown-not-listed", VALUES, 9, "sex", "error")]


def test_unreadable_indicators_make_no_column_undeclared(root):
    (root / INDICATORS).write_bytes(b"\xff\xfe not utf-8")
    site = load_site(root, root / "data", root / "content", "internal")
    assert "undeclared-column" not in {p.code for p in site.problems}
    assert "csv-not-utf-8" in {p.code for p in site.problems}


def test_a_listed_breakdown_no_value_gives_is_a_warning(root):
    set_cell(root, INDICATORS, 3, "disaggregated_by", "region; sex")  # I2 has an actual
    set_cell(root, INDICATORS, 5, "disaggregated_by", "sex")  # I4: a baseline only
    problems = found(root)
    assert where(problems) == [
        ("dimension-not-used", INDICATORS, 3, "disaggregated_by", "warning"),
        ("dimension-not-used", INDICATORS, 3, "disaggregated_by", "warning"),
    ]
    assert ["'region'" in p.message for p in problems] == [True, False]
    assert all(p.severity is Severity.WARNING for p in problems)


def test_categories_differing_only_in_case_or_spaces_are_a_warning(root):
    row = append_value(root, indicator="I1", period="FY2024", kind="actual", value="55")
    set_cell(root, VALUES, row, "sex", "Female ")
    other = append_value(root, indicator="I1", period="FY2025", kind="actual", value="56")
    set_cell(root, VALUES, other, "sex", "fe male")
    problems = found(root)
    assert where(problems) == [
        ("category-spellings", VALUES, row, "sex", "warning"),
        ("category-spellings", VALUES, other, "sex", "warning"),
    ]
    assert "'Female'" in problems[0].message and "'female'" in problems[0].message
    assert "'fe male'" in problems[1].message and "'female'" in problems[1].message


def test_one_warning_per_pair_of_spellings(root):
    for period in ("FY2025", "FY2026"):
        row = append_value(root, indicator="I1", period=period, kind="actual", value="60")
        set_cell(root, VALUES, row, "sex", "FEMALE")
    assert [p.row for p in found(root)] == [12]


# Item 3: a percentage typed as a fraction.


def test_a_percentage_dropping_to_a_fraction_is_a_warning(root):
    set_cell(root, VALUES, 4, "value", "0.52")  # I1 FY2024 actual, after a baseline of 41
    problems = found(root)
    assert where(problems) == [("fraction-for-percent", VALUES, 4, "value", "warning")]
    message = problems[0].message + problems[0].fix
    assert "0.52" in message and "41" in message and "52" in problems[0].fix


def test_fractions_throughout_or_in_another_series_or_unit_are_not_flagged(root):
    for number, text in ((2, "0.41"), (3, "0.7"), (4, "0.52")):  # I1 totals, all fractions
        set_cell(root, VALUES, number, "value", text)
    set_cell(root, VALUES, 9, "value", "0.5")  # I2 counts seizures: 10, then 0.5
    assert found(root) == []


def test_a_real_fall_below_one_percent_is_not_a_fraction(root):
    """3 % then 0.8 % is a fall; 0.8 read as 80 % would be further from 3, not nearer."""
    set_cell(root, VALUES, 2, "value", "3")  # I1 baseline
    set_cell(root, VALUES, 4, "value", "0.8")  # I1 FY2024 actual
    assert found(root) == []


def test_a_fraction_in_a_breakdown_is_compared_with_its_own_series(root):
    row = append_value(root, indicator="I1", period="FY2025", kind="actual", value="0.5")
    set_cell(root, VALUES, row, "sex", "female")  # after female 49 (row 5)
    problems = found(root)
    assert where(problems) == [("fraction-for-percent", VALUES, row, "value", "warning")]
    assert "49" in problems[0].message


@pytest.mark.slow
def test_an_undeclared_column_fails_the_build_and_a_declared_one_is_shown(root):
    add_column(root, VALUES, "notes", {9: "checked with customs"})
    code, output = mkdocs_build_output(root)
    assert code != 0
    assert f"{VALUES}:1: notes: 'notes' is neither a column of values" in output
    assert not (root / "out").exists() or not list((root / "out").rglob("*.html"))

    set_cell(root, INDICATORS, 3, "disaggregated_by", "notes")
    site = build(root, "public", strict=True)
    page = read(site, "plans/northland-ics/indicators/I2/index.html")
    assert ">By notes</h3>" in page
    assert "checked with customs" in page
