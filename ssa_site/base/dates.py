"""Dates as people read them: "30 Sep 2025", "FY2025 (Oct 2024 – Sep 2025)"; in French
"30 sept. 2025", "FY2025 (oct. 2024 – sept. 2025)".

Pages show these (inside ``<time datetime="…">`` with the ISO date, see the ``ssa/dates.html``
macros); downloads keep ISO 8601. Month names come from Babel's CLDR data for the build's
language (:class:`ssa_site.base.i18n.Language`), never from the machine's locale, so that a
page is the same bytes on every machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.base.i18n import ENGLISH, Language

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.base.periods import Period


def day(when: date | None, language: Language = ENGLISH) -> str:
    """``30 Sep 2025``; empty for no date."""
    if when is None:
        return ""
    return language.day(when)


def month(when: date, language: Language = ENGLISH) -> str:
    """``Sep 2025``."""
    return language.month(when)


def span(start: date | None, end: date | None, language: Language = ENGLISH) -> str:
    """``1 Oct 2022 – 30 Sep 2026`` (an open end or start is left out)."""
    if start and end:
        return f"{day(start, language)} – {day(end, language)}"
    return day(start or end, language)


def period_span(period: Period, language: Language = ENGLISH) -> str:
    """A period with the months it covers when its label does not say them:
    ``FY2025 (Oct 2024 – Sep 2025)``, ``2024-Q2 (Apr – Jun 2024)``; ``2024`` and ``2024-03``
    stay as they are, an ISO interval becomes its two days."""
    start, end = period.start, period.end
    if "/" in period.label:
        return span(start, end, language)
    calendar_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if (start.year, start.month) == (end.year, end.month) or (
        calendar_year and start.year == end.year
    ):
        return period.label
    if start.year == end.year:
        covered = f"{language.month_name(start)} – {month(end, language)}"
    else:
        covered = f"{month(start, language)} – {month(end, language)}"
    return f"{period.label} ({covered})"
