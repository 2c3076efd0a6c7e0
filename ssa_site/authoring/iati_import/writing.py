"""Write the imported plans into a site project, or refuse before writing anything.

Every file is checked first (version, activities with results, plan names, plans that
exist already); then each plan is written as a data package under the data folder, with
its narratives under ``content/plans/<plan>/``. The same files always give the same bytes.
A folder that is missing or empty becomes a new project (``mkdocs.yml`` and a home page,
as ``ssa-site new`` writes them).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssa_site.authoring.iati_import.activity import ImportedPlan, has_results, read_activity
from ssa_site.authoring.iati_import.reading import IatiImportError, read_file
from ssa_site.authoring.iati_import.report import ActivityReport
from ssa_site.authoring.scaffold import PLAN_NAME, render_scaffold

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.authoring.iati_import.reading import IatiFile

COLUMNS = {
    "results": ["id", "parent", "level", "title", "statement", "aggregation_status"],
    "indicators": [
        "id",
        "result",
        "title",
        "definition",
        "unit",
        "measure",
        "direction",
        "disaggregated_by",
        "standard_code",
        "aggregation_status",
    ],
    "values": ["indicator", "period", "kind", "value", "text", "comment"],
    "initiatives": [
        "id",
        "title",
        "description",
        "results",
        "agency",
        "implementer",
        "status",
        "start",
        "end",
        "iati_identifier",
        "sectors",
    ],
}
_AGGREGATION = {
    "name": "aggregation_status",
    "type": "boolean",
    "title": "IATI aggregation status",
    "description": "Whether the publisher marked the data as fit to add up across "
    "activities (IATI aggregation-status).",
}
#: Files of a new project, from ``ssa-site new``'s templates.
_PROJECT_FILES = ("mkdocs.yml", "content/index.md", ".gitignore")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: a report per activity, and the files written."""

    reports: tuple[ActivityReport, ...]
    written: tuple[str, ...]  # relative to the project

    def lines(self) -> list[str]:
        return [line for report in self.reports for line in report.lines()]


def _slug(identifier: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", identifier.lower()).strip("-") or "activity"


def _names(found: list[tuple[IatiFile, Any]], plan: str | None) -> list[str]:
    if plan is not None and not PLAN_NAME.match(plan):
        raise IatiImportError(
            f"'{plan}' is not a valid plan name (use lower-case letters, digits and '-', "
            "e.g. agency-programme)"
        )
    if plan is not None:
        return [plan] if len(found) == 1 else [f"{plan}-{n}" for n in range(1, len(found) + 1)]
    names = [_slug(a.findtext("iati-identifier") or "") for _, a in found]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise IatiImportError(
            f"two activities would both become plan {twice[0]} (the same identifier twice?): "
            "import them one at a time with --plan NAME"
        )
    return names


def _csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def plan_files(plan: ImportedPlan, name: str) -> dict[str, str]:
    """The files of one plan: path below the project → text."""
    files: dict[str, str] = {}
    resources: list[dict[str, Any]] = []
    for table, rows in plan.tables.items():
        columns = [c for c in COLUMNS[table] if table != "initiatives" or c in rows[0]]
        if table == "values":
            columns += [c for c in plan.dimensions if c not in columns]
        resource: dict[str, Any] = {"name": table, "path": f"{table}.csv"}
        if table in ("results", "indicators"):
            resource["schema"] = {"fields": [_AGGREGATION]}
        resources.append(resource)
        files[f"{table}.csv"] = _csv(rows, columns)
    descriptor = {**plan.descriptor, "resources": resources}
    files["datapackage.json"] = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    return {f"data/{name}/{rel}": text for rel, text in files.items()} | {
        f"content/plans/{name}/{rel}": text for rel, text in plan.narratives.items()
    }


def _project_files(root: Path, title: str, first: str) -> dict[str, str]:
    if (root / "mkdocs.yml").is_file():
        return {}
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise IatiImportError(
            f"{root} has files but no mkdocs.yml: it is not a site project (import into "
            "a project made with 'ssa-site new', or into a new or empty folder)"
        )
    scaffold = render_scaffold(first, "results-chain", title).files
    return {rel: scaffold[rel] for rel in _PROJECT_FILES}


def import_iati(
    paths: list[Path],
    root: Path,
    plan: str | None = None,
    lang: str | None = None,
    replace: bool = False,
    data_folder: str = "data",
) -> ImportResult:
    """Import every activity with results of the files at ``paths`` into the project at
    ``root``; raise :class:`IatiImportError` (nothing written) when one cannot be."""
    files = [read_file(path) for path in paths]
    reports: list[ActivityReport] = []
    found: list[tuple[IatiFile, Any]] = []
    for file in files:
        for activity in file.activities:
            if has_results(activity):
                found.append((file, activity))
            else:
                ident = " ".join((activity.findtext("iati-identifier") or "").split())
                report = ActivityReport(
                    ident or "(no identifier)", f"{file.name}, IATI {file.version}"
                )
                report.carried.append("no result elements: not imported")
                reports.append(report)
    if not found:
        listed = ", ".join(str(p) for p in paths)
        raise IatiImportError(
            f"{listed}: no activity has results, so there is nothing to import (a plan is "
            "made of results; ask the publisher whether it publishes them in another file)"
        )
    names = _names(found, plan)
    taken = [n for n in names if (root / data_folder / n).exists()]
    if taken and not replace:
        raise IatiImportError(
            f"plan(s) {', '.join(taken)} exist already in {root / data_folder}: nothing was "
            "written (add --replace to overwrite them, or name another with --plan)"
        )
    plans = [read_activity(a, f, n, lang) for (f, a), n in zip(found, names, strict=True)]
    written: dict[str, str] = {}
    title = plans[0].title if len(plans) == 1 else "Imported IATI activities"
    written.update(_project_files(root, title, names[0]))
    for imported, name in zip(plans, names, strict=True):
        found_files = plan_files(imported, name)
        if data_folder != "data":
            found_files = {
                f"{data_folder}/{k[5:]}" if k.startswith("data/") else k: v
                for k, v in found_files.items()
            }
        written.update(found_files)
        if imported.report is not None:
            reports.append(imported.report)
    for name in taken:
        shutil.rmtree(root / data_folder / name)
    for rel, text in written.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return ImportResult(tuple(reports), tuple(written))
