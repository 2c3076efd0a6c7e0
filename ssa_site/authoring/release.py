"""``ssa-site release``: the public data as of a date, kept in the project for good.

A release is written into ``releases/<YYYY-MM-DD>/`` (see ssa_site.model.release): the
public values known on that date (targets, and baselines and actuals reported by then: as
a progress review counts them), the indicators they belong to, and ``release.json`` with
the size and SHA-256 of each file and the digest of the release before. Files are sorted
CSV, small and readable in a diff, to be committed to version control. A release is never
rewritten: a date already released, or one before the latest release, is refused, and so
is a project with errors.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ssa_site.analysis.revisions import compare, current_values
from ssa_site.analysis.status import is_known
from ssa_site.base import urls
from ssa_site.model.plan import Portfolio
from ssa_site.model.release import (
    INDICATOR_COLUMNS,
    INDICATORS_FILE,
    MANIFEST_FILE,
    RELEASE_FORMAT,
    VALUE_COLUMNS,
    VALUES_FILE,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.analysis.revisions import ReleaseChanges
    from ssa_site.model.plan import Plan
    from ssa_site.project import Site


class ReleaseError(Exception):
    """The release cannot be written; ``messages`` says why."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class Written:
    folder: Path
    changes: ReleaseChanges


def as_of(portfolio: Portfolio, day: date) -> Portfolio:
    """The public plans with only the values known on ``day``."""
    plans: list[Plan] = []
    for plan in portfolio.plans:
        indicators = tuple(
            replace(i, values=tuple(v for v in i.values if is_known(v, day)))
            for i in plan.indicators
        )
        plans.append(replace(plan, indicators=indicators))
    return Portfolio(tuple(plans), portfolio.audience)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _csv(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def release_files(portfolio: Portfolio) -> dict[str, bytes]:
    """The files of a release of these (public) plans."""
    values = current_values(portfolio)
    value_rows = [
        [*key, _cell(v.value), v.text or "", v.status or "", _cell(v.reported)]
        for key, v in sorted(values.items())
    ]
    used = {key[:2] for key in values}
    indicator_rows = sorted(
        [plan.name, plan.title, i.id, i.title, i.unit]
        for plan in portfolio.plans
        for i in plan.indicators
        if (plan.name, i.id) in used
    )
    return {
        VALUES_FILE: _csv(VALUE_COLUMNS, value_rows),
        INDICATORS_FILE: _csv(INDICATOR_COLUMNS, indicator_rows),
    }


def make_release(root: Path, site: Site, day: date) -> Written:
    """Write the release of ``day``."""
    if site.errors:
        raise ReleaseError(
            [str(p) for p in site.errors]
            + ["fix these errors first: a release holds only valid data"]
        )
    public = site.view.public
    released = public.releases
    folder = root / urls.RELEASES_DIR / day.isoformat()
    if folder.exists():
        raise ReleaseError(
            [f"{folder.relative_to(root)} exists: a release never changes; use another date"]
        )
    if released and released[-1].day >= day:
        raise ReleaseError(
            [f"the latest release is of {released[-1].name}: a new release must be of a later date"]
        )
    portfolio = as_of(public.portfolio, day)
    files = release_files(portfolio)
    previous = released[-1] if released else None
    manifest: dict[str, Any] = {
        "format": RELEASE_FORMAT,
        "date": day.isoformat(),
        "values": sum(len(i.values) for p in portfolio.plans for i in p.indicators),
        "files": {
            name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in files.items()
        },
        "previous": {"date": previous.name, "sha256": previous.digest} if previous else None,
    }
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (folder / MANIFEST_FILE).write_bytes(text.encode("utf-8"))
    changes = compare(
        previous.by_key if previous else None,
        current_values(portfolio),
        day.isoformat(),
        previous.name if previous else None,
        day,
    )
    return Written(folder, changes)


def summary(written: Written, root: Path) -> str:
    changes = written.changes
    where = written.folder.relative_to(root).as_posix()
    if changes.first:
        return f"Wrote {where}: the first release, {changes.total} public value(s)."
    return (
        f"Wrote {where}: {changes.total} public value(s); since {changes.previous}, "
        f"{changes.count('added')} added, {changes.count('revised')} revised, "
        f"{changes.count('withdrawn')} withdrawn. Commit the folder: it never changes."
    )


def run_release(root: Path, site: Site, day: str) -> str:
    """``ssa-site release``: the release of ``day`` (YYYY-MM-DD) of the project at
    ``root`` (loaded: ``site``), as a line to print. The date is the author's to give:
    nothing in ssa-site reads the clock."""
    try:
        chosen = date.fromisoformat(day)
    except ValueError as exc:
        raise ReleaseError([f"--date {day}: write the date as YYYY-MM-DD"]) from exc
    return summary(make_release(root, site, chosen), root)
