"""Workbooks (.xlsx) for researchers, and the sheets they share with ``export-xlsx``.

The downloads write each plan's public tables as one workbook (one sheet per table, one
read-only tracking sheet per indicator, no hidden round-trip sheet) and the tidy table as
another; ``ssa-site export-xlsx`` (ssa_site.authoring.spreadsheet) draws its tracking
sheets with :func:`tracking_sheet` too. Numbers are number cells and dates date cells;
every text is a text cell, so a spreadsheet never runs one as a formula (the build already
warns about text that looks like one: ssa_site.base.formulas). Workbooks are written byte
for byte the same for the same data: their dates and zip timestamps are the build's.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from ssa_site.base.characters import CONTROL
from ssa_site.model.plan import format_number

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from openpyxl.worksheet.worksheet import Worksheet

    from ssa_site.model.plan import Indicator, Plan

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
TRACKING_PREFIX = "ITT "
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")
_DATE_FORMAT = "yyyy-mm-dd"
_ZIP_EARLIEST = datetime(1980, 1, 1)
_CORE = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


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


def _cell(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    if value is None or value == "":
        return
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, bool):
        cell.value = "true" if value else "false"
        cell.data_type = "s"
    elif isinstance(value, int | float):
        cell.value = value
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = _DATE_FORMAT
    else:
        shown = "; ".join(str(v) for v in value) if isinstance(value, tuple) else str(value)
        cell.value = text(shown)
        cell.data_type = "s"  # never a formula


def data_sheet(sheet: Worksheet, schema: dict[str, Any], records: Iterable[dict[str, Any]]) -> int:
    """A table: a header (each column's title and description as a note), then a row per
    record; returns the number of rows written."""
    fields = schema["fields"]
    for column, field in enumerate(fields, start=1):
        head = sheet.cell(row=1, column=column)
        head.value = field["name"]
        head.data_type = "s"
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        note = " — ".join(str(field[k]) for k in ("title", "description") if field.get(k))
        if note:
            head.comment = Comment(text(note), "ssa-site", width=320, height=120)
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(10, len(field["name"]) + 2), 40
        )
    names = [f["name"] for f in fields]
    count = 0
    for count, record in enumerate(records, start=1):
        for column, name in enumerate(names, start=1):
            _cell(sheet, count + 1, column, record.get(name))
    sheet.freeze_panes = "A2"
    return count


def tracking_sheet(sheet: Worksheet, plan: Plan, indicator: Indicator) -> None:
    """The indicator tracking table: a read-only view (``import-xlsx`` ignores it)."""
    sheet.append([f"{indicator.id} {indicator.title}"])
    sheet.append(
        [
            f"Unit: {indicator.unit}; desired direction: {indicator.direction or '—'}; "
            f"result {indicator.result}"
        ]
    )
    sheet.append([])
    sheet.append(
        ["Period", "Start", "End", "Baseline", "Target", "Actual", "Data status", "Reported"]
    )
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
        sheet.append(
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
        sheet.append([])
        sheet.append(["Period", "Kind", *indicator.dimensions, "Value"])
        for value in indicator.values:
            if value.is_total:
                continue
            dims = dict(value.dimensions)
            shown = format_number(value.value) if value.value is not None else (value.text or "")
            sheet.append(
                [
                    value.period.label,
                    value.kind,
                    *(dims.get(d, "") for d in indicator.dimensions),
                    shown,
                ]
            )
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = text(cell.value)
                cell.data_type = "s"
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    for cell in sheet[4]:
        cell.font = HEADER_FONT
    sheet.column_dimensions["A"].width = 14
    sheet.protection.sheet = True


def new_workbook(built: datetime) -> Workbook:
    """An empty workbook dated ``built`` (its properties say when, never the clock)."""
    workbook = Workbook()
    stamp = built.replace(tzinfo=None)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "ssa-site"
    return workbook


def save(workbook: Workbook, path: Path, built: datetime) -> None:
    """Write the workbook with every zip member stamped ``built``: same data, same bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = max(built.replace(tzinfo=None), _ZIP_EARLIEST).timetuple()[:6]
    when = built.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w") as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            data = source.read(member.filename)
            if member.filename == _CORE:  # openpyxl stamps it with the clock on save
                data = _MODIFIED.sub(rb"\g<1>" + when + rb"\g<2>", data)
            target.writestr(info, data)
