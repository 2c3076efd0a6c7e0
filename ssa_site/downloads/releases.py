"""The data releases as downloads: each a zipped data package, and what it changed.

A release (ssa_site.model.release) is published as ``data/releases/<date>/release-<date>
.zip``: its values and indicators exactly as kept in the project (their bytes are those
its ``release.json`` recorded and every build checked), the changes from the release
before, and a ``datapackage.json`` with their Table Schemas, licence and citation. Its
changes are also a CSV of their own. ``data.json`` lists each release zip as a
distribution of the all-data dataset, dated in its title.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.revisions import Revisions
from ssa_site.base.schemas import standard_schema
from ssa_site.downloads import columns, datapackage, links
from ssa_site.downloads.datapackage import Table, schema_field
from ssa_site.downloads.links import Download
from ssa_site.downloads.provenance import dumps, file_digest
from ssa_site.model.release import INDICATORS_FILE, VALUES_FILE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ssa_site.analysis.revisions import ReleaseChanges
    from ssa_site.base.licences import License
    from ssa_site.downloads.provenance import Output, Provenance
    from ssa_site.model.release import Release
    from ssa_site.project import PublicData


def _enum(resource: str, name: str) -> list[str]:
    field = next(f for f in standard_schema(resource)["fields"] if f["name"] == name)
    return list(field.get("constraints", {}).get("enum", []))


_KEY = ["plan", "indicator", "period", "kind", "breakdown"]
_REQUIRED = {"required": True}


def _key_fields() -> list[dict[str, Any]]:
    return [
        schema_field("plan", "string", "Plan", "Name of the plan.", **_REQUIRED),
        schema_field("indicator", "string", "Indicator", "ID of the indicator.", **_REQUIRED),
        schema_field("period", "string", "Period", "Reporting period.", **_REQUIRED),
        schema_field(
            "kind", "string", "Kind", "baseline, target or actual.", enum=_enum("values", "kind")
        ),
        schema_field(
            "breakdown",
            "string",
            "Breakdown",
            "'total', or the value's dimensions as name=category separated by '; '.",
            **_REQUIRED,
        ),
    ]


def values_schema() -> dict[str, Any]:
    fields = [
        *_key_fields(),
        schema_field("value", "number", "Value", "Numeric value."),
        schema_field("text", "string", "Text", "Qualitative value."),
        schema_field("status", "string", "Data status", "preliminary, final or revised."),
        schema_field("reported", "date", "Reported", "Date the value was reported."),
    ]
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(_KEY),
        "foreignKeys": [
            {
                "fields": ["plan", "indicator"],
                "reference": {"resource": "indicators", "fields": ["plan", "indicator"]},
            }
        ],
    }


def indicators_schema() -> dict[str, Any]:
    return {
        "fields": [
            schema_field("plan", "string", "Plan", "Name of the plan.", **_REQUIRED),
            schema_field("plan_title", "string", "Plan title", "Title of the plan."),
            schema_field("indicator", "string", "Indicator", "ID of the indicator.", **_REQUIRED),
            schema_field("indicator_title", "string", "Indicator title", "Title of the indicator."),
            schema_field("unit", "string", "Unit", "Unit of the values."),
        ],
        "missingValues": [""],
        "primaryKey": ["plan", "indicator"],
    }


def changes_schema() -> dict[str, Any]:
    fields = [
        schema_field("release", "date", "Release", "Date of the release.", **_REQUIRED),
        schema_field(
            "change",
            "string",
            "Change",
            "added, revised or withdrawn (from the release before).",
            enum=["added", "revised", "withdrawn"],
        ),
        *_key_fields(),
        schema_field("old_value", "number", "Old value", "Revised or withdrawn: the value before."),
        schema_field("old_text", "string", "Old text", "Revised or withdrawn: the text before."),
        schema_field("new_value", "number", "New value", "Added or revised: the value now."),
        schema_field("new_text", "string", "New text", "Added or revised: the text now."),
        schema_field("revised_on", "date", "Revised on", "Revised: the date of the revision."),
    ]
    return {"fields": fields, "missingValues": [""]}


def change_records(changes: ReleaseChanges) -> Iterator[dict[str, Any]]:
    for change in changes.changes:
        plan, indicator, period, kind, breakdown = change.key
        record: dict[str, Any] = {
            "release": changes.name,
            "change": change.change,
            "plan": plan,
            "indicator": indicator,
            "period": period,
            "kind": kind,
            "breakdown": breakdown,
        }
        old = change.revision.old if change.revision else None
        if change.change == "withdrawn":
            old = change.value
        if old is not None:
            record.update(old_value=old.value, old_text=old.text)
        if change.change != "withdrawn":
            record.update(new_value=change.value.value, new_text=change.value.text)
        if change.revision is not None:
            record["revised_on"] = change.revision.on
        yield record


def _path(release: Release, name: str) -> Path:
    return Path(next(f.location for f in release.files if f.name == name))


def _kept(release: Release, name: str) -> Download:
    """A file of the release as kept in the project (only inside the release's zip)."""
    size, sha256 = file_digest(_path(release, name))
    return Download(name, name, "CSV", name, size=size, sha256=sha256)


def write_releases(
    out: Output,
    data: PublicData,
    provenance: Provenance,
    licences: list[License],
    homepage: str,
) -> list[Download]:
    """Each release's changes as CSV and the release as a zipped data package."""
    revisions = Revisions.of(data.releases, data.portfolio)
    changelog = {c.name: c for c in revisions.changelog}
    written: list[Download] = []
    for release in revisions.releases:
        changes = links.release_changes(release)
        schema = changes_schema()
        names = [f["name"] for f in schema["fields"]]
        done = out.csv(
            changes, names, columns.rows(schema, change_records(changelog[release.name]))
        )
        tables = [
            Table(
                "values",
                VALUES_FILE,
                "Values",
                "The public values of the release.",
                values_schema(),
                _kept(release, VALUES_FILE),
            ),
            Table(
                "indicators",
                INDICATORS_FILE,
                "Indicators",
                "The indicators of those values, with their plan's title and their unit.",
                indicators_schema(),
                _kept(release, INDICATORS_FILE),
            ),
            Table("changes", "changes.csv", done.title, done.description, schema, done),
        ]
        descriptor = datapackage.common(
            f"release-{release.name}",
            f"{provenance.site_name or provenance.publisher}: data release of {release.name}",
            f"The public values as released on {release.name}, and what changed from the "
            "release before. A release never changes once published.",
            provenance,
            homepage,
        )
        descriptor["version"] = release.name.replace("-", ".")
        descriptor["created"] = f"{release.name}T00:00:00Z"
        if licences:
            descriptor["licenses"] = [licence.descriptor() for licence in licences]
        descriptor["resources"] = [datapackage.resource(t) for t in tables]
        for resource in descriptor["resources"]:
            if licences:
                resource["licenses"] = descriptor["licenses"]
        top = out.private(f"releases/{release.name}/datapackage.json")
        top.write_text(dumps(descriptor), encoding="utf-8")
        members = [("datapackage.json", top)]
        members += [(name, _path(release, name)) for name in (VALUES_FILE, INDICATORS_FILE)]
        members.append(("changes.csv", out.local(done.path)))
        written.append(out.zip(links.release_zip(release), members))
        written.append(done)
    return written
