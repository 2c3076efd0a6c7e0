"""Data releases: the public values as they stood on a date, kept in the project.

``ssa-site release`` writes one (ssa_site.authoring.release) into ``releases/<date>/``;
the build reads every release back (ssa_site.load.releases), checks that none has changed,
publishes each for download and compares them (ssa_site.analysis.revisions). A value is
known across releases by its :data:`ValueKey`: plan, indicator, period, kind and breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ssa_site.model.plan import format_number

if TYPE_CHECKING:
    from datetime import date

    from ssa_site.model.plan import Value

#: The folder layout and manifest of a release (``release.json`` says which it follows).
RELEASE_FORMAT = "ssa-site-release/1"
VALUES_FILE = "values.csv"
INDICATORS_FILE = "indicators.csv"
MANIFEST_FILE = "release.json"
RELEASE_FILES = (VALUES_FILE, INDICATORS_FILE)

VALUE_COLUMNS = (
    "plan",
    "indicator",
    "period",
    "kind",
    "breakdown",
    "value",
    "text",
    "status",
    "reported",
)
INDICATOR_COLUMNS = ("plan", "plan_title", "indicator", "indicator_title", "unit")

#: The breakdown of a value that is not broken down.
TOTAL = "total"

#: plan, indicator, period, kind, breakdown.
ValueKey = tuple[str, str, str, str, str]


def breakdown_of(dimensions: tuple[tuple[str, str], ...]) -> str:
    """``total``, or each dimension and category as ``name=category`` sorted by name,
    separated by ``; ``: the same breakdown always reads the same."""
    if not dimensions:
        return TOTAL
    return "; ".join(f"{name}={category}" for name, category in sorted(dimensions))


def value_key(plan: str, value: Value) -> ValueKey:
    return (plan, value.indicator, value.period.label, value.kind, breakdown_of(value.dimensions))


@dataclass(frozen=True)
class ReleasedValue:
    """One value as a release holds it."""

    key: ValueKey
    value: float | None
    text: str | None
    status: str | None
    reported: date | None

    def same_figure(self, other: ReleasedValue) -> bool:
        """Whether two values say the same (their status and reported date aside)."""
        return self.value == other.value and (self.text or "") == (other.text or "")

    @property
    def shown(self) -> str:
        """The figure as a reader sees it: the number, else the text."""
        if self.value is not None:
            return format_number(self.value)
        return self.text or ""


@dataclass(frozen=True)
class ReleasedIndicator:
    """What a release says of an indicator, so that its values read on their own."""

    plan: str
    plan_title: str
    indicator: str
    title: str
    unit: str


@dataclass(frozen=True)
class ReleaseFile:
    """A file of a release, as its manifest records it."""

    name: str
    size: int
    sha256: str
    path: str  # relative to the project, for messages
    location: str = field(default="", compare=False)  # where it is read from (absolute)


@dataclass(frozen=True)
class Release:
    """A release read back from the project, its files checked against its manifest."""

    day: date
    digest: str  # sha256 of release.json: the next release names it
    previous: str | None  # the previous release's digest, as this one recorded it
    previous_day: str | None  # ... and its date
    files: tuple[ReleaseFile, ...]
    values: tuple[ReleasedValue, ...]
    indicators: tuple[ReleasedIndicator, ...]

    @property
    def name(self) -> str:
        return self.day.isoformat()

    @cached_property
    def by_key(self) -> dict[ValueKey, ReleasedValue]:
        return {v.key: v for v in self.values}

    @cached_property
    def indicator_index(self) -> dict[tuple[str, str], ReleasedIndicator]:
        return {(i.plan, i.indicator): i for i in self.indicators}


def released(plan: str, value: Value) -> ReleasedValue:
    """A value of the model as a release holds it."""
    key = value_key(plan, value)
    return ReleasedValue(key, value.value, value.text, value.status, value.reported)
