"""The tables of a plan's downloads: public columns, their Table Schemas, rows as CSV cells.

Columns the public never sees are dropped, not shipped empty: ``visibility`` (every row of a
download is public) and the fields blanked for the public (``internal_fields`` of the plugin
config: ``responsible``, ``limitations``, ``dqa_*``, ``budget``, ``me_budget``, ``comment``
by default).  An empty column would say "no data" where the truth is "not published".
``values`` gains the derived ``period_start`` and ``period_end`` columns and one column per
disaggregation dimension (blank = total), as in the source files.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import TYPE_CHECKING, Any

from ssa_site.base.periods import Period
from ssa_site.base.schemas import dimension_field, standard_schema

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from ssa_site.model.plan import Indicator, Plan

#: Never in a download: every row of a download is public.
ALWAYS_DROPPED = ("visibility",)

DERIVED_VALUE_FIELDS: tuple[dict[str, Any], ...] = (
    {
        "name": "period_start",
        "type": "date",
        "title": "Period start",
        "description": "First day of the period, derived from the period and the plan's "
        "fiscal year start.",
    },
    {
        "name": "period_end",
        "type": "date",
        "title": "Period end",
        "description": "Last day of the period, derived from the period and the plan's "
        "fiscal year start.",
    },
)


def public_fields(resource: str, hidden: Collection[str]) -> list[dict[str, Any]]:
    """The standard fields of a resource that a download carries, derived ones included."""
    fields: list[dict[str, Any]] = []
    for field in standard_schema(resource)["fields"]:
        if field["name"] in ALWAYS_DROPPED or field["name"] in hidden:
            continue
        fields.append(field)
        if resource == "values" and field["name"] == "period":
            fields.extend(copy.deepcopy(list(DERIVED_VALUE_FIELDS)))
    return fields


def table_schema(
    resource: str,
    hidden: Collection[str],
    present: Collection[str],
    dimensions: Iterable[str] = (),
) -> dict[str, Any]:
    """The full Table Schema of a download's table.

    ``present`` names the resources of the package: a foreign key into a resource the
    package does not have is left out.
    """
    fields = public_fields(resource, hidden)
    names = {f["name"] for f in fields}
    fields.extend(dimension_field(d) for d in dimensions if d not in names)
    standard = standard_schema(resource)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    key = standard.get("primaryKey")
    if key and all(k in names for k in key):
        schema["primaryKey"] = key
    foreign: list[dict[str, Any]] = []
    for fk in standard.get("foreignKeys", []):
        target = fk["reference"]["resource"]
        if (target and target not in present) or not all(f in names for f in fk["fields"]):
            continue
        foreign.append(copy.deepcopy(fk))
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def prefixed(schema: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A schema whose foreign keys name other resources with ``prefix`` before their name."""
    found = copy.deepcopy(schema)
    for fk in found.get("foreignKeys", []):
        if fk["reference"]["resource"]:
            fk["reference"]["resource"] = prefix + fk["reference"]["resource"]
    return found


def plan_dimensions(plan: Plan) -> tuple[str, ...]:
    """Disaggregation dimensions of a plan's values, in order of first appearance."""
    found: dict[str, None] = {}
    for indicator in plan.indicators:
        found.update(dict.fromkeys(indicator.dimensions))
    return tuple(found)


def cell(value: Any) -> str:
    """A value as CSV text: numbers without a spurious '.0', ISO dates, lists with '; '."""
    if type(value) is str:  # most cells: first
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Period):
        return value.label
    if isinstance(value, tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def _record(entity: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(entity, name, None) for name in names}


def _value_records(indicators: Iterable[Indicator]) -> Iterator[dict[str, Any]]:
    for indicator in indicators:
        for value in indicator.values:
            record: dict[str, Any] = dict(value.dimensions)  # standard columns win below
            record.update(_record(value, ("indicator", "kind", "value", "text", "comment")))
            record.update(_record(value, ("status", "reported")))
            record.update(
                period=value.period.label,
                period_start=value.period.start,
                period_end=value.period.end,
            )
            yield record


def records(
    plan: Plan, resource: str, indicators: Iterable[Indicator] | None = None
) -> Iterator[dict[str, Any]]:
    """The public rows of one resource of a plan, as field name → value."""
    if resource == "values":
        yield from _value_records(plan.indicators if indicators is None else indicators)
        return
    entities: tuple[Any, ...] = {
        "results": plan.results,
        "indicators": plan.indicators,
        "initiatives": plan.initiatives,
        "assumptions": plan.assumptions,
        "translations": plan.translations,  # the public's plan keeps the public's only
    }[resource]
    names = [f["name"] for f in standard_schema(resource)["fields"]]
    for entity in entities:
        yield _record(entity, names)  # lists (aligns_to, results...) are tuples: see cell()


def rows(schema: dict[str, Any], found: Iterable[dict[str, Any]]) -> Iterator[list[str]]:
    """Rows of CSV cells in the order of the schema's fields."""
    names = [f["name"] for f in schema["fields"]]
    for record in found:
        yield [cell(record.get(name)) for name in names]
