"""``ssa-site export-xlsx``: a plan's tables as one workbook for people who work in Excel.

Every cell is written as text, exactly as in the CSV file (a value that looks like a number
or a formula stays text), in columns formatted as text so that typed values stay text too.
Columns with a fixed vocabulary get a drop-down list.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ssa_site.authoring.spreadsheet.csvtext import CsvText, cell_text, split_records
from ssa_site.authoring.spreadsheet.layout import (
    PLAN_SHEET,
    SheetSource,
    SpreadsheetError,
    WorkbookMeta,
    resource_fields,
    write_meta,
)
from ssa_site.base.problems import Problems
from ssa_site.base.schemas import dimension_field
from ssa_site.downloads.workbook import tracking_sheet, tracking_sheet_name
from ssa_site.load.package import PackageSpec, ResourceSpec, read_package
from ssa_site.load.plans import build_plan
from ssa_site.load.tables import read_tables

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
_TEXT = "@"
_VALIDATED_ROWS = 5000  # drop-down lists reach this far below the header


def export_plan(root: Path, data_dir: Path, plan: str, out: Path) -> None:
    """Write ``data_dir/<plan>`` to the workbook ``out``; raise on anything unreadable."""
    spec = _package(root, data_dir, plan)
    sources = [_source(spec, resource, root) for resource in spec.resources]
    problems = Problems()
    model = build_plan(spec, read_tables(spec, problems), problems)

    workbook = Workbook()
    _plan_sheet(workbook.active, spec, plan)
    for resource, source in zip(spec.resources, sources, strict=True):
        _resource_sheet(workbook.create_sheet(resource.name), resource, source.text)
    taken = {name.lower() for name in workbook.sheetnames}
    for indicator in model.indicators:
        tracking_sheet(workbook.create_sheet(tracking_sheet_name(indicator.id, taken)), indicator)
    write_meta(workbook, WorkbookMeta(plan, tuple(sources)))
    workbook.active = 1 if len(workbook.sheetnames) > 1 else 0
    _save(workbook, out)


def _package(root: Path, data_dir: Path, plan: str) -> PackageSpec:
    directory = data_dir / plan
    if not (directory / "datapackage.json").is_file():
        found = sorted(p.parent.name for p in data_dir.glob("*/datapackage.json"))
        raise SpreadsheetError(
            [f"there is no plan '{plan}' in {data_dir} (plans: {', '.join(found) or 'none'})"]
        )
    problems = Problems()
    spec = read_package(directory, root, problems)
    if spec is None or problems.errors:
        raise SpreadsheetError([str(p) for p in problems.errors] or [f"cannot read plan '{plan}'"])
    return spec


def _source(spec: PackageSpec, resource: ResourceSpec, root: Path) -> SheetSource:
    try:
        text = resource.path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            [f"{resource.display_path}: is not UTF-8 text (save it as 'CSV UTF-8' first)"]
        ) from exc
    relative = resource.path.relative_to(spec.directory.resolve()).as_posix()
    return SheetSource(resource.name, relative, split_records(text))


def _resource_sheet(sheet: Worksheet, resource: ResourceSpec, text: CsvText) -> None:
    fields = resource_fields(resource)
    records = list(text.records)
    header = list(records[0].cells) if records else []
    for row_number, record in enumerate(records, start=1):
        for column, value in enumerate(record.cells, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if value != "":
                cell.value = cell_text(value)
                cell.data_type = "s"  # never a formula, number or date
            cell.number_format = _TEXT
    width = max([len(header), *(len(r.cells) for r in records)], default=0)
    for column in range(1, width + 1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].number_format = _TEXT
        name = header[column - 1] if column <= len(header) else ""
        longest = max(
            (len(r.cells[column - 1]) for r in records if len(r.cells) >= column), default=8
        )
        sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        if not name:
            continue
        head = sheet.cell(row=1, column=column)
        head.font, head.fill = _HEADER_FONT, _HEADER_FILL
        field = fields.get(name) or (dimension_field(name) if resource.name == "values" else {})
        note = " — ".join(str(field[k]) for k in ("title", "description") if field.get(k))
        enum = field.get("constraints", {}).get("enum")
        if field.get("constraints", {}).get("required"):
            note += " (required)"
        if enum:
            note += f" One of: {', '.join(enum)}."
            _drop_down(sheet, letter, name, enum)
        if note:
            head.comment = Comment(note.strip(), "ssa-site", width=320, height=120)
    sheet.freeze_panes = "A2"


def _drop_down(sheet: Worksheet, letter: str, name: str, values: list[str]) -> None:
    listed = '"' + ",".join(values) + '"'
    if len(listed) > 255:  # the longest list a spreadsheet accepts inline
        return
    validation = DataValidation(
        type="list",
        formula1=listed,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=f"Not a valid {name}",
        error=f"Use one of: {', '.join(values)}, or leave the cell blank.",
    )
    validation.add(f"{letter}2:{letter}{_VALIDATED_ROWS}")
    sheet.add_data_validation(validation)


def _plan_sheet(sheet: Worksheet, spec: PackageSpec, plan: str) -> None:
    sheet.title = PLAN_SHEET
    rows = [
        ("Plan", plan),
        ("Title", spec.title),
        ("Kind", spec.kind),
        ("Country", spec.country or ""),
        ("Period start", spec.period_start.isoformat() if spec.period_start else ""),
        ("Period end", spec.period_end.isoformat() if spec.period_end else ""),
        ("Fiscal year starts in month", str(spec.fiscal_year_start)),
        ("Levels", ", ".join(spec.levels)),
        ("Visibility", spec.visibility),
        ("Licence", spec.license or ""),
        ("", ""),
        (
            "About this workbook",
            f"Edit the sheets {', '.join(r.name for r in spec.resources)}; "
            f"then run: ssa-site import-xlsx <this file> {plan}",
        ),
        (
            "",
            "This sheet and the ITT sheets (one indicator tracking table each) are "
            f"read-only views: change the plan itself in {spec.display_dir}/datapackage.json.",
        ),
        ("", "Keep the sheet names and the header rows; add or delete rows freely."),
    ]
    for label, value in rows:
        sheet.append([label, cell_text(value)])
    for row in sheet.iter_rows():
        row[0].font = _HEADER_FONT
        for cell in row:
            cell.data_type = "s"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    sheet.protection.sheet = True


def _save(workbook: Workbook, out: Path) -> None:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=out.parent)
    os.close(handle)
    try:
        workbook.save(temporary)
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
