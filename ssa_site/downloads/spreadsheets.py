"""The workbooks of the downloads: each plan's public tables, and the tidy table.

A plan's workbook has a sheet per table of its data package (the same public rows and
columns as its CSV files) and a read-only tracking sheet per indicator, drawn as
``ssa-site export-xlsx`` draws them; it has no hidden round-trip sheet (it is not for
``import-xlsx``). See ssa_site.downloads.workbook for the cells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssa_site.downloads import columns, links
from ssa_site.downloads.workbook import (
    data_sheet,
    new_workbook,
    save,
    tracking_sheet,
    tracking_sheet_name,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ssa_site.downloads.datapackage import Table
    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Output
    from ssa_site.downloads.tidy import TidyRows
    from ssa_site.model.plan import Plan


def plan_workbook(out: Output, plan: Plan, tables: list[Table]) -> Download:
    """The plan's tables (``tables``: those of its package) and tracking sheets."""
    workbook = new_workbook(out.built)
    first = True
    for table in tables:
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        sheet.title = table.name
        indicators = None if table.name != "values" else plan.indicators
        data_sheet(sheet, table.schema, columns.records(plan, table.name, indicators))
    taken = {name.lower() for name in workbook.sheetnames}
    for indicator in plan.indicators:
        if indicator.values:
            tracking_sheet(
                workbook.create_sheet(tracking_sheet_name(indicator.id, taken)), plan, indicator
            )
    return out.written_by(links.plan_workbook(plan), lambda path: save(workbook, path, out.built))


def tidy_workbook(out: Output, schema: dict[str, Any], rows: TidyRows) -> Download:
    """The tidy table as one sheet."""
    workbook = new_workbook(out.built)
    sheet = workbook.active
    sheet.title = "all-values"

    def records() -> Iterator[dict[str, Any]]:
        for _, _, found in rows.all():
            yield from found

    data_sheet(sheet, schema, records())
    return out.written_by(links.tidy_xlsx(), lambda path: save(workbook, path, out.built))
