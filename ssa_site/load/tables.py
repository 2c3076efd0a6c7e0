"""Read the CSV resources of a package with Frictionless, typed by the standard schemas.

Frictionless checks types, constraints, primary and foreign keys; this module turns its
error objects into :class:`~ssa_site.base.problems.Problem` lines that say how to fix them.
Each file is first checked as text (:mod:`ssa_site.load.csv_text`); the cells Frictionless
reads as Python does that no one would read so (digits of other scripts such as ``１２``,
numbers too close to zero) are reported here. The kinds of problem are declared in
:mod:`ssa_site.load.table_problems`.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import frictionless

from ssa_site.base.schemas import dimension_field, required_field_names, standard_schema
from ssa_site.load.csv_text import (
    controls_ok,
    decode,
    delimiter_ok,
    header_ok,
    ids_of,
    quoting_ok,
    spaces,
)
from ssa_site.load.table_problems import (
    BLANK_ROW,
    CELL_NOT_A_TYPE,
    CONSTRAINT_BROKEN,
    CSV_EMPTY,
    CSV_UNREADABLE,
    DIGITS_NOT_ASCII,
    DUPLICATE_COLUMN,
    DUPLICATE_ROW_ID,
    EXTRA_CELLS,
    HEADER_CELL_BLANK,
    MISSING_CELLS,
    NUMBER_NOT_FINITE,
    NUMBER_TOO_LARGE,
    NUMBER_TOO_SMALL,
    REFERENCE_SPACED,
    REFERENCE_TO_NO_ROW,
    REQUIRED_COLUMN_MISSING,
    REQUIRED_VALUE_MISSING,
    TABLE_ERROR,
    UNKNOWN_COLUMN,
    VALUE_NOT_ALLOWED,
)

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems, ProblemType
    from ssa_site.load.package import PackageSpec, ResourceSpec

_TYPE_FIXES = {
    "number": "write a number such as 42 or 3.5, without units, '%' or thousands separators",
    "integer": "write a whole number",
    "date": "write the date as YYYY-MM-DD",
    "boolean": "write true or false",
}
#: Numbers other than 0 closer to 0 than this are read as 0 or lose their digits.
NUMBER_SMALLEST = 1e-300
#: Numbers at least this large lose whole-number precision and overflow chart arithmetic.
NUMBER_LIMIT = 1e15


@dataclass(frozen=True)
class TableRow:
    """One row of a CSV resource, typed; ``number`` counts the header as row 1."""

    number: int
    cells: dict[str, Any]
    ok: bool


def _bad_cells(
    cells: dict[str, Any], written: dict[str, Any]
) -> list[tuple[str, ProblemType, dict[str, Any]]]:
    """(field, what is wrong, its fields) for typed cells Python read but should not have:
    digits other than 0-9, and numbers that are NaN, infinite, too large or too small."""
    found: list[tuple[str, ProblemType, dict[str, Any]]] = []
    for name, value in cells.items():
        if value is None or isinstance(value, str | bool):
            continue
        shown = written.get(name, value)
        text = shown if isinstance(shown, str) else ""
        other = next((c for c in text if c.isdigit() and not c.isascii()), None)
        if other is not None:
            digit = unicodedata.name(other, "a digit").lower()
            found.append(
                (name, DIGITS_NOT_ASCII, {"written": shown, "digit": other, "name": digit})
            )
            continue
        if not isinstance(value, float | Decimal):
            continue
        try:
            number = float(value)
        except (ValueError, OverflowError):
            number = math.nan
        if not math.isfinite(number):
            found.append((name, NUMBER_NOT_FINITE, {"written": shown}))
        elif abs(number) >= NUMBER_LIMIT:
            found.append((name, NUMBER_TOO_LARGE, {"written": shown}))
        elif value != 0 and abs(number) < NUMBER_SMALLEST:
            found.append((name, NUMBER_TOO_SMALL, {"written": shown}))
    return found


def _schema_for(spec: ResourceSpec, header: list[str], problems: Problems) -> dict[str, Any] | None:
    """The standard schema, extended by the resource's own, ordered as the file's header."""
    standard = standard_schema(spec.name)
    by_name = {f["name"]: f for f in standard["fields"]}
    if spec.schema:
        for extra in spec.schema.get("fields", []):
            if isinstance(extra, dict) and extra.get("name"):
                by_name[extra["name"]] = {**by_name.get(extra["name"], {}), **extra}
    missing = [n for n in required_field_names(spec.name) if n not in header]
    for name in missing:
        problems.add(REQUIRED_COLUMN_MISSING, spec.display_path, 1, name, column=name)
    fields: list[dict[str, Any]] = []
    for index, name in enumerate(header, start=1):
        if not name.strip():
            problems.add(HEADER_CELL_BLANK, spec.display_path, 1, f"column {index}")
            return None
        if name in by_name:
            fields.append(by_name[name])
        elif spec.name == "values":
            fields.append(dimension_field(name))
        else:
            problems.add(
                UNKNOWN_COLUMN, spec.display_path, 1, name, column=name, resource=spec.name
            )
            fields.append({"name": name, "type": "any"})
    if missing:
        return None
    if len(set(header)) != len(header):
        dup = next(n for n in header if header.count(n) > 1)
        problems.add(DUPLICATE_COLUMN, spec.display_path, 1, dup)
        return None
    schema: dict[str, Any] = {"fields": fields}
    if "primaryKey" in standard:
        schema["primaryKey"] = standard["primaryKey"]
    # An optional column may be absent (results without 'parent'): so is its key.
    schema["foreignKeys"] = [
        fk for fk in standard.get("foreignKeys", []) if set(fk["fields"]) <= set(header)
    ]
    return schema


@dataclass
class _Ids:
    """The ids of a package's resources, as references may name them, and the rows whose
    id has spaces around it (left out), by resource."""

    plan: str
    known: dict[str, set[str]] = field(default_factory=dict)
    spaced: dict[str, set[int]] = field(default_factory=dict)


def _describe(
    error: Any, spec: ResourceSpec, fields: dict[str, dict[str, Any]], ids: _Ids
) -> tuple[str | None, ProblemType, dict[str, Any]]:
    """(field, kind of problem, its fields) for a frictionless error."""
    kind = error.type
    field_name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    if kind == "type-error" and field_name:
        ftype = fields.get(field_name, {}).get("type", "string")
        how = _TYPE_FIXES.get(ftype, f"write a valid {ftype}")
        value_column = spec.name == "values" and field_name == "value"
        qualitative = "; a qualitative value goes in the 'text' column" if value_column else ""
        params = {"cell": cell, "type": ftype, "how": how, "qualitative": qualitative}
        return field_name, CELL_NOT_A_TYPE, params
    if kind == "constraint-error" and field_name:
        constraints = fields.get(field_name, {}).get("constraints", {})
        if '"required"' in note:
            return field_name, REQUIRED_VALUE_MISSING, {"column": field_name}
        if '"enum"' in note:
            allowed = ", ".join(constraints.get("enum", []))
            return field_name, VALUE_NOT_ALLOWED, {"cell": cell, "allowed": allowed}
        return field_name, CONSTRAINT_BROKEN, {"cell": cell, "note": note}
    if kind == "primary-key":
        key = ", ".join(str(c) for c in (error.cells or [])[:1])
        return "id", DUPLICATE_ROW_ID, {"id": key, "note": note}
    if kind == "foreign-key":
        names = getattr(error, "field_names", []) or []
        values = getattr(error, "field_cells", []) or []
        target = getattr(error, "reference_name", "") or spec.name
        field_label = names[0] if names else None
        value = str(values[0]) if values else ""
        stripped = value.strip()
        if stripped != value and stripped in ids.known.get(target, ()):
            where = spaces(value)
            params = {"value": value, "spaces": where, "stripped": stripped, "target": target}
            return field_label, REFERENCE_SPACED, params
        # Not reported when the row of that id was left out for an error of its own.
        reference = (ids.plan, target, stripped)
        params = {"value": value, "target": target, "reference": reference}
        return field_label, REFERENCE_TO_NO_ROW, params
    if kind == "missing-cell":
        return field_name, MISSING_CELLS, {}
    if kind == "extra-cell":
        return None, EXTRA_CELLS, {}
    if kind == "blank-row":
        return None, BLANK_ROW, {}
    return field_name, TABLE_ERROR, {"message": error.message}


def _row_id(resource: str, cells: dict[str, Any]) -> str | None:
    """The id a row is referred to by (results, indicators, initiatives), if it has one; a
    value row stands for its indicator (the checks of an indicator's series ask for it)."""
    value = cells.get("indicator" if resource == "values" else "id")
    text = str(value).strip() if value is not None else ""
    return text or None


def read_tables(spec: PackageSpec, problems: Problems) -> dict[str, list[TableRow]]:
    """Read every resource of a package; rows with problems are kept but marked not ok.

    The errors that leave a row with an id, or a whole resource, out of the model say so
    (``Problems.leave_out``): references to it are then not reported as dangling.
    """
    descriptors: list[dict[str, Any]] = []
    readable: list[ResourceSpec] = []
    ids = _Ids(spec.name)
    for resource in spec.resources:
        before = len(problems.items)
        text = decode(resource, problems)
        if (
            text is None
            or not delimiter_ok(resource, text, problems)
            or not controls_ok(resource, text, problems)
            or not quoting_ok(resource, text, problems)
        ):
            problems.leave_out(before, (spec.name, resource.name, None))
            continue
        header = next(csv.reader(io.StringIO(text), delimiter=resource.delimiter), None)
        if not header:
            problems.add(CSV_EMPTY, resource.display_path, None, None, resource=resource.name)
            problems.leave_out(before, (spec.name, resource.name, None))
            continue
        schema = (
            _schema_for(resource, header, problems)
            if header_ok(resource, header, problems)
            else None
        )
        if schema is None:
            problems.leave_out(before, (spec.name, resource.name, None))
            continue
        if schema.get("primaryKey") == ["id"]:
            column = header.index("id")
            found = ids_of(spec.name, resource, text, column, problems)
            ids.known[resource.name], ids.spaced[resource.name] = found
        readable.append(resource)
        descriptor: dict[str, Any] = {
            "name": resource.name,
            "path": resource.path.relative_to(spec.directory.resolve()).as_posix(),
            "format": "csv",
            "encoding": "utf-8-sig",
            "schema": schema,
        }
        if resource.delimiter != ",":
            descriptor["dialect"] = {"csv": {"delimiter": resource.delimiter}}
        descriptors.append(descriptor)
    names = {d["name"] for d in descriptors}
    for descriptor in descriptors:
        # A foreign key into a resource that could not be read would flag every row.
        descriptor["schema"]["foreignKeys"] = [
            fk
            for fk in descriptor["schema"].get("foreignKeys", [])
            if fk["reference"]["resource"] in ("", *names)
        ]
    package = frictionless.Package(
        {"name": spec.name, "resources": descriptors}, basepath=str(spec.directory.resolve())
    )
    tables: dict[str, list[TableRow]] = {}
    for resource_spec, table in zip(readable, package.resources, strict=True):
        source: Any = table  # frictionless is untyped
        path = resource_spec.display_path
        fields = {f["name"]: f for f in source.schema.to_descriptor()["fields"]}
        rows: list[TableRow] = []
        try:
            with source:
                for error in source.header.errors:
                    name, kind, params = _describe(error, resource_spec, fields, ids)
                    problems.add(kind, path, 1, name, **params)
                spaced = ids.spaced.get(resource_spec.name, set())
                for row in source.row_stream:
                    before = len(problems.items)
                    for error in row.errors:
                        name, kind, params = _describe(error, resource_spec, fields, ids)
                        problems.add(kind, path, row.row_number, name, **params)
                    cells = row.to_dict()
                    written = dict(zip(row.field_names, row.cells, strict=False))
                    for name, wrong, params in _bad_cells(cells, written):
                        problems.add(wrong, path, row.row_number, name, **params)
                    # A reference to a row left out for its own error is not reported,
                    # and leaves this row in: the row it names is what to fix.
                    reported = any(p.is_error for p in problems.items[before:])
                    ok = not reported and row.row_number not in spaced
                    if not ok and (row_id := _row_id(resource_spec.name, cells)) is not None:
                        problems.leave_out(before, (spec.name, resource_spec.name, row_id))
                    rows.append(TableRow(row.row_number, cells, ok))
        except frictionless.FrictionlessException as exc:
            before = len(problems.items)
            reason = exc.error.note or exc.error.message
            problems.add(CSV_UNREADABLE, path, None, None, reason=reason)
            # The rows after the one it stopped at are missing: refer to none of them.
            problems.leave_out(before, (spec.name, resource_spec.name, None))
        tables[resource_spec.name] = rows
    return tables
