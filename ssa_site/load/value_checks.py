"""Cross-checks of indicators and their values: duplicates, empty and qualitative values,
text where a number is expected (kept as written, a warning),
breakdowns declared but unused or spelled two ways, fractions typed for percentages,
periods outside the plan, targets without a baseline, and a value far after all others
(which would set the site's "today").

The warnings about an indicator's whole series name it as their ``reference``
(``(plan, "values", indicator)``): when a value row of that indicator was left out for an
error of its own, the series is incomplete, the warning may be a consequence of that error
(no baseline, because the baseline row is wrong) and is not reported (``Problems.add``)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ssa_site.base.problems import ProblemType, Severity
from ssa_site.model.plan import Indicator, Plan, Value, format_number

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from ssa_site.base.problems import Problems, Subject

DIMENSION_NOT_USED = ProblemType(
    "dimension-not-used",
    "Breakdown listed but not given",
    "lists '{dimension}', but no value of indicator {indicator} is broken down by it",
    "add values by {dimension} to {path}, or remove '{dimension}' from disaggregated_by",
    Severity.WARNING,
)
CATEGORY_SPELLINGS = ProblemType(
    "category-spellings",
    "One category spelled two ways",
    "'{spelling}' and '{other}' differ only in case or spaces: two categories, not one",
    "spell the category the same way in every row",
    Severity.WARNING,
)
DUPLICATE_VALUE = ProblemType(
    "duplicate-value",
    "Two values for one period",
    "indicator {indicator} has {count} {kind} rows for {period}{same}",
    "keep one row per indicator, period, kind and disaggregation",
)
NUMBER_FOR_QUALITATIVE = ProblemType(
    "number-for-qualitative",
    "Number for a qualitative indicator",
    "indicator {indicator} is qualitative but the row has a number",
    "write the value in the 'text' column, or change the indicator's measure",
)
EMPTY_TEXT_VALUE = ProblemType(
    "empty-text-value",
    "Empty qualitative value",
    "the qualitative value is empty",
    "fill in text",
)
VALUE_AS_TEXT = ProblemType(
    "value-as-text",
    "Text where a number is expected",
    "the {kind} of indicator {indicator} for {period} is text, '{text}', not a number: it is "
    "shown as written, and left out of charts and status",
    "write the number alone in 'value' (digits, '.' for decimals, no unit or thousands "
    "separator) and the unit in the indicator's 'unit'; or make the indicator qualitative",
    Severity.WARNING,
)
EMPTY_VALUE = ProblemType(
    "empty-value",
    "Empty value",
    "is empty{with_text}",
    "write the number; qualitative values need measure 'qualitative'",
)
FRACTION_FOR_PERCENT = ProblemType(
    "fraction-for-percent",
    "Fraction in a percentage indicator",
    "{value} after {previous} ({period}) looks like a fraction typed for a percentage",
    "write it as a percentage, {percent} rather than {value}, or confirm the drop",
    Severity.WARNING,
)
VALUE_FAR_AFTER_OTHERS = ProblemType(
    "value-far-after-others",
    "Value a year after all others",
    "the {kind} of indicator {indicator} for {period} ({date}) lies more than a year after "
    "every other value; it sets the site's 'today'",
    "correct the {what} if its year is mistyped: it moves the date of every status",
    Severity.WARNING,
)
PERIOD_OUTSIDE_PLAN = ProblemType(
    "period-outside-plan",
    "Period outside the plan period",
    "{period} lies outside the plan period {start} to {end}",
    "correct the period, or extend ssa.period in datapackage.json",
    Severity.WARNING,
)
TARGET_WITHOUT_BASELINE = ProblemType(
    "target-without-baseline",
    "Targets without a baseline",
    "indicator {indicator} has targets but no baseline",
    "add a baseline row so progress can be measured",
    Severity.WARNING,
)


def _series(plan: Plan, indicator: str) -> Subject:
    """What a warning about an indicator's series depends on: its value rows."""
    return (plan.name, "values", indicator)


def check_indicators(plan: Plan, problems: Problems) -> None:
    values_path, path = plan.resource_path("values"), plan.resource_path("indicators")
    for indicator in plan.indicators:
        _check_values(plan, indicator, values_path, problems)
        if indicator.measure == "percentage" or indicator.unit in ("percent", "%"):
            _check_percentages(plan, indicator, values_path, problems)
        # Listed, not given once actuals are in (given, not listed: ssa_site.load.plans).
        unused = [d for d in indicator.disaggregated_by if d not in indicator.dimensions]
        for dimension in unused if any(v.kind == "actual" for v in indicator.values) else ():
            params: dict[str, Any] = {"dimension": dimension, "indicator": indicator.id}
            params["path"] = values_path
            series = _series(plan, indicator.id)
            problems.add(
                DIMENSION_NOT_USED,
                path,
                indicator.row,
                "disaggregated_by",
                reference=series,
                **params,
            )
    # Categories of one dimension that differ only in case or spaces (Female, female).
    spellings: dict[tuple[str, str], str] = {}
    reported: set[tuple[str, str, str]] = set()
    broken_down = (v for i in plan.indicators for v in i.values if v.dimensions)
    for value in sorted(broken_down, key=lambda v: v.row):
        for dimension, category in value.dimensions:
            key = (dimension, "".join(category.split()).casefold())
            first = spellings.setdefault(key, category)
            if first != category and (dimension, first, category) not in reported:
                reported.add((dimension, first, category))
                params = {"spelling": category, "other": first}
                series = _series(plan, value.indicator)
                problems.add(
                    CATEGORY_SPELLINGS,
                    values_path,
                    value.row,
                    dimension,
                    reference=series,
                    **params,
                )


def _fraction_for(previous: float, number: float) -> bool:
    """Whether ``number`` (≤ 1, after a percentage above 1) reads better × 100: 0.47 after
    47 does, 0.8 after 3 (a real fall) does not."""
    if not previous > 1 >= number > 0:
        return False
    as_percent = max(previous, number * 100) / min(previous, number * 100)
    return as_percent < previous / number


def _check_percentages(plan: Plan, indicator: Indicator, path: str, problems: Problems) -> None:
    """A percentage that drops from above 1 to a fraction (47, then 0.47) in one series."""
    last: dict[tuple[tuple[str, str], ...], Value] = {}
    for value in indicator.values:  # in period order
        before, number = last.get(value.dimensions), value.value
        if number is not None:
            last[value.dimensions] = value
            if before is not None and _fraction_for(before.value or 0, number):
                params: dict[str, Any] = {"value": value.display, "previous": before.display}
                params |= {"period": before.period.label, "percent": format_number(number * 100)}
                series = _series(plan, indicator.id)
                problems.add(
                    FRACTION_FOR_PERCENT, path, value.row, "value", reference=series, **params
                )


def _check_values(plan: Plan, indicator: Indicator, path: str, problems: Problems) -> None:
    keys = Counter((v.period, v.kind, v.dimensions) for v in indicator.values)
    reported_dupes: set[tuple[object, ...]] = set()
    for value in indicator.values:
        key = (value.period, value.kind, value.dimensions)
        if keys[key] > 1 and key not in reported_dupes:
            reported_dupes.add(key)
            same = " (same disaggregation)" if value.dimensions else ""
            params: dict[str, Any] = {"indicator": indicator.id, "count": keys[key], "same": same}
            params |= {"kind": value.kind, "period": value.period.label}
            problems.add(DUPLICATE_VALUE, path, value.row, "period", **params)
        if indicator.qualitative:
            if value.value is not None:
                problems.add(
                    NUMBER_FOR_QUALITATIVE, path, value.row, "value", indicator=indicator.id
                )
            elif value.text is None:
                problems.add(EMPTY_TEXT_VALUE, path, value.row, "text")
        elif value.value is None and value.text:
            # Kept as written ("£3,500,000", "12254,1"), never guessed into a number.
            params = {"kind": value.kind, "indicator": indicator.id, "text": value.text}
            problems.add(
                VALUE_AS_TEXT, path, value.row, "text", period=value.period.label, **params
            )
        elif value.value is None:
            problems.add(EMPTY_VALUE, path, value.row, "value", with_text="")
        start, end, period = plan.period_start, plan.period_end, value.period.label
        if (end and value.period.start > end) or (
            start and value.kind != "baseline" and value.period.end < start
        ):
            span: dict[str, Any] = {"start": start or "…", "end": end or "…"}
            problems.add(PERIOD_OUTSIDE_PLAN, path, value.row, "period", **span, period=period)
    totals = indicator.totals
    has_baseline = any(v.kind == "baseline" for v in totals)
    first_target = next((v for v in totals if v.kind == "target"), None)
    if first_target is not None and not has_baseline:
        series = _series(plan, indicator.id)
        params = {"indicator": indicator.id}
        problems.add(
            TARGET_WITHOUT_BASELINE, path, first_target.row, "kind", reference=series, **params
        )


def _dated(plans: list[Plan]) -> Iterator[tuple[date, Plan, Value]]:
    """Every baseline and actual with its latest date: its period's end or ``reported``."""
    for plan in plans:
        for indicator in plan.indicators:
            for value in indicator.values:
                if value.kind != "target":
                    yield max(value.period.end, value.reported or value.period.end), plan, value


def check_value_dates(plans: list[Plan], problems: Problems) -> None:
    """Values dated more than a year after every other of the site: a mistyped year
    (FY2027 for FY2026) would set the site's "today" (ssa_site.analysis.asof)."""
    dates = sorted({when for when, _, _ in _dated(plans)})
    a_year_before = (dates[-1].year - 1, dates[-1].month, dates[-1].day) if dates else ()
    if len(dates) < 2 or a_year_before <= dates[-2].timetuple()[:3]:  # 29 February too
        return
    for when, plan, value in _dated(plans):
        if when == dates[-1]:
            field = "period" if when == value.period.end else "reported"
            what = "period" if field == "period" else "reported date"
            params: dict[str, Any] = {"kind": value.kind, "indicator": value.indicator}
            params |= {"period": value.period.label, "date": when, "what": what}
            path, series = plan.resource_path("values"), _series(plan, value.indicator)
            problems.add(VALUE_FAR_AFTER_OTHERS, path, value.row, field, reference=series, **params)
