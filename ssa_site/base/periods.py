"""Reporting periods: ``2024``, ``FY2024``, ``2024-Q2``, ``FY2024-Q2``, ``2024-H1``,
``2024-03``, ISO 8601 date intervals ``2020-11-02/2025-06-30`` (as IATI periods are) and
single days ``2019-06-30`` (as IATI dates a baseline).

A fiscal year is named after the calendar year it ends in: with ``fiscal_year_start = 10``,
FY2024 runs from 2023-10-01 to 2024-09-30.  An interval runs from its first date to its
second, both included.  A period *is* its days: two labels of the same days (``2024`` and
``2024-01-01/2024-12-31``) are equal periods.  Periods order by start, then end, so
overlapping intervals and the named periods within them sort the way a timeline reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

# ASCII: \d would match other scripts' digits too ('２０２４'), which int() reads silently.
_PATTERN = re.compile(
    r"^(?P<fy>FY)?(?P<year>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>0[1-9]|1[0-2])))?$",
    re.ASCII,
)
# Anything with a '/' between two parts is meant as an interval: its errors say so.
_INTERVAL = re.compile(r"^(?P<start>[^/]*)/(?P<end>[^/]*)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_FIRST_YEAR, _LAST_YEAR = 1900, 2200

PERIOD_FORMATS = (
    "2024, FY2024, 2024-Q2, FY2024-Q2, 2024-H1, FY2024-H1, 2024-03 "
    "or a date interval such as 2020-11-02/2025-06-30"
)


class PeriodError(ValueError):
    """The text is not a period this tool understands; ``fix`` says what to write."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.fix = fix or f"write one of {PERIOD_FORMATS}"


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period with its derived first and last day."""

    start: date
    end: date
    label: str = field(compare=False)

    def __str__(self) -> str:
        return self.label

    @property
    def months(self) -> int:
        """Calendar months the period touches (12 for a year, 1 for a month)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def is_interval(self) -> bool:
        """Written as dates (``2020-11-02/2025-06-30``, ``2019-06-30``), not a named period."""
        return bool(_DAY.match(self.label[:10]))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _span(year: int, month: int, months: int) -> tuple[date, date]:
    start = date(year, month, 1)
    end_year, end_month = _add_months(year, month, months)
    return start, date(end_year, end_month, 1) - timedelta(days=1)


def parse_period(text: str, fiscal_year_start: int = 10) -> Period:
    """Parse a period label; raise :class:`PeriodError` naming the accepted forms."""
    label = text.strip()
    interval = _INTERVAL.match(label)
    if interval:
        return _interval(text, interval["start"].strip(), interval["end"].strip())
    if _DAY.match(label):
        return _interval(text, label, label)
    match = _PATTERN.match(label)
    if not match:
        raise PeriodError(f"'{text}' is not a period")
    year = int(match["year"])
    if year < _FIRST_YEAR or year > _LAST_YEAR:
        raise PeriodError(f"'{text}' has a year outside {_FIRST_YEAR}-{_LAST_YEAR}")
    fiscal = match["fy"] is not None
    if match["m"] and fiscal:
        raise PeriodError(f"'{text}' mixes a fiscal year with a calendar month")
    if fiscal:
        # FY<year> ends in <year>: it starts in the previous calendar year unless the
        # fiscal year starts in January.
        first_year = year - 1 if fiscal_year_start != 1 else year
        first_month = fiscal_year_start
    else:
        first_year, first_month = year, 1
    if match["q"]:
        offset, months = (int(match["q"]) - 1) * 3, 3
    elif match["h"]:
        offset, months = (int(match["h"]) - 1) * 6, 6
    elif match["m"]:
        offset, months = int(match["m"]) - 1, 1
    else:
        offset, months = 0, 12
    start_year, start_month = _add_months(first_year, first_month, offset)
    start, end = _span(start_year, start_month, months)
    return Period(start=start, end=end, label=label)


_INTERVAL_FIX = (
    "write the first and the last day as YYYY-MM-DD/YYYY-MM-DD, e.g. 2020-11-02/2025-06-30"
)


def _day(text: str, part: str) -> date:
    if not _DAY.match(part):
        raise PeriodError(f"'{text}' is not a date interval: '{part}' is not a date", _INTERVAL_FIX)
    try:
        day = date.fromisoformat(part)
    except ValueError:
        raise PeriodError(
            f"'{text}' is not a date interval: {part} is not a day of the calendar", _INTERVAL_FIX
        ) from None
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise PeriodError(f"'{text}' has a year outside {_FIRST_YEAR}-{_LAST_YEAR}", _INTERVAL_FIX)
    return day


def _interval(text: str, first: str, last: str) -> Period:
    start, end = _day(text, first), _day(text, last)
    if end < start:
        raise PeriodError(
            f"'{text}' ends ({end}) before it starts ({start})",
            f"write the first day before the '/' and the last after it: {end}/{start} "
            "if the dates are swapped",
        )
    return Period(start=start, end=end, label=interval_label(start, end))


def interval_label(start: date, end: date) -> str:
    """One spelling per interval: ``2020-11-02/2025-06-30``, a single day as ``2019-06-30``."""
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def named_periods(year: int, fiscal_year_start: int = 10) -> list[str]:
    """Every named period of calendar year ``year`` and fiscal year ``year + 1`` (which may
    start in ``year``): years, halves, quarters, then months, calendar before fiscal (the
    order :func:`shortest_label` prefers them in)."""
    labels: list[str] = []
    for prefix in ("", "FY"):
        for y in (year, year + 1):
            labels.append(f"{prefix}{y}")
    for kind, count in (("H", 2), ("Q", 4)):
        for prefix in ("", "FY"):
            for y in (year, year + 1):
                labels.extend(f"{prefix}{y}-{kind}{n}" for n in range(1, count + 1))
    labels.extend(f"{y}-{m:02d}" for y in (year, year + 1) for m in range(1, 13))
    return labels


def shortest_label(start: date, end: date, fiscal_year_start: int = 10) -> str:
    """The label of the days ``start`` to ``end``: a named period (year, fiscal year, half,
    quarter, month) when one spans exactly those days, else the interval."""
    for label in named_periods(start.year, fiscal_year_start):
        try:
            period = parse_period(label, fiscal_year_start)
        except PeriodError:  # a year outside the range: no named period then
            continue
        if (period.start, period.end) == (start, end):
            return label
    return interval_label(start, end)
