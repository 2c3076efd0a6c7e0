"""Read a plan's ``datapackage.json``: its ``ssa`` metadata and its resource paths.

Nothing is fetched: a resource path that is a URL, absolute, or leads outside the package
folder is refused before any file is opened.  A refused resource is left out of the model
for that error (``Problems.leave_out``), as an unreadable CSV file is: references to its
rows are not reported again as naming nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ssa_site.base.characters import CONTROL, CONTROL_FIX, control_message
from ssa_site.base.schemas import LEVEL_PRESETS, PLAN_KINDS, RESOURCES
from ssa_site.load.front_matter import read_text

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    path: Path  # absolute, inside the package folder
    display_path: str  # relative to the project root, for messages
    schema: dict[str, Any] | None


@dataclass(frozen=True)
class PackageSpec:
    """What a data package declares, checked but not yet read."""

    name: str
    directory: Path
    display_dir: str
    descriptor: dict[str, Any]
    title: str
    kind: str
    levels: tuple[str, ...]
    country: str | None
    period_start: date | None
    period_end: date | None
    fiscal_year_start: int
    visibility: str
    license: str | None
    description: str | None
    resources: tuple[ResourceSpec, ...]


def display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def unsafe_path_reason(path: str) -> str | None:
    """Why a resource path may not be used, or None when it is a safe relative path."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", path) or path.startswith("//"):
        return "is a URL; the plugin never fetches data over the network"
    if path.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", path):
        return "is an absolute path"
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if ".." in parts:
        return "leads outside the package folder"
    return None


def _control_characters(value: Any, where: str = "") -> list[tuple[str, str]]:
    """(field, character) of every string of a descriptor holding a control character."""
    if isinstance(value, str):
        found = CONTROL.search(value)
        return [(where, found.group())] if found else []
    if isinstance(value, dict):
        named = [(f"{where}.{k}" if where else str(k), v) for k, v in value.items()]
    elif isinstance(value, list):
        named = [(f"{where}[{i}]", v) for i, v in enumerate(value, start=1)]
    else:
        return []
    return [hit for name, item in named for hit in _control_characters(item, name)]


def _license(descriptor: dict[str, Any], meta: dict[str, Any]) -> str | None:
    if meta.get("license"):
        return str(meta["license"])
    licenses = descriptor.get("licenses")
    if isinstance(licenses, list) and licenses and isinstance(licenses[0], dict):
        return str(licenses[0].get("name") or licenses[0].get("path") or "") or None
    return None


def _date(text: Any, path: str, field: str, problems: Problems) -> date | None:
    if text in (None, ""):
        return None
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        problems.error(path, None, field, f"'{text}' is not a date", "write the date as YYYY-MM-DD")
        return None


def _levels(value: Any, path: str, problems: Problems) -> tuple[str, ...]:
    if value is None:
        return LEVEL_PRESETS["ics"]
    if isinstance(value, str):
        if value in LEVEL_PRESETS:
            return LEVEL_PRESETS[value]
        problems.error(
            path,
            None,
            "ssa.levels",
            f"'{value}' is not a preset",
            f"use one of {', '.join(LEVEL_PRESETS)} or a list of level names, top first",
        )
        return ()
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        if len(set(value)) != len(value):
            problems.error(
                path, None, "ssa.levels", "a level is listed twice", "list each level once"
            )
        return tuple(value)
    problems.error(
        path,
        None,
        "ssa.levels",
        "must be a preset name or a non-empty list of level names",
        f"use one of {', '.join(LEVEL_PRESETS)} or a list such as [goal, objective]",
    )
    return ()


def read_package(directory: Path, root: Path, problems: Problems) -> PackageSpec | None:
    """Check a package folder's descriptor; None when it cannot be used at all."""
    descriptor_path = directory / "datapackage.json"
    path = display(descriptor_path, root)
    if not descriptor_path.is_file():
        problems.error(
            display(directory, root),
            None,
            None,
            "the folder has no datapackage.json",
            "add a datapackage.json describing the plan, or move the folder out of data/",
        )
        return None
    text = read_text(descriptor_path, path, problems)
    if text is None:
        return None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.error(
            path,
            exc.lineno,
            None,
            f"is not valid JSON: {exc.msg} at column {exc.colno}",
            "fix the JSON syntax (a missing comma or quote is the usual cause)",
        )
        return None
    if not isinstance(descriptor, dict):
        problems.error(path, None, None, "must be a JSON object", "wrap the package in { }")
        return None
    controls = _control_characters(descriptor)
    for where, char in controls:
        problems.error(
            path,
            None,
            where,
            control_message(char),
            CONTROL_FIX,
        )
    if controls:
        return None

    name = str(descriptor.get("name") or directory.name)
    if name != directory.name:
        before = len(problems.items)
        problems.error(
            path,
            None,
            "name",
            f"'{name}' differs from the folder name '{directory.name}'",
            "rename the folder or the package so they match",
        )
        # Narratives and reviews are filed by folder: no plan of that name is loaded.
        problems.leave_out(before, (directory.name, None, None))
    if not _NAME.match(directory.name):
        problems.error(
            path,
            None,
            "name",
            f"'{directory.name}' is not a valid plan name",
            "use lower-case letters, digits and '-', e.g. northland-ics",
        )

    meta = descriptor.get("ssa")
    if not isinstance(meta, dict):
        problems.error(
            path,
            None,
            "ssa",
            "the plan metadata is missing",
            'add "ssa": {"title": ..., "kind": ..., "levels": ...}',
        )
        meta = {}
    title = meta.get("title") or descriptor.get("title")
    if not title or not isinstance(title, str):
        problems.error(path, None, "ssa.title", "the plan has no title", "add a title")
        title = name
    kind = meta.get("kind", "")
    if kind not in PLAN_KINDS:
        problems.error(
            path,
            None,
            "ssa.kind",
            f"'{kind}' is not a plan kind",
            f"use one of {', '.join(PLAN_KINDS)}",
        )
    country = meta.get("country")
    if country is not None and (not isinstance(country, str) or not _COUNTRY.match(country)):
        problems.error(
            path,
            None,
            "ssa.country",
            f"'{country}' is not an ISO 3166-1 alpha-3 code",
            "write three capital letters, e.g. KEN",
        )
        country = None
    period = meta.get("period") or {}
    if not isinstance(period, dict):
        problems.error(
            path, None, "ssa.period", "must be an object", 'write {"start": ..., "end": ...}'
        )
        period = {}
    start = _date(period.get("start"), path, "ssa.period.start", problems)
    end = _date(period.get("end"), path, "ssa.period.end", problems)
    if start and end and end < start:
        problems.error(
            path, None, "ssa.period", "ends before it starts", "swap or correct the dates"
        )
    fy_start = meta.get("fiscal_year_start", 10)
    if not isinstance(fy_start, int) or isinstance(fy_start, bool) or not 1 <= fy_start <= 12:
        quoted = isinstance(fy_start, str)
        problems.error(
            path,
            None,
            "ssa.fiscal_year_start",
            f'"{fy_start}" is text, not a month number' if quoted else f"{fy_start} is not a month",
            "write a month number from 1 to 12, without quotes; 10 for US fiscal years",
        )
        fy_start = 10
    visibility = meta.get("visibility") or "public"
    if visibility not in ("public", "internal"):
        problems.error(
            path,
            None,
            "ssa.visibility",
            f"'{visibility}' is not a visibility",
            "use public or internal",
        )
        visibility = "internal"  # never publish what we cannot classify

    specs = _resources(descriptor, name, directory, root, path, problems)
    return PackageSpec(
        name=name,
        directory=directory,
        display_dir=display(directory, root),
        descriptor=descriptor,
        title=title,
        kind=kind,
        levels=_levels(meta.get("levels"), path, problems),
        country=country,
        period_start=start,
        period_end=end,
        fiscal_year_start=fy_start,
        visibility=visibility,
        license=_license(descriptor, meta),
        description=str(descriptor.get("description") or meta.get("description") or "") or None,
        resources=specs,
    )


def _resources(
    descriptor: dict[str, Any],
    plan: str,
    directory: Path,
    root: Path,
    path: str,
    problems: Problems,
) -> tuple[ResourceSpec, ...]:
    """The resources the package lists, checked; ``plan`` names the package's plan."""

    def refuse(resource: str | None, field: str, message: str, fix: str) -> None:
        """Report an error that leaves ``resource`` out (None: every resource of the plan,
        so none of its rows is there to refer to; the plan's page is still built)."""
        before = len(problems.items)
        problems.error(path, None, field, message, fix)
        problems.leave_out(before, (plan, resource, None))

    raw = descriptor.get("resources")
    if raw is not None and not isinstance(raw, list):
        refuse(
            None,
            "resources",
            "must be a list of resources",
            'write [{"name": "results", "path": "results.csv"}, ...]',
        )
        return ()
    if not raw:
        refuse(
            None,
            "resources",
            "the package lists no resources",
            'add at least {"name": "results", "path": "results.csv"}',
        )
        return ()
    specs: list[ResourceSpec] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = f"resources[{index}]"  # items count from 1, as in front matter
        if not isinstance(item, dict):
            problems.error(
                path, None, where, "must be an object", 'write {"name": ..., "path": ...}'
            )
            continue
        name = item.get("name")
        if name not in RESOURCES:
            problems.error(
                path,
                None,
                f"{where}.name",
                f"'{name}' is not a known resource",
                f"name it one of {', '.join(RESOURCES)}",
            )
            continue
        if name in seen:
            problems.error(path, None, f"{where}.name", f"'{name}' is listed twice", "list it once")
            continue
        seen.add(name)
        rel = item.get("path")
        if not isinstance(rel, str) or not rel:
            refuse(name, f"{where}.path", "is missing", f'add "path": "{name}.csv"')
            continue
        reason = unsafe_path_reason(rel)
        target = (directory / rel).resolve()
        if reason is None and not target.is_relative_to(directory.resolve()):
            reason = "leads outside the package folder (through a link)"
        if reason:
            refuse(
                name,
                f"{where}.path",
                f"'{rel}' {reason}",
                f'use a CSV file inside the package folder, e.g. "{name}.csv"',
            )
            continue
        if not target.is_file():
            refuse(
                name,
                f"{where}.path",
                f"'{rel}' does not exist",
                f"add {display(directory / rel, root)} or correct the path",
            )
            continue
        schema = item.get("schema")
        if schema is not None and not isinstance(schema, dict):
            problems.error(
                path,
                None,
                f"{where}.schema",
                "must be an inline Table Schema object",
                "embed the schema, or leave it out to use the standard one",
            )
            schema = None
        specs.append(ResourceSpec(name, target, display(directory / rel, root), schema))
    if "results" not in seen and not any(p.field == "resources" for p in problems.items):
        refuse(
            "results",
            "resources",
            "the package has no results resource",
            'add {"name": "results", "path": "results.csv"}',
        )
    return tuple(specs)
