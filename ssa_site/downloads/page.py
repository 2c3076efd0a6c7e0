"""The Data page (``/data/``) and ``data.json``: every download with its size, sha256,
format, licence, schema and a suggested citation, plus schema.org JSON-LD for dataset search.

The page is written in the build's language; the files it lists, ``data.json`` and the
JSON-LD stay in English.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls
from ssa_site.base.i18n import ENGLISH
from ssa_site.base.schemas import RESOURCES
from ssa_site.base.vocabulary import N_
from ssa_site.downloads import catalog, columns, links
from ssa_site.downloads.evaluations import EVALUATION_FIELDS, RECOMMENDATION_FIELDS

if TYPE_CHECKING:
    from ssa_site.base.i18n import Language
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
class ResearcherFiles:
    """The files the Data page explains one by one: the tidy table, releases, workbooks."""

    tidy: Download | None
    tidy_descriptor: Download | None
    tidy_workbook: Download | None
    releases: tuple[tuple[str, Download, Download | None], ...]  # date, zip, changes
    workbooks: tuple[Download, ...]
    indicator_files: int  # how many indicators have their own CSV and JSON
    tidy_url: str  # the tidy CSV's address for the snippets (absolute when site_url is set)


def researcher_files(
    datasets: list[Dataset], provenance: Provenance, language: Language = ENGLISH
) -> ResearcherFiles:
    by_path = {f.path: f.in_language(language) for d in datasets for f in d.files}
    releases = []
    for path, found in by_path.items():
        if path.startswith(urls.RELEASES_DATA_DIR + "/") and found.format == "ZIP":
            day = path.split("/")[2]
            releases.append((day, found, by_path.get(urls.release_changes_csv(day))))
    tidy_url = provenance.absolute(urls.TIDY_CSV) or posixpath.basename(urls.TIDY_CSV)
    return ResearcherFiles(
        by_path.get(urls.TIDY_CSV),
        by_path.get(urls.TIDY_DESCRIPTOR),
        by_path.get(urls.TIDY_XLSX),
        tuple(sorted(releases, key=lambda r: r[0], reverse=True)),
        tuple(f for f in by_path.values() if f.format == "XLSX" and f.path != urls.TIDY_XLSX),
        sum(1 for f in by_path.values() if f.path.endswith(".json") and "/indicators/" in f.path),
        tidy_url,
    )


#: Files of the all-data dataset that the Data page explains in sections of their own.
def _explained(download: Download) -> bool:
    path = download.path
    return path.startswith(urls.RELEASES_DATA_DIR + "/") or path in (
        urls.TIDY_CSV,
        urls.TIDY_DESCRIPTOR,
        urls.TIDY_XLSX,
    )


@dataclass(frozen=True)
class DatasetView:
    dataset: Dataset
    main: tuple[Download, ...]  # packages, descriptors, tables, IATI
    indicator_files: tuple[Download, ...]  # one CSV per indicator
    citation: str
    dimensions: tuple[str, ...] = ()


#: Below the columns of the values table on the Data page.
_VALUES_NOTE = N_("Then one column per disaggregation dimension of the plan (blank for the total).")


def schema_views(
    hidden: set[str], with_evaluations: bool, language: Language = ENGLISH
) -> list[SchemaView]:
    _ = language.gettext
    descriptions = links.RESOURCE_DESCRIPTIONS
    found = [
        SchemaView(
            resource,
            _(descriptions[resource]),
            tuple(columns.public_fields(resource, hidden)),
            _(_VALUES_NOTE) if resource == "values" else "",
        )
        for resource in RESOURCES
    ]
    if with_evaluations:
        found.append(SchemaView("evaluations", _(descriptions["evaluations"]), EVALUATION_FIELDS))
        found.append(
            SchemaView(
                "recommendations",
                _(descriptions["recommendations"]),
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
    language = context.language
    catalog_file = out.json(
        links.catalog_json(), catalog.pod_catalog(datasets, provenance, publisher)
    ).in_language(language)
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
        main = tuple(f for f in dataset.files if f not in per_indicator and not _explained(f))
        views.append(
            DatasetView(
                dataset,
                tuple(f.in_language(language) for f in main),
                tuple(f.in_language(language) for f in per_indicator),
                cite(dataset),
                columns.plan_dimensions(plan) if plan else (),
            )
        )
    jsonld = catalog.script_json(catalog.schema_org(datasets, provenance, page_url, cite))
    return context.page(
        urls.DATA_PAGE_URI,
        "data.html",
        language.gettext("Data"),
        True,
        datasets=views,
        researchers=researcher_files(datasets, provenance, language),
        changelog=urls.CHANGELOG_URI if context.site.public.releases else None,
        catalog_file=catalog_file,
        schemas=schema_views(
            set(context.site.internal_fields),
            any(d.key == "evaluations" for d in datasets),
            language,
        ),
        provenance=provenance,
        publisher=publisher,
        jsonld=jsonld,
        page_url=page_url,
        basename=posixpath.basename,
    )
