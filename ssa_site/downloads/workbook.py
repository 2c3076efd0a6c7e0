"""What the downloads' workbooks share with ``ssa-site export-xlsx``: the tracking sheet.

:func:`tracking_rows` is the indicator tracking table as rows; ``export-xlsx``
(ssa_site.authoring.spreadsheet) draws it with openpyxl (:func:`tracking_sheet`), the
downloads with their own writer (ssa_site.downloads.xlsx), so both show the same table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from openpyxl.styles import Font, PatternFill

from ssa_site.base.characters import CONTROL
from ssa_site.model.plan import format_number

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from ssa_site.model.plan import Indicator

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
TRACKING_PREFIX = "ITT "
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def text(value: str) -> str:
    """Text as a spreadsheet cell can hold it (no control characters)."""
    return CONTROL.sub("", value)


def tracking_sheet_name(indicator: str, taken: set[str]) -> str:
    """``ITT <id>``, made a valid sheet name unique in ``taken`` (lower case names)."""
    base = TRACKING_PREFIX + _BAD_SHEET_CHARS.sub("_", indicator)
    name = base[:31]
    number = 2
    while name.lower() in taken:
        suffix = f"~{number}"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


def tracking_rows(indicator: Indicator) -> list[list[Any]]:
    """The indicator tracking table as rows: a title, the unit, the header (row 4), one
    row per period with a total value, then the broken-down values."""
    rows: list[list[Any]] = [
        [f"{indicator.id} {indicator.title}"],
        [
            f"Unit: {indicator.unit}; desired direction: {indicator.direction or '—'}; "
            f"result {indicator.result}"
        ],
        [],
        ["Period", "Start", "End", "Baseline", "Target", "Actual", "Data status", "Reported"],
    ]
    periods: dict[str, dict[str, Any]] = {}
    for value in indicator.totals:
        entry = periods.setdefault(
            value.period.label,
            {"period": value.period, "status": "", "reported": ""},
        )
        entry[value.kind] = value.value if value.value is not None else (value.text or "")
        if value.kind == "actual":
            entry["status"] = value.status or ""
            entry["reported"] = value.reported.isoformat() if value.reported else ""
    for label, entry in sorted(periods.items(), key=lambda kv: (kv[1]["period"].start, kv[0])):
        period = entry["period"]
        rows.append(
            [
                label,
                period.start.isoformat(),
                period.end.isoformat(),
                *(entry.get(kind, "") for kind in ("baseline", "target", "actual")),
                entry["status"],
                entry["reported"],
            ]
        )
    if indicator.dimensions:
        rows.append([])
        rows.append(["Period", "Kind", *indicator.dimensions, "Value"])
        for value in indicator.values:
            if value.is_total:
                continue
            dims = dict(value.dimensions)
            shown = format_number(value.value) if value.value is not None else (value.text or "")
            rows.append(
                [
                    value.period.label,
                    value.kind,
                    *(dims.get(d, "") for d in indicator.dimensions),
                    shown,
                ]
            )
    return rows


#: The row of the tracking table's header (1-based).
TRACKING_HEADER_ROW = 4


def tracking_sheet(sheet: Worksheet, indicator: Indicator) -> None:
    """The indicator tracking table drawn with openpyxl (``export-xlsx``): a read-only
    view that ``import-xlsx`` ignores."""
    for row in tracking_rows(indicator):
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = text(cell.value)
                cell.data_type = "s"
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    for cell in sheet[TRACKING_HEADER_ROW]:
        cell.font = HEADER_FONT
    sheet.column_dimensions["A"].width = 14
    sheet.protection.sheet = True
