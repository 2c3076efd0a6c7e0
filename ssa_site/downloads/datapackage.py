"""Frictionless Data Package descriptors (``datapackage.json``) of the downloads.

A descriptor embeds the full Table Schema of every table, the size and sha256 of every file
(``frictionless validate`` checks both), the licence, the source site, a calendar version and
the build time, and the plan's own metadata under ``ssa`` as in the source package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssa_site.base.licences import License
    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Provenance
    from ssa_site.model.plan import Plan


@dataclass(frozen=True)
class Table:
    """A table of a package: its resource name, path in the package and written file."""

    name: str
    path: str  # inside the package, e.g. results.csv or plans/<plan>/results.csv
    title: str
    description: str
    schema: dict[str, Any]
    file: Download


def resource(table: Table, licence: License | None = None) -> dict[str, Any]:
    found = {
        "name": table.name,
        "path": table.path,
        "title": table.title,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": table.file.size,
        "hash": f"sha256:{table.file.sha256}",
        "schema": table.schema,
    }
    if licence:
        found["licenses"] = [licence.descriptor()]
    return found


def plan_metadata(plan: Plan) -> dict[str, Any]:
    """The ``ssa`` property of a plan's package, as the source package states it."""
    meta: dict[str, Any] = {
        "title": plan.title,
        "kind": plan.kind,
        "levels": list(plan.levels),
        "fiscal_year_start": plan.fiscal_year_start,
    }
    if plan.country:
        meta["country"] = plan.country
    if plan.period_start or plan.period_end:
        meta["period"] = {
            k: v.isoformat()
            for k, v in (("start", plan.period_start), ("end", plan.period_end))
            if v
        }
    if plan.license:
        meta["license"] = plan.license
    return meta


def common(
    name: str, title: str, description: str, provenance: Provenance, homepage: str
) -> dict[str, Any]:
    """Metadata every package of the site carries."""
    found: dict[str, Any] = {
        "name": name,
        "title": title,
        "description": description,
        "version": provenance.version,
        "created": provenance.timestamp,
        "contributors": [{"title": provenance.publisher, "role": "publisher"}],
        "sources": [{"title": provenance.site_name or provenance.publisher}],
    }
    if provenance.site_url:
        found["sources"][0]["path"] = provenance.site_url
        found["homepage"] = provenance.url(homepage)
    return found


def plan_package(
    plan: Plan,
    tables: list[Table],
    provenance: Provenance,
    homepage: str,
    licence: License | None = None,
) -> dict[str, Any]:
    """The descriptor of one plan's package (``licence``: the plan's own, else the
    publisher's)."""
    found = common(
        plan.name,
        plan.title,
        plan_description(plan),
        provenance,
        homepage,
    )
    found["keywords"] = keywords(plan)
    if licence:
        found["licenses"] = [licence.descriptor()]
    found["ssa"] = plan_metadata(plan)
    found["resources"] = [resource(t, licence) for t in tables]
    return found


def plan_description(plan: Plan) -> str:
    return plan.description or (
        f"Results framework, indicators, baselines, targets and actuals of {plan.title}."
    )


def keywords(plan: Plan) -> list[str]:
    found = ["security sector assistance", "results framework", plan.kind.replace("-", " ")]
    if plan.indicators:
        found.append("performance indicators")
    if plan.country:
        found.append(plan.country)
    return found


def schema_field(
    name: str, kind: str, title: str, description: str, **constraints: Any
) -> dict[str, Any]:
    """A Table Schema field: name, type, title, description and any constraints."""
    found: dict[str, Any] = {"name": name, "type": kind, "title": title}
    found["description"] = description
    if constraints:
        found["constraints"] = constraints
    return found
