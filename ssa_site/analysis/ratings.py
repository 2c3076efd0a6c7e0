"""Indicator ratings and the settings that decide them: the thresholds of progress for
each rating, how late an actual may be, and the date statuses are worked out as of."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = (
    "achieved",
    "on-track",
    "at-risk",
    "off-track",
    "no-data",
)
RATINGS = (ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA)
RATING_LABELS = {
    ACHIEVED: "Achieved",
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    NO_DATA: "No data",
}
EPSILON = 1e-9  # progress this close to a threshold reaches it


@dataclass(frozen=True)
class Thresholds:
    """Least progress for each rating; below ``at_risk`` is off track."""

    achieved: float = 1.0
    on_track: float = 0.85
    at_risk: float = 0.6

    def __post_init__(self) -> None:
        if not self.achieved >= self.on_track >= self.at_risk >= 0:
            raise ValueError(
                "status thresholds must satisfy achieved ≥ on_track ≥ at_risk ≥ 0, got "
                f"{self.achieved}, {self.on_track}, {self.at_risk}"
            )

    def rate(self, progress: float) -> str:
        if progress >= self.achieved - EPSILON:
            return ACHIEVED
        if progress >= self.on_track - EPSILON:
            return ON_TRACK
        if progress >= self.at_risk - EPSILON:
            return AT_RISK
        return OFF_TRACK


@dataclass(frozen=True)
class StatusSettings:
    """How statuses are worked out: thresholds, lateness, and an optional fixed date."""

    thresholds: Thresholds = Thresholds()
    late_after_days: int = 90
    as_of: date | None = None  # None: the build's "today" (see ssa_site.analysis.asof)
