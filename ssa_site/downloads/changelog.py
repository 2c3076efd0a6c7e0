"""The changelog page (``/data/changelog/``) and the revised marks of tracking tables.

Both come from the data releases of the project (ssa_site.analysis.revisions): the page
lists each release, newest first, with its downloads and the values it added, revised (old
and new figure, the revision's date) and withdrawn, by plan and indicator, then what the
data of this build changes from the latest release. Templates ask the ``revisions`` global
whether a value shown was revised; it compares the releases once per build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.analysis.revisions import Revisions
from ssa_site.base import urls
from ssa_site.downloads import links

if TYPE_CHECKING:
    from ssa_site.analysis.revisions import IndicatorChanges, ReleaseChanges, Revision
    from ssa_site.downloads.links import Download
    from ssa_site.model.plan import Value
    from ssa_site.model.release import Release, ReleasedIndicator
    from ssa_site.output.context import Generated, PageContext
    from ssa_site.project import PublicData, SiteView


@dataclass(frozen=True)
class IndicatorView:
    changes: IndicatorChanges
    title: str
    unit: str
    page: str | None  # the indicator's page, when the public sees it now


@dataclass(frozen=True)
class ReleaseView:
    changes: ReleaseChanges
    anchor: str
    files: tuple[Download, ...]
    indicators: tuple[IndicatorView, ...]


class RevisionMarks:
    """The ``revisions`` global of templates: was a value shown revised since a release?"""

    def __init__(self) -> None:
        self._held: tuple[PublicData, Revisions] | None = None

    def index(self, data: PublicData) -> Revisions:
        """The releases of this build's public data, compared once."""
        if self._held is None or self._held[0] is not data:
            self._held = (data, Revisions.of(data.releases, data.portfolio))
        return self._held[1]

    def of(self, site: SiteView, plan: str, value: Value) -> Revision | None:
        if not site.public.releases:
            return None
        return self.index(site.public).of_value(plan, value)


def _indicators(
    context: PageContext, changes: ReleaseChanges, release: Release | None
) -> tuple[IndicatorView, ...]:
    found = []
    for group in changes.by_indicator:
        plan = context.site.public.portfolio.plan(group.plan)
        indicator = plan.indicator(group.indicator) if plan else None
        known: ReleasedIndicator | None = (
            release.indicator_index.get((group.plan, group.indicator)) if release else None
        )
        title = indicator.title if indicator else (known.title if known else "")
        unit = indicator.unit if indicator else (known.unit if known else "")
        page = urls.indicator_uri(group.plan, group.indicator) if indicator else None
        found.append(IndicatorView(group, title, unit, page))
    return tuple(found)


def changelog_page(context: PageContext, marks: RevisionMarks) -> list[Generated]:
    """The page, when the project has releases."""
    data = context.site.public
    if not data.releases:
        return []
    revisions = marks.index(data)
    by_name = {r.name: r for r in revisions.releases}
    views = []
    for changes in revisions.changelog:
        release = by_name[changes.name]
        views.append(
            ReleaseView(
                changes,
                urls.release_anchor(changes.name),
                (links.release_zip(release), links.release_changes(release)),
                _indicators(context, changes, release) if not changes.first else (),
            )
        )
    unreleased = revisions.unreleased
    pending = None
    if unreleased is not None and unreleased.changes:
        pending = ReleaseView(unreleased, "unreleased", (), _indicators(context, unreleased, None))
    return [
        context.page(
            urls.CHANGELOG_URI,
            "changelog.html",
            "Data releases and changes",
            False,
            releases=views,
            pending=pending,
        )
    ]


def changelog(context: PageContext) -> list[Generated]:
    """The generator of the changelog page, with the templates' ``revisions`` global."""
    marks = context.env.globals.get("revisions")
    return changelog_page(context, marks if isinstance(marks, RevisionMarks) else RevisionMarks())
