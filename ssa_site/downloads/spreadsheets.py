"""The workbooks of the downloads: each plan's public tables, and the tidy table.

A plan's workbook has a sheet per table of its data package (the same public rows and
columns as its CSV files), a sheet describing every column, and a read-only tracking
sheet per indicator with the rows ``ssa-site export-xlsx`` shows (ssa_site.downloads
.workbook); it has no hidden round-trip sheet (it is not for ``import-xlsx``). The cells
are written by ssa_site.downloads.xlsx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssa_site.downloads import columns, links
from ssa_site.downloads.workbook import (
    TRACKING_HEADER_ROW,
    tracking_rows,
    tracking_sheet_name,
)
from ssa_site.downloads.xlsx import Sheet, write_xlsx

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from ssa_site.downloads.datapackage import Table
    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Output
    from ssa_site.downloads.tidy import TidyRows
    from ssa_site.model.plan import Plan

COLUMNS_SHEET = "columns"


def _table(name: str, schema: dict[str, Any], records: Iterable[dict[str, Any]]) -> Sheet:
    names = [f["name"] for f in schema["fields"]]

    def rows() -> Iterator[list[Any]]:
        yield names
        for record in records:
            yield [record.get(n) for n in names]

    widths = {i: min(max(10.0, len(n) + 2.0), 40.0) for i, n in enumerate(names, start=1)}
    return Sheet(name, rows(), widths=widths)


def _columns(tables: Iterable[tuple[str, dict[str, Any]]]) -> Sheet:
    """What each column of each sheet holds, from the Table Schemas."""
    rows: list[list[Any]] = [["sheet", "column", "type", "title", "description"]]
    for sheet, schema in tables:
        for f in schema["fields"]:
            rows.append([sheet, f["name"], f.get("type"), f.get("title"), f.get("description")])
    return Sheet(COLUMNS_SHEET, rows, widths={1: 14, 2: 22, 3: 10, 4: 28, 5: 90})


def plan_workbook(out: Output, plan: Plan, tables: list[Table]) -> Download:
    """The plan's tables (``tables``: those of its package) and tracking sheets."""
    sheets = [
        _table(
            t.name,
            t.schema,
            columns.records(plan, t.name, plan.indicators if t.name == "values" else None),
        )
        for t in tables
    ]
    sheets.append(_columns((t.name, t.schema) for t in tables))
    taken = {s.name.lower() for s in sheets}
    for indicator in plan.indicators:
        if indicator.values:
            sheets.append(
                Sheet(
                    tracking_sheet_name(indicator.id, taken),
                    tracking_rows(indicator),
                    header_rows=(1, TRACKING_HEADER_ROW),
                    freeze_header=False,
                    read_only=True,
                    widths={1: 14},
                )
            )
    return out.written_by(
        links.plan_workbook(plan), lambda path: write_xlsx(path, sheets, out.built)
    )


def tidy_workbook(out: Output, schema: dict[str, Any], rows: TidyRows) -> Download:
    """The tidy table as one sheet, and the sheet describing its columns."""

    def records() -> Iterator[dict[str, Any]]:
        for _, _, found in rows.all():
            yield from found

    sheets = [_table("all-values", schema, records()), _columns([("all-values", schema)])]
    return out.written_by(links.tidy_xlsx(), lambda path: write_xlsx(path, sheets, out.built))
