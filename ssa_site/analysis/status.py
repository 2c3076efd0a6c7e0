"""Indicator status (SPEC §4): direction-aware progress from the baseline toward a target.

``progress = (actual − baseline) ÷ (target − baseline)``, rated against configurable
thresholds. Everything here is pure arithmetic on the model, as of a date: values reported
after that date are not counted, so a progress review can show the plan as it stood then.
The method is explained to readers on the generated page ``method/status.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ssa_site.analysis.arithmetic import (
    figure,
    percent,
    progress_step,
    rating_step,
    signed_percent,
)
from ssa_site.analysis.ratings import (
    ACHIEVED,
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    RATING_LABELS,
    StatusSettings,
    Thresholds,
)
from ssa_site.base.i18n import ENGLISH

if TYPE_CHECKING:
    from ssa_site.base.i18n import Language
    from ssa_site.base.periods import Period
    from ssa_site.model.plan import Indicator, Value

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
    steps: tuple[str, ...]  # the arithmetic, in words (in ``language``)
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def percent(self) -> str:
        return "" if self.progress is None else percent(self.progress, self.language)


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
    reason: str  # why there is no rating, or a one-line summary (in ``language``)
    language: Language = field(default=ENGLISH, compare=False, repr=False)

    @property
    def label(self) -> str:
        return self.language.gettext(RATING_LABELS[self.rating])

    def for_period(self, period: Period) -> Assessment | None:
        return next((a for a in self.assessments if a.period == period), None)


def assess(
    indicator: Indicator,
    settings: StatusSettings,
    as_of: date | None,
    plan_start: date | None = None,
    language: Language = ENGLISH,
) -> IndicatorStatus:
    """The status of an indicator as of ``as_of`` (``None``: every value counts), its
    reason and arithmetic written in ``language``."""
    _ = language.gettext
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
        if as_of:
            reason = _("no actual has been reported as of %(date)s") % {
                "date": language.digits(as_of.isoformat())
            }
        else:
            reason = _("no actual has been reported")
        return IndicatorStatus(NO_DATA, as_of, None, (), late, reason, language)
    if not targets:
        assessments: tuple[Assessment, ...] = ()
        reason = _("no target is set")
        return IndicatorStatus(NO_DATA, as_of, None, assessments, late, reason, language)
    if indicator.qualitative:
        assessments = tuple(_qualitative(a, targets, language) for a in actuals)
    else:
        assessments = tuple(
            _quantitative(
                indicator, a, targets, baselines, settings.thresholds, plan_start, language
            )
            for a in actuals
        )
    current = assessments[-1]
    reason = current.steps[-1] if current.steps else ""
    return IndicatorStatus(current.rating, as_of, current, assessments, late, reason, language)


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


def _qualitative(actual: Value, targets: list[Value], language: Language) -> Assessment:
    _ = language.gettext
    target, basis = _pick_target(actual, targets)
    got, wanted = actual.text or "", target.text or ""
    steps = [
        _("Latest value (%(period)s): “%(value)s”") % {"period": actual.period.label, "value": got},
        _("Target (%(period)s): “%(value)s”") % {"period": target.period.label, "value": wanted},
    ]
    if _same_text(got, wanted):
        rating = ACHIEVED
        steps.append(_("The value is the target's: achieved"))
    elif basis != NEXT:
        rating = OFF_TRACK
        steps.append(_("The value is not the target's and the target is due: off track"))
    elif any(_same_text(got, t.text or "") for t in targets if t.period.end <= actual.period.end):
        rating = ON_TRACK
        steps.append(
            _("The target is not yet due and the value meets an earlier milestone: on track")
        )
    else:
        rating = AT_RISK
        steps.append(_("The target is not yet due and the value meets no milestone: at risk"))
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
        language,
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
    language: Language,
) -> Assessment:
    _ = language.gettext
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
        steps.append(
            _("Baseline (%(period)s): %(value)s")
            % {"period": base.period.label, "value": figure(baseline, language)}
        )
    elif indicator.cumulative:
        baseline, baseline_period, baseline_end = 0.0, None, plan_start
        steps.append(
            _("Baseline: none reported; a running total starts from %(zero)s")
            % {"zero": figure(0.0, language)}
        )
    else:
        target, basis = _pick_target(actual, targets)
        steps.append(_("Baseline: none reported, so progress cannot be measured"))
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
            language,
        )
    target_value, target_row, basis = _target_for(
        actual, targets, baseline, baseline_end, steps, language
    )
    steps.append(
        _("Actual (%(period)s): %(value)s")
        % {"period": actual.period.label, "value": figure(number, language)}
    )
    progress = progress_step(number, baseline, target_value, indicator.direction, steps, language)
    rating = thresholds.rate(progress)
    if basis == INTERIM and rating == ACHIEVED:
        rating = ON_TRACK
        steps.append(
            _(
                "%(progress)s meets the interim target; a target counts as achieved only "
                "in its own period: on track"
            )
            % {"progress": signed_percent(progress, language)}
        )
    else:
        steps.append(rating_step(progress, thresholds, rating, language))
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
        language,
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
    language: Language,
) -> tuple[float, Value, str]:
    """The target value to compare with, interpolated when the period has none."""
    _ = language.gettext
    target, basis = _pick_target(actual, targets)
    value = float(target.value or 0.0)
    if basis == SAME_PERIOD:
        steps.append(
            _("Target (%(period)s): %(value)s")
            % {"period": target.period.label, "value": figure(value, language)}
        )
        return value, target, basis
    if basis == LATEST:
        steps.append(
            _(
                "Target: none for %(period)s; the last target (%(target_period)s) still "
                "applies: %(value)s"
            )
            % {
                "period": actual.period.label,
                "target_period": target.period.label,
                "value": figure(value, language),
            }
        )
        return value, target, basis
    earlier = [t for t in targets if t.period.end < actual.period.end]
    from_target: str | None = None  # the period of the earlier target the line starts from
    if earlier:
        start_value, start_end = float(earlier[-1].value or 0.0), earlier[-1].period.end
        from_target = earlier[-1].period.label
    elif baseline_end is not None and baseline_end < actual.period.end:
        start_value, start_end = baseline, baseline_end
    else:
        steps.append(
            _("Target: none for %(period)s; the next target (%(target_period)s): %(value)s")
            % {
                "period": actual.period.label,
                "target_period": target.period.label,
                "value": figure(value, language),
            }
        )
        return value, target, NEXT
    elapsed = (actual.period.end - start_end).days
    span = (target.period.end - start_end).days
    interim = start_value + (value - start_value) * elapsed / span
    words = {
        "period": actual.period.label,
        "start_period": from_target or "",
        "start_value": figure(start_value, language),
        "start_date": language.digits(start_end.isoformat()),
        "target_period": target.period.label,
        "target_value": figure(value, language),
        "target_date": language.digits(target.period.end.isoformat()),
        "elapsed": language.digits(str(elapsed)),
        "span": language.digits(str(span)),
        "interim": figure(interim, language),
    }
    if from_target is not None:
        message = _(
            "Interim target for %(period)s, on a straight line from the %(start_period)s "
            "target (%(start_value)s, %(start_date)s) to the %(target_period)s target "
            "(%(target_value)s, %(target_date)s): %(start_value)s + (%(target_value)s − "
            "%(start_value)s) × %(elapsed)s ÷ %(span)s days = %(interim)s"
        )
    else:
        message = _(
            "Interim target for %(period)s, on a straight line from the baseline "
            "(%(start_value)s, %(start_date)s) to the %(target_period)s target "
            "(%(target_value)s, %(target_date)s): %(start_value)s + (%(target_value)s − "
            "%(start_value)s) × %(elapsed)s ÷ %(span)s days = %(interim)s"
        )
    steps.append(message % words)
    return interim, target, INTERIM
