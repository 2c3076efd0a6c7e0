"""Reporting periods: ``2024``, ``FY2024``, ``2024-Q2``, ``FY2024-Q2``, ``2024-H1``, ``2024-03``.

A fiscal year is named after the calendar year it ends in: with ``fiscal_year_start = 10``,
FY2024 runs from 2023-10-01 to 2024-09-30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# ASCII: \d would match other scripts' digits too ('２０２４'), which int() reads silently.
_PATTERN = re.compile(
    r"^(?P<fy>FY)?(?P<year>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>0[1-9]|1[0-2])))?$",
    re.ASCII,
)

PERIOD_FORMATS = "2024, FY2024, 2024-Q2, FY2024-Q2, 2024-H1, FY2024-H1 or 2024-03"


class PeriodError(ValueError):
    """The text is not a period this tool understands."""


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period with its derived first and last day."""

    start: date
    end: date
    label: str

    def __str__(self) -> str:
        return self.label

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


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
    match = _PATTERN.match(label)
    if not match:
        raise PeriodError(f"'{text}' is not a period")
    year = int(match["year"])
    if year < 1900 or year > 2200:
        raise PeriodError(f"'{text}' has a year outside 1900-2200")
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
