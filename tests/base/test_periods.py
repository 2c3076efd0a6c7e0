from datetime import date

import pytest

from ssa_site.base.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "fy_start", "start", "end"),
    [
        ("2024", 10, date(2024, 1, 1), date(2024, 12, 31)),
        ("FY2024", 10, date(2023, 10, 1), date(2024, 9, 30)),
        ("FY2024", 7, date(2023, 7, 1), date(2024, 6, 30)),
        ("FY2024", 1, date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-Q2", 10, date(2024, 4, 1), date(2024, 6, 30)),
        ("FY2024-Q1", 10, date(2023, 10, 1), date(2023, 12, 31)),
        ("FY2024-Q4", 10, date(2024, 7, 1), date(2024, 9, 30)),
        ("2024-H2", 10, date(2024, 7, 1), date(2024, 12, 31)),
        ("FY2024-H2", 10, date(2024, 4, 1), date(2024, 9, 30)),
        ("2024-02", 10, date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-12", 10, date(2023, 12, 1), date(2023, 12, 31)),
    ],
)
def test_periods_have_the_documented_dates(text, fy_start, start, end):
    period = parse_period(text, fy_start)
    assert (period.start, period.end, period.label) == (start, end, text)


@pytest.mark.parametrize(
    "text", ["", "24", "FY24", "2024-Q5", "2024-13", "FY2024-03", "2024/25", "abc"]
)
def test_bad_periods_are_refused_with_the_text_named(text):
    with pytest.raises(PeriodError, match=r"is not a period|mixes|outside"):
        parse_period(text)
