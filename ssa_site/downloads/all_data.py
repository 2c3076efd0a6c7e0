"""What the all-data dataset holds besides the plans' packages: the tidy table (a resource
of ``all-data.zip`` with its full Table Schema, and a CSV and workbook of its own) and the
data releases (each a zip, listed in ``data.json`` as distributions of this dataset)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssa_site.downloads import datapackage, links
from ssa_site.downloads.catalog import cite
from ssa_site.downloads.releases import write_releases

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.base.licences import License
    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Output, Provenance
    from ssa_site.downloads.tidy_files import TidyFiles
    from ssa_site.project import PublicData


def tidy_resource(tidy: TidyFiles, licences: dict[str, License]) -> list[dict[str, Any]]:
    """The tidy table as the first resource of all-data.zip, under every plan's licence."""
    entry = datapackage.resource(tidy.table)
    if licences:
        entry["licenses"] = [licence.descriptor() for licence in licences.values()]
    return [entry]


def _tidy_package(
    out: Output,
    tidy: TidyFiles,
    provenance: Provenance,
    homepage: str,
    licences: dict[str, License],
) -> Download:
    """The descriptor beside ``all-values.csv``: a package of that one table."""
    descriptor = datapackage.common(
        "all-values",
        f"{provenance.site_name or provenance.publisher}: all values",
        tidy.table.description,
        provenance,
        homepage,
    )
    descriptor["keywords"] = ["security sector assistance", "indicators", "tidy data"]
    resource = tidy_resource(tidy, licences)[0]
    if licences:
        descriptor["licenses"] = resource["licenses"]
    descriptor["citation"] = cite(descriptor["title"], provenance, provenance.absolute(homepage))
    descriptor["resources"] = [resource]
    return out.json(links.tidy_descriptor(), descriptor)


def tidy_members(out: Output, tidy: TidyFiles | None) -> list[tuple[str, Path]]:
    if tidy is None:
        return []
    return [(tidy.table.path, out.local(tidy.table.file.path))]


def extra_files(
    out: Output,
    data: PublicData,
    tidy: TidyFiles | None,
    provenance: Provenance,
    pages: tuple[str, str],
    licences: dict[str, License],
) -> list[Download]:
    """The tidy table's own files, then each release (oldest first) and its changes.
    ``pages``: the site paths of the Data page and of the changelog page."""
    data_page, changelog_page = pages
    found: list[Download] = []
    if tidy is not None:
        found.append(tidy.table.file)
        found.append(_tidy_package(out, tidy, provenance, data_page, licences))
        if tidy.workbook is not None:
            found.append(tidy.workbook)
    if data.releases:
        found.extend(write_releases(out, data, provenance, list(licences.values()), changelog_page))
    return found
