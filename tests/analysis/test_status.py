"""Status arithmetic (SPEC §4), with the expected values worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from ssa_site.analysis.ratings import (
    ACHIEVED,
    AT_RISK,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    StatusSettings,
    Thresholds,
)
from ssa_site.analysis.rollup import StatusBoard, roll_up
from ssa_site.analysis.status import INTERIM, LATEST, NEXT, SAME_PERIOD, assess
from ssa_site.base.periods import parse_period
from ssa_site.model.plan import Indicator, Plan, Portfolio, Result, Value

DEFAULT = StatusSettings()


def v(kind: str, period: str, value: float | None = None, text: str | None = None, **kw) -> Value:
    return Value(
        indicator="I",
        period=parse_period(period),
        kind=kind,
        value=value,
        text=text,
        comment=None,
        status=None,
        reported=kw.get("reported"),
        dimensions=(),
    )


def ind(*values: Value, direction: str = "increase", **kw) -> Indicator:
    return Indicator(
        plan="p",
        id=kw.pop("id", "I"),
        result=kw.pop("result", "R"),
        title="Indicator",
        definition="d",
        unit="number",
        direction=direction,
        values=values,
        **kw,
    )


def status(indicator: Indicator, as_of: date | None = None, settings=DEFAULT, start=None):
    return assess(indicator, settings, as_of, start)


# --- quantitative, target of the same period ------------------------------------------


def test_increase_progress_is_share_of_the_way_from_baseline_to_target() -> None:
    # (55 − 40) ÷ (60 − 40) = 15 ÷ 20 = 0.75: at least 0.6, below 0.85 → at risk
    s = status(
        ind(v("baseline", "FY2023", 40), v("target", "FY2025", 60), v("actual", "FY2025", 55))
    )
    assert s.rating == AT_RISK
    assert s.current is not None
    assert s.current.progress == pytest.approx(0.75)
    assert s.current.basis == SAME_PERIOD
    assert s.current.percent == "75%"
    text = " | ".join(s.current.steps)
    assert "(55 − 40) ÷ (60 − 40) = 15 ÷ 20 = 75%" in text
    assert "at risk" in text


@pytest.mark.parametrize(
    ("actual", "progress", "rating"),
    [
        (22, 0.8, AT_RISK),  # (22 − 30) ÷ (20 − 30) = −8 ÷ −10
        (21, 0.9, ON_TRACK),  # −9 ÷ −10
        (20, 1.0, ACHIEVED),
        (15, 1.5, ACHIEVED),  # beyond the target, downwards
        (35, -0.5, OFF_TRACK),  # moved the wrong way
    ],
)
def test_decrease_direction(actual: float, progress: float, rating: str) -> None:
    s = status(
        ind(
            v("baseline", "FY2023", 30),
            v("target", "FY2025", 20),
            v("actual", "FY2025", actual),
            direction="decrease",
        )
    )
    assert s.current is not None
    assert s.current.progress == pytest.approx(progress)
    assert s.rating == rating


def test_actual_beyond_target_is_achieved() -> None:
    # (70 − 40) ÷ (60 − 40) = 1.5
    s = status(
        ind(v("baseline", "FY2023", 40), v("target", "FY2025", 60), v("actual", "FY2025", 70))
    )
    assert s.current is not None and s.current.progress == pytest.approx(1.5)
    assert s.rating == ACHIEVED
    assert s.current.percent == "150%"


@pytest.mark.parametrize(
    ("direction", "actual", "progress", "rating"),
    [
        ("increase", 52, 1.0, ACHIEVED),  # at or above the level: met
        ("increase", 45, 0.9, ON_TRACK),  # 1 − |45 − 50| ÷ 50
        ("increase", 40, 0.8, AT_RISK),  # 1 − 10 ÷ 50
        ("decrease", 48, 1.0, ACHIEVED),  # at or below the level: met
        ("decrease", 60, 0.8, AT_RISK),  # 1 − 10 ÷ 50
    ],
)
def test_target_equal_to_baseline(direction, actual, progress, rating) -> None:
    s = status(
        ind(
            v("baseline", "FY2023", 50),
            v("target", "FY2025", 50),
            v("actual", "FY2025", actual),
            direction=direction,
        )
    )
    assert s.current is not None
    assert s.current.progress == pytest.approx(progress)
    assert s.rating == rating
    assert any("the target equals the baseline" in step for step in s.current.steps)


@pytest.mark.parametrize(
    ("actual", "progress", "rating"),
    [
        (95, 1.0, ACHIEVED),
        (90, 1 - 5 / 95, ON_TRACK),  # 0.947
        (100, 1 - 5 / 95, ON_TRACK),  # above the level is a deviation too
        (50, 1 - 45 / 95, OFF_TRACK),  # 0.526
    ],
)
def test_maintain_direction_measures_closeness_to_the_level(actual, progress, rating) -> None:
    s = status(
        ind(
            v("baseline", "FY2023", 90),
            v("target", "FY2025", 95),
            v("actual", "FY2025", actual),
            direction="maintain",
        )
    )
    assert s.current is not None
    assert s.current.progress == pytest.approx(progress)
    assert s.rating == rating


# --- missing pieces ----------------------------------------------------------------------


def test_missing_baseline_cannot_be_rated_for_a_per_period_indicator() -> None:
    s = status(ind(v("target", "FY2025", 60), v("actual", "FY2025", 55)))
    assert s.rating == NO_DATA
    assert s.current is not None and s.current.progress is None
    assert "Baseline: none reported" in s.reason


def test_missing_baseline_of_a_cumulative_indicator_starts_from_zero() -> None:
    # 90 ÷ 100 = 0.9 → on track
    s = status(ind(v("target", "FY2025", 100), v("actual", "FY2025", 90), cumulative=True))
    assert s.current is not None and s.current.progress == pytest.approx(0.9)
    assert s.current.baseline == 0
    assert s.current.baseline_period is None
    assert s.rating == ON_TRACK


def test_no_actual_is_no_data() -> None:
    s = status(ind(v("baseline", "FY2023", 40), v("target", "FY2025", 60)))
    assert s.rating == NO_DATA
    assert s.current is None
    assert "no actual" in s.reason


def test_no_target_is_no_data() -> None:
    s = status(ind(v("baseline", "FY2023", 40), v("actual", "FY2024", 50)))
    assert s.rating == NO_DATA
    assert s.reason == "no target is set"


# --- periods without their own target ------------------------------------------------


def test_cumulative_interim_target_is_interpolated_in_time() -> None:
    # FY2023 ends 2023-09-30, FY2024 2024-09-30 (366 days later), FY2025 2025-09-30 (731).
    # Interim target for FY2024: 0 + (200 − 0) × 366 ÷ 731 = 100.1368
    # Progress: (80 − 0) ÷ (100.1368 − 0) = 0.7989 → at risk
    s = status(
        ind(
            v("baseline", "FY2023", 0),
            v("target", "FY2025", 200),
            v("actual", "FY2024", 80),
            cumulative=True,
        )
    )
    assert s.current is not None
    assert s.current.basis == INTERIM
    assert s.current.target == pytest.approx(200 * 366 / 731)
    assert s.current.progress == pytest.approx(80 / (200 * 366 / 731))
    assert s.rating == AT_RISK
    assert any("× 366 ÷ 731 days = 100.14" in step for step in s.current.steps)


def test_meeting_an_interim_target_is_on_track_not_achieved() -> None:
    s = status(
        ind(
            v("baseline", "FY2023", 0),
            v("target", "FY2025", 200),
            v("actual", "FY2024", 120),
            cumulative=True,
        )
    )
    assert s.current is not None and s.current.progress > 1
    assert s.rating == ON_TRACK


def test_interim_target_starts_from_the_previous_target() -> None:
    # FY2024 target 50 (ends 2024-09-30), FY2026 target 70 (ends 2026-09-30, 730 days on)
    # FY2025 ends 2025-09-30: 365 days on → 50 + 20 × 365 ÷ 730 = 60; (58 − 40) ÷ (60 − 40) = 0.9
    s = status(
        ind(
            v("baseline", "FY2023", 40),
            v("target", "FY2024", 50),
            v("target", "FY2026", 70),
            v("actual", "FY2025", 58),
        )
    )
    assert s.current is not None
    assert s.current.target == pytest.approx(60)
    assert s.current.progress == pytest.approx(0.9)
    assert s.rating == ON_TRACK


def test_after_the_last_target_the_last_target_still_applies() -> None:
    s = status(
        ind(v("baseline", "FY2023", 40), v("target", "FY2025", 60), v("actual", "FY2026", 61))
    )
    assert s.current is not None and s.current.basis == LATEST
    assert s.rating == ACHIEVED


def test_status_is_from_the_latest_actual_and_every_actual_is_assessed() -> None:
    s = status(
        ind(
            v("baseline", "FY2023", 40),
            v("target", "FY2024", 50),
            v("target", "FY2025", 60),
            v("actual", "FY2024", 50),
            v("actual", "FY2025", 45),
        )
    )
    assert [a.rating for a in s.assessments] == [ACHIEVED, OFF_TRACK]  # 1.0, then 0.25
    assert s.rating == OFF_TRACK


# --- as of a date, and late reports --------------------------------------------------


def test_values_reported_after_the_date_do_not_count() -> None:
    indicator = ind(
        v("baseline", "FY2023", 40, reported=date(2023, 10, 15)),
        v("target", "FY2024", 50),
        v("actual", "FY2024", 50, reported=date(2024, 11, 15)),
    )
    assert status(indicator, as_of=date(2024, 11, 14)).rating == NO_DATA
    assert status(indicator, as_of=date(2024, 11, 15)).rating == ACHIEVED


def test_a_value_without_reported_date_is_known_from_the_end_of_its_period() -> None:
    indicator = ind(
        v("baseline", "FY2023", 40), v("target", "FY2024", 50), v("actual", "FY2024", 50)
    )
    assert status(indicator, as_of=date(2024, 9, 29)).rating == NO_DATA
    assert status(indicator, as_of=date(2024, 9, 30)).rating == ACHIEVED


def test_a_target_period_without_actual_long_after_its_end_is_late() -> None:
    indicator = ind(v("baseline", "FY2023", 40), v("target", "FY2024", 50))
    # FY2024 ends 2024-09-30; with 90 days of grace the actual is due by 2024-12-29.
    assert status(indicator, as_of=date(2024, 12, 29)).late == ()
    late = status(indicator, as_of=date(2024, 12, 30)).late
    assert [(x.period.label, x.due) for x in late] == [("FY2024", date(2024, 12, 29))]
    strict = StatusSettings(late_after_days=30)
    assert status(indicator, as_of=date(2024, 11, 15), settings=strict).late


# --- qualitative ----------------------------------------------------------------------


def qual(*values: Value) -> Indicator:
    return ind(*values, measure="qualitative", direction=None)


def test_qualitative_value_equal_to_its_target_is_achieved() -> None:
    s = status(
        qual(v("target", "FY2025", text="Law adopted"), v("actual", "FY2025", text=" law  ADOPTED"))
    )
    assert s.rating == ACHIEVED


def test_qualitative_value_short_of_a_due_target_is_off_track() -> None:
    s = status(
        qual(v("target", "FY2025", text="Law adopted"), v("actual", "FY2025", text="Draft law"))
    )
    assert s.rating == OFF_TRACK
    assert s.current is not None and s.current.target_text == "Law adopted"


def test_qualitative_before_its_target_is_due() -> None:
    targets = (v("target", "FY2024", text="Draft law"), v("target", "FY2026", text="Law adopted"))
    on_milestone = status(qual(*targets, v("actual", "FY2025", text="Draft law")))
    assert on_milestone.current is not None and on_milestone.current.basis == NEXT
    assert on_milestone.rating == ON_TRACK
    assert status(qual(*targets, v("actual", "FY2025", text="Consultations"))).rating == AT_RISK


def test_qualitative_without_actual_is_no_data() -> None:
    assert status(qual(v("target", "FY2025", text="Law adopted"))).rating == NO_DATA


# --- thresholds -------------------------------------------------------------------------


def test_thresholds_are_configurable() -> None:
    values = (v("baseline", "FY2023", 40), v("target", "FY2025", 60), v("actual", "FY2025", 55))
    lenient = StatusSettings(thresholds=Thresholds(achieved=0.95, on_track=0.7, at_risk=0.5))
    assert status(ind(*values), settings=lenient).rating == ON_TRACK  # 0.75 ≥ 0.7


def test_thresholds_must_be_in_order() -> None:
    with pytest.raises(ValueError, match="achieved ≥ on_track ≥ at_risk"):
        Thresholds(achieved=0.8, on_track=0.9, at_risk=0.5)


# --- roll-up --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([ACHIEVED, ACHIEVED], ACHIEVED),
        ([ACHIEVED, ON_TRACK], ON_TRACK),  # mean 2.5, halves round down
        ([ACHIEVED, OFF_TRACK], AT_RISK),  # mean 1.5
        ([AT_RISK, OFF_TRACK], OFF_TRACK),  # mean 0.5
        ([ACHIEVED, ACHIEVED, ON_TRACK], ON_TRACK),  # not everything achieved
        ([ON_TRACK, NO_DATA], ON_TRACK),  # no data does not count
        ([NO_DATA], NO_DATA),
        ([], NO_DATA),
    ],
)
def test_roll_up(ratings: list[str], expected: str) -> None:
    assert roll_up(ratings)[0] == expected


def test_board_rolls_results_up_to_the_plan() -> None:
    achieved = (v("baseline", "FY2023", 0), v("target", "FY2024", 10), v("actual", "FY2024", 10))
    off = (v("baseline", "FY2023", 0), v("target", "FY2024", 10), v("actual", "FY2024", 1))
    plan = Plan(
        name="p",
        title="Plan",
        kind="country-strategy",
        levels=("goal", "objective", "sub-objective"),
        results=(
            Result("p", "G", None, "goal", "Goal"),
            Result("p", "O1", "G", "objective", "One"),
            Result("p", "O1.1", "O1", "sub-objective", "One one"),
            Result("p", "O2", "G", "objective", "Two"),
        ),
        indicators=(
            ind(*achieved, id="A", result="O1.1"),
            ind(*achieved, id="B", result="O1"),
            ind(*off, id="C", result="O2"),
            ind(v("baseline", "FY2023", 0), id="D", result="O2"),
        ),
    )
    board = StatusBoard(Portfolio((plan,)), DEFAULT, date(2025, 1, 1))
    assert board.result(plan.result("O1.1")).rating == ACHIEVED
    assert board.result(plan.result("O1")).rating == ACHIEVED
    assert board.result(plan.result("O2")).rating == OFF_TRACK  # C off track, D no data
    assert board.result(plan.result("G")).rating == AT_RISK  # children 3 and 0: mean 1.5
    summary = board.plan(plan)
    assert summary.rating == AT_RISK
    assert summary.tally.count(ACHIEVED) == 2 and summary.tally.count(NO_DATA) == 1
    assert [(r.id, t.total) for r, t in summary.groups] == [("O1", 2), ("O2", 2)]
    earlier = board.at(date(2024, 9, 1))
    assert earlier.plan(plan).tally.count(NO_DATA) == 4
    changed = {(c.entity.id, c.before, c.after) for c in board.changes(earlier, plan)}
    assert ("C", NO_DATA, OFF_TRACK) in changed and ("G", NO_DATA, AT_RISK) in changed
