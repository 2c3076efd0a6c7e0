"""The workbook layout shared by export and import, and the hidden sheet that makes the
round trip exact.

Sheets: ``plan`` (metadata, read-only), one sheet per resource named after it (``results``,
``indicators``, ``values``, ``initiatives``, ``assumptions``), one read-only tracking sheet per
indicator (``ITT <id>``), and the very hidden ``_ssa`` sheet holding each CSV file's original
records (JSON-encoded, so no line ending or control character is lost) and style.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssa_site.authoring.spreadsheet.csvtext import CsvText, Record, parse_cells

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMAT = "ssa-site-workbook"
VERSION = "1"
META_SHEET = "_ssa"
PLAN_SHEET = "plan"
TRACKING_PREFIX = "ITT "
_CHUNK = 30000  # a spreadsheet cell holds at most 32,767 characters
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


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


def tracking_sheet_name(indicator: str, taken: set[str]) -> str:
    base = TRACKING_PREFIX + _BAD_SHEET_CHARS.sub("_", indicator)
    name = base[:31]
    number = 2
    while name.lower() in taken:
        suffix = f"~{number}"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(name.lower())
    return name


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


def read_meta(workbook: Workbook, name: str) -> WorkbookMeta:
    if META_SHEET not in workbook.sheetnames:
        raise SpreadsheetError(
            [
                f"{name}: was not written by 'ssa-site export-xlsx' (its hidden sheet "
                f"'{META_SHEET}' is missing): export the plan, edit that workbook, import it"
            ]
        )
    sheet: Worksheet = workbook[META_SHEET]
    rows = [[_str(v) for v in row] + [""] * 6 for row in sheet.iter_rows(values_only=True)]
    if not rows or rows[0][:2] != ["format", FORMAT] or rows[0][2] != VERSION:
        raise SpreadsheetError([f"{name}: the hidden sheet '{META_SHEET}' is not readable"])
    plan = ""
    order: list[tuple[str, str, bool, str, bool]] = []
    records: dict[str, list[Record]] = {}
    try:
        for row in rows[1:]:
            if row[0] == "plan":
                plan = row[1]
            elif row[0] == "resource":
                order.append(
                    (row[1], row[2], row[3] == "bom", json.loads(row[4]), row[5] == "quote-all")
                )
                records[row[1]] = []
            elif row[0] == "record":
                raw = json.loads("".join(row[3:]).strip() or '""')
                records[row[1]].append(Record(raw, json.loads(row[2]), parse_cells(raw)))
    except (IndexError, KeyError, ValueError) as exc:
        raise SpreadsheetError(
            [f"{name}: the hidden sheet '{META_SHEET}' was changed ({exc}); export the plan again"]
        ) from exc
    sources = tuple(
        SheetSource(resource, path, CsvText(bom, tuple(records[resource]), newline, quote_all))
        for resource, path, bom, newline, quote_all in order
    )
    return WorkbookMeta(plan, sources)


def _str(value: Any) -> str:
    return "" if value is None else str(value)
