"""Workbooks for researchers (ssa_site.downloads.spreadsheets): public rows only, no
round-trip sheet, numbers as numbers, text never a formula, same data → same bytes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from openpyxl import load_workbook

from ssa_site.downloads import columns, links
from ssa_site.downloads.datapackage import Table
from ssa_site.downloads.provenance import Output
from ssa_site.downloads.spreadsheets import plan_workbook
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

BUILT = datetime(2025, 1, 31, tzinfo=UTC)


def write(root: Path, out: Path) -> Path:
    portfolio = load_site(root, root / "data", root / "content", "public").view.public.portfolio
    plan = portfolio.plan("northland-ics")
    assert plan is not None
    output = Output(out, BUILT)
    present = links.plan_resources(plan)
    tables = []
    for resource in present:
        schema = columns.table_schema(resource, set(), present, columns.plan_dimensions(plan))
        written = output.csv(links.resource_csv(plan, resource), ["x"], [])
        tables.append(Table(resource, f"{resource}.csv", "", "", schema, written))
    return output.local(plan_workbook(output, plan, tables).path)


def test_a_plans_workbook_has_its_public_tables_and_tracking_sheets(project, tmp_path):
    root = project(files={})
    values = root / "data/northland-ics/values.csv"
    values.write_text(
        values.read_text("utf-8").replace("I2,FY2024,actual,14,,,", "I2,FY2024,actual,14,=1+2,,"),
        "utf-8",
    )
    path = write(root, tmp_path / "a")
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["results", "indicators"]
    assert "values" in book.sheetnames and "_ssa" not in book.sheetnames
    assert all(sheet.sheet_state == "visible" for sheet in book.worksheets)
    assert any(name.startswith("ITT ") for name in book.sheetnames)
    sheet = book["values"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    assert 987654 not in [r["value"] for r in rows]  # the internal value
    first = next(r for r in rows if r["indicator"] == "I1" and r["kind"] == "baseline")
    assert first["value"] == 41 and isinstance(first["value"], int | float)
    formula = next(r for r in rows if r["text"] == "=1+2")
    assert formula["value"] == 14
    cell = next(c for row in sheet.iter_rows(2) for c in row if c.value == "=1+2")
    assert cell.data_type == "s"  # text, never run as a formula
    again = write(root, tmp_path / "b")
    assert again.read_bytes() == path.read_bytes()
