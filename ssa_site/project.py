"""Load a whole site project (data packages and narratives) for one audience.

This is the core's entry point: the MkDocs plugin and the CLI both call :func:`load_site`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from ssa_site.analysis.asof import EPOCH, AsOf, reference_date, status_date
from ssa_site.analysis.quality import QualityOptions, QualityReport, check_quality
from ssa_site.base.problems import Problem, Problems, ProblemType, Severity
from ssa_site.cache import store as cache
from ssa_site.cache.store import tree_digest
from ssa_site.load.checks import check_plans
from ssa_site.load.evaluations import check_publication, load_evaluations
from ssa_site.load.localized import check_translated_pages
from ssa_site.load.narratives import (
    Narrative,
    check_pages,
    filter_internal_blocks,
    find_narratives,
)
from ssa_site.load.package import display
from ssa_site.load.plans import load_plans
from ssa_site.load.releases import load_releases
from ssa_site.load.reviews import Review, find_reviews
from ssa_site.load.reviews import for_audience as reviews_for_audience
from ssa_site.model import evaluation as evaluation_model
from ssa_site.model.plan import PUBLIC, Plan, Portfolio
from ssa_site.model.translated import in_language
from ssa_site.model.visibility import DEFAULT_INTERNAL_FIELDS, for_audience

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date
    from pathlib import Path

    from ssa_site.model.evaluation import Evaluation, Recommendation
    from ssa_site.model.release import Release

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

ID_NOT_URL_SAFE = ProblemType(
    "id-not-url-safe",
    "Id unusable in a web address",
    "'{id}' cannot be used in a web address",
    "use up to 64 letters, digits, '.', '-' and '_', starting with a letter or digit",
)


@dataclass(frozen=True)
class PublicData:
    """What every download is made from: the public view of plans and evaluations,
    whatever the audience of the build."""

    portfolio: Portfolio
    evaluations: tuple[Evaluation, ...]
    releases: tuple[Release, ...] = ()  # the data releases of the project, oldest first
    today: date = EPOCH  # the status date of the public data (the downloads' statuses)


@dataclass(frozen=True)
class SiteView:
    """What one audience may see, and all that pages, charts and downloads are made from.

    Generators and templates get this, never :class:`Site`: in a public build nothing
    internal can be reached from it (``tests/output/test_template_context.py``).
    """

    portfolio: Portfolio  # the audience's plans
    narratives: tuple[Narrative, ...] = ()  # the audience's narratives
    evaluations: tuple[Evaluation, ...] = ()  # the audience's evaluations, newest first
    reviews: tuple[Review, ...] = ()  # the audience's progress reviews, by plan and date
    #: The public view, whatever the audience: downloads are public in every build.
    public: PublicData = field(default_factory=lambda: PublicData(Portfolio(()), ()))
    internal_fields: tuple[str, ...] = DEFAULT_INTERNAL_FIELDS  # blanked for the public
    today: date = EPOCH  # "today" for overdue checks: see ssa_site.analysis.asof
    #: Plan quality findings: in internal builds only (empty for the public).
    quality: QualityReport = field(default_factory=QualityReport)
    data_fingerprint: str = ""  # digest of every file of the data folder (cache keys)

    @property
    def internal(self) -> bool:
        return self.portfolio.is_internal

    def evaluations_of(
        self, plan: str, result: str | None = None, initiative: str | None = None
    ) -> tuple[Evaluation, ...]:
        """The audience's evaluations naming a plan, or one of its results or initiatives."""
        return evaluation_model.covering(
            self._evaluations_by_plan.get(plan, ()), plan, result, initiative
        )

    @cached_property
    def _evaluations_by_plan(self) -> dict[str, tuple[Evaluation, ...]]:
        """Evaluations by every plan they name (a page looks up its own plan's only)."""
        grouped: dict[str, list[Evaluation]] = {}
        for e in self.evaluations:
            named = {*e.plans, *(r.plan for r in e.results), *(i.plan for i in e.initiatives)}
            for plan in named:
                grouped.setdefault(plan, []).append(e)
        return {k: tuple(v) for k, v in grouped.items()}

    def open_recommendations(self, plan: str) -> tuple[tuple[Evaluation, Recommendation], ...]:
        """Accepted, not yet done recommendations of the evaluations of a plan."""
        return evaluation_model.open_recommendations(self.evaluations_of(plan))

    def narrative(self, plan: str, result: str | None = None) -> Narrative | None:
        return self._narratives_by_subject.get((plan, result))

    @cached_property
    def _narratives_by_subject(self) -> dict[tuple[str, str | None], Narrative]:
        found: dict[tuple[str, str | None], Narrative] = {}
        for n in self.narratives:
            found.setdefault((n.plan, n.result), n)  # the first, as a scan would find
        return found


@dataclass(frozen=True)
class Site:
    """A loaded site project: every plan and evaluation (internal included, for checks
    and authors), every problem found, and the view of the build's audience."""

    plans: tuple[Plan, ...]  # every plan, internal content included, for checks
    problems: tuple[Problem, ...]
    view: SiteView  # what the audience may see: the only thing pages are made from
    all_evaluations: tuple[Evaluation, ...] = ()  # every evaluation, internal too, for checks
    #: Plan quality findings on every plan, internal included (for authors).
    quality: QualityReport = field(default_factory=QualityReport)
    #: The status date ("today", ``view.today``) and what set it, for the build log.
    as_of: AsOf = field(default_factory=lambda: AsOf(EPOCH, ""))
    #: The build's date (pages in the sitemap): SOURCE_DATE_EPOCH or the data, never the
    #: option as_of, which pins the status date only (see ssa_site.analysis.asof).
    built: date = EPOCH

    @property
    def portfolio(self) -> Portfolio:
        return self.view.portfolio

    @property
    def narratives(self) -> tuple[Narrative, ...]:
        return self.view.narratives

    @property
    def evaluations(self) -> tuple[Evaluation, ...]:
        return self.view.evaluations

    @property
    def reviews(self) -> tuple[Review, ...]:
        return self.view.reviews

    @property
    def today(self) -> date:
        return self.view.today

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Warnings (they fail ``mkdocs build --strict``); not the notices."""
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _check_ids(plans: list[Plan], problems: Problems) -> None:
    """Ids become parts of URLs and file names: keep them to a safe alphabet."""
    for plan in plans:
        for resource, entities in (
            ("results", plan.results),
            ("indicators", plan.indicators),
            ("initiatives", plan.initiatives),
        ):
            for entity in entities:
                if not _ID.match(entity.id) or len(entity.id) > 64:
                    problems.add(
                        ID_NOT_URL_SAFE,
                        plan.resource_path(resource),
                        entity.row,
                        "id",
                        id=entity.id[:80],
                    )


def _checked(plans: list[Plan], root: Path, data_dir: Path, fingerprint: str) -> list[Problem]:
    """The cross-checks of the plans; as they depend only on the data, kept in the cache."""

    def check() -> list[Problem]:
        found = Problems()
        check_plans(plans, found)
        return found.items

    if not fingerprint:
        return check()
    entry = cache.key(cache.CHECK_CODE, "checks", display(data_dir, root), fingerprint)
    return list(cache.computed(cache.base_dir(root), "checks", entry, check))


_T = TypeVar("_T", Narrative, Review, "Evaluation")
_SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(Severity)}


def _errors_first(problems: list[Problem]) -> tuple[Problem, ...]:
    """Errors, then warnings, then notices, each in the order found (a stable sort)."""
    return tuple(sorted(problems, key=lambda p: _SEVERITY_ORDER[p.severity]))


def _imported_report_only(plans: list[Plan], problems: list[Problem]) -> list[Problem]:
    """Warnings about the files of an imported plan (``ssa.imported``) are notices: the
    data is as its publisher wrote it; once its author removes ``ssa.imported``, they count."""
    folders = tuple(f"{plan.directory}/" for plan in plans if plan.imported)
    if not folders:
        return problems
    return [
        dataclasses.replace(p, severity=Severity.NOTICE)
        if p.severity is Severity.WARNING and p.path.startswith(folders)
        else p
        for p in problems
    ]


def _without_internal_passages(texts: tuple[_T, ...]) -> tuple[_T, ...]:
    """Narratives, reviews or evaluations with their ``/// internal`` passages dropped."""
    return tuple(
        dataclasses.replace(t, body=filter_internal_blocks(t.body, internal=False)) for t in texts
    )


def _with_releases(fingerprint: str, releases: tuple[Release, ...]) -> str:
    """The data's digest, and the releases' when there are some (every cache keyed by the
    data then sees a release added)."""
    if not fingerprint or not releases:
        return fingerprint
    names = "".join(f"{r.name}:{r.digest};" for r in releases)
    return hashlib.sha256(f"{fingerprint};{names}".encode()).hexdigest()


def load_site(
    root: Path,
    data_dir: Path,
    docs_dir: Path,
    audience: str,
    internal_fields: tuple[str, ...] | list[str] = DEFAULT_INTERNAL_FIELDS,
    evaluation_publication_days: int | None = 90,
    quality: QualityOptions | None = None,
    as_of: date | None = None,
    language: str = "",
    languages: tuple[str, ...] = (),
) -> Site:
    """Load, validate and filter a site project. Check ``Site.errors`` before using it.

    ``as_of`` pins the status date (the plugin option); see ssa_site.analysis.asof.
    ``language``: the build's, one of ``languages`` (the option; the first is the
    default): narratives, reviews and evaluations are read in it where translated."""
    problems = Problems()
    fingerprint = tree_digest(data_dir) if data_dir.is_dir() else ""
    plans = load_plans(data_dir, root, problems)
    releases = load_releases(root, problems)
    _check_ids(plans, problems)
    problems.extend(_checked(plans, root, data_dir, fingerprint))
    if languages and language and language != languages[0]:
        # Titles and texts in the build's language where the data translates them.
        plans = [in_language(plan, language) for plan in plans]
    full = Portfolio(plans=tuple(plans), audience="internal")
    narratives = find_narratives(docs_dir, root, full, problems, language, languages)
    check_pages(docs_dir, root, problems)
    check_translated_pages(docs_dir, root, problems, languages)
    reviews = find_reviews(docs_dir, root, full, problems, language, languages)
    portfolio = for_audience(plans, audience, internal_fields)
    all_evaluations = load_evaluations(docs_dir, root, full, problems, language, languages)
    check_publication(all_evaluations, full, evaluation_publication_days, problems)
    evaluations = evaluation_model.for_audience(all_evaluations, portfolio)
    # Quality looks at every plan, internal content included: its findings are for authors.
    late_as_of = as_of or reference_date(full, all_evaluations)
    quality_report = check_quality(
        plans,
        all_evaluations,
        None if late_as_of == EPOCH else late_as_of,
        quality,
        left_out=problems.left_out,
    )
    visible = tuple(
        n
        for n in narratives
        if portfolio.is_internal
        or (
            not n.internal
            and (plan := portfolio.plan(n.plan)) is not None
            and (n.result is None or plan.result(n.result) is not None)
        )
    )
    audience_reviews = reviews_for_audience(reviews, portfolio)
    if portfolio.is_internal:
        public_portfolio = for_audience(plans, PUBLIC, internal_fields)
        public_evaluations = evaluation_model.for_audience(all_evaluations, public_portfolio)
        public = PublicData(public_portfolio, _without_internal_passages(public_evaluations))
    else:
        # Internal passages of the public's narratives go now: nothing later can show them.
        visible = _without_internal_passages(visible)
        evaluations = _without_internal_passages(evaluations)
        audience_reviews = _without_internal_passages(audience_reviews)
        public = PublicData(portfolio, evaluations)
    today = status_date(portfolio, evaluations, as_of)
    public = dataclasses.replace(
        public,
        releases=releases,
        today=status_date(public.portfolio, public.evaluations, as_of).day,
    )
    view = SiteView(
        portfolio=portfolio,
        narratives=visible,
        evaluations=evaluations,
        reviews=audience_reviews,
        public=public,
        internal_fields=tuple(internal_fields),
        today=today.day,
        quality=quality_report if portfolio.is_internal else QualityReport(),
        data_fingerprint=_with_releases(fingerprint, releases),
    )
    return Site(
        plans=tuple(plans),
        problems=_errors_first(_imported_report_only(plans, problems.items)),
        view=view,
        all_evaluations=tuple(all_evaluations),
        quality=quality_report,
        as_of=today,
        built=today.day if as_of is None else reference_date(portfolio, evaluations),
    )


def with_problems_of(site: Site, others: Iterable[Site]) -> Site:
    """``site`` with the problems the other languages' loads found in their own files
    (translations), each once: a build and ``validate`` check every language up front."""
    seen = {str(p) for p in site.problems}
    extra: list[Problem] = []
    for other in others:
        for problem in other.problems:
            if str(problem) not in seen:
                seen.add(str(problem))
                extra.append(problem)
    return dataclasses.replace(site, problems=(*site.problems, *extra)) if extra else site
