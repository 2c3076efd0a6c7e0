"""The Data page (``/data/``) and ``data.json``: every download with its size, sha256,
format, licence, schema and a suggested citation, plus schema.org JSON-LD for dataset search.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls
from ssa_site.base.schemas import RESOURCES
from ssa_site.downloads import catalog, columns, links
from ssa_site.downloads.evaluations import EVALUATION_FIELDS, RECOMMENDATION_FIELDS

if TYPE_CHECKING:
    from ssa_site.downloads.catalog import Dataset
    from ssa_site.downloads.links import Download
    from ssa_site.downloads.provenance import Output, Provenance
    from ssa_site.model.publisher import Publisher
    from ssa_site.output.context import GeneratedPage, PageContext


@dataclass(frozen=True)
class SchemaView:
    """One table's columns as the Data page documents them."""

    name: str
    title: str
    fields: tuple[dict[str, Any], ...]
    note: str = ""


@dataclass(frozen=True)
class DatasetView:
    dataset: Dataset
    main: tuple[Download, ...]  # packages, descriptors, tables, IATI
    indicator_files: tuple[Download, ...]  # one CSV per indicator
    citation: str
    dimensions: tuple[str, ...] = ()


def schema_views(hidden: set[str], with_evaluations: bool) -> list[SchemaView]:
    found = [
        SchemaView(
            resource,
            links.RESOURCE_DESCRIPTIONS[resource],
            tuple(columns.public_fields(resource, hidden)),
            "Then one column per disaggregation dimension of the plan (blank for the total)."
            if resource == "values"
            else "",
        )
        for resource in RESOURCES
    ]
    if with_evaluations:
        found.append(
            SchemaView("evaluations", links.RESOURCE_DESCRIPTIONS["evaluations"], EVALUATION_FIELDS)
        )
        found.append(
            SchemaView(
                "recommendations",
                links.RESOURCE_DESCRIPTIONS["recommendations"],
                RECOMMENDATION_FIELDS,
            )
        )
    return found


def data_page(
    context: PageContext,
    out: Output,
    datasets: list[Dataset],
    provenance: Provenance,
    publisher: Publisher,
) -> GeneratedPage:
    """Write ``data.json``, then the page listing every download (``data.json`` included)."""
    catalog_file = out.json(
        links.Download(
            urls.CATALOG_PATH,
            "Catalog (data.json)",
            "JSON",
            "data.json",
            "Every dataset of this site in the US Project Open Data metadata schema v1.1, "
            "for agency catalogs and data.gov to harvest.",
        ),
        catalog.pod_catalog(datasets, provenance, publisher),
    )
    link = context.linker(urls.DATA_PAGE_URI)

    def page_url(site_path: str) -> str:
        """A site path as a link from the Data page (absolute when site_url is set)."""
        absolute = provenance.absolute(site_path)
        if absolute:
            return absolute
        path, _, anchor = site_path.partition("#")
        relative = link.file(path) if path else "./"
        if path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative + (f"#{anchor}" if anchor else "")

    def cite(dataset: Dataset) -> str:
        landing = dataset.landing or urls.dataset_landing(dataset.key)
        return catalog.citation(dataset, provenance, provenance.absolute(landing))

    plans = {f"plan-{p.name}": p for p in context.site.public.portfolio.plans}
    views = []
    for dataset in datasets:
        per_indicator = tuple(f for f in dataset.files if "/indicators/" in f.path)
        plan = plans.get(dataset.key)
        views.append(
            DatasetView(
                dataset,
                tuple(f for f in dataset.files if f not in per_indicator),
                per_indicator,
                cite(dataset),
                columns.plan_dimensions(plan) if plan else (),
            )
        )
    jsonld = catalog.script_json(catalog.schema_org(datasets, provenance, page_url, cite))
    return context.page(
        urls.DATA_PAGE_URI,
        "data.html",
        "Data",
        True,
        datasets=views,
        catalog_file=catalog_file,
        schemas=schema_views(
            set(context.site.internal_fields), any(d.key == "evaluations" for d in datasets)
        ),
        provenance=provenance,
        publisher=publisher,
        jsonld=jsonld,
        page_url=page_url,
        basename=posixpath.basename,
    )
