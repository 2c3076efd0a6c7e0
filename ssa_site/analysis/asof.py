"""The date a build treats as "today", without reading the clock, and what set it.

Output must be byte-identical for the same input, so nothing may depend on when the build
runs. "Today" (the status date: statuses, late actuals, overdue recommendations) is:

1. the plugin option ``as_of`` (``YYYY-MM-DD``) when it is set: it pins the status date;
2. else the date of ``SOURCE_DATE_EPOCH`` (UTC) when that environment variable is set;
3. else the latest date the audience's data speaks of as past: a value's ``reported`` date,
   the end of a period with an actual value, an evaluation's ``completed`` or ``published``
   date.

Targets, due dates and plan periods are not used: they lie in the future by design. The
*build* date (the sitemap's dates, the downloads' build time and zip timestamps) is 2 or 3,
never the option: pinning the status date does not back-date the files.

:func:`status_date` also says which value set the date, for the build log: one mistyped
period (an actual for FY2027 instead of FY2025) moves "today" years ahead, and the log
names the row to look at.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from ssa_site.model.evaluation import Evaluation
    from ssa_site.model.plan import Indicator, Portfolio, Value

EPOCH = date(1970, 1, 1)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class AsOf:
    """The status date of a build and what set it (a plugin option, SOURCE_DATE_EPOCH or
    a row of the data, as ``path:row (what)``)."""

    day: date
    set_by: str

    def __str__(self) -> str:
        if self.set_by:
            return f"Status as of {self.day.isoformat()}, set by {self.set_by}"
        return (
            f"Status as of {self.day.isoformat()}: no past date in the data (set the "
            "plugin option as_of, or SOURCE_DATE_EPOCH)"
        )


def parse_as_of(value: object) -> date:
    """The plugin option ``as_of``: a date (YAML reads ``2025-09-30`` as one) or its
    ``YYYY-MM-DD`` text; ValueError with a message for anything else."""
    if isinstance(value, datetime):
        raise ValueError(f"'{value}' is a time, not a date: write it as YYYY-MM-DD")
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if isinstance(value, str) and _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"'{text[:40]}' is not a date: write it as YYYY-MM-DD, e.g. 2025-09-30")


def source_date(environ: Mapping[str, str] = os.environ) -> date | None:
    """The date of ``SOURCE_DATE_EPOCH``, or None when it is unset or not a whole number of
    seconds from 1970 on (the plugin stops the build on such a value: see plugin.on_config)."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        seconds = int(raw)
        return datetime.fromtimestamp(seconds, tz=UTC).date() if seconds >= 0 else None
    except (ValueError, OverflowError, OSError):
        return None


def reference_date(
    portfolio: Portfolio,
    evaluations: Iterable[Evaluation] = (),
    environ: Mapping[str, str] = os.environ,
) -> date:
    """The build date: ``SOURCE_DATE_EPOCH``, else the latest past date of the data."""
    return status_date(portfolio, evaluations, None, environ).day


def status_date(
    portfolio: Portfolio,
    evaluations: Iterable[Evaluation] = (),
    pinned: date | None = None,
    environ: Mapping[str, str] = os.environ,
) -> AsOf:
    """ "Today" for this build and what set it (see the module docstring)."""
    if pinned is not None:
        return AsOf(pinned, "the plugin option as_of")
    fixed = source_date(environ)
    if fixed is not None:
        return AsOf(fixed, "SOURCE_DATE_EPOCH")
    return _latest_in_data(portfolio, evaluations)


def _latest_in_data(portfolio: Portfolio, evaluations: Iterable[Evaluation]) -> AsOf:
    """The latest past date of the data and the first row that gives it (in the order of
    plans, indicators and values, then evaluations), with how many others give it too."""
    latest = EPOCH
    first: Callable[[], str] | None = None  # says what set the date, when asked
    others = 0

    def seen(day: date, source: Callable[[], str]) -> None:
        nonlocal latest, first, others
        if day > latest:
            latest, first, others = day, source, 0
        else:
            others += 1

    for plan in portfolio.plans:
        path = plan.resource_path("values")
        for indicator in plan.indicators:
            for value in indicator.values:
                if value.reported is not None and value.reported >= latest:
                    seen(value.reported, _value(path, indicator, value, "reported date of the "))
                if value.kind == "actual" and value.period.end >= latest:
                    seen(value.period.end, _value(path, indicator, value, ""))
    for evaluation in evaluations:
        for field in ("completed", "published"):
            day = getattr(evaluation, field)
            if day is not None and day >= latest:
                seen(day, _evaluation(evaluation, field))
    if first is None:
        return AsOf(EPOCH, "")
    also = f", and by {others} other date(s) of the data" if others else ""
    return AsOf(latest, first() + also)


def _value(path: str, indicator: Indicator, value: Value, what: str) -> Callable[[], str]:
    return lambda: (
        f"{path}:{value.row} ({what}{value.kind} of {indicator.id} for {value.period.label})"
    )


def _evaluation(evaluation: Evaluation, field: str) -> Callable[[], str]:
    where = evaluation.display_path or f"evaluation {evaluation.id}"
    return lambda: f"{where} ({field} date of evaluation {evaluation.id})"
