"""Statuses of a whole portfolio as of one date: indicators, results, plans, and changes.

A :class:`StatusBoard` is what templates ask ("what is the status of this indicator?"); it
works each answer out once. Results roll up from their own indicators and their children;
plans count their indicators, overall and by objective. A board writes its labels, reasons
and arithmetic in its ``language``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.ratings import (
    ACHIEVED,
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    RATING_LABELS,
    RATINGS,
    StatusSettings,
)
from ssa_site.analysis.status import IndicatorStatus, assess
from ssa_site.analysis.tracking import TrackingRow, crossed, tracking_rows
from ssa_site.base.i18n import ENGLISH, Language

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.model.plan import Indicator, Plan, Portfolio, Result, Value

#: Scores of ratings when results roll up; "no data" does not count.
SCORES = {ACHIEVED: 3, ON_TRACK: 2, AT_RISK: 1, OFF_TRACK: 0}
_BY_SCORE = {2: ON_TRACK, 1: AT_RISK, 0: OFF_TRACK}


@dataclass(frozen=True)
class Tally:
    """How many indicators have each rating."""

    counts: tuple[int, ...] = (0,) * len(RATINGS)  # in the order of RATINGS
    language: Language = field(default=ENGLISH, compare=False, repr=False)  # of the labels

    @classmethod
    def of(cls, ratings: list[str], language: Language = ENGLISH) -> Tally:
        return cls(tuple(ratings.count(r) for r in RATINGS), language)

    def __add__(self, other: Tally) -> Tally:
        counts = tuple(a + b for a, b in zip(self.counts, other.counts, strict=True))
        return Tally(counts, self.language)

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, rating: str) -> int:
        return self.counts[RATINGS.index(rating)]

    def items(self, nonzero: bool = True) -> list[tuple[str, str, int]]:
        """(rating, label, count) in rating order."""
        return [
            (r, self.language.gettext(RATING_LABELS[r]), c)
            for r, c in zip(RATINGS, self.counts, strict=True)
            if c or not nonzero
        ]


@dataclass(frozen=True)
class ResultStatus:
    """A result's rating rolled up from its indicators and child results."""

    rating: str
    tally: Tally  # every indicator in the result's subtree
    score: float | None  # the mean score of the rated inputs
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def label(self) -> str:
        return self.language.gettext(RATING_LABELS[self.rating])


@dataclass(frozen=True)
class PlanStatus:
    rating: str
    tally: Tally
    groups: tuple[tuple[Result, Tally], ...]  # by objective, in hierarchy order
    late: int  # indicators with a late report
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def label(self) -> str:
        return self.language.gettext(RATING_LABELS[self.rating])


@dataclass(frozen=True)
class Change:
    """An indicator or result whose rating differs between two dates."""

    kind: str  # "indicator" or "result"
    entity: Indicator | Result
    before: str
    after: str
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def before_label(self) -> str:
        return self.language.gettext(RATING_LABELS[self.before])

    @property
    def after_label(self) -> str:
        return self.language.gettext(RATING_LABELS[self.after])


def roll_up(ratings: list[str]) -> tuple[str, float | None]:
    """Achieved when every rated input is; else the mean score, halves rounded down."""
    scores = [SCORES[r] for r in ratings if r in SCORES]
    if not scores:
        return NO_DATA, None
    mean = sum(scores) / len(scores)
    if all(s == SCORES[ACHIEVED] for s in scores):
        return ACHIEVED, mean
    rounded = min(2, int(mean + 0.5 - 1e-9) if mean > 0 else 0)
    return _BY_SCORE[rounded], mean


@dataclass(frozen=True, eq=False)
class StatusBoard:
    """Every status of a portfolio as of one date, worked out on demand and kept; its
    labels, reasons and arithmetic are written in ``language``."""

    portfolio: Portfolio
    settings: StatusSettings = field(default_factory=StatusSettings)
    as_of: date | None = None
    language: Language = ENGLISH
    _cache: dict[tuple[str, str, str], Any] = field(default_factory=dict, repr=False)

    def at(self, as_of: date) -> StatusBoard:
        """The same portfolio as it stood on another date (a progress review); kept."""
        key = ("at", as_of.isoformat(), "")
        if key not in self._cache:
            self._cache[key] = StatusBoard(self.portfolio, self.settings, as_of, self.language)
        return self._cache[key]

    @property
    def thresholds(self) -> Any:
        return self.settings.thresholds

    def label(self, rating: str) -> str:
        return self.language.gettext(RATING_LABELS[rating])

    def indicator(self, indicator: Indicator) -> IndicatorStatus:
        key = ("indicator", indicator.plan, indicator.id)
        if key not in self._cache:
            plan = self.portfolio.plan(indicator.plan)
            start = plan.period_start if plan else None
            self._cache[key] = assess(indicator, self.settings, self.as_of, start, self.language)
        return self._cache[key]

    def tracking(self, indicator: Indicator) -> tuple[TrackingRow, ...]:
        """The indicator's tracking table, each period rated as of this board's date."""
        return tracking_rows(indicator, self.indicator(indicator))

    def crossed(self, indicator: Indicator) -> tuple[Value, ...]:
        """Values broken down by several dimensions at once."""
        return crossed(indicator)

    def result(self, result: Result) -> ResultStatus:
        key = ("result", result.plan, result.id)
        if key not in self._cache:
            plan = self.portfolio.plan(result.plan)
            self._cache[key] = (
                self._result(plan, result)
                if plan
                else ResultStatus(NO_DATA, Tally(language=self.language), None, self.language)
            )
        return self._cache[key]

    def _result(self, plan: Plan, result: Result) -> ResultStatus:
        own = [self.indicator(i).rating for i in plan.indicators_of(result.id)]
        children = [self.result(c) for c in plan.children(result.id)]
        rating, score = roll_up(own + [c.rating for c in children])
        tally = Tally.of(own, self.language)
        for child in children:
            tally = tally + child.tally
        return ResultStatus(rating, tally, score, self.language)

    def plan(self, plan: Plan) -> PlanStatus:
        key = ("plan", plan.name, "")
        if key not in self._cache:
            ratings = [self.indicator(i).rating for i in plan.indicators]
            rating, _ = roll_up([self.result(r).rating for r in plan.top_results])
            late = sum(1 for i in plan.indicators if self.indicator(i).late)
            tally = Tally.of(ratings, self.language)
            self._cache[key] = PlanStatus(rating, tally, self._groups(plan), late, self.language)
        return self._cache[key]

    def _groups(self, plan: Plan) -> tuple[tuple[Result, Tally], ...]:
        """Indicators by objective: results one level below the top, each with its subtree.

        Indicators attached to a top-level result itself form that result's group, and a
        plan with one level groups by its top-level results.
        """
        walk = plan.walk()
        deep = any(depth >= 1 for _, depth in walk)
        groups: list[tuple[Result, Tally]] = []
        for result, depth in walk:
            if deep and depth == 0:
                own = [self.indicator(i).rating for i in plan.indicators_of(result.id)]
                tally = Tally.of(own, self.language)
            elif depth == (1 if deep else 0):
                tally = self.result(result).tally
            else:
                continue
            if tally.total:
                groups.append((result, tally))
        return tuple(groups)

    def changes(self, previous: StatusBoard, plan: Plan) -> tuple[Change, ...]:
        """Results, then indicators, whose rating differs from ``previous``'s."""
        found: list[Change] = []
        for result, _ in plan.walk():
            before, after = previous.result(result).rating, self.result(result).rating
            if before != after:
                found.append(Change("result", result, before, after, self.language))
        for indicator in plan.indicators:
            before, after = previous.indicator(indicator).rating, self.indicator(indicator).rating
            if before != after:
                found.append(Change("indicator", indicator, before, after, self.language))
        return tuple(found)
