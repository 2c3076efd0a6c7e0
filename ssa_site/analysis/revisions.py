"""What changed between data releases, and which values shown now were revised.

A release holds the public values of a date (ssa_site.model.release). Comparing each
release with the one before it gives its changelog: values added, revised (another number
or text for the same plan, indicator, period, kind and breakdown) and withdrawn. A change
of status or reported date alone is not a revision. The date of a revision is the new
value's reported date when it has its own, else the date of the release that first
published it. :class:`Revisions` indexes every release once, so that a tracking table asks
"was this value revised?" for each cell without a scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ssa_site.model.release import ReleasedValue, released, value_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from ssa_site.model.plan import Portfolio, Value
    from ssa_site.model.release import Release, ValueKey

ADDED, REVISED, WITHDRAWN = "added", "revised", "withdrawn"


@dataclass(frozen=True)
class Revision:
    """A value whose figure changed: ``old`` as an earlier release had it, ``new`` now."""

    old: ReleasedValue
    new: ReleasedValue
    on: date | None  # the revision's date (see the module docstring)
    since: str  # the release that held the old figure last
    release: str | None  # the release that published the new figure; None: not yet

    @property
    def key(self) -> ValueKey:
        return self.new.key


@dataclass(frozen=True)
class Change:
    """One line of a changelog."""

    change: str  # ADDED, REVISED or WITHDRAWN
    value: ReleasedValue  # the new value (the old one when withdrawn)
    revision: Revision | None = None

    @property
    def key(self) -> ValueKey:
        return self.value.key


@dataclass(frozen=True)
class IndicatorChanges:
    plan: str
    indicator: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ReleaseChanges:
    """What a release changed from the one before it (``previous`` None: the first)."""

    name: str  # the release's date, or "" for the data not yet released
    previous: str | None
    changes: tuple[Change, ...]
    total: int  # values in the release

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)

    @property
    def first(self) -> bool:
        return self.previous is None

    @cached_property
    def by_indicator(self) -> tuple[IndicatorChanges, ...]:
        """The changes grouped by plan and indicator, in key order."""
        grouped: dict[tuple[str, str], list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.key[:2], []).append(change)
        return tuple(IndicatorChanges(p, i, tuple(c)) for (p, i), c in grouped.items())


def revision_day(old: ReleasedValue, new: ReleasedValue, published: date | None) -> date | None:
    """When a figure was revised: the new value's own reported date, else ``published``."""
    if new.reported is not None and new.reported != old.reported:
        return new.reported
    return published


def compare(
    previous: Mapping[ValueKey, ReleasedValue] | None,
    current: Mapping[ValueKey, ReleasedValue],
    name: str,
    previous_name: str | None,
    published: date | None,
) -> ReleaseChanges:
    """The changes from ``previous`` to ``current`` (a first release: every value added)."""
    before = previous or {}
    found: list[Change] = []
    for key in sorted(set(before) | set(current)):
        old, new = before.get(key), current.get(key)
        if old is None and new is not None:
            found.append(Change(ADDED, new))
        elif new is None and old is not None:
            found.append(Change(WITHDRAWN, old))
        elif old is not None and new is not None and not old.same_figure(new):
            on = revision_day(old, new, published)
            revision = Revision(old, new, on, previous_name or "", name or None)
            found.append(Change(REVISED, new, revision))
    return ReleaseChanges(name, previous_name, tuple(found), len(current))


def current_values(portfolio: Portfolio) -> dict[ValueKey, ReleasedValue]:
    """The values of a portfolio (the public one) as a release would hold them."""
    found: dict[ValueKey, ReleasedValue] = {}
    for plan in portfolio.plans:
        for indicator in plan.indicators:
            for value in indicator.values:
                found.setdefault(value_key(plan.name, value), released(plan.name, value))
    return found


@dataclass(frozen=True, eq=False)
class Revisions:
    """The releases of a site and its current public values, compared once."""

    releases: tuple[Release, ...]
    current: Mapping[ValueKey, ReleasedValue]

    @classmethod
    def of(cls, releases: Iterable[Release], portfolio: Portfolio) -> Revisions:
        return cls(tuple(sorted(releases, key=lambda r: r.day)), current_values(portfolio))

    @cached_property
    def changelog(self) -> tuple[ReleaseChanges, ...]:
        """Each release's changes, newest first."""
        found = []
        previous: Release | None = None
        for release in self.releases:
            found.append(
                compare(
                    previous.by_key if previous else None,
                    release.by_key,
                    release.name,
                    previous.name if previous else None,
                    release.day,
                )
            )
            previous = release
        return tuple(reversed(found))

    @cached_property
    def unreleased(self) -> ReleaseChanges | None:
        """What the current data changes from the latest release (None: no release yet)."""
        if not self.releases:
            return None
        latest = self.releases[-1]
        return compare(latest.by_key, self.current, "", latest.name, None)

    @cached_property
    def _marks(self) -> dict[ValueKey, Revision]:
        """The latest revision of every current value revised since it was first released."""
        last: dict[ValueKey, tuple[ReleasedValue, str]] = {}  # the figure, its last release
        marks: dict[ValueKey, Revision] = {}
        for release in self.releases:
            for key, value in release.by_key.items():
                held = last.get(key)
                if held is not None and not held[0].same_figure(value):
                    on = revision_day(held[0], value, release.day)
                    marks[key] = Revision(held[0], value, on, held[1], release.name)
                last[key] = (value, release.name)
        found: dict[ValueKey, Revision] = {}
        for key, value in self.current.items():
            held = last.get(key)
            if held is None:
                continue
            if not held[0].same_figure(value):
                on = revision_day(held[0], value, None)
                found[key] = Revision(held[0], value, on, held[1], None)
            elif key in marks:
                found[key] = marks[key]
        return found

    def of_value(self, plan: str, value: Value) -> Revision | None:
        """The revision of a value shown now, if its figure differs from an earlier
        release's (internal values are in no release: never)."""
        if value.internal or not self.releases:
            return None
        return self._marks.get(value_key(plan, value))

    def revised(self) -> Mapping[ValueKey, Revision]:
        return self._marks
