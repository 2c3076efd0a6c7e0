"""Read the CSV resources of a package with Frictionless, typed by the standard schemas.

Frictionless checks types, constraints, primary and foreign keys; this module turns its
error objects into :class:`~ssa_site.base.problems.Problem` lines that say how to fix them.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import frictionless

from ssa_site.base.characters import CONTROL, CONTROL_CHARACTER, control_params
from ssa_site.base.problems import ProblemType, Severity
from ssa_site.base.schemas import dimension_field, required_field_names, standard_schema

if TYPE_CHECKING:
    from ssa_site.base.problems import Problems
    from ssa_site.load.package import PackageSpec, ResourceSpec

# The file as a whole.
CSV_NOT_UTF_8 = ProblemType(
    "csv-not-utf-8",
    "CSV file not UTF-8",
    "is not UTF-8 text (byte 0x{byte:02x})",
    "save the file as 'CSV UTF-8' in your spreadsheet program",
)
MORE_CONTROL_CHARACTERS = ProblemType(
    "more-control-characters",
    "More lines with control characters",
    "{count} more lines hold control characters",
    "check that the file is a CSV file saved as text (CSV UTF-8)",
)
UNCLOSED_QUOTE = ProblemType(
    "unclosed-quote",
    "Quoted cell never closed",
    "a quoted cell that starts on this row is never closed",
    'add the closing double quote ("), or remove the opening one',
)
BROKEN_QUOTING = ProblemType(
    "broken-quoting",
    "Broken quoting",
    "the quoting is broken ({error})",
    "put double quotes around a cell that holds a comma, a quote or a line break, and "
    'double every quote inside it ("")',
)
CSV_EMPTY = ProblemType(
    "csv-empty",
    "Empty CSV file",
    "the file is empty",
    "add a header row with the columns of {resource}",
)
CSV_UNREADABLE = ProblemType(
    "csv-unreadable",
    "CSV file unreadable",
    "cannot be read as CSV: {reason}",
    "check that the file is a comma-separated table with a header row",
)
# The header row.
REQUIRED_COLUMN_MISSING = ProblemType(
    "required-column-missing",
    "Required column missing",
    "required column is missing",
    "add a column named '{column}' to the header row",
)
HEADER_CELL_BLANK = ProblemType(
    "header-cell-blank",
    "Blank header cell",
    "the header cell is blank",
    "give every column a name, or delete the empty column",
)
UNKNOWN_COLUMN = ProblemType(
    "unknown-column",
    "Unknown column",
    "'{column}' is not a column of {resource} and is ignored",
    "remove the column, fix its spelling, or declare it in the resource's schema",
    Severity.WARNING,
)
DUPLICATE_COLUMN = ProblemType(
    "duplicate-column",
    "Column twice in the header",
    "the column appears twice",
    "keep one of the two columns",
)
# Rows and cells, as Frictionless reports them (see _describe).
CELL_NOT_A_TYPE = ProblemType(
    "cell-not-a-type",
    "Cell not of the column's type",
    "'{cell}' is not a {type}",
    "{how}{qualitative}",
)
REQUIRED_VALUE_MISSING = ProblemType(
    "required-value-missing",
    "Required value missing",
    "is required but empty",
    "fill in the {column}",
)
VALUE_NOT_ALLOWED = ProblemType(
    "value-not-allowed",
    "Value not in the allowed list",
    "'{cell}' is not allowed",
    "use one of: {allowed}",
)
CONSTRAINT_BROKEN = ProblemType(
    "constraint-broken",
    "Value breaking a constraint",
    "'{cell}' breaks a constraint: {note}",
    "correct the value",
)
DUPLICATE_ROW_ID = ProblemType(
    "duplicate-row-id",
    "Two rows with one id",
    "duplicate id '{id}' ({note})",
    "give every row its own id",
)
REFERENCE_TO_NO_ROW = ProblemType(
    "reference-to-no-row",
    "Reference to no row",
    "'{value}' matches no id in {target}",
    "add a row with id '{value}' to {target}, or correct the reference",
)
MISSING_CELLS = ProblemType(
    "missing-cells",
    "Row shorter than the header",
    "the row has fewer cells than the header",
    "add the missing cells",
)
EXTRA_CELLS = ProblemType(
    "extra-cells",
    "Row longer than the header",
    "the row has more cells than the header",
    "remove the extra cells",
)
BLANK_ROW = ProblemType("blank-row", "Blank row", "the row is blank", "delete the blank row")
TABLE_ERROR = ProblemType("table-error", "Table error", "{message}", "correct the file")
_NUMBER_FIX = "write a number such as 42 or 3.5; check for a lost decimal point or unit"
NUMBER_NOT_FINITE = ProblemType(
    "number-not-finite", "Number not finite", "'{written}' is not a finite number", _NUMBER_FIX
)
NUMBER_TOO_LARGE = ProblemType(
    "number-too-large",
    "Number too large",
    "'{written}' is too large: numbers must be smaller than 1e15",
    _NUMBER_FIX,
)

_TYPE_FIXES = {
    "number": "write a number such as 42 or 3.5, without units, '%' or thousands separators",
    "integer": "write a whole number",
    "date": "write the date as YYYY-MM-DD",
    "boolean": "write true or false",
}


@dataclass(frozen=True)
class TableRow:
    """One row of a CSV resource, typed; ``number`` counts the header as row 1."""

    number: int
    cells: dict[str, Any]
    ok: bool


def _decode(spec: ResourceSpec, problems: Problems) -> str | None:
    data = spec.path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(CSV_NOT_UTF_8, spec.display_path, line, None, byte=data[exc.start])
        return None


def _controls_ok(spec: ResourceSpec, text: str, problems: Problems) -> bool:
    """Report every line holding a control character (up to 20 of them)."""
    lines = [(n, m) for n, line in enumerate(text.split("\n"), 1) if (m := CONTROL.search(line))]
    for number, match in lines[:20]:
        problems.add(
            CONTROL_CHARACTER, spec.display_path, number, None, **control_params(match.group())
        )
    if len(lines) > 20:
        problems.add(MORE_CONTROL_CHARACTERS, spec.display_path, None, None, count=len(lines) - 20)
    return not lines


def _quoting_ok(spec: ResourceSpec, text: str, problems: Problems) -> bool:
    """Report broken quoting (a quote never closed swallows the rest of the file)."""
    reader = csv.reader(io.StringIO(text), strict=True)
    records = 0
    try:
        for _ in reader:
            records += 1
    except csv.Error as exc:
        row = records + 1
        if "unexpected end of data" in str(exc):
            problems.add(UNCLOSED_QUOTE, spec.display_path, row, None)
        else:
            problems.add(BROKEN_QUOTING, spec.display_path, row, None, error=exc)
        return False
    return True


#: Numbers at least this large lose whole-number precision and overflow chart arithmetic.
NUMBER_LIMIT = 1e15


def _out_of_range(cells: dict[str, Any]) -> list[tuple[str, ProblemType]]:
    """(field, what is wrong) for number cells that are NaN, infinite or too large."""
    found = []
    for name, value in cells.items():
        if isinstance(value, float | Decimal):
            try:
                number = float(value)
            except (ValueError, OverflowError):
                number = math.nan
            if not math.isfinite(number):
                found.append((name, NUMBER_NOT_FINITE))
            elif abs(number) >= NUMBER_LIMIT:
                found.append((name, NUMBER_TOO_LARGE))
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
    for key in ("primaryKey", "foreignKeys"):
        if key in standard:
            schema[key] = standard[key]
    return schema


def _describe(
    error: Any, spec: ResourceSpec, fields: dict[str, dict[str, Any]]
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
        value = values[0] if values else ""
        return field_label, REFERENCE_TO_NO_ROW, {"value": value, "target": target}
    if kind == "missing-cell":
        return field_name, MISSING_CELLS, {}
    if kind == "extra-cell":
        return None, EXTRA_CELLS, {}
    if kind == "blank-row":
        return None, BLANK_ROW, {}
    return field_name, TABLE_ERROR, {"message": error.message}


def _row_id(cells: dict[str, Any]) -> str | None:
    """The id a row is referred to by (results, indicators, initiatives), if it has one."""
    value = cells.get("id")
    text = str(value).strip() if value is not None else ""
    return text or None


def read_tables(spec: PackageSpec, problems: Problems) -> dict[str, list[TableRow]]:
    """Read every resource of a package; rows with problems are kept but marked not ok.

    The errors that leave a row with an id, or a whole resource, out of the model say so
    (``Problems.leave_out``): references to it are then not reported as dangling.
    """
    descriptors: list[dict[str, Any]] = []
    readable: list[ResourceSpec] = []
    for resource in spec.resources:
        before = len(problems.items)
        text = _decode(resource, problems)
        if (
            text is None
            or not _controls_ok(resource, text, problems)
            or not _quoting_ok(resource, text, problems)
        ):
            problems.leave_out(before, (spec.name, resource.name, None))
            continue
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if not header:
            problems.add(CSV_EMPTY, resource.display_path, None, None, resource=resource.name)
            problems.leave_out(before, (spec.name, resource.name, None))
            continue
        schema = _schema_for(resource, header, problems)
        if schema is None:
            problems.leave_out(before, (spec.name, resource.name, None))
            continue
        readable.append(resource)
        descriptors.append(
            {
                "name": resource.name,
                "path": resource.path.relative_to(spec.directory.resolve()).as_posix(),
                "format": "csv",
                "encoding": "utf-8-sig",
                "schema": schema,
            }
        )
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
                    field, kind, params = _describe(error, resource_spec, fields)
                    problems.add(kind, path, 1, field, **params)
                for row in source.row_stream:
                    before = len(problems.items)
                    for error in row.errors:
                        field, kind, params = _describe(error, resource_spec, fields)
                        problems.add(kind, path, row.row_number, field, **params)
                    cells = row.to_dict()
                    written = dict(zip(row.field_names, row.cells, strict=False))
                    out_of_range = _out_of_range(cells)
                    for name, wrong in out_of_range:
                        shown = written.get(name, cells[name])
                        problems.add(wrong, path, row.row_number, name, written=shown)
                    ok = not row.errors and not out_of_range
                    if not ok and (row_id := _row_id(cells)) is not None:
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
