"""Which downloads exist and where they live on the site.

Pages link to downloads while they are rendered, before the files are written, so the list
of downloads is a pure function of the public data: the generator writes exactly the files
named here, and the page templates (through the ``downloads`` Jinja global) link to them.

Site layout::

    data.json                                  catalog (Project Open Data v1.1)
    data/index.html                            the Data page
    data/all-data.zip                          every package below in one zip
    data/all-values.csv (.xlsx)                every public value in one tidy table
    data/plans/<plan>/<plan>.zip               the plan's data package, zipped
    data/plans/<plan>/datapackage.json         ... and unzipped, next to its CSVs
    data/plans/<plan>/<resource>.csv
    data/plans/<plan>/<plan>.xlsx              the plan's public tables as a workbook
    data/plans/<plan>/indicators/<id>.csv      one indicator's values, tidy (with context)
    data/plans/<plan>/indicators/<id>.json     ... its reference sheet, values and statuses
    data/plans/<plan>/iati-activities.xml      IATI 2.03 activities with results
    data/evaluations/...                       the evaluations catalog, same shape
    data/releases/<date>/release-<date>.zip    a data release (ssa-site release)
    data/releases/<date>/changes.csv           what it changed
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.base import urls
from ssa_site.base.schemas import RESOURCES

if TYPE_CHECKING:
    from ssa_site.model.plan import Indicator, Initiative, Plan, Portfolio
    from ssa_site.model.release import Release
    from ssa_site.project import SiteView

EVALUATIONS_PACKAGE = "evaluations"

MEDIA_TYPES = {
    "CSV": "text/csv",
    "ZIP": "application/zip",
    "JSON": "application/json",
    "XML": "application/xml",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: Workbooks are written for at most this many values (a plan's, or the tidy table's):
#: beyond, a spreadsheet program struggles and writing one slows every build; the CSV
#: files hold the same data.
WORKBOOK_VALUES = 50_000


@dataclass(frozen=True)
class Download:
    """One downloadable file; ``size`` and ``sha256`` are known once it is written."""

    path: str  # relative to the site root
    title: str
    format: str  # a key of MEDIA_TYPES
    filename: str  # suggested name when saved (the link's download attribute)
    description: str = ""
    label: str = ""  # short name where the page already says whose data it is
    size: int = 0
    sha256: str = ""

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def size_label(self) -> str:
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.1f} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"


def plan_resources(plan: Plan) -> tuple[str, ...]:
    """The resources of a plan's package: those it declares (values need indicators)."""
    declared = {name for name, _ in plan.resource_paths} | {"results"}
    if "values" in declared:
        declared.add("indicators")
    return tuple(r for r in RESOURCES if r in declared)


def iati_initiatives(plan: Plan) -> tuple[Initiative, ...]:
    """Initiatives published as IATI activities: those contributing to a public result."""
    return tuple(i for i in plan.initiatives if i.results)


def indicators_with_values(plan: Plan) -> tuple[Indicator, ...]:
    return tuple(i for i in plan.indicators if i.values)


def package_zip(plan: Plan) -> Download:
    return Download(
        urls.plan_package_zip(plan.name),
        f"{plan.title}: data package",
        "ZIP",
        f"{plan.name}.zip",
        "Every table below with its full Table Schema in datapackage.json "
        "(Frictionless Data Package).",
        "Data package (all tables and their schemas)",
    )


def descriptor(plan: Plan) -> Download:
    return Download(
        urls.plan_descriptor(plan.name),
        f"{plan.title}: datapackage.json",
        "JSON",
        f"{plan.name}-datapackage.json",
        "Metadata and Table Schemas of the package; its paths point at the CSV files next to it.",
        "datapackage.json (metadata and schemas)",
    )


def resource_csv(plan: Plan, resource: str) -> Download:
    return Download(
        urls.resource_csv(plan.name, resource),
        f"{plan.title}: {resource}",
        "CSV",
        f"{plan.name}-{resource}.csv",
        RESOURCE_DESCRIPTIONS[resource],
        f"{resource.capitalize()} table",
    )


def iati_xml(plan: Plan) -> Download:
    return Download(
        urls.iati_xml(plan.name),
        f"{plan.title}: IATI activities",
        "XML",
        f"{plan.name}-iati-activities.xml",
        "Initiatives as IATI 2.03 activities with their results, indicators, baselines, "
        "targets and actuals.",
        "IATI activities with results",
    )


def indicator_csv(plan: Plan, indicator: Indicator) -> Download:
    return Download(
        urls.indicator_csv(plan.name, indicator.id),
        f"{indicator.id} {indicator.title}: values",
        "CSV",
        f"{plan.name}-{indicator.id}-values.csv",
        "Baseline, targets and actuals of the indicator, disaggregations included; every "
        "row names the plan, the indicator's title and unit, and the status the site shows.",
    )


def indicator_json(plan: Plan, indicator: Indicator) -> Download:
    return Download(
        urls.indicator_json(plan.name, indicator.id),
        f"{indicator.id} {indicator.title}: reference sheet, values and status",
        "JSON",
        f"{plan.name}-{indicator.id}.json",
        "The indicator's public reference sheet, its plan and result, its status with the "
        "arithmetic, and every value, for software that builds on the data.",
    )


def has_workbook(plan: Plan) -> bool:
    return plan.values_count <= WORKBOOK_VALUES


def plan_workbook(plan: Plan) -> Download:
    return Download(
        urls.plan_workbook(plan.name),
        f"{plan.title}: workbook",
        "XLSX",
        f"{plan.name}.xlsx",
        "Every table above as a sheet, and a tracking sheet per indicator (public rows only).",
        "Workbook (every table, a sheet each)",
    )


def tidy_csv() -> Download:
    return Download(
        urls.TIDY_CSV,
        "All values (one table)",
        "CSV",
        "all-values.csv",
        "Every public value of every plan, one row each, with its plan, result, indicator, "
        "unit, period dates, disaggregation and the status the site shows: loads with one "
        "call and no joins.",
    )


def tidy_descriptor() -> Download:
    return Download(
        urls.TIDY_DESCRIPTOR,
        "All values (one table): datapackage.json",
        "JSON",
        "all-values.datapackage.json",
        "The table's full Table Schema, licence and citation; its path points at "
        "all-values.csv next to it (frictionless validate checks both).",
    )


def has_tidy_workbook(portfolio: Portfolio) -> bool:
    return sum(p.values_count for p in portfolio.plans) <= WORKBOOK_VALUES


def tidy_xlsx() -> Download:
    return Download(
        urls.TIDY_XLSX,
        "All values (one table): workbook",
        "XLSX",
        "all-values.xlsx",
        "The same table as a workbook, with a sheet describing every column.",
    )


def release_zip(release: Release) -> Download:
    return Download(
        urls.release_zip(release.name),
        f"Data release of {release.name}",
        "ZIP",
        f"release-{release.name}.zip",
        f"The public values as released on {release.name}, with their indicators and "
        "what the release changed (Frictionless Data Package).",
    )


def release_changes(release: Release) -> Download:
    return Download(
        urls.release_changes_csv(release.name),
        f"Changes in the data release of {release.name}",
        "CSV",
        f"release-{release.name}-changes.csv",
        "Values added, revised (old and new figure, date of the revision) and withdrawn "
        "since the release before.",
    )


RESOURCE_DESCRIPTIONS = {
    "results": "The results hierarchy: one row per result.",
    "indicators": "Indicator reference sheets: one row per indicator.",
    "values": "Baselines, targets and actuals: one row per value, with period dates and "
    "one column per disaggregation.",
    "initiatives": "Programs, projects and activities contributing to the results.",
    "assumptions": "Assumptions the results depend on, with their risk.",
    "evaluations": "One row per evaluation: what was evaluated, by whom, when.",
    "recommendations": "One row per recommendation, with the management response.",
}


def plan_downloads(plan: Plan) -> tuple[Download, ...]:
    """Every download of a public plan, in the order pages list them."""
    found = [package_zip(plan), descriptor(plan)]
    found.extend(resource_csv(plan, r) for r in plan_resources(plan))
    if has_workbook(plan):
        found.append(plan_workbook(plan))
    if iati_initiatives(plan):
        found.append(iati_xml(plan))
    return tuple(found)


def all_data_zip() -> Download:
    return Download(
        urls.ALL_DATA_ZIP,
        "All data",
        "ZIP",
        "all-data.zip",
        "Every data package of the site in one zip: one folder per plan (each a data "
        "package of its own) and a datapackage.json at the top listing every table.",
    )


def evaluation_downloads() -> tuple[Download, ...]:
    return (
        Download(
            urls.evaluations_file(f"{EVALUATIONS_PACKAGE}.zip"),
            "Evaluations catalog: data package",
            "ZIP",
            "evaluations.zip",
            "Both tables below with their Table Schemas (Frictionless Data Package).",
        ),
        Download(
            urls.evaluations_file("datapackage.json"),
            "Evaluations catalog: datapackage.json",
            "JSON",
            "evaluations-datapackage.json",
            "Metadata and Table Schemas of the evaluations catalog.",
        ),
        Download(
            urls.evaluations_file("evaluations.csv"),
            "Evaluations catalog",
            "CSV",
            "evaluations.csv",
            RESOURCE_DESCRIPTIONS["evaluations"],
        ),
        Download(
            urls.evaluations_file("recommendations.csv"),
            "Evaluation recommendations and management responses",
            "CSV",
            "evaluation-recommendations.csv",
            RESOURCE_DESCRIPTIONS["recommendations"],
        ),
    )


class DownloadLinks:
    """The ``downloads`` global of page templates: what a page may link to.

    A plan or indicator the public cannot see (only shown in internal builds) has no
    download: ``plan`` returns an empty tuple and ``indicator`` None; so do
    ``evaluations`` when no evaluation is public.
    """

    page = urls.DATA_PAGE_URI

    def plan(self, site: SiteView, name: str) -> tuple[Download, ...]:
        plan = site.public.portfolio.plan(name)
        return plan_downloads(plan) if plan else ()

    def evaluations(self, site: SiteView) -> tuple[Download, ...]:
        return evaluation_downloads() if site.public.evaluations else ()

    def indicator(self, site: SiteView, plan_name: str, indicator_id: str) -> Download | None:
        plan = site.public.portfolio.plan(plan_name)
        indicator = plan.indicator(indicator_id) if plan else None
        if plan is None or indicator is None or not indicator.values:
            return None
        return indicator_csv(plan, indicator)

    def indicator_json(self, site: SiteView, plan_name: str, indicator_id: str) -> Download | None:
        plan = site.public.portfolio.plan(plan_name)
        indicator = plan.indicator(indicator_id) if plan else None
        if plan is None or indicator is None or not indicator.values:
            return None
        return indicator_json(plan, indicator)
