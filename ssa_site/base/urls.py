"""Every address of the site: pages, files, anchors, and where authored pages live.

Pages are named by their source path (``src_uri``, as MkDocs names files); MkDocs turns
it into a URL (:func:`dest_url` says how, for both ``use_directory_urls`` settings).
Generated files (charts, the map, downloads) are named by their path in the site. Code
and templates take every address from here (templates get this module as the ``urls``
global and a :class:`Linker` as ``link``), never spell one.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import date


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _InPlan(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def plan(self) -> str: ...


# Authored pages, in the docs folder (content/).
HOME_URI = "index.md"
ABOUT_URI = "about.md"  # the site's own About page, if it has one
PLANS_DIR = "plans"  # plans/<plan>/index.md and plans/<plan>/<result>.md: narratives
REVIEWS_DIR = "reviews"  # reviews/<plan>/<YYYY-MM-DD>.md: progress review narratives
EVALUATIONS_DIR = "evaluations"  # evaluations/<id>.md: evaluation summaries
RELEASES_DIR = "releases"  # releases/<YYYY-MM-DD>/: data releases, in the project (not docs)

# Pages, generated or authored.
PLANS_INDEX_URI = "plans/index.md"
EVALUATIONS_INDEX_URI = "evaluations/index.md"
ALIGNMENT_URI = "alignment.md"
QUALITY_URI = "quality.md"  # internal builds only
GLOSSARY_URI = "glossary.md"
METHOD_INDEX_URI = "method/index.md"
STATUS_METHOD_URI = "method/status.md"
DATA_PAGE_URI = "data/index.md"
CHANGELOG_URI = "data/changelog.md"  # the data releases and what each changed


def plan_uri(plan: str) -> str:
    return f"{PLANS_DIR}/{plan}/index.md"


def result_uri(plan: str, result: str) -> str:
    return f"{PLANS_DIR}/{plan}/results/{result}.md"


def indicator_uri(plan: str, indicator: str) -> str:
    return f"{PLANS_DIR}/{plan}/indicators/{indicator}.md"


def logic_model_uri(plan: str) -> str:
    return f"{PLANS_DIR}/{plan}/logic-model.md"


def review_uri(plan: str, when: date) -> str:
    return f"{PLANS_DIR}/{plan}/reviews/{when.isoformat()}.md"


def evaluation_uri(evaluation: str) -> str:
    return f"{EVALUATIONS_DIR}/{evaluation}.md"


def evaluation_source(evaluation: str) -> str:
    """Where the summary of an evaluation is written, in the docs folder."""
    return f"{EVALUATIONS_DIR}/{evaluation}.md"


def is_review_source(src_uri: str) -> bool:
    """Authored review files, which generated review pages replace."""
    return src_uri.startswith(f"{REVIEWS_DIR}/") and src_uri.endswith(".md")


def is_taken_source(src_uri: str) -> bool:
    """Authored pages the plugin takes instead of building them as they are: narratives
    (folded into plan and result pages), review narratives (review pages) and evaluation
    summaries (rebuilt from their front matter; the index's own ``index.md`` included,
    as the intro of the generated index)."""
    return (
        (src_uri.startswith(f"{PLANS_DIR}/") and src_uri != PLANS_INDEX_URI)
        or is_review_source(src_uri)
        or (src_uri.count("/") == 1 and src_uri.startswith(f"{EVALUATIONS_DIR}/"))
    )


# Anchors of places on pages that other pages link to.
def initiative_anchor(initiative: str) -> str:
    """An initiative's row on its plan's page and on its results' pages."""
    return f"initiative-{initiative}"


def country_anchor(code: str) -> str:
    """A country's group on the plans index (and its row in the map's table)."""
    return f"country-{code.lower()}"


def dataset_anchor(key: str) -> str:
    """A dataset on the Data page: ``plan-<plan>``, or ``evaluations``."""
    return key


def plan_dataset(plan: str) -> str:
    """The key of a plan's dataset (its anchor on the Data page, its catalog entry)."""
    return f"plan-{plan}"


EVALUATIONS_DATASET = "evaluations"


# Files: charts, the map, downloads (paths in the site).
MAP_PATH = "assets/maps/portfolio.svg"


def slug(text: str) -> str:
    """``text`` made safe for a file name."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return cleaned[:80] or "chart"


CHARTS_ROOT = "assets/charts"


def charts_dir(plan: str) -> str:
    return f"{CHARTS_ROOT}/{slug(plan)}"


def indicator_chart_path(plan: str, indicator: str) -> str:
    return f"{charts_dir(plan)}/indicators/{slug(indicator)}.svg"


def breakdown_chart_path(plan: str, indicator: str, dimension: str) -> str:
    """``dimension``: the breakdown's slug (see ssa_site.charts.specs.dimension_slugs)."""
    return f"{charts_dir(plan)}/indicators/{slug(indicator)}/by-{dimension}.svg"


def status_chart_path(plan: str, review: str = "") -> str:
    """A plan's status chart: as of the build, or of a review (its date)."""
    return f"{charts_dir(plan)}/" + (f"reviews/{slug(review)}.svg" if review else "status.svg")


#: Charts drawn for phones: the same paths under their own root (no name can collide).
PHONE_CHARTS_ROOT = "assets/charts-phone"
PHONE_MAP_PATH = "assets/maps/portfolio-phone.svg"


def phone_chart_path(path: str) -> str:
    """The phone-sized drawing of the chart (or map) at ``path``."""
    if path == MAP_PATH:
        return PHONE_MAP_PATH
    return PHONE_CHARTS_ROOT + "/" + path.removeprefix(CHARTS_ROOT + "/")


#: Embed pages: an indicator's chart with its figures, source and licence, made to be shown
#: in another site's iframe. Plain HTML files (no theme), beside no page of the site.
EMBEDS_ROOT = "embed"


def indicator_embed_path(plan: str, indicator: str) -> str:
    return f"{EMBEDS_ROOT}/{slug(plan)}/{slug(indicator)}.html"


#: The stylesheet a generated plain project adds for other engines' themes
#: (ssa_site.build.generate_project).
ENGINES_CSS = "assets/stylesheets/ssa-engines.css"
CATALOG_PATH = "data.json"
ALL_DATA_ZIP = "data/all-data.zip"
EVALUATIONS_DATA_DIR = "data/evaluations"


def is_shared_file(site_path: str) -> bool:
    """Files every language of a site shares, written once at the site root by the default
    language's build: the downloads and the catalog (their data is in no language)."""
    return site_path == CATALOG_PATH or site_path.startswith("data/")


def in_data_zip(site_dir: str) -> str:
    """A folder of downloads (``data/plans/<plan>``) as it is named in all-data.zip."""
    return site_dir.removeprefix("data/")


def plan_data_dir(plan: str) -> str:
    """The folder of a plan's downloads: its zipped and unzipped data package."""
    return f"data/plans/{plan}"


def plan_package_zip(plan: str) -> str:
    return f"{plan_data_dir(plan)}/{plan}.zip"


def plan_descriptor(plan: str) -> str:
    return f"{plan_data_dir(plan)}/datapackage.json"


def resource_csv(plan: str, resource: str) -> str:
    return f"{plan_data_dir(plan)}/{resource}.csv"


def iati_xml(plan: str) -> str:
    return f"{plan_data_dir(plan)}/iati-activities.xml"


def indicator_csv(plan: str, indicator: str) -> str:
    return f"{plan_data_dir(plan)}/indicators/{indicator}.csv"


def evaluations_file(name: str) -> str:
    """A file of the evaluations catalog (``evaluations.zip``, ``datapackage.json``…)."""
    return f"{EVALUATIONS_DATA_DIR}/{name}"


#: Every public value in one table (and as a workbook).
TIDY_CSV = "data/all-values.csv"
TIDY_XLSX = "data/all-values.xlsx"
TIDY_DESCRIPTOR = "data/all-values.datapackage.json"  # its Table Schema, beside it
RELEASES_DATA_DIR = "data/releases"


def indicator_json(plan: str, indicator: str) -> str:
    """One indicator's reference sheet, values and statuses as JSON."""
    return f"{plan_data_dir(plan)}/indicators/{indicator}.json"


def plan_workbook(plan: str) -> str:
    return f"{plan_data_dir(plan)}/{plan}.xlsx"


def release_zip(day: str) -> str:
    """A data release (``day``: its date, YYYY-MM-DD) as a zipped data package."""
    return f"{RELEASES_DATA_DIR}/{day}/release-{day}.zip"


def release_changes_csv(day: str) -> str:
    """What a release changed from the one before it."""
    return f"{RELEASES_DATA_DIR}/{day}/changes.csv"


def release_anchor(day: str) -> str:
    """A release on the changelog page."""
    return f"release-{day}"


def dataset_landing(key: str) -> str:
    """The place of a dataset on the Data page (its identifier in data.json)."""
    return f"{dest_url(DATA_PAGE_URI)}#{dataset_anchor(key)}"


def dest_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL of a page relative to the site root, as MkDocs writes it (``File.url``)."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        directory = posixpath.dirname(stem)
        if use_directory_urls:
            return f"{directory}/" if directory else ""
        return f"{directory}/index.html" if directory else "index.html"
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@dataclass(frozen=True)
class Linker:
    """Relative hrefs from one page (``src_uri``) to others."""

    src_uri: str
    use_directory_urls: bool = True
    at_file: str = ""  # links from a static HTML file at this site path instead of a page
    #: From a language's own pages (under /fr/) to the files all languages share at the
    #: site root (is_shared_file): "../"; "" in the default language.
    shared_root: str = ""

    @classmethod
    def from_file(
        cls, site_path: str, use_directory_urls: bool = True, shared_root: str = ""
    ) -> Linker:
        """Relative hrefs from a static HTML file (an embed page) written at ``site_path``."""
        return cls("", use_directory_urls, site_path, shared_root)

    def _base(self) -> str:
        if self.at_file:
            return posixpath.dirname(self.at_file) or "."
        here = dest_url(self.src_uri, self.use_directory_urls)
        if here == "" or here.endswith("/"):
            return here.rstrip("/") or "."
        return posixpath.dirname(here) or "."

    def to(self, target_uri: str, anchor: str = "") -> str:
        there = dest_url(target_uri, self.use_directory_urls)
        if there == "" or there.endswith("/"):  # use_directory_urls: a folder
            relative = posixpath.relpath(there.rstrip("/") or ".", self._base())
            relative = "./" if relative == "." else relative + "/"
        else:
            relative = posixpath.relpath(there, self._base())
        return relative + (f"#{anchor}" if anchor else "")

    def file(self, site_path: str) -> str:
        """Link to a static file written at ``site_path`` (relative to the site root)."""
        if self.shared_root and is_shared_file(site_path):
            site_path = self.shared_root + site_path
        return posixpath.relpath(site_path, self._base())

    def page(self, src_uri: str, anchor: str = "") -> str:
        return self.to(src_uri, anchor)

    def home(self) -> str:
        return self.to(HOME_URI)

    def plan(self, plan: _Named | str, anchor: str = "") -> str:
        return self.to(plan_uri(plan if isinstance(plan, str) else plan.name), anchor)

    def plans(self, anchor: str = "") -> str:
        return self.to(PLANS_INDEX_URI, anchor)

    def result(self, result: _InPlan, anchor: str = "") -> str:
        return self.to(result_uri(result.plan, result.id), anchor)

    def indicator(self, indicator: _InPlan) -> str:
        return self.to(indicator_uri(indicator.plan, indicator.id))

    def embed(self, indicator: _InPlan) -> str:
        """The embed page of an indicator's chart."""
        return self.file(indicator_embed_path(indicator.plan, indicator.id))

    def review(self, plan: str, when: date) -> str:
        return self.to(review_uri(plan, when))

    def evaluation(self, evaluation: str | _HasId, anchor: str = "") -> str:
        key = evaluation if isinstance(evaluation, str) else evaluation.id
        return self.to(evaluation_uri(key), anchor)

    def evaluations(self) -> str:
        return self.to(EVALUATIONS_INDEX_URI)

    def initiative(self, plan: str, initiative: str) -> str:
        """Initiatives are rows of their plan's page."""
        return self.to(plan_uri(plan), initiative_anchor(initiative))

    def logic_model(self, plan: _Named | str) -> str:
        return self.to(logic_model_uri(plan if isinstance(plan, str) else plan.name))

    def alignment(self, anchor: str = "") -> str:
        return self.to(ALIGNMENT_URI, anchor)

    def glossary(self, anchor: str = "") -> str:
        return self.to(GLOSSARY_URI, anchor)

    def method(self) -> str:
        return self.to(METHOD_INDEX_URI)

    def status_method(self, anchor: str = "") -> str:
        return self.to(STATUS_METHOD_URI, anchor)

    def data_page(self, anchor: str = "") -> str:
        return self.to(DATA_PAGE_URI, anchor)

    def changelog(self, anchor: str = "") -> str:
        return self.to(CHANGELOG_URI, anchor)
