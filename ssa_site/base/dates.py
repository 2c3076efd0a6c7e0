"""Dates as people read them: "30 Sep 2025", "FY2025 (Oct 2024 – Sep 2025)".

Pages show these (inside ``<time datetime="…">`` with the ISO date, see the ``ssa/dates.html``
macros); downloads keep ISO 8601. English month names are written out here rather than
taken from the locale, so that a page is the same bytes on every machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.base.periods import Period

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(when: date | None) -> str:
    """``30 Sep 2025``; empty for no date."""
    if when is None:
        return ""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def month(when: date) -> str:
    """``Sep 2025``."""
    return f"{MONTHS[when.month - 1]} {when.year}"


def span(start: date | None, end: date | None) -> str:
    """``1 Oct 2022 – 30 Sep 2026`` (an open end or start is left out)."""
    if start and end:
        return f"{day(start)} – {day(end)}"
    return day(start or end)


def period_span(period: Period) -> str:
    """A period with the months it covers when its label does not say them:
    ``FY2025 (Oct 2024 – Sep 2025)``, ``2024-Q2 (Apr – Jun 2024)``; ``2024`` and ``2024-03``
    stay as they are, an ISO interval becomes its two days."""
    start, end = period.start, period.end
    if "/" in period.label:
        return span(start, end)
    calendar_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if (start.year, start.month) == (end.year, end.month) or (
        calendar_year and start.year == end.year
    ):
        return period.label
    if start.year == end.year:
        covered = f"{MONTHS[start.month - 1]} – {month(end)}"
    else:
        covered = f"{month(start)} – {month(end)}"
    return f"{period.label} ({covered})"
