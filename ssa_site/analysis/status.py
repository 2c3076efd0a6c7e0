"""Indicator status (SPEC §4): direction-aware progress from the baseline toward a target.

``progress = (actual − baseline) ÷ (target − baseline)``, rated against configurable
thresholds. Everything here is pure arithmetic on the model, as of a date: values reported
after that date are not counted, so a progress review can show the plan as it stood then.
The method is explained to readers on the generated page ``method/status.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ssa_site.analysis.ratings import (
    ACHIEVED,
    AT_RISK,
    EPSILON,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    RATING_LABELS,
    StatusSettings,
    Thresholds,
)
from ssa_site.model.plan import Indicator, Value, format_number

if TYPE_CHECKING:
    from ssa_site.base.periods import Period

#: How the target of an assessment was found.
SAME_PERIOD, INTERIM, NEXT, LATEST = "period", "interim", "next", "latest"


def known_on(value: Value) -> date:
    """When a value became known: its ``reported`` date, else the end of its period."""
    return value.reported or value.period.end


def is_known(value: Value, as_of: date | None) -> bool:
    """Targets are planned in advance; baselines and actuals count once reported."""
    return value.kind == "target" or as_of is None or known_on(value) <= as_of


@dataclass(frozen=True)
class Assessment:
    """One actual compared with its target, relative to the baseline."""

    period: Period
    actual: Value
    baseline: float | None
    baseline_period: Period | None  # None with a baseline: implicit zero (cumulative)
    target: float | None
    target_text: str | None
    target_period: Period | None
    basis: str  # SAME_PERIOD, INTERIM, NEXT or LATEST
    progress: float | None
    rating: str
    steps: tuple[str, ...]  # the arithmetic, in words

    @property
    def percent(self) -> str:
        return "" if self.progress is None else f"{self.progress * 100:.0f}%"


@dataclass(frozen=True)
class Late:
    """A period with a target whose actual has not been reported in time."""

    period: Period
    due: date


@dataclass(frozen=True)
class IndicatorStatus:
    """Where an indicator stands as of a date, and how that was worked out."""

    rating: str
    as_of: date | None
    current: Assessment | None
    assessments: tuple[Assessment, ...]  # one per period with a known actual, oldest first
    late: tuple[Late, ...]
    reason: str  # why there is no rating, or a one-line summary

    @property
    def label(self) -> str:
        return RATING_LABELS[self.rating]

    def for_period(self, period: Period) -> Assessment | None:
        return next((a for a in self.assessments if a.period == period), None)


def assess(
    indicator: Indicator,
    settings: StatusSettings,
    as_of: date | None,
    plan_start: date | None = None,
) -> IndicatorStatus:
    """The status of an indicator as of ``as_of`` (``None``: every value counts)."""
    # A numeric indicator's value written as text ("£3,500,000") is shown, never counted.
    known = [
        v
        for v in indicator.totals
        if is_known(v, as_of) and (indicator.qualitative or v.value is not None)
    ]
    actuals = _by_period([v for v in known if v.kind == "actual"])
    targets = _by_period([v for v in known if v.kind == "target"])
    baselines = _by_period([v for v in known if v.kind == "baseline"])
    late = _late(targets, actuals, settings.late_after_days, as_of)
    if not actuals:
        reason = "no actual has been reported" + (f" as of {as_of}" if as_of else "")
        return IndicatorStatus(NO_DATA, as_of, None, (), late, reason)
    if not targets:
        assessments: tuple[Assessment, ...] = ()
        return IndicatorStatus(NO_DATA, as_of, None, assessments, late, "no target is set")
    if indicator.qualitative:
        assessments = tuple(_qualitative(a, targets) for a in actuals)
    else:
        assessments = tuple(
            _quantitative(indicator, a, targets, baselines, settings.thresholds, plan_start)
            for a in actuals
        )
    current = assessments[-1]
    reason = current.steps[-1] if current.steps else ""
    return IndicatorStatus(current.rating, as_of, current, assessments, late, reason)


def _by_period(values: list[Value]) -> list[Value]:
    return sorted(values, key=lambda v: (v.period.end, v.period.start))


def _late(
    targets: list[Value], actuals: list[Value], days: int, as_of: date | None
) -> tuple[Late, ...]:
    if as_of is None:
        return ()
    reported = {a.period for a in actuals}
    found = []
    for target in targets:
        due = target.period.end + timedelta(days=days)
        if target.period not in reported and due < as_of:
            found.append(Late(target.period, due))
    return tuple(found)


def _pick_target(actual: Value, targets: list[Value]) -> tuple[Value, str]:
    """The target for an actual's period, else the next one, else the latest one."""
    same = [t for t in targets if t.period == actual.period]
    if same:
        return same[-1], SAME_PERIOD
    later = [t for t in targets if t.period.end > actual.period.end]
    if later:
        return later[0], NEXT
    return targets[-1], LATEST


def _qualitative(actual: Value, targets: list[Value]) -> Assessment:
    target, basis = _pick_target(actual, targets)
    got, wanted = actual.text or "", target.text or ""
    steps = [
        f"Latest value ({actual.period.label}): “{got}”",
        f"Target ({target.period.label}): “{wanted}”",
    ]
    if _same_text(got, wanted):
        rating = ACHIEVED
        steps.append("The value is the target's: achieved")
    elif basis != NEXT:
        rating = OFF_TRACK
        steps.append("The value is not the target's and the target is due: off track")
    elif any(_same_text(got, t.text or "") for t in targets if t.period.end <= actual.period.end):
        rating = ON_TRACK
        steps.append("The target is not yet due and the value meets an earlier milestone: on track")
    else:
        rating = AT_RISK
        steps.append("The target is not yet due and the value meets no milestone: at risk")
    return Assessment(
        actual.period,
        actual,
        None,
        None,
        None,
        wanted,
        target.period,
        basis,
        None,
        rating,
        tuple(steps),
    )


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _quantitative(
    indicator: Indicator,
    actual: Value,
    targets: list[Value],
    baselines: list[Value],
    thresholds: Thresholds,
    plan_start: date | None,
) -> Assessment:
    number = float(actual.value or 0.0)
    base = _pick_baseline(actual, baselines)
    steps: list[str] = []
    baseline_end: date | None
    baseline_period: Period | None
    if base is not None:
        baseline, baseline_period, baseline_end = (
            float(base.value or 0.0),
            base.period,
            base.period.end,
        )
        steps.append(f"Baseline ({base.period.label}): {_n(baseline)}")
    elif indicator.cumulative:
        baseline, baseline_period, baseline_end = 0.0, None, plan_start
        steps.append("Baseline: none reported; a running total starts from 0")
    else:
        target, basis = _pick_target(actual, targets)
        steps.append("Baseline: none reported, so progress cannot be measured")
        return Assessment(
            actual.period,
            actual,
            None,
            None,
            target.value,
            None,
            target.period,
            basis,
            None,
            NO_DATA,
            tuple(steps),
        )
    target_value, target_row, basis = _target_for(actual, targets, baseline, baseline_end, steps)
    steps.append(f"Actual ({actual.period.label}): {_n(number)}")
    progress = _progress(number, baseline, target_value, indicator.direction, steps)
    rating = thresholds.rate(progress)
    if basis == INTERIM and rating == ACHIEVED:
        rating = ON_TRACK
        steps.append(
            f"{_p(progress)} meets the interim target; a target counts as achieved only "
            "in its own period: on track"
        )
    else:
        steps.append(_rating_step(progress, thresholds, rating))
    return Assessment(
        actual.period,
        actual,
        baseline,
        baseline_period,
        target_value,
        None,
        target_row.period,
        basis,
        progress,
        rating,
        tuple(steps),
    )


def _pick_baseline(actual: Value, baselines: list[Value]) -> Value | None:
    before = [b for b in baselines if b.period.start <= actual.period.start]
    chosen = before or baselines
    return chosen[-1] if chosen else None


def _target_for(
    actual: Value,
    targets: list[Value],
    baseline: float,
    baseline_end: date | None,
    steps: list[str],
) -> tuple[float, Value, str]:
    """The target value to compare with, interpolated when the period has none."""
    target, basis = _pick_target(actual, targets)
    value = float(target.value or 0.0)
    if basis == SAME_PERIOD:
        steps.append(f"Target ({target.period.label}): {_n(value)}")
        return value, target, basis
    if basis == LATEST:
        steps.append(
            f"Target: none for {actual.period.label}; the last target "
            f"({target.period.label}) still applies: {_n(value)}"
        )
        return value, target, basis
    earlier = [t for t in targets if t.period.end < actual.period.end]
    if earlier:
        start_value, start_end, start_name = (
            float(earlier[-1].value or 0.0),
            earlier[-1].period.end,
            f"the {earlier[-1].period.label} target",
        )
    elif baseline_end is not None and baseline_end < actual.period.end:
        start_value, start_end, start_name = baseline, baseline_end, "the baseline"
    else:
        steps.append(
            f"Target: none for {actual.period.label}; the next target "
            f"({target.period.label}): {_n(value)}"
        )
        return value, target, NEXT
    elapsed = (actual.period.end - start_end).days
    span = (target.period.end - start_end).days
    interim = start_value + (value - start_value) * elapsed / span
    steps.append(
        f"Interim target for {actual.period.label}, on a straight line from {start_name} "
        f"({_n(start_value)}, {start_end}) to the {target.period.label} target "
        f"({_n(value)}, {target.period.end}): {_n(start_value)} + ({_n(value)} − "
        f"{_n(start_value)}) × {elapsed} ÷ {span} days = {_n(interim)}"
    )
    return interim, target, INTERIM


def _progress(
    actual: float, baseline: float, target: float, direction: str | None, steps: list[str]
) -> float:
    if direction != "maintain" and abs(target - baseline) > EPSILON:
        progress = (actual - baseline) / (target - baseline)
        steps.append(
            f"Progress = (actual − baseline) ÷ (target − baseline) = ({_n(actual)} − "
            f"{_n(baseline)}) ÷ ({_n(target)} − {_n(baseline)}) = {_n(actual - baseline)} ÷ "
            f"{_n(target - baseline)} = {_p(progress)}"
        )
        return progress
    why = (
        "the level is to be maintained"
        if direction == "maintain"
        else ("the target equals the baseline")
    )
    beyond = (direction == "increase" and actual >= target) or (
        direction == "decrease" and actual <= target
    )
    if beyond or abs(actual - target) <= EPSILON:
        steps.append(f"Progress: {why}, and the actual meets it = {_p(1.0)}")
        return 1.0
    if abs(target) <= EPSILON:
        steps.append(f"Progress: {why}, the target is 0 and the actual is not = {_p(0.0)}")
        return 0.0
    progress = max(0.0, 1 - abs(actual - target) / abs(target))
    steps.append(
        f"Progress: {why}, so 1 − |actual − target| ÷ |target| = 1 − |{_n(actual)} − "
        f"{_n(target)}| ÷ {_n(abs(target))} = {_p(progress)}"
    )
    return progress


def _rating_step(progress: float, thresholds: Thresholds, rating: str) -> str:
    p = _p(progress)
    if rating == ACHIEVED:
        return f"{p} is at least {_p(thresholds.achieved)}: achieved"
    if rating == ON_TRACK:
        return (
            f"{p} is at least {_p(thresholds.on_track)} but below "
            f"{_p(thresholds.achieved)}: on track"
        )
    if rating == AT_RISK:
        return (
            f"{p} is at least {_p(thresholds.at_risk)} but below {_p(thresholds.on_track)}: at risk"
        )
    return f"{p} is below {_p(thresholds.at_risk)}: off track"


def _n(number: float) -> str:
    text = format_number(round(number, 2))
    return text.replace("-", "−") if number < 0 else text


def _p(progress: float) -> str:
    text = f"{progress * 100:.0f}%"
    return text.replace("-", "−")
