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

The files themselves are always in English (a download's title and description go into
data.json and the data packages). Pages show a download's words in the build's language:
each builder keeps them as catalog messages (:class:`Words`), and
:meth:`Download.in_language` writes them in another language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.base import urls
from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.base.schemas import RESOURCES
from ssa_site.base.vocabulary import N_
from ssa_site.downloads.download import Download, download, words

if TYPE_CHECKING:
    from ssa_site.model.plan import Indicator, Initiative, Plan, Portfolio
    from ssa_site.model.release import Release
    from ssa_site.project import SiteView

EVALUATIONS_PACKAGE = "evaluations"

#: Workbooks are written for at most this many values (a plan's, or the tidy table's):
#: beyond, a spreadsheet program struggles and writing one slows every build; the CSV
#: files hold the same data.
WORKBOOK_VALUES = 50_000


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
    return download(
        urls.plan_package_zip(plan.name),
        words(N_("%(plan)s: data package"), plan=plan.title),
        "ZIP",
        f"{plan.name}.zip",
        words(
            N_(
                "Every table below with its full Table Schema in datapackage.json "
                "(Frictionless Data Package)."
            )
        ),
        words(N_("Data package (all tables and their schemas)")),
    )


def descriptor(plan: Plan) -> Download:
    return download(
        urls.plan_descriptor(plan.name),
        words(N_("%(plan)s: datapackage.json"), plan=plan.title),
        "JSON",
        f"{plan.name}-datapackage.json",
        words(
            N_(
                "Metadata and Table Schemas of the package; its paths point at the CSV files "
                "next to it."
            )
        ),
        words(N_("datapackage.json (metadata and schemas)")),
    )


def resource_csv(plan: Plan, resource: str) -> Download:
    table = RESOURCE_TABLES.get(resource)
    return download(
        urls.resource_csv(plan.name, resource),
        words(N_("%(plan)s: %(resource)s"), plan=plan.title, resource=resource),
        "CSV",
        f"{plan.name}-{resource}.csv",
        words(RESOURCE_DESCRIPTIONS[resource]),
        words(table) if table else words(N_("%(name)s table"), name=resource.capitalize()),
    )


def iati_xml(plan: Plan) -> Download:
    return download(
        urls.iati_xml(plan.name),
        words(N_("%(plan)s: IATI activities"), plan=plan.title),
        "XML",
        f"{plan.name}-iati-activities.xml",
        words(
            N_(
                "Initiatives as IATI 2.03 activities with their results, indicators, "
                "baselines, targets and actuals."
            )
        ),
        words(N_("IATI activities with results")),
    )


def indicator_csv(plan: Plan, indicator: Indicator) -> Download:
    return download(
        urls.indicator_csv(plan.name, indicator.id),
        words(N_("%(indicator)s: values"), indicator=f"{indicator.id} {indicator.title}"),
        "CSV",
        f"{plan.name}-{indicator.id}-values.csv",
        words(
            N_(
                "Baseline, targets and actuals of the indicator, disaggregations included; "
                "every row names the plan, the indicator's title and unit, and the status "
                "the site shows."
            )
        ),
    )


def indicator_json(plan: Plan, indicator: Indicator) -> Download:
    return download(
        urls.indicator_json(plan.name, indicator.id),
        words(
            N_("%(indicator)s: reference sheet, values and status"),
            indicator=f"{indicator.id} {indicator.title}",
        ),
        "JSON",
        f"{plan.name}-{indicator.id}.json",
        words(
            N_(
                "The indicator's public reference sheet, its plan and result, its status with "
                "the arithmetic, and every value, for software that builds on the data."
            )
        ),
    )


def has_workbook(plan: Plan) -> bool:
    return plan.values_count <= WORKBOOK_VALUES


def plan_workbook(plan: Plan) -> Download:
    return download(
        urls.plan_workbook(plan.name),
        words(N_("%(plan)s: workbook"), plan=plan.title),
        "XLSX",
        f"{plan.name}.xlsx",
        words(
            N_(
                "Every table above as a sheet, and a tracking sheet per indicator (public "
                "rows only)."
            )
        ),
        words(N_("Workbook (every table, a sheet each)")),
    )


def tidy_csv() -> Download:
    return download(
        urls.TIDY_CSV,
        words(N_("All values (one table)")),
        "CSV",
        "all-values.csv",
        words(
            N_(
                "Every public value of every plan, one row each, with its plan, result, "
                "indicator, unit, period dates, disaggregation and the status the site "
                "shows: loads with one call and no joins."
            )
        ),
    )


def tidy_descriptor() -> Download:
    return download(
        urls.TIDY_DESCRIPTOR,
        words(N_("All values (one table): datapackage.json")),
        "JSON",
        "all-values.datapackage.json",
        words(
            N_(
                "The table's full Table Schema, licence and citation; its path points at "
                "all-values.csv next to it (frictionless validate checks both)."
            )
        ),
    )


def has_tidy_workbook(portfolio: Portfolio) -> bool:
    return sum(p.values_count for p in portfolio.plans) <= WORKBOOK_VALUES


def tidy_xlsx() -> Download:
    return download(
        urls.TIDY_XLSX,
        words(N_("All values (one table): workbook")),
        "XLSX",
        "all-values.xlsx",
        words(N_("The same table as a workbook, with a sheet describing every column.")),
    )


def release_zip(release: Release) -> Download:
    return download(
        urls.release_zip(release.name),
        words(N_("Data release of %(release)s"), release=release.name),
        "ZIP",
        f"release-{release.name}.zip",
        words(
            N_(
                "The public values as released on %(release)s, with their indicators and "
                "what the release changed (Frictionless Data Package)."
            ),
            release=release.name,
        ),
    )


def release_changes(release: Release) -> Download:
    return download(
        urls.release_changes_csv(release.name),
        words(N_("Changes in the data release of %(release)s"), release=release.name),
        "CSV",
        f"release-{release.name}-changes.csv",
        words(
            N_(
                "Values added, revised (old and new figure, date of the revision) and "
                "withdrawn since the release before."
            )
        ),
    )


#: What each table holds, in English (the files' text; pages translate it).
RESOURCE_DESCRIPTIONS = {
    "results": N_("The results hierarchy: one row per result."),
    "indicators": N_("Indicator reference sheets: one row per indicator."),
    "values": N_(
        "Baselines, targets and actuals: one row per value, with period dates and "
        "one column per disaggregation."
    ),
    "initiatives": N_("Programs, projects and activities contributing to the results."),
    "assumptions": N_("Assumptions the results depend on, with their risk."),
    "translations": N_(
        "Titles and texts of the plan in other languages: one row per entity, field and language."
    ),
    "evaluations": N_("One row per evaluation: what was evaluated, by whom, when."),
    "recommendations": N_("One row per recommendation, with the management response."),
}

#: The short name of each table of a plan, where the page already says whose it is.
RESOURCE_TABLES = {
    "results": N_("Results table"),
    "indicators": N_("Indicators table"),
    "values": N_("Values table"),
    "initiatives": N_("Initiatives table"),
    "assumptions": N_("Assumptions table"),
    "translations": N_("Translations table"),
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


def catalog_json() -> Download:
    return download(
        urls.CATALOG_PATH,
        words(N_("Catalog (data.json)")),
        "JSON",
        "data.json",
        words(
            N_(
                "Every dataset of this site in the US Project Open Data metadata schema v1.1, "
                "for agency catalogs and data.gov to harvest."
            )
        ),
    )


def all_data_zip() -> Download:
    return download(
        urls.ALL_DATA_ZIP,
        words(N_("All data")),
        "ZIP",
        "all-data.zip",
        words(
            N_(
                "Every data package of the site in one zip: one folder per plan (each a data "
                "package of its own) and a datapackage.json at the top listing every table."
            )
        ),
    )


def evaluation_downloads() -> tuple[Download, ...]:
    return (
        download(
            urls.evaluations_file(f"{EVALUATIONS_PACKAGE}.zip"),
            words(N_("Evaluations catalog: data package")),
            "ZIP",
            "evaluations.zip",
            words(N_("Both tables below with their Table Schemas (Frictionless Data Package).")),
        ),
        download(
            urls.evaluations_file("datapackage.json"),
            words(N_("Evaluations catalog: datapackage.json")),
            "JSON",
            "evaluations-datapackage.json",
            words(N_("Metadata and Table Schemas of the evaluations catalog.")),
        ),
        download(
            urls.evaluations_file("evaluations.csv"),
            words(N_("Evaluations catalog")),
            "CSV",
            "evaluations.csv",
            words(RESOURCE_DESCRIPTIONS["evaluations"]),
        ),
        download(
            urls.evaluations_file("recommendations.csv"),
            words(N_("Evaluation recommendations and management responses")),
            "CSV",
            "evaluation-recommendations.csv",
            words(RESOURCE_DESCRIPTIONS["recommendations"]),
        ),
    )


class DownloadLinks:
    """The ``downloads`` global of page templates: what a page may link to, described in
    the pages' ``language``.

    A plan or indicator the public cannot see (only shown in internal builds) has no
    download: ``plan`` returns an empty tuple and ``indicator`` None; so do
    ``evaluations`` when no evaluation is public.
    """

    page = urls.DATA_PAGE_URI

    def __init__(self, language: Language = ENGLISH) -> None:
        self.language = language

    def plan(self, site: SiteView, name: str) -> tuple[Download, ...]:
        plan = site.public.portfolio.plan(name)
        found = plan_downloads(plan) if plan else ()
        return tuple(d.in_language(self.language) for d in found)

    def evaluations(self, site: SiteView) -> tuple[Download, ...]:
        found = evaluation_downloads() if site.public.evaluations else ()
        return tuple(d.in_language(self.language) for d in found)

    def indicator(self, site: SiteView, plan_name: str, indicator_id: str) -> Download | None:
        plan = site.public.portfolio.plan(plan_name)
        indicator = plan.indicator(indicator_id) if plan else None
        if plan is None or indicator is None or not indicator.values:
            return None
        return indicator_csv(plan, indicator).in_language(self.language)

    def indicator_json(self, site: SiteView, plan_name: str, indicator_id: str) -> Download | None:
        plan = site.public.portfolio.plan(plan_name)
        indicator = plan.indicator(indicator_id) if plan else None
        if plan is None or indicator is None or not indicator.values:
            return None
        return indicator_json(plan, indicator).in_language(self.language)
