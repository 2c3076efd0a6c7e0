"""Read a plan's ``datapackage.json``: its ``ssa`` metadata and its resource paths.

Nothing is fetched: a resource path that is a URL, absolute, or leads outside the package
folder is refused before any file is opened, as are a plan folder or a ``datapackage.json``
that is a link to outside the project, and a link that leads back to itself.  A refused
resource is left out of the model for that error (``Problems.leave_out``), as an unreadable
CSV file is: references to its rows are not reported again as naming nothing.

A resource may declare the separator of its columns as Frictionless does (``"dialect":
{"delimiter": ";"}``, or ``{"csv": {"delimiter": ";"}}`` as Frictionless 5 writes it).
"""

from __future__ import annotations

import errno
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ssa_site.base.characters import CONTROL, CONTROL_CHARACTER, control_params
from ssa_site.base.schemas import LEVEL_PRESETS, PLAN_KINDS, RESOURCES
from ssa_site.load.front_matter import read_text
from ssa_site.load.package_fields import check_country, declared_delimiter, imported_from
from ssa_site.load.package_problems import (
    DESCRIPTOR_LINKED_OUTSIDE,
    DESCRIPTOR_MISSING,
    DESCRIPTOR_NOT_JSON,
    DESCRIPTOR_NOT_OBJECT,
    FISCAL_YEAR_START_INVALID,
    FISCAL_YEAR_START_QUOTED,
    LEVEL_LISTED_TWICE,
    LEVELS_INVALID,
    LINK_LOOP,
    NO_RESOURCES,
    PACKAGE_NAME_MISMATCH,
    PLAN_FOLDER_LINKED_OUTSIDE,
    PLAN_METADATA_MISSING,
    PLAN_NAME_INVALID,
    PLAN_PERIOD_DATE_INVALID,
    PLAN_PERIOD_NOT_OBJECT,
    PLAN_PERIOD_REVERSED,
    PLAN_TITLE_MISSING,
    RESOURCE_FILE_MISSING,
    RESOURCE_LISTED_TWICE,
    RESOURCE_NOT_OBJECT,
    RESOURCE_PATH_ABSOLUTE,
    RESOURCE_PATH_LINKED_OUTSIDE,
    RESOURCE_PATH_MISSING,
    RESOURCE_PATH_OUTSIDE,
    RESOURCE_PATH_URL,
    RESOURCE_SCHEMA_NOT_OBJECT,
    RESOURCES_NOT_LIST,
    RESULTS_RESOURCE_MISSING,
    UNKNOWN_LEVEL_PRESET,
    UNKNOWN_PLAN_KIND,
    UNKNOWN_PLAN_VISIBILITY,
    UNKNOWN_RESOURCE,
)
from ssa_site.load.sectors import OpenData, read_open_data

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems, ProblemType

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    path: Path  # absolute, inside the package folder
    display_path: str  # relative to the project root, for messages
    schema: dict[str, Any] | None
    delimiter: str = ","  # of the columns, as the resource's dialect declares it


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
    open_data: OpenData  # ssa.sectors, bureau_code, program_code
    imported: str | None = None  # ssa.imported: where an imported plan came from


def display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a link loop
        return _where(path, root)


def _where(path: Path, root: Path) -> str:
    """Where a file or link is (not where a link leads), relative to the project root."""
    # Not resolve(): it follows the link. abspath only makes the path absolute and normal.
    absolute = Path(os.path.abspath(path))  # noqa: PTH100
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()  # noqa: PTH100
    except ValueError:
        return path.as_posix()


def _link_loop(path: Path) -> bool:
    """Whether ``path`` is a link leading, through links, back to itself."""
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _inside(path: Path, *folders: Path) -> bool:
    """Whether ``path``, links followed, is inside one of ``folders`` (links followed)."""
    real = path.resolve()
    return any(real.is_relative_to(folder.resolve()) for folder in folders)


def unsafe_path_kind(path: str) -> ProblemType | None:
    """Why a resource path may not be used (the kind of problem it is, with fields
    ``path`` and ``name``), or None when it is a safe relative path."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", path) or path.startswith("//"):
        return RESOURCE_PATH_URL
    if path.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:[\\/]", path):
        return RESOURCE_PATH_ABSOLUTE
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if ".." in parts:
        return RESOURCE_PATH_OUTSIDE
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
        problems.add(PLAN_PERIOD_DATE_INVALID, path, None, field, text=text)
        return None


def _levels(value: Any, path: str, problems: Problems) -> tuple[str, ...]:
    if value is None:
        return LEVEL_PRESETS["ics"]
    if isinstance(value, str):
        if value in LEVEL_PRESETS:
            return LEVEL_PRESETS[value]
        problems.add(
            UNKNOWN_LEVEL_PRESET,
            path,
            None,
            "ssa.levels",
            value=value,
            presets=", ".join(LEVEL_PRESETS),
        )
        return ()
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        if len(set(value)) != len(value):
            problems.add(LEVEL_LISTED_TWICE, path, None, "ssa.levels")
        return tuple(value)
    problems.add(LEVELS_INVALID, path, None, "ssa.levels", presets=", ".join(LEVEL_PRESETS))
    return ()


def read_package(directory: Path, root: Path, problems: Problems) -> PackageSpec | None:
    """Check a package folder's descriptor; None when it cannot be used at all."""
    descriptor_path = directory / "datapackage.json"
    path = display(descriptor_path, root)
    # A link may lead a plan anywhere: into the project (or the data folder) only.
    allowed = (root, directory.parent)
    if not _inside(directory, *allowed):
        problems.add(PLAN_FOLDER_LINKED_OUTSIDE, display(directory, root), None, None)
        return None
    if _link_loop(descriptor_path):
        problems.add(LINK_LOOP, path, None, None, path=descriptor_path.name)
        return None
    if descriptor_path.is_file() and not _inside(descriptor_path, *allowed):
        problems.add(DESCRIPTOR_LINKED_OUTSIDE, path, None, None)
        return None
    if not descriptor_path.is_file():
        problems.add(DESCRIPTOR_MISSING, display(directory, root), None, None)
        return None
    text = read_text(descriptor_path, path, problems)
    if text is None:
        return None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(DESCRIPTOR_NOT_JSON, path, exc.lineno, None, error=exc.msg, column=exc.colno)
        return None
    if not isinstance(descriptor, dict):
        problems.add(DESCRIPTOR_NOT_OBJECT, path, None, None)
        return None
    controls = _control_characters(descriptor)
    for where, char in controls:
        problems.add(CONTROL_CHARACTER, path, None, where, **control_params(char))
    if controls:
        return None

    name = str(descriptor.get("name") or directory.name)
    if name != directory.name:
        before = len(problems.items)
        problems.add(PACKAGE_NAME_MISMATCH, path, None, "name", name=name, folder=directory.name)
        # Narratives and reviews are filed by folder: no plan of that name is loaded.
        problems.leave_out(before, (directory.name, None, None))
    if not _NAME.match(directory.name):
        problems.add(PLAN_NAME_INVALID, path, None, "name", name=directory.name)

    meta = descriptor.get("ssa")
    if not isinstance(meta, dict):
        problems.add(PLAN_METADATA_MISSING, path, None, "ssa")
        meta = {}
    title = meta.get("title") or descriptor.get("title")
    if not title or not isinstance(title, str):
        problems.add(PLAN_TITLE_MISSING, path, None, "ssa.title")
        title = name
    kind = meta.get("kind", "")
    if kind not in PLAN_KINDS:
        problems.add(
            UNKNOWN_PLAN_KIND, path, None, "ssa.kind", kind=kind, kinds=", ".join(PLAN_KINDS)
        )
    country = check_country(meta.get("country"), path, problems)
    period = meta.get("period") or {}
    if not isinstance(period, dict):
        problems.add(PLAN_PERIOD_NOT_OBJECT, path, None, "ssa.period")
        period = {}
    start = _date(period.get("start"), path, "ssa.period.start", problems)
    end = _date(period.get("end"), path, "ssa.period.end", problems)
    if start and end and end < start:
        problems.add(PLAN_PERIOD_REVERSED, path, None, "ssa.period")
    fy_start = meta.get("fiscal_year_start", 10)
    if not isinstance(fy_start, int) or isinstance(fy_start, bool) or not 1 <= fy_start <= 12:
        quoted = isinstance(fy_start, str)
        problems.add(
            FISCAL_YEAR_START_QUOTED if quoted else FISCAL_YEAR_START_INVALID,
            path,
            None,
            "ssa.fiscal_year_start",
            value=fy_start,
        )
        fy_start = 10
    visibility = meta.get("visibility") or "public"
    if visibility not in ("public", "internal"):
        problems.add(UNKNOWN_PLAN_VISIBILITY, path, None, "ssa.visibility", visibility=visibility)
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
        open_data=read_open_data(meta, path, problems),
        imported=imported_from(descriptor),
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

    def refuse(resource: str | None, kind: ProblemType, field: str, /, **params: Any) -> None:
        """Report an error that leaves ``resource`` out (None: every resource of the plan,
        so none of its rows is there to refer to; the plan's page is still built)."""
        before = len(problems.items)
        problems.add(kind, path, None, field, **params)
        problems.leave_out(before, (plan, resource, None))

    raw = descriptor.get("resources")
    if raw is not None and not isinstance(raw, list):
        refuse(None, RESOURCES_NOT_LIST, "resources")
        return ()
    if not raw:
        refuse(None, NO_RESOURCES, "resources")
        return ()
    specs: list[ResourceSpec] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = f"resources[{index}]"  # items count from 1, as in front matter
        if not isinstance(item, dict):
            problems.add(RESOURCE_NOT_OBJECT, path, None, where)
            continue
        name = item.get("name")
        if name not in RESOURCES:
            problems.add(
                UNKNOWN_RESOURCE,
                path,
                None,
                f"{where}.name",
                name=name,
                resources=", ".join(RESOURCES),
            )
            continue
        if name in seen:
            problems.add(RESOURCE_LISTED_TWICE, path, None, f"{where}.name", name=name)
            continue
        seen.add(name)
        rel = item.get("path")
        if not isinstance(rel, str) or not rel:
            refuse(name, RESOURCE_PATH_MISSING, f"{where}.path", name=name)
            continue
        unsafe = unsafe_path_kind(rel)
        if unsafe is None and _link_loop(directory / rel):
            refuse(name, LINK_LOOP, f"{where}.path", path=rel)
            continue
        target = (directory / rel).resolve()
        if unsafe is None and not target.is_relative_to(directory.resolve()):
            unsafe = RESOURCE_PATH_LINKED_OUTSIDE
        if unsafe:
            refuse(name, unsafe, f"{where}.path", path=rel, name=name)
            continue
        if not target.is_file():
            refuse(
                name,
                RESOURCE_FILE_MISSING,
                f"{where}.path",
                path=rel,
                file=display(directory / rel, root),
            )
            continue
        before = len(problems.items)
        delimiter = declared_delimiter(item.get("dialect"), where, path, problems)
        if delimiter is None:
            problems.leave_out(before, (plan, name, None))
            continue
        schema = item.get("schema")
        if schema is not None and not isinstance(schema, dict):
            problems.add(RESOURCE_SCHEMA_NOT_OBJECT, path, None, f"{where}.schema")
            schema = None
        shown = display(directory / rel, root)
        specs.append(ResourceSpec(name, target, shown, schema, delimiter))
    if "results" not in seen and not any(p.field == "resources" for p in problems.items):
        refuse("results", RESULTS_RESOURCE_MISSING, "resources")
    return tuple(specs)
