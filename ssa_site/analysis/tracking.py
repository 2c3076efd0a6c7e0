"""The Indicator Tracking Table of an indicator: one row per period, and its breakdowns.

Pure data for the templates: baseline, target and actual side by side, with the variance,
the share of the target (written in the status's language) and the period's status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ssa_site.analysis.arithmetic import percent
from ssa_site.base.i18n import ENGLISH

if TYPE_CHECKING:
    from ssa_site.analysis.status import Assessment, IndicatorStatus
    from ssa_site.base.i18n import Language
    from ssa_site.base.periods import Period
    from ssa_site.model.plan import Indicator, Value


@dataclass(frozen=True)
class TrackingRow:
    """One period of the tracking table (total values only)."""

    period: Period
    baseline: Value | None
    target: Value | None
    actual: Value | None
    assessment: Assessment | None
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def variance(self) -> float | None:
        """Actual minus this period's own target."""
        if self.actual is None or self.target is None:
            return None
        if self.actual.value is None or self.target.value is None:
            return None
        return self.actual.value - self.target.value

    @property
    def percent_of_target(self) -> str:
        """Actual as a share of this period's own target."""
        if self.actual is None or self.target is None:
            return ""
        actual, target = self.actual.value, self.target.value
        if actual is None or target is None or target == 0:
            return ""
        return percent(actual / target, self.language)

    @property
    def values(self) -> tuple[Value, ...]:
        return tuple(v for v in (self.baseline, self.target, self.actual) if v is not None)

    @property
    def comments(self) -> tuple[tuple[str, str], ...]:
        return tuple((v.kind, v.comment) for v in self.values if v.comment)


def tracking_rows(indicator: Indicator, status: IndicatorStatus) -> tuple[TrackingRow, ...]:
    """Every period with a total value, in time order."""
    periods = sorted({v.period for v in indicator.totals}, key=lambda p: (p.end, p.start))
    rows = []
    for period in periods:
        found = {v.kind: v for v in indicator.totals if v.period == period}
        rows.append(
            TrackingRow(
                period,
                found.get("baseline"),
                found.get("target"),
                found.get("actual"),
                status.for_period(period),
                status.language,
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class Breakdown:
    """The values of one disaggregation dimension: a grid of period and kind by category."""

    dimension: str
    categories: tuple[str, ...]
    rows: tuple[tuple[Period, str, tuple[Value | None, ...]], ...]  # period, kind, cells

    @property
    def has_comments(self) -> bool:
        return any(v is not None and v.comment for _, _, cells in self.rows for v in cells)


def breakdowns(indicator: Indicator) -> tuple[Breakdown, ...]:
    """One breakdown per dimension, from the values broken down by that dimension alone."""
    found = []
    for dimension in indicator.dimensions:
        values = [
            v
            for v in indicator.values
            if len(v.dimensions) == 1 and v.dimensions[0][0] == dimension
        ]
        if not values:
            continue
        categories: list[str] = []
        for value in values:
            if value.dimensions[0][1] not in categories:
                categories.append(value.dimensions[0][1])
        order = {"baseline": 0, "target": 1, "actual": 2}
        keys = sorted(
            {(v.period, v.kind) for v in values},
            key=lambda k: (k[0].end, k[0].start, order.get(k[1], 3)),
        )
        first: dict[tuple[Period, str, str], Value] = {}  # the first value of each cell
        for v in values:
            first.setdefault((v.period, v.kind, v.dimensions[0][1]), v)
        rows = []
        for period, kind in keys:
            cells = tuple(first.get((period, kind, c)) for c in categories)
            rows.append((period, kind, cells))
        found.append(Breakdown(dimension, tuple(categories), tuple(rows)))
    return tuple(found)


def crossed(indicator: Indicator) -> tuple[Value, ...]:
    """Values broken down by several dimensions at once, listed as they are."""
    return tuple(v for v in indicator.values if len(v.dimensions) > 1)
