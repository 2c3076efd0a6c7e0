from datetime import date

import pytest

from ssa_site.base.periods import PeriodError, parse_period, shortest_label


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
    with pytest.raises(PeriodError, match=r"is not a (date interval|period)|mixes|outside"):
        parse_period(text)


# -- date intervals (IATI periods) -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2020-11-02/2025-06-30", date(2020, 11, 2), date(2025, 6, 30), "2020-11-02/2025-06-30"),
        (
            " 2020-11-02 / 2025-06-30 ",
            date(2020, 11, 2),
            date(2025, 6, 30),
            "2020-11-02/2025-06-30",
        ),
        ("2024-02-29/2024-02-29", date(2024, 2, 29), date(2024, 2, 29), "2024-02-29"),
        ("2019-06-30", date(2019, 6, 30), date(2019, 6, 30), "2019-06-30"),
    ],
)
def test_intervals_run_from_their_first_to_their_last_day(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.is_interval and str(period) == label
    assert period.days == (end - start).days + 1


def test_a_period_is_its_days_whatever_its_label():
    assert parse_period("2024") == parse_period("2024-01-01/2024-12-31")
    assert parse_period("FY2024", 1) == parse_period("2024")
    assert len({parse_period("2024-Q2"), parse_period("2024-04-01/2024-06-30")}) == 1
    assert parse_period("2024") != parse_period("2024-01-01/2024-12-30")
    assert not parse_period("2024-03").is_interval


def test_overlapping_intervals_sort_as_a_timeline():
    labels = ["2021", "2020-11-02/2025-06-30", "2020-11-02/2021-06-30", "2020-Q4", "2019-06-30"]
    ordered = [p.label for p in sorted(parse_period(text) for text in labels)]
    assert ordered == [
        "2019-06-30",
        "2020-Q4",
        "2020-11-02/2021-06-30",
        "2020-11-02/2025-06-30",
        "2021",
    ]


@pytest.mark.parametrize(
    ("text", "message", "fix"),
    [
        (
            "2025-06-30/2020-11-02",
            "'2025-06-30/2020-11-02' ends (2020-11-02) before it starts (2025-06-30)",
            "2020-11-02/2025-06-30 if the dates are swapped",
        ),
        ("2024-02-30/2024-12-31", "2024-02-30 is not a day of the calendar", "YYYY-MM-DD"),
        ("2024/2025", "'2024' is not a date", "YYYY-MM-DD/YYYY-MM-DD"),
        ("2024-01-01/", "'' is not a date", "YYYY-MM-DD/YYYY-MM-DD"),
        ("2020-1-5/2021-01-01", "'2020-1-5' is not a date", "e.g. 2020-11-02/2025-06-30"),
        ("1850-01-01/2020-01-01", "outside 1900-2200", "YYYY-MM-DD"),
        ("2020-01-01/2021-01-01/2022-01-01", "is not a period", "date interval such as"),
    ],
)
def test_bad_intervals_say_what_is_wrong_and_how_to_write_them(text, message, fix):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert str(caught.value).startswith(f"'{text}' ")
    assert message in str(caught.value)
    assert fix in caught.value.fix


@pytest.mark.parametrize(
    ("start", "end", "fy_start", "label"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), 10, "2024"),
        (date(2023, 10, 1), date(2024, 9, 30), 10, "FY2024"),
        (date(2023, 7, 1), date(2024, 6, 30), 7, "FY2024"),
        (date(2024, 1, 1), date(2024, 12, 31), 1, "2024"),  # calendar before fiscal
        (date(2024, 7, 1), date(2024, 12, 31), 10, "2024-H2"),
        (date(2024, 4, 1), date(2024, 9, 30), 10, "FY2024-H2"),
        (date(2024, 4, 1), date(2024, 6, 30), 10, "2024-Q2"),
        (date(2023, 11, 1), date(2024, 1, 31), 11, "FY2024-Q1"),
        (date(2024, 2, 1), date(2024, 2, 29), 10, "2024-02"),
        (date(2020, 11, 2), date(2025, 6, 30), 10, "2020-11-02/2025-06-30"),
        (date(2024, 1, 1), date(2024, 12, 30), 10, "2024-01-01/2024-12-30"),
        (date(2019, 6, 30), date(2019, 6, 30), 10, "2019-06-30"),
    ],
)
def test_an_interval_takes_the_shortest_name_of_its_days(start, end, fy_start, label):
    assert shortest_label(start, end, fy_start) == label
    period = parse_period(label, fy_start)
    assert (period.start, period.end) == (start, end)
