"""Which columns of a plan's values are breakdowns (disaggregations): those the values
schema declares for every indicator, and those each indicator lists in disaggregated_by.
Any other column is reported, never guessed to be one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssa_site.base.problems import Problems, ProblemType
from ssa_site.base.schemas import split_list, standard_field_names

if TYPE_CHECKING:
    from ssa_site.load.package import PackageSpec
    from ssa_site.load.tables import TableRow

UNDECLARED_COLUMN = ProblemType(
    "undeclared-column",
    "Column of values not declared",
    "'{column}' is neither a column of values nor a declared breakdown",
    "if it is a breakdown, name it in disaggregated_by of the indicators it breaks down, or "
    "declare it in the values schema in datapackage.json; if it holds remarks, put them in "
    "the 'comment' column",
)


def _cell(cells: dict[str, Any], name: str) -> str | None:
    value = cells.get(name)
    return (str(value).strip() or None) if value is not None else None


Breakdowns = tuple[frozenset[str], dict[str, frozenset[str]]]


def declared_breakdowns(
    spec: PackageSpec, tables: dict[str, list[TableRow]], path: str, problems: Problems
) -> Breakdowns:
    """The dimensions declared by the values schema (for all) and by each indicator (by id);
    any other column of values but the standard ones is reported, and ignored."""
    standard = set(standard_field_names("values"))
    schema = next((r.schema or {} for r in spec.resources if r.name == "values"), {})
    fields = [f for f in schema.get("fields") or [] if isinstance(f, dict)]
    everywhere = frozenset(f["name"] for f in fields if isinstance(f.get("name"), str)) - standard
    listed: dict[str, frozenset[str]] = {}
    for row in tables.get("indicators", []):
        if ident := _cell(row.cells, "id"):
            found = split_list(_cell(row.cells, "disaggregated_by"))
            listed[ident] = listed.get(ident, frozenset()).union(found)
    declared = everywhere.union(*listed.values())
    rows = tables.get("values", [])
    undeclared = [c for c in (rows[0].cells if rows else ()) if c not in standard | declared]
    if "indicators" not in tables:  # unreadable (reported already), or none: no guessing
        return everywhere.union(undeclared), listed
    for column in undeclared:
        problems.add(UNDECLARED_COLUMN, path, 1, column, column=column)
    return everywhere, listed
