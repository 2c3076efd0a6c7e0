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
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ssa_site.authoring.spreadsheet.csvtext import join_records, original_text
from ssa_site.authoring.spreadsheet.layout import SheetSource, SpreadsheetError, read_meta
from ssa_site.base.problems import Problem, Problems
from ssa_site.load.package import display, read_package
from ssa_site.project import load_site


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
    try:
        workbook = load_workbook(workbook_path, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise SpreadsheetError([f"{name}: cannot be read as an .xlsx workbook ({exc})"]) from exc
    meta = read_meta(workbook, name)
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
        if source.resource not in workbook.sheetnames:
            messages.append(
                f"{name}: the sheet '{source.resource}' is missing "
                "(keep the sheet names as exported)"
            )
            continue
        current = resource.path.read_bytes().decode("utf-8", errors="replace")
        if current != original_text(source.text):
            messages.append(
                f"{name}: {resource.display_path} has changed since the workbook was exported; "
                "nothing was written (export the plan again and redo the edits there)"
            )
            continue
        rows, sheet_rows = _sheet_rows(workbook[source.resource])
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


def _sheet_rows(sheet: Any) -> tuple[list[tuple[str, ...]], list[int]]:
    """The sheet's rows as text cells (trailing empty rows dropped) and their numbers."""
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_value(v) for v in values]
        while cells and cells[-1] == "":
            cells.pop()
        rows.append(tuple(cells))
        numbers.append(number)
    while rows and not rows[-1]:
        rows.pop()
        numbers.pop()
    return rows, numbers


def cell_value(value: Any) -> str:
    """A cell as CSV text; typed numbers and dates are written the way the CSV expects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


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
