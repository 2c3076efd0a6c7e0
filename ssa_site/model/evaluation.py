"""Evaluations: the model of an evaluation summary and its recommendations, and its audience.

An evaluation is authored as ``content/evaluations/<id>.md``: front matter (checked by
:mod:`ssa_site.load.evaluations`) and a Markdown body, the public summary.  Nothing here
knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ssa_site.base.vocabulary import N_
from ssa_site.model.plan import Initiative, Portfolio, ResultRef

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

TYPES = ("performance", "impact", "process", "mid-term", "final")
RESPONSES = ("accept", "partial", "reject")
STATUSES = ("open", "in-progress", "done")

#: Words of the codes, English; pages translate them (marked for the catalogs).
TYPE_LABELS = {
    "performance": N_("Performance"),
    "impact": N_("Impact"),
    "process": N_("Process"),
    "mid-term": N_("Mid-term"),
    "final": N_("Final"),
}
RESPONSE_LABELS = {
    "accept": N_("Accepted"),
    "partial": N_("Partly accepted"),
    "reject": N_("Rejected"),
}
STATUS_LABELS = {"open": N_("Open"), "in-progress": N_("In progress"), "done": N_("Done")}

#: How far the recommendations of an evaluation have been acted on, for the index filter.
FOLLOW_UP_LABELS = {
    "overdue": N_("Actions overdue"),
    "open": N_("Actions under way"),
    "done": N_("All actions done"),
    "none-agreed": N_("No actions agreed"),
    "no-recommendations": N_("No recommendations"),
}


@dataclass(frozen=True)
class InitiativeRef:
    """A reference to an initiative of a plan, written ``plan:initiative``."""

    plan: str
    initiative: str

    def __str__(self) -> str:
        return f"{self.plan}:{self.initiative}"


@dataclass(frozen=True)
class Recommendation:
    """A recommendation with its management response and the action taken on it."""

    id: str
    text: str
    response: str  # accept, partial, reject
    action: str | None = None
    due: date | None = None
    status: str = "open"  # open, in-progress, done
    row: int = field(default=0, compare=False)
    internal: bool = False  # visibility: internal; dropped from public builds

    @property
    def is_open(self) -> bool:
        """Accepted (fully or partly) and not yet done: someone still owes an action."""
        return self.response != "reject" and self.status != "done"

    def overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    @property
    def response_label(self) -> str:
        return RESPONSE_LABELS.get(self.response, self.response)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class RecommendationCounts:
    total: int = 0
    accepted: int = 0
    partial: int = 0
    rejected: int = 0
    done: int = 0
    open: int = 0
    overdue: int = 0

    def __add__(self, other: RecommendationCounts) -> RecommendationCounts:
        return RecommendationCounts(
            *(a + b for a, b in zip(_astuple(self), _astuple(other), strict=True))
        )


def _astuple(counts: RecommendationCounts) -> tuple[int, ...]:
    return (
        counts.total,
        counts.accepted,
        counts.partial,
        counts.rejected,
        counts.done,
        counts.open,
        counts.overdue,
    )


def count(recommendations: Iterable[Recommendation], today: date) -> RecommendationCounts:
    items = tuple(recommendations)
    return RecommendationCounts(
        total=len(items),
        accepted=sum(r.response == "accept" for r in items),
        partial=sum(r.response == "partial" for r in items),
        rejected=sum(r.response == "reject" for r in items),
        done=sum(r.status == "done" for r in items),
        open=sum(r.is_open for r in items),
        overdue=sum(r.overdue(today) for r in items),
    )


@dataclass(frozen=True)
class Evaluation:
    """An evaluation summary: what was evaluated, by whom, and what was recommended."""

    id: str
    title: str
    type: str
    evaluator: str
    completed: date
    plans: tuple[str, ...] = ()  # every plan covered, those of results/initiatives included
    results: tuple[ResultRef, ...] = ()
    initiatives: tuple[InitiativeRef, ...] = ()
    independent: bool | None = None
    published: date | None = None
    report_url: str | None = None
    questions: tuple[str, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    internal: bool = False
    body: str = field(default="", compare=False)
    src_uri: str = field(default="", compare=False)  # relative to the docs dir
    display_path: str = field(default="", compare=False)  # relative to the project root
    #: Its text is the default language's, in a build of another language.
    fallback: bool = field(default=False, compare=False)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, self.type)

    def counts(self, today: date) -> RecommendationCounts:
        return count(self.recommendations, today)

    def follow_up(self, today: date) -> str:
        """One key of :data:`FOLLOW_UP_LABELS`."""
        counts = self.counts(today)
        if not counts.total:
            return "no-recommendations"
        if counts.overdue:
            return "overdue"
        if counts.open:
            return "open"
        if counts.rejected == counts.total:
            return "none-agreed"
        return "done"

    def covers(self, plan: str, result: str | None = None, initiative: str | None = None) -> bool:
        if result is not None:
            return ResultRef(plan, result) in self.results
        if initiative is not None:
            return InitiativeRef(plan, initiative) in self.initiatives
        return plan in self.plans


def sort_key(evaluation: Evaluation) -> tuple[int, str]:
    """Most recently completed first, then by id: a stable order for every list."""
    return (-evaluation.completed.toordinal(), evaluation.id)


def covering(
    evaluations: Iterable[Evaluation],
    plan: str,
    result: str | None = None,
    initiative: str | None = None,
) -> tuple[Evaluation, ...]:
    """The evaluations that name a plan, or one of its results or initiatives."""
    return tuple(e for e in evaluations if e.covers(plan, result, initiative))


def for_audience(evaluations: Iterable[Evaluation], portfolio: Portfolio) -> tuple[Evaluation, ...]:
    """What the portfolio's audience may see, most recent first.

    Public: internal evaluations go, and so does one whose plans are all internal; from the
    others, references to plans, results and initiatives the public cannot see are dropped,
    and so are internal recommendations.
    """
    ordered = sorted(evaluations, key=sort_key)
    if portfolio.is_internal:
        return tuple(ordered)
    visible: list[Evaluation] = []
    for evaluation in ordered:
        plans = tuple(p for p in evaluation.plans if portfolio.plan(p) is not None)
        if evaluation.internal or not plans:
            continue
        results = tuple(r for r in evaluation.results if portfolio.resolve(r) is not None)
        initiatives = tuple(
            ref
            for ref in evaluation.initiatives
            if any(i.id == ref.initiative for i in _plan_initiatives(portfolio, ref.plan))
        )
        recommendations = tuple(r for r in evaluation.recommendations if not r.internal)
        visible.append(
            replace(
                evaluation,
                plans=plans,
                results=results,
                initiatives=initiatives,
                recommendations=recommendations,
            )
        )
    return tuple(visible)


def _plan_initiatives(portfolio: Portfolio, name: str) -> tuple[Initiative, ...]:
    plan = portfolio.plan(name)
    return plan.initiatives if plan else ()


def open_recommendations(
    evaluations: Iterable[Evaluation],
) -> tuple[tuple[Evaluation, Recommendation], ...]:
    """Accepted recommendations not yet done, soonest due first (undated last)."""
    found = [(e, r) for e in evaluations for r in e.recommendations if r.is_open]
    return tuple(
        sorted(
            found,
            key=lambda pair: (pair[1].due is None, pair[1].due or pair[0].completed, pair[0].id),
        )
    )
