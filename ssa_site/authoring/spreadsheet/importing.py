"""``ssa-site import-xlsx``: a workbook back to the plan's CSV files, checked first.

The new CSV texts are validated exactly as a build would (in a temporary copy of the data
folder); any error in the plan's files, or a new error elsewhere (another plan aligned to
a result the workbook deletes), stops the import with the sheet, row and column of each
problem, and nothing is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from ssa_site.authoring.spreadsheet.cells import sheet_rows as sheet_rows_of
from ssa_site.authoring.spreadsheet.csvtext import join_records, original_text
from ssa_site.authoring.spreadsheet.layout import (
    META_SHEET,
    PLAN_SHEET,
    TRACKING_PREFIX,
    SheetSource,
    SpreadsheetError,
    WorkbookMeta,
    export_again,
    read_meta,
    resource_fields,
)
from ssa_site.authoring.spreadsheet.opening import open_workbook
from ssa_site.base.problems import Problem, Problems
from ssa_site.load.package import display, read_package
from ssa_site.project import load_site

_NUMBERS = ("number", "integer")


@dataclass(frozen=True)
class ImportResult:
    changed: tuple[str, ...]  # display paths of the files written
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class _Candidate:
    source: SheetSource
    target: Path
    display_path: str
    text: str
    sheet_rows: tuple[int, ...]  # sheet row of each CSV record, header = row 1


def import_plan(
    root: Path, data_dir: Path, plan: str, workbook_path: Path, docs_dir: Path | None = None
) -> ImportResult:
    name = workbook_path.name
    workbook = open_workbook(workbook_path, plan)
    meta = read_meta(workbook, name, plan)
    if meta.plan != plan:
        raise SpreadsheetError(
            [
                f"{name}: holds plan '{meta.plan}', not '{plan}' (run: ssa-site import-xlsx "
                f"{name} {meta.plan})"
            ]
        )
    directory = data_dir / plan
    problems = Problems()
    spec = read_package(directory, root, problems) if directory.is_dir() else None
    if spec is None or problems.errors:
        raise SpreadsheetError(
            [str(p) for p in problems.errors] or [f"there is no plan '{plan}' in {data_dir}"]
        )
    paths = {r.name: r for r in spec.resources}
    messages: list[str] = []
    candidates: list[_Candidate] = []
    for source in meta.sources:
        resource = paths.get(source.resource)
        if resource is None:
            messages.append(
                f"{name}: sheet {source.resource}: the plan no longer has a resource "
                f"'{source.resource}' (export the plan again)"
            )
            continue
        sheet, wrong = _data_sheet(workbook, source.resource, meta)
        if sheet is None:
            messages.append(f"{name}: {wrong}")
            continue
        current = resource.path.read_bytes().decode("utf-8", errors="replace")
        if current != original_text(source.text):
            messages.append(
                f"{name}: {resource.display_path} has changed since the workbook was exported; "
                "nothing was written (export the plan again and redo the edits there)"
            )
            continue
        numbers = {n for n, f in resource_fields(resource).items() if f.get("type") in _NUMBERS}
        rows, sheet_rows = sheet_rows_of(sheet, numbers)
        width = len(rows[0]) if rows else 0
        text, written = join_records(source.text, rows, width)
        candidates.append(
            _Candidate(
                source,
                resource.path,
                resource.display_path,
                text,
                tuple(sheet_rows[i] for i in written),
            )
        )
    if messages:
        raise SpreadsheetError(messages)
    warnings = _check(root, data_dir, docs_dir, candidates, spec.display_dir, name)
    changed = []
    for candidate in candidates:
        data = candidate.text.encode("utf-8")
        if candidate.target.read_bytes() != data:
            _replace(candidate.target, data)
            changed.append(candidate.display_path)
    return ImportResult(tuple(changed), tuple(warnings))


def _data_sheet(workbook: Any, resource: str, meta: WorkbookMeta) -> tuple[Any, str]:
    """The sheet of a resource, or what is wrong with the workbook's sheets and the fix."""
    sheet = workbook[resource] if resource in workbook.sheetnames else None
    if isinstance(sheet, Worksheet):
        return sheet, ""
    if sheet is not None:
        return None, f"the sheet '{resource}' is not a table of cells (keep it as exported)"
    known = {PLAN_SHEET, META_SHEET, *(s.resource for s in meta.sources)}
    unknown = [
        s for s in workbook.sheetnames if s not in known and not s.startswith(TRACKING_PREFIX)
    ]
    if not unknown:
        return None, (
            f"the sheet '{resource}' is missing (it was deleted?); keep the sheets as exported, "
            f"or {export_again(meta.plan)}"
        )
    named = ", ".join(f"'{s}'" for s in unknown)
    return None, (
        f"the sheet '{resource}' is missing, and the workbook has sheets it does not know "
        f"({named}); rename the sheet that holds this table back to '{resource}'"
    )


def _check(
    root: Path,
    data_dir: Path,
    docs_dir: Path | None,
    candidates: list[_Candidate],
    plan_dir: str,
    name: str,
) -> list[str]:
    """Validate the candidate files in a copy of the project; raise on errors.

    The copy holds the data folder and the narratives (Markdown only) at the same places,
    so that its problems read exactly like the project's own.
    """
    docs = docs_dir if docs_dir is not None else root / "content"
    before = load_site(root, data_dir, docs, "internal")
    with tempfile.TemporaryDirectory(prefix="ssa-import-") as temporary:
        copy_root = Path(temporary)
        copy_data = _copy(data_dir, root, copy_root, "data")
        copy_docs = docs
        if docs.is_dir():
            copy_docs = _copy(docs, root, copy_root, "content", _only_markdown)
        for candidate in candidates:
            target = copy_data / candidate.target.resolve().relative_to(data_dir.resolve())
            target.write_bytes(candidate.text.encode("utf-8"))
        after = load_site(copy_root, copy_data, copy_docs, "internal")
    old = {str(p) for p in before.errors}
    by_path = {c.display_path: c for c in candidates}
    messages: list[str] = []
    for problem in after.errors:
        located = by_path.get(problem.path)
        if located is not None:
            messages.append(_locate(name, located, problem))
        elif problem.path.startswith(plan_dir + "/") or str(problem) not in old:
            messages.append(f"{name}: {problem}")
    if messages:
        raise SpreadsheetError(messages)
    return [str(p) for p in after.warnings if p.path in by_path]


def _copy(source: Path, root: Path, copy_root: Path, fallback: str, ignore: Any = None) -> Path:
    relative = Path(display(source, root))
    target = copy_root / (relative if not relative.is_absolute() else fallback)
    shutil.copytree(source, target, ignore=ignore)
    return target


def _only_markdown(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if not n.endswith(".md") and not (Path(folder) / n).is_dir()]


def _locate(name: str, candidate: _Candidate, problem: Problem) -> str:
    """``plan.xlsx: sheet values, row 7, column value: what is wrong (fix)``."""
    where = f"{name}: sheet {candidate.source.resource}"
    if problem.row is not None:
        rows = candidate.sheet_rows
        row = rows[problem.row - 1] if 0 < problem.row <= len(rows) else problem.row
        where += f", row {row}"
    if problem.field:
        where += f", column {problem.field}"
    fix = f" ({problem.fix})" if problem.fix else ""
    return f"{where}: {problem.message}{fix}"


def _replace(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    try:
        Path(temporary).write_bytes(data)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
