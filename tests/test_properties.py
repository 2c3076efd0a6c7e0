"""Property-based tests: arbitrary input gives clear problems or sound results, never a crash.

- periods: any text is a period or a :class:`PeriodError`; a period's days follow its label;
- status: any mix of values is assessed without error, and the arithmetic keeps its promises
  (the formula, direction symmetry, more progress never rates worse);
- the CSV loader: random bytes or random CSV text in a resource give problems, not
  exceptions, each in the ``path:row: field: problem (fix)`` form.
"""

from __future__ import annotations

import math
import os
import re
import shutil
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ssa_site.analysis.ratings import NO_DATA, RATINGS, StatusSettings, Thresholds
from ssa_site.analysis.status import assess
from ssa_site.base.periods import Period, PeriodError, parse_period
from ssa_site.model.plan import Indicator, Value
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

FAST = settings(max_examples=80, deadline=None)
MONTHS = st.integers(min_value=1, max_value=12)
YEARS = st.integers(min_value=1900, max_value=2200)

# -- periods ---------------------------------------------------------------------------

LABEL_PARTS = st.sampled_from(["", "FY", "fy", " ", "-", "Q", "H", "0", "1", "2", "4", "13"])


@FAST
@given(st.one_of(st.text(max_size=20), st.lists(LABEL_PARTS, max_size=6).map("".join)), MONTHS)
def test_any_text_is_a_period_or_a_period_error(text: str, fiscal_year_start: int) -> None:
    try:
        period = parse_period(text, fiscal_year_start)
    except PeriodError as exc:
        assert str(exc).startswith(f"'{text}' ")
        return
    assert period.label == text.strip()
    assert period.start <= period.end
    assert period.start.day == 1 and (period.end + timedelta(days=1)).day == 1
    assert period.months in (1, 3, 6, 12)


@st.composite
def labels(draw: st.DrawFn) -> str:
    fiscal = draw(st.booleans())
    year = draw(YEARS)
    part = draw(
        st.sampled_from(["", "Q1", "Q2", "Q3", "Q4", "H1", "H2"] + ([] if fiscal else ["03"]))
    )
    return ("FY" if fiscal else "") + str(year) + (f"-{part}" if part else "")


@FAST
@given(labels(), MONTHS)
def test_a_period_spans_what_its_label_says(label: str, fiscal_year_start: int) -> None:
    period = parse_period(label, fiscal_year_start)
    year_label = label.split("-")[0]
    year = parse_period(year_label, fiscal_year_start)
    assert year.start <= period.start <= period.end <= year.end
    assert year.months == 12
    if label.startswith("FY"):
        # A fiscal year is named after the calendar year it ends in.
        assert year.end.year == int(year_label[2:])
        assert year.start.month == fiscal_year_start
    else:
        assert (year.start, year.end) == (
            date(int(year_label), 1, 1),
            date(int(year_label), 12, 31),
        )
    if "-Q" in label or "-H" in label:
        kind, count = label[-2], int(label[-1])
        size = 3 if kind == "Q" else 6
        parts = [
            parse_period(f"{year_label}-{kind}{n}", fiscal_year_start)
            for n in range(1, 13 // size + 1)
        ]
        assert parts[0].start == year.start and parts[-1].end == year.end
        for before, after in pairwise(parts):
            assert before.end + timedelta(days=1) == after.start
        assert parts[count - 1] == period
        assert period.months == size


# -- status arithmetic -----------------------------------------------------------------

NUMBERS = st.floats(min_value=-1e14, max_value=1e14, allow_nan=False, allow_infinity=False)
PERIODS = st.sampled_from(["FY2022", "FY2023", "FY2024", "FY2025", "2024-Q2", "2025"]).map(
    parse_period
)
KINDS = st.sampled_from(["baseline", "target", "actual"])
REPORTED = st.one_of(st.none(), st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31)))


def value(
    period: Period,
    kind: str,
    number: float | None,
    text: str | None = None,
    reported: date | None = None,
) -> Value:
    return Value("I1", period, kind, number, text, None, None, reported, ())


def indicator(
    values: list[Value],
    direction: str | None = "increase",
    measure: str = "unit",
    cumulative: bool = False,
) -> Indicator:
    return Indicator(
        "p", "I1", "R1", "An indicator", "", "cases", measure=measure, direction=direction,
        cumulative=cumulative, values=tuple(values),
    )  # fmt: skip


@st.composite
def any_values(draw: st.DrawFn) -> tuple[Indicator, date | None]:
    qualitative = draw(st.booleans())
    rows = draw(
        st.lists(
            st.tuples(
                PERIODS, KINDS, NUMBERS, st.sampled_from(["done", "Done ", "partly"]), REPORTED
            ),
            max_size=8,
        )
    )
    values = [
        value(p, k, None if qualitative else n, t if qualitative else None, r)
        for p, k, n, t, r in rows
    ]
    made = indicator(
        values,
        draw(st.sampled_from(["increase", "decrease", "maintain", None])),
        "qualitative" if qualitative else "unit",
        draw(st.booleans()),
    )
    return made, draw(st.one_of(st.none(), REPORTED))


@FAST
@given(
    any_values(),
    st.one_of(st.none(), st.dates(min_value=date(2018, 1, 1), max_value=date(2022, 1, 1))),
)
def test_any_values_are_assessed_without_error(
    case: tuple[Indicator, date | None], plan_start: date | None
) -> None:
    made, as_of = case
    status = assess(made, StatusSettings(), as_of, plan_start)
    assert status.rating in RATINGS
    assert status.reason == "" or isinstance(status.reason, str)
    for assessment in status.assessments:
        assert assessment.rating in RATINGS
        if assessment.progress is not None:
            assert math.isfinite(assessment.progress)
        for step in assessment.steps:
            assert not re.search(r"\b(?:nan|inf)\b", step), step
    if status.rating != NO_DATA and not made.qualitative:
        assert status.current is not None and status.current.progress is not None


@FAST
@given(NUMBERS, NUMBERS, NUMBERS)
def test_progress_is_the_formula_for_either_direction(
    baseline: float, target: float, actual: float
) -> None:
    assume(abs(target - baseline) > 1e-3)
    year = parse_period("FY2024")
    rows = [value(parse_period("FY2023"), "baseline", baseline), value(year, "target", target)]
    up = assess(indicator([*rows, value(year, "actual", actual)]), StatusSettings(), None)
    assert up.current is not None and up.current.progress is not None
    expected = (actual - baseline) / (target - baseline)
    assert math.isclose(up.current.progress, expected, rel_tol=1e-9, abs_tol=1e-9)
    mirrored = [
        value(parse_period("FY2023"), "baseline", -baseline),
        value(year, "target", -target),
        value(year, "actual", -actual),
    ]
    down = assess(indicator(mirrored, "decrease"), StatusSettings(), None)
    assert down.current is not None and down.current.rating == up.current.rating


RANK = {"achieved": 0, "on-track": 1, "at-risk": 2, "off-track": 3}


@FAST
@given(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=1e-2, max_value=1e6),
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=0, max_value=1e6),
    st.sampled_from([Thresholds(), Thresholds(1.0, 0.9, 0.5), Thresholds(0.8, 0.8, 0.8)]),
)
def test_more_progress_never_rates_worse(
    baseline: float, gap: float, actual: float, more: float, thresholds: Thresholds
) -> None:
    """Toward an increase (or, mirrored, a decrease), a higher actual never rates lower."""
    year, before = parse_period("FY2024"), parse_period("FY2023")
    rated = []
    for number in (actual, actual + more):
        rows = [
            value(before, "baseline", baseline),
            value(year, "target", baseline + gap),
            value(year, "actual", number),
        ]
        status = assess(indicator(rows), StatusSettings(thresholds), None)
        assert status.current is not None
        rated.append(RANK[status.current.rating])
    assert rated[1] <= rated[0]


# -- the CSV loader ----------------------------------------------------------------------

CSV_PIECES = st.sampled_from(
    ["indicator", "period", "kind", "value", "I1", "I2", "FY2024", "actual", "target", "12",
     "1e400", "NaN", "-", "=1+1", ",", ",,", '"', '""', "\n", "\r\n", "\ufeff", "é", " ",
     "\x00", "\t"]
)  # fmt: skip
HEADER = "indicator,period,kind,value,text,comment,reported,visibility,sex\n"


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    return root


_LINE = re.compile(r"^[^:\n]+(?::\d+)?: ")


def _problems_only(root: Path, resource: str, data: bytes) -> None:
    path = root / "data/northland-ics" / resource
    original = path.read_bytes()
    path.write_bytes(data)
    saved = os.environ.get("SSA_CACHE")
    os.environ["SSA_CACHE"] = "0"  # one-off inputs: nothing worth caching
    try:
        site = load_site(root, root / "data", root / "content", "internal")
    finally:
        path.write_bytes(original)
        if saved is None:
            os.environ.pop("SSA_CACHE", None)
        else:
            os.environ["SSA_CACHE"] = saved
    for problem in site.problems:
        assert _LINE.match(str(problem)), str(problem)
        assert problem.fix, str(problem)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=200))
def test_random_bytes_in_a_resource_give_problems_not_exceptions(
    fuzz_root: Path, data: bytes
) -> None:
    _problems_only(fuzz_root, "values.csv", data)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(CSV_PIECES, max_size=40).map("".join),
    st.booleans(),
    st.sampled_from(["values.csv", "results.csv", "initiatives.csv"]),
)
def test_random_csv_text_gives_problems_not_exceptions(
    fuzz_root: Path, text: str, header: bool, resource: str
) -> None:
    prefix = HEADER if header and resource == "values.csv" else ""
    _problems_only(fuzz_root, resource, (prefix + text).encode("utf-8"))
