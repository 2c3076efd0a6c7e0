"""What each chart of the site shows: indicator trends, breakdowns and status summaries.

Builders return a :class:`~ssa_site.charts.Chart` (or ``None`` when there is nothing to
draw). Templates call them to link and describe a chart; the chart generator calls the
same builders to draw it, so a page never links a chart that was not drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import RATING_LABELS, RATINGS
from ssa_site.analysis.tracking import Breakdown, breakdowns
from ssa_site.base import urls
from ssa_site.base.dates import day
from ssa_site.base.urls import slug
from ssa_site.charts.svg import (
    ACTUAL_COLOUR,
    BAR,
    BASELINE_COLOUR,
    LINE,
    OKABE_ITO,
    STACKED_HBAR,
    TARGET_COLOUR,
    Chart,
    Series,
)
from ssa_site.model.plan import Indicator, Plan, format_number

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.analysis.rollup import PlanStatus, StatusBoard

RATING_COLOURS = {
    "achieved": "#009E73",
    "on-track": "#0072B2",
    "at-risk": "#E69F00",
    "off-track": "#D55E00",
    "no-data": "#8c8c8c",
}
assert set(RATING_COLOURS) == set(RATINGS)


def indicator_chart(indicator: Indicator) -> Chart | None:
    """Baseline, targets and actuals over time; None for qualitative or empty indicators."""
    if indicator.qualitative:
        return None
    numeric = [v for v in indicator.totals if v.value is not None]
    if not numeric:
        return None
    periods = sorted({v.period for v in numeric}, key=lambda p: (p.end, p.start))
    baseline = next((v for v in reversed(numeric) if v.kind == "baseline"), None)
    series: list[Series] = []
    for kind, name, colour, extra in (
        ("actual", "Actual", ACTUAL_COLOUR, {"width": 3.0}),
        ("target", "Target", TARGET_COLOUR, {"dash": "8,5", "hollow": True}),
    ):
        found = {v.period: v.value for v in numeric if v.kind == kind}
        if not found:
            continue
        if baseline is not None and baseline.period not in found:
            found[baseline.period] = baseline.value  # lines start from the baseline
        values = tuple(found.get(p) for p in periods)
        series.append(Series(name, values, colour, **extra))
    if baseline is not None and baseline.value is not None:
        series.append(
            Series(
                f"Baseline ({baseline.period.label})",
                (baseline.value,) * len(periods),
                BASELINE_COLOUR,
                dash="2,4",
                dots=False,
            )
        )
    numbers = [float(v.value) for v in numeric if v.value is not None]
    return Chart(
        path=urls.indicator_chart_path(indicator.plan, indicator.id),
        kind=LINE,
        title=f"{indicator.id} {indicator.title}",
        description=_trend_description(indicator, numeric),
        x_labels=tuple(p.label for p in periods),
        series=tuple(series),
        y_title=indicator.unit,
        y_range=_padded(numbers),
    )


def _trend_description(indicator: Indicator, numeric: list) -> str:
    parts = [f"Line chart of {indicator.id} {indicator.title} ({indicator.unit}) by period."]
    for kind, label in (("baseline", "Baseline"), ("target", "Targets"), ("actual", "Actuals")):
        items = [f"{format_number(v.value)} in {v.period.label}" for v in numeric if v.kind == kind]
        if items:
            parts.append(f"{label}: {'; '.join(items)}.")
    parts.append(
        "Actuals are a solid line with filled markers, targets a dashed line with hollow "
        "markers, both drawn from the baseline; the baseline is a dotted line."
    )
    return " ".join(parts)


def _padded(numbers: list[float]) -> tuple[float, float] | None:
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    span = high - low or max(abs(high), 1.0) * 0.2
    bottom, top = low - span * 0.1, high + span * 0.1
    if low >= 0 > bottom:
        bottom = 0.0
    return (bottom, top)


def _whole_numbers(top: int) -> tuple[float, ...]:
    """Ticks for counts: 0 to ``top``, at most about ten of them."""
    step = max(1, -(-top // 10))
    return tuple(float(n) for n in range(0, top + step, step))


def dimension_slugs(indicator: Indicator) -> dict[str, str]:
    """A file-name-safe, unique slug per dimension of an indicator."""
    found: dict[str, str] = {}
    for index, dimension in enumerate(indicator.dimensions, start=1):
        name = slug(dimension).lower()
        found[dimension] = name if name not in found.values() else f"{name}-{index}"
    return found


def dimension_chart(indicator: Indicator, breakdown: Breakdown) -> Chart:
    """Bars of each category of one dimension, by period and kind of value."""
    labels = tuple(f"{period.label} {kind}" for period, kind, _ in breakdown.rows)
    series = tuple(
        Series(
            category,
            tuple(
                cells[index].value if cells[index] is not None else None  # type: ignore[union-attr]
                for _, _, cells in breakdown.rows
            ),
            OKABE_ITO[index % len(OKABE_ITO)],
        )
        for index, category in enumerate(breakdown.categories)
    )
    name = dimension_slugs(indicator).get(breakdown.dimension, slug(breakdown.dimension))
    return Chart(
        path=urls.breakdown_chart_path(indicator.plan, indicator.id, name),
        kind=BAR,
        title=f"{indicator.id} by {breakdown.dimension}",
        description=(
            f"Bar chart of {indicator.id} {indicator.title} ({indicator.unit}) by "
            f"{breakdown.dimension}: one bar per category ({', '.join(breakdown.categories)}) "
            f"for each period and kind of value ({', '.join(labels)})."
        ),
        x_labels=labels,
        series=series,
        y_title=indicator.unit,
    )


def dimension_charts(indicator: Indicator) -> tuple[tuple[Breakdown, Chart | None], ...]:
    """Every breakdown of an indicator with its chart (None for qualitative values)."""
    return tuple(
        (b, None if indicator.qualitative else dimension_chart(indicator, b))
        for b in breakdowns(indicator)
    )


def status_chart(
    plan: Plan, status: PlanStatus, as_of: date | None, review: str = ""
) -> Chart | None:
    """Indicators of a plan by status, one stacked bar per objective (first at the top)."""
    if not status.groups:
        return None
    groups = tuple(reversed(status.groups))  # pygal draws the first bar at the bottom
    series = tuple(
        Series(
            RATING_LABELS[rating],
            tuple(tally.count(rating) or None for _, tally in groups),
            RATING_COLOURS[rating],
        )
        for rating in RATINGS
        if status.tally.count(rating)
    )
    when = f" as of {day(as_of)}" if as_of else ""
    totals = ", ".join(f"{count} {label.lower()}" for _, label, count in status.tally.items())
    each = " ".join(
        f"{result.id} {result.title}: "
        + ", ".join(f"{count} {label.lower()}" for _, label, count in tally.items())
        + "."
        for result, tally in status.groups
    )
    return Chart(
        path=urls.status_chart_path(plan.name, review),
        kind=STACKED_HBAR,
        title=f"Indicator status by objective{when}",
        description=(
            f"Stacked bar chart of the {status.tally.total} indicators of {plan.title}{when}, "
            f"one bar per objective, coloured by status. In all: {totals}. {each}"
        ),
        x_labels=tuple(result.id for result, _ in groups),
        series=series,
        x_title="Number of indicators",
        y_labels=_whole_numbers(max(t.total for _, t in status.groups)),
        height=200 + 40 * len(groups),
    )


class Charts:
    """The chart builders, as templates call them: ``charts.indicator(indicator)``."""

    indicator = staticmethod(indicator_chart)
    dimensions = staticmethod(dimension_charts)

    @staticmethod
    def plan_status(plan: Plan, board: StatusBoard, review: str = "") -> Chart | None:
        return status_chart(plan, board.plan(plan), board.as_of, review)


CHARTS = Charts()
