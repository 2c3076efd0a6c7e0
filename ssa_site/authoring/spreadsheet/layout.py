"""The workbook layout shared by export and import, and the hidden sheet that makes the
round trip exact.

Sheets: ``plan`` (metadata, read-only), one sheet per resource named after it (``results``,
``indicators``, ``values``, ``initiatives``, ``assumptions``), one read-only tracking sheet per
indicator (``ITT <id>``), and the very hidden ``_ssa`` sheet holding each CSV file's original
records (JSON-encoded, so no line ending or control character is lost) and style.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from openpyxl.worksheet.worksheet import Worksheet

from ssa_site.authoring.spreadsheet.csvtext import CsvText, Record, parse_cells
from ssa_site.base.schemas import standard_schema
from ssa_site.downloads.workbook import TRACKING_PREFIX as TRACKING_PREFIX

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

    from ssa_site.load.package import ResourceSpec

FORMAT = "ssa-site-workbook"
VERSION = "1"
META_SHEET = "_ssa"
PLAN_SHEET = "plan"
_CHUNK = 30000  # a spreadsheet cell holds at most 32,767 characters
_NEWLINES = ("\n", "\r\n", "\r")


class SpreadsheetError(Exception):
    """The workbook cannot be written or read back; ``messages`` lists every reason."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class SheetSource:
    """Where a resource sheet came from: its CSV file and that file's exact records."""

    resource: str
    path: str  # relative to the package folder
    text: CsvText


@dataclass(frozen=True)
class WorkbookMeta:
    plan: str
    sources: tuple[SheetSource, ...]


def resource_fields(resource: ResourceSpec) -> dict[str, dict[str, Any]]:
    """The Table Schema fields of a resource by name: the standard ones and its own."""
    fields = {f["name"]: f for f in standard_schema(resource.name)["fields"]}
    for extra in (resource.schema or {}).get("fields", []):
        if isinstance(extra, dict) and extra.get("name"):
            fields[extra["name"]] = {**fields.get(extra["name"], {}), **extra}
    return fields


def write_meta(workbook: Workbook, meta: WorkbookMeta) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    sheet.append(["format", FORMAT, VERSION])
    sheet.append(["plan", meta.plan])
    for source in meta.sources:
        text = source.text
        sheet.append(
            [
                "resource",
                source.resource,
                source.path,
                "bom" if text.bom else "",
                json.dumps(text.newline),
                "quote-all" if text.quote_all else "",
            ]
        )
        for record in text.records:
            raw = json.dumps(record.raw)
            chunks = [raw[i : i + _CHUNK] for i in range(0, len(raw), _CHUNK)] or [""]
            sheet.append(["record", source.resource, json.dumps(record.ending), *chunks])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"
    sheet.sheet_state = "veryHidden"


def export_again(plan: str) -> str:
    """The fix for a workbook that cannot be imported as it is."""
    return f"export the plan again (ssa-site export-xlsx {plan} FILE.xlsx) and redo the edits there"


def read_meta(workbook: Workbook, name: str, plan: str) -> WorkbookMeta:
    """The hidden sheet's record of the export; raise when it is missing or was changed."""
    again = export_again(plan)
    sheet = workbook[META_SHEET] if META_SHEET in workbook.sheetnames else None
    if not isinstance(sheet, Worksheet):
        raise SpreadsheetError(
            [
                f"{name}: was not written by 'ssa-site export-xlsx' (its hidden sheet "
                f"'{META_SHEET}' is missing; copying the sheets into another workbook loses "
                f"it): {again}"
            ]
        )
    rows = [[_str(v) for v in row] + [""] * 6 for row in sheet.iter_rows(values_only=True)]
    if not rows or rows[0][:2] != ["format", FORMAT] or rows[0][2] != VERSION:
        raise SpreadsheetError(
            [f"{name}: the hidden sheet '{META_SHEET}' is not readable (it was changed); {again}"]
        )
    try:
        return _meta(rows[1:])
    except (_Changed, IndexError, KeyError, ValueError, TypeError, RecursionError) as exc:
        raise SpreadsheetError(
            [f"{name}: the hidden sheet '{META_SHEET}' was changed ({exc}); {again}"]
        ) from exc


class _Changed(Exception):
    """The hidden sheet holds something the export never writes."""


def _meta(rows: list[list[str]]) -> WorkbookMeta:
    plan = ""
    order: list[tuple[str, str, bool, str, bool]] = []
    records: dict[str, list[Record]] = {}
    for row in rows:
        if row[0] == "plan":
            plan = row[1]
        elif row[0] == "resource":
            newline = json.loads(row[4])
            if not row[1] or row[1] in records or newline not in _NEWLINES:
                raise _Changed(f"a bad resource row for '{row[1]}'")
            order.append((row[1], row[2], row[3] == "bom", newline, row[5] == "quote-all"))
            records[row[1]] = []
        elif row[0] == "record":
            raw = json.loads("".join(row[3:]).strip() or '""')
            ending = json.loads(row[2])
            if row[1] not in records:
                raise _Changed(f"a record of '{row[1]}', which it does not list")
            if not isinstance(raw, str) or ending not in ("", *_NEWLINES):
                raise _Changed(f"a bad record of '{row[1]}'")
            records[row[1]].append(Record(raw, ending, parse_cells(raw)))
    if not plan:
        raise _Changed("it names no plan")
    if not order:
        raise _Changed("it lists no table")
    sources = tuple(
        SheetSource(resource, path, CsvText(bom, tuple(records[resource]), newline, quote_all))
        for resource, path, bom, newline, quote_all in order
    )
    return WorkbookMeta(plan, sources)


def _str(value: Any) -> str:
    return "" if value is None else str(value)
