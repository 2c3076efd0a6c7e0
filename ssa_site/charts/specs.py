"""What each chart of the site shows: indicator trends, breakdowns and status summaries.

Builders return a :class:`~ssa_site.charts.Chart` (or ``None`` when there is nothing to
draw). Templates call them to link and describe a chart; the chart generator calls the
same builders to draw it, so a page never links a chart that was not drawn. Titles, legends,
axis titles and descriptions are written in the ``language`` a builder is given; a chart's
file path is the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import RATING_LABELS, RATINGS
from ssa_site.analysis.tracking import Breakdown, breakdowns
from ssa_site.base import urls
from ssa_site.base.dates import day
from ssa_site.base.i18n import ENGLISH, Language
from ssa_site.base.urls import slug
from ssa_site.base.vocabulary import N_
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

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.analysis.rollup import PlanStatus, StatusBoard, Tally
    from ssa_site.model.plan import Indicator, Plan

RATING_COLOURS = {
    "achieved": "#009E73",
    "on-track": "#0072B2",
    "at-risk": "#E69F00",
    "off-track": "#D55E00",
    "no-data": "#8c8c8c",
}
assert set(RATING_COLOURS) == set(RATINGS)

#: A bar of a breakdown chart: a period and a kind of value ("FY2024 actual").
_BAR_LABELS = {
    "baseline": N_("%(period)s baseline"),
    "target": N_("%(period)s target"),
    "actual": N_("%(period)s actual"),
}


def indicator_chart(indicator: Indicator, language: Language = ENGLISH) -> Chart | None:
    """Baseline, targets and actuals over time; None for qualitative or empty indicators."""
    _ = language.gettext
    if indicator.qualitative:
        return None
    numeric = [v for v in indicator.totals if v.value is not None]
    if not numeric:
        return None
    periods = sorted({v.period for v in numeric}, key=lambda p: (p.end, p.start))
    baseline = next((v for v in reversed(numeric) if v.kind == "baseline"), None)
    series: list[Series] = []
    for kind, name, colour, extra in (
        ("actual", _("Actual"), ACTUAL_COLOUR, {"width": 3.0}),
        ("target", _("Target"), TARGET_COLOUR, {"dash": "8,5", "hollow": True}),
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
                _("Baseline (%(period)s)") % {"period": baseline.period.label},
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
        description=_trend_description(indicator, numeric, language),
        x_labels=tuple(p.label for p in periods),
        series=tuple(series),
        y_title=indicator.unit,
        y_range=_padded(numbers),
    )


def _trend_description(indicator: Indicator, numeric: list, language: Language) -> str:
    _ = language.gettext
    parts = [
        _("Line chart of %(indicator)s %(title)s (%(unit)s) by period.")
        % {"indicator": indicator.id, "title": indicator.title, "unit": indicator.unit}
    ]
    for kind, sentence in (
        ("baseline", _("Baseline: %(values)s.")),
        ("target", _("Targets: %(values)s.")),
        ("actual", _("Actuals: %(values)s.")),
    ):
        items = [
            _("%(value)s in %(period)s")
            % {"value": _number(v.value, language), "period": v.period.label}
            for v in numeric
            if v.kind == kind
        ]
        if items:
            parts.append(sentence % {"values": "; ".join(items)})
    parts.append(
        _(
            "Actuals are a solid line with filled markers, targets a dashed line with hollow "
            "markers, both drawn from the baseline; the baseline is a dotted line."
        )
    )
    return " ".join(parts)


def _number(value: float, language: Language) -> str:
    """A value in a description: grouped, at most 2 decimals (never "-0")."""
    return language.number(float(value) + 0.0)


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


def dimension_chart(
    indicator: Indicator, breakdown: Breakdown, language: Language = ENGLISH
) -> Chart:
    """Bars of each category of one dimension, by period and kind of value."""
    _ = language.gettext
    labels = tuple(
        _(_BAR_LABELS[kind]) % {"period": period.label}
        if kind in _BAR_LABELS
        else f"{period.label} {kind}"
        for period, kind, _cells in breakdown.rows
    )
    series = tuple(
        Series(
            category,
            tuple(
                cells[index].value if cells[index] is not None else None  # type: ignore[union-attr]
                for _period, _kind, cells in breakdown.rows
            ),
            OKABE_ITO[index % len(OKABE_ITO)],
        )
        for index, category in enumerate(breakdown.categories)
    )
    name = dimension_slugs(indicator).get(breakdown.dimension, slug(breakdown.dimension))
    return Chart(
        path=urls.breakdown_chart_path(indicator.plan, indicator.id, name),
        kind=BAR,
        title=_("%(indicator)s by %(dimension)s")
        % {"indicator": indicator.id, "dimension": breakdown.dimension},
        description=_(
            "Bar chart of %(indicator)s %(title)s (%(unit)s) by %(dimension)s: one bar per "
            "category (%(categories)s) for each period and kind of value (%(bars)s)."
        )
        % {
            "indicator": indicator.id,
            "title": indicator.title,
            "unit": indicator.unit,
            "dimension": breakdown.dimension,
            "categories": ", ".join(breakdown.categories),
            "bars": ", ".join(labels),
        },
        x_labels=labels,
        series=series,
        y_title=indicator.unit,
    )


def dimension_charts(
    indicator: Indicator, language: Language = ENGLISH
) -> tuple[tuple[Breakdown, Chart | None], ...]:
    """Every breakdown of an indicator with its chart (None for qualitative values)."""
    return tuple(
        (b, None if indicator.qualitative else dimension_chart(indicator, b, language))
        for b in breakdowns(indicator)
    )


def status_chart(
    plan: Plan,
    status: PlanStatus,
    as_of: date | None,
    review: str = "",
    language: Language = ENGLISH,
) -> Chart | None:
    """Indicators of a plan by status, one stacked bar per objective (first at the top)."""
    _, ngettext = language.gettext, language.ngettext
    if not status.groups:
        return None
    groups = tuple(reversed(status.groups))  # pygal draws the first bar at the bottom
    series = tuple(
        Series(
            _(RATING_LABELS[rating]),
            tuple(tally.count(rating) or None for _result, tally in groups),
            RATING_COLOURS[rating],
        )
        for rating in RATINGS
        if status.tally.count(rating)
    )

    def counts(tally: Tally) -> str:
        return ", ".join(
            # Translators: how many indicators have a rating, e.g. "3 on track".
            _("%(count)s %(rating)s")
            % {"count": language.number(count), "rating": _(RATING_LABELS[rating]).lower()}
            for rating, count in zip(RATINGS, tally.counts, strict=True)
            if count
        )

    each = " ".join(
        _("%(result)s: %(counts)s.")
        % {"result": f"{result.id} {result.title}", "counts": counts(tally)}
        for result, tally in status.groups
    )
    words = {
        "count": language.number(status.tally.total),
        "plan": plan.title,
        "date": day(as_of, language),
        "totals": counts(status.tally),
        "groups": each,
    }
    total = status.tally.total
    if as_of:
        title = _("Indicator status by objective as of %(date)s") % words
        description = ngettext(
            "Stacked bar chart of the %(count)s indicator of %(plan)s as of %(date)s, one "
            "bar per objective, coloured by status. In all: %(totals)s. %(groups)s",
            "Stacked bar chart of the %(count)s indicators of %(plan)s as of %(date)s, one "
            "bar per objective, coloured by status. In all: %(totals)s. %(groups)s",
            total,
        )
    else:
        title = _("Indicator status by objective")
        description = ngettext(
            "Stacked bar chart of the %(count)s indicator of %(plan)s, one bar per "
            "objective, coloured by status. In all: %(totals)s. %(groups)s",
            "Stacked bar chart of the %(count)s indicators of %(plan)s, one bar per "
            "objective, coloured by status. In all: %(totals)s. %(groups)s",
            total,
        )
    return Chart(
        path=urls.status_chart_path(plan.name, review),
        kind=STACKED_HBAR,
        title=title,
        description=description % words,
        x_labels=tuple(result.id for result, _tally in groups),
        series=series,
        x_title=_("Number of indicators"),
        y_labels=_whole_numbers(max(t.total for _result, t in status.groups)),
        height=200 + 40 * len(groups),
    )


@dataclass(frozen=True)
class Charts:
    """The chart builders, as templates call them: ``charts.indicator(indicator)``; the
    charts are written in ``language``."""

    language: Language = ENGLISH

    def for_language(self, language: Language) -> Charts:
        return self if language == self.language else Charts(language)

    def indicator(self, indicator: Indicator) -> Chart | None:
        return indicator_chart(indicator, self.language)

    def dimensions(self, indicator: Indicator) -> tuple[tuple[Breakdown, Chart | None], ...]:
        return dimension_charts(indicator, self.language)

    def plan_status(self, plan: Plan, board: StatusBoard, review: str = "") -> Chart | None:
        return status_chart(plan, board.plan(plan), board.as_of, review, self.language)


CHARTS = Charts()
