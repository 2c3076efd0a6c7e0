"""The downloads generator: writes every download, ``data.json`` and the Data page.

Everything is made from the public view (``SiteView.public``, ssa_site.project), so an
internal build publishes the same public downloads as a public build (its pages say so).
Files are written into the build's scratch folder and handed to MkDocs by path.
"""

from __future__ import annotations

import posixpath
import time
from typing import TYPE_CHECKING, Any

from ssa_site.base import urls
from ssa_site.base.licences import license_of
from ssa_site.base.logs import logger
from ssa_site.base.urls import (
    EVALUATIONS_INDEX_URI,
    dest_url,
    evaluation_uri,
    indicator_uri,
    plan_uri,
    result_uri,
)
from ssa_site.downloads import all_data, columns, datapackage, iati, links, spreadsheets, stored
from ssa_site.downloads.catalog import Dataset, cite
from ssa_site.downloads.datapackage import Table
from ssa_site.downloads.evaluations import evaluation_records, recommendation_records, schemas
from ssa_site.downloads.page import data_page
from ssa_site.downloads.provenance import Output, Provenance, build_time, dumps
from ssa_site.downloads.settings import Run
from ssa_site.downloads.tidy_files import TidyFiles, write_tidy

if TYPE_CHECKING:
    from ssa_site.base.licences import License
    from ssa_site.downloads.links import Download
    from ssa_site.model.evaluation import Evaluation
    from ssa_site.model.plan import Indicator, Initiative, Plan
    from ssa_site.model.publisher import Publisher
    from ssa_site.output.context import Generated, PageContext
    from ssa_site.project import PublicData

log = logger(__name__)


#: A first run for at least this many public values goes to a worker process, beside the
#: pages the build makes meanwhile; a smaller one is quicker here.
BACKGROUND_VALUES = 20_000


def start_downloads(context: PageContext) -> None:
    """Hand a first run of the downloads to a worker process (see ssa_site.cache.workers),
    when the site is large and the cache can keep the files for :func:`downloads`."""
    if context.background is None or context.language_root:  # the default's build writes
        return
    data = context.site.public
    if sum(plan.values_count for plan in data.portfolio.plans) < BACKGROUND_VALUES:
        return
    key = stored.entry(context, data)
    if key is None or stored.kept(context, key):  # downloads() restores it
        return
    context.background.submit(("downloads", key), write_downloads, Run.of(context), data, key)


def write_downloads(run: Run, data: PublicData, key: str) -> None:
    """A run of the generator whose files and catalog go to the cache only."""
    make(run, data).keep(key)


def downloads(context: PageContext) -> list[Generated]:
    """Every download of the site, ``data.json`` and the Data page (``/data/``)."""
    start = time.perf_counter()
    data = context.site.public
    key = stored.entry(context, data)
    # A run in a worker (start_downloads) has stored its files by now.
    written = context.background is not None and context.background.wait(("downloads", key))
    found = stored.restore(context, key)
    if found is not None:  # the same public data and settings as a previous build
        kept, assets = found
        out = Output(context.scratch, kept.provenance.built)
        page = data_page(context, out, list(kept.datasets), kept.provenance, kept.publisher)
        log.info(
            "Took %d download(s) (public data only) from the cache in %.2f s (%s)",
            len(assets) + len(out.assets),
            time.perf_counter() - start,
            "written by a worker process during this build"
            if written
            else "kept from an earlier build",
        )
        if context.language_root:  # the default language's build writes the files
            return [page]
        return [*assets, *out.assets, page]
    build = make(Run.of(context), data)
    if not context.language_root:  # another language's build only reads them for its page
        build.keep(key)
    page = data_page(context, build.out, build.datasets, build.provenance, build.publisher)
    log.info(
        "Wrote %d download(s) (%d plan package(s), public data only) in %.2f s",
        len(build.out.assets),
        len(build.data.portfolio.plans),
        time.perf_counter() - start,
    )
    if context.language_root:  # the default language's build writes the files
        return [page]
    return [*build.out.assets, page]


def make(run: Run, data: PublicData) -> _Build:
    """Write every download of the public data into the scratch folder."""
    build = _Build(run, data)
    build.tidy = write_tidy(build.out, data, run, build.indicator_url)
    packages: list[tuple[str, list[Table]]] = []
    for plan in build.data.portfolio.plans:
        dataset, tables = build.plan(plan)
        build.datasets.append(dataset)
        packages.append((urls.plan_data_dir(plan.name), tables))
    if build.data.evaluations:
        dataset, tables = build.evaluations()
        build.datasets.append(dataset)
        packages.append((urls.EVALUATIONS_DATA_DIR, tables))
    build.datasets.insert(0, build.everything(packages))
    return build


class _Build:
    """One run of the generator: where files go and how pages are addressed."""

    def __init__(self, run: Run, data: PublicData) -> None:
        self.run = run
        self.data = data
        self.publisher: Publisher = run.publisher
        site_url = run.site_url or None
        if site_url and not site_url.endswith("/"):
            site_url += "/"
        self.provenance = Provenance(
            built=build_time(data),
            publisher=self.publisher.display_name(run.site_name),
            site_name=run.site_name,
            site_url=site_url,
        )
        self.out = Output(run.scratch, self.provenance.built)
        self.hidden = set(run.hidden)
        self.datasets: list[Dataset] = []
        self.tidy: TidyFiles | None = None

    def keep(self, key: str | None) -> None:
        """Store the files and the catalog for the builds to come (ssa_site.downloads.stored)."""
        stored.store(
            self.run.cache_dir, key, self.out, self.datasets, self.provenance, self.publisher
        )

    def licence(self, plan: Plan | None) -> License | None:
        """A plan's licence, else (and for the evaluations) the publisher's."""
        return license_of((plan.license if plan else None) or self.publisher.license)

    def cite(self, title: str, landing: str) -> str:
        """The citation of a package, naming the page that shows its data."""
        return cite(title, self.provenance, self.provenance.url(landing))

    def indicator_url(self, plan: Plan, indicator: Indicator | None) -> str:
        """The address of an indicator's page (of its plan's without one)."""
        uri = indicator_uri(plan.name, indicator.id) if indicator else plan_uri(plan.name)
        return self.provenance.url(self.page(uri))

    def page(self, src_uri: str) -> str:
        """The site path of a page (``plans/x/`` or ``plans/x.html``)."""
        return dest_url(src_uri, self.run.use_directory_urls)

    def href(self, site_path: str, from_file: str) -> str:
        """A link from a file of the site to a site path: absolute when site_url is set."""
        absolute = self.provenance.absolute(site_path)
        if absolute:
            return absolute
        path, _, anchor = site_path.partition("#")
        relative = posixpath.relpath(path or ".", posixpath.dirname(from_file) or ".")
        if path.endswith("/") or not path:
            relative += "/"
        return relative + (f"#{anchor}" if anchor else "")

    # -- one plan ------------------------------------------------------------------------

    def plan(self, plan: Plan) -> tuple[Dataset, list[Table]]:
        present = links.plan_resources(plan)
        dims = columns.plan_dimensions(plan)
        tables: list[Table] = []
        for resource in present:
            schema = columns.table_schema(
                resource, self.hidden, present, dims if resource == "values" else ()
            )
            written = self.out.csv(
                links.resource_csv(plan, resource),
                [f["name"] for f in schema["fields"]],
                columns.rows(schema, columns.records(plan, resource)),
            )
            description = links.RESOURCE_DESCRIPTIONS[resource]
            tables.append(
                Table(resource, f"{resource}.csv", written.title, description, schema, written)
            )
        descriptor = datapackage.plan_package(
            plan, tables, self.provenance, self.page(plan_uri(plan.name)), self.licence(plan)
        )
        descriptor["citation"] = self.cite(plan.title, self.page(plan_uri(plan.name)))
        files = self.package(links.package_zip(plan), links.descriptor(plan), descriptor, tables)
        if links.has_workbook(plan):
            files.append(spreadsheets.plan_workbook(self.out, plan, tables))
        files.extend(self.tidy.per_plan.get(plan.name, ()) if self.tidy else ())
        if links.iati_initiatives(plan):
            files.append(self.iati(plan))
        return self.plan_dataset(plan, tuple(files)), tables

    def package(
        self,
        zipped: Download,
        descriptor_file: Download,
        descriptor: dict[str, Any],
        tables: list[Table],
    ) -> list[Download]:
        """A package's descriptor next to its CSVs, and all of them zipped."""
        written = self.out.json(descriptor_file, descriptor)
        members = [("datapackage.json", self.out.local(written.path))]
        members += [(t.path, self.out.local(t.file.path)) for t in tables]
        return [self.out.zip(zipped, members), written, *(t.file for t in tables)]

    def iati(self, plan: Plan) -> Download:
        target = links.iati_xml(plan).path
        plan_page = self.page(plan_uri(plan.name))

        def initiative_page(initiative: Initiative) -> str:
            return self.href(f"{plan_page}#initiative-{initiative.id}", target)

        def evaluations_of(initiative: Initiative) -> list[Evaluation]:
            return iati.covering(self.data.evaluations, plan, initiative)

        urls = iati.Links(
            initiative=initiative_page,
            result=lambda r: self.href(self.page(result_uri(r.plan, r.id)), target),
            indicator=lambda i: self.href(self.page(indicator_uri(i.plan, i.id)), target),
            evaluation=lambda e: self.href(self.page(evaluation_uri(e.id)), target),
        )
        tree = iati.activities(
            plan,
            links.iati_initiatives(plan),
            evaluations_of,
            self.publisher,
            self.provenance,
            urls,
        )
        return self.out.xml(links.iati_xml(plan), tree)

    def plan_dataset(self, plan: Plan, files: tuple[Download, ...]) -> Dataset:
        reported = [v.reported for i in plan.indicators for v in i.values if v.reported]
        period = None
        if plan.period_start and plan.period_end:
            period = f"{plan.period_start.isoformat()}/{plan.period_end.isoformat()}"
        return Dataset(
            key=f"plan-{plan.name}",
            title=plan.title,
            description=datapackage.plan_description(plan),
            keywords=tuple(datapackage.keywords(plan)),
            modified=max(reported).isoformat() if reported else self.provenance.date,
            files=files,
            landing=self.page(plan_uri(plan.name)),
            license=self.licence(plan),
            temporal=period,
            spatial=plan.country,
            descriptor=links.descriptor(plan).path,
            bureau_codes=plan.bureau_codes,
            program_codes=plan.program_codes,
        )

    # -- evaluations and everything ------------------------------------------------------

    def evaluations(self) -> tuple[Dataset, list[Table]]:
        evaluations = self.data.evaluations
        zipped, descriptor_file, evaluations_csv, recommendations_csv = links.evaluation_downloads()
        tables: list[Table] = []
        found = schemas()
        for download, name, records in (
            (
                evaluations_csv,
                "evaluations",
                evaluation_records(
                    evaluations, lambda e: self.provenance.url(self.page(evaluation_uri(e.id)))
                ),
            ),
            (recommendations_csv, "recommendations", recommendation_records(evaluations)),
        ):
            schema = found[name]
            written = self.out.csv(
                download, [f["name"] for f in schema["fields"]], columns.rows(schema, records)
            )
            description = links.RESOURCE_DESCRIPTIONS[name]
            tables.append(Table(name, f"{name}.csv", download.title, description, schema, written))
        descriptor = datapackage.common(
            links.EVALUATIONS_PACKAGE,
            "Evaluations catalog",
            "Public evaluations: what was evaluated, by whom and when, with every "
            "recommendation and its management response.",
            self.provenance,
            self.page(EVALUATIONS_INDEX_URI),
        )
        descriptor["keywords"] = ["evaluation", "management response", "recommendations"]
        licence = self.licence(None)
        if licence:
            descriptor["licenses"] = [licence.descriptor()]
        descriptor["citation"] = self.cite(descriptor["title"], self.page(EVALUATIONS_INDEX_URI))
        descriptor["resources"] = [datapackage.resource(t, licence) for t in tables]
        files = self.package(zipped, descriptor_file, descriptor, tables)
        dates = [e.published or e.completed for e in evaluations]
        return Dataset(
            key="evaluations",
            title="Evaluations catalog",
            description=descriptor["description"],
            keywords=tuple(descriptor["keywords"]),
            modified=max(dates).isoformat(),
            files=tuple(files),
            landing=self.page(EVALUATIONS_INDEX_URI),
            descriptor=descriptor_file.path,
            license=licence,
        ), tables

    def everything(self, packages: list[tuple[str, list[Table]]]) -> Dataset:
        """All packages in one zip, with a descriptor at the top listing every table."""
        plans = {p.name: p for p in self.data.portfolio.plans}
        resources: list[dict[str, Any]] = []
        members: list[tuple[str, Any]] = []
        licences: dict[str, License] = {}  # of the packages, by title, in order
        for site_dir, tables in packages:
            folder = urls.in_data_zip(site_dir)  # the package's folder inside the zip
            name = folder.rsplit("/", 1)[-1]
            prefix = f"{name}-"
            members.append(
                (f"{folder}/datapackage.json", self.out.local(f"{site_dir}/datapackage.json"))
            )
            plan = plans.get(name) if site_dir != urls.EVALUATIONS_DATA_DIR else None
            licence = self.licence(plan)
            if licence:
                licences.setdefault(licence.descriptor()["title"], licence)
            for table in tables:
                entry = datapackage.resource(table)
                entry.update(
                    name=f"{prefix}{table.name}",
                    path=f"{folder}/{table.path}",
                    schema=columns.prefixed(table.schema, prefix),
                )
                if licence:
                    entry["licenses"] = [licence.descriptor()]
                resources.append(entry)
                members.append((f"{folder}/{table.path}", self.out.local(table.file.path)))
        descriptor = datapackage.common(
            "all-data",
            f"{self.provenance.site_name or self.provenance.publisher}: all data",
            "Every plan's data package"
            + (" and the evaluations catalog" if self.data.evaluations else "")
            + " in one package. Each folder is also a data package of its own.",
            self.provenance,
            self.page(urls.DATA_PAGE_URI),
        )
        descriptor["keywords"] = ["security sector assistance", "results frameworks"]
        if licences:
            descriptor["licenses"] = [licence.descriptor() for licence in licences.values()]
        descriptor["citation"] = self.cite(descriptor["title"], self.page(urls.DATA_PAGE_URI))
        descriptor["ssa"] = {
            "plans": {p.name: datapackage.plan_metadata(p) for p in plans.values()}
        }
        extra = all_data.tidy_resource(self.tidy, licences) if self.tidy else []
        descriptor["resources"] = [*extra, *resources]
        top = self.out.private("all-data/datapackage.json")
        top.write_text(dumps(descriptor), encoding="utf-8")
        members = [*all_data.tidy_members(self.out, self.tidy), *members]
        zipped = self.out.zip(links.all_data_zip(), [("datapackage.json", top), *members])
        files = (
            zipped,
            *all_data.extra_files(
                self.out,
                self.data,
                self.tidy,
                self.provenance,
                (self.page(urls.DATA_PAGE_URI), self.page(urls.CHANGELOG_URI)),
                licences,
            ),
        )
        return Dataset(
            key="all-data",
            title=descriptor["title"],
            description=descriptor["description"],
            keywords=tuple(descriptor["keywords"]),
            modified=self.provenance.date,
            files=files,
            landing=self.page(urls.DATA_PAGE_URI),
            license=next(iter(licences.values())) if len(licences) == 1 else None,
            rights=None
            if len(licences) < 2
            else "Each folder keeps its own licence: "
            + "; ".join(f"{t} ({lic.url or lic.text})" for t, lic in licences.items()),
        )
