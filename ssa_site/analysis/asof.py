"""The date a build treats as "today", without reading the clock.

Output must be byte-identical for the same input, so nothing may depend on when the build
runs. "Today" (for overdue recommendations and similar checks) is:

1. the date of ``SOURCE_DATE_EPOCH`` (UTC) when that environment variable is set, else
2. the latest date the audience's data speaks of as past: a value's ``reported`` date, the
   end of a period with an actual value, an evaluation's ``completed`` or ``published`` date.

Targets, due dates and plan periods are not used: they lie in the future by design.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ssa_site.model.evaluation import Evaluation
    from ssa_site.model.plan import Portfolio

EPOCH = date(1970, 1, 1)


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
    """ "Today" for this build (see the module docstring)."""
    fixed = source_date(environ)
    if fixed is not None:
        return fixed
    dates: list[date] = []
    for plan in portfolio.plans:
        for indicator in plan.indicators:
            for value in indicator.values:
                if value.reported is not None:
                    dates.append(value.reported)
                if value.kind == "actual":
                    dates.append(value.period.end)
    for evaluation in evaluations:
        dates.append(evaluation.completed)
        if evaluation.published is not None:
            dates.append(evaluation.published)
    return max(dates, default=EPOCH)
