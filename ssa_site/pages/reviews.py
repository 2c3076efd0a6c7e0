"""Progress review pages: ``/plans/<plan>/reviews/<date>/``, one per review narrative.

Each page shows the plan as it stood on the review's date (values reported later are not
counted) beside the review's narrative, and what changed since the previous review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.base.urls import review_uri
from ssa_site.charts.specs import status_chart
from ssa_site.charts.svg import drawings
from ssa_site.pages.performance import chart_assets

if TYPE_CHECKING:
    from ssa_site.analysis.rollup import Change, StatusBoard
    from ssa_site.charts.svg import Chart
    from ssa_site.load.reviews import Review
    from ssa_site.model.plan import Plan
    from ssa_site.output.context import Generated, PageContext


@dataclass(frozen=True)
class ReviewStatus:
    """A review with the statuses of its date and the changes since the one before."""

    review: Review
    board: StatusBoard
    previous: Review | None
    changes: tuple[Change, ...]

    @property
    def uri(self) -> str:
        return review_uri(self.review.plan, self.review.date)


def plan_reviews(context: PageContext, plan: Plan) -> tuple[ReviewStatus, ...]:
    """The audience's reviews of a plan, oldest first, each compared with the one before."""
    found: list[ReviewStatus] = []
    previous: ReviewStatus | None = None
    for review in (r for r in context.site.reviews if r.plan == plan.name):
        board = context.status.at(review.date)
        changes = board.changes(previous.board, plan) if previous else ()
        current = ReviewStatus(review, board, previous.review if previous else None, changes)
        found.append(current)
        previous = current
    return tuple(found)


def review_pages(context: PageContext) -> list[Generated]:
    """A page and a status chart per review the audience may read."""
    _ = context.language.gettext
    generated: list[Generated] = []
    charts: list[Chart] = []
    for plan in context.site.portfolio.plans:
        for item in plan_reviews(context, plan):
            review = item.review
            chart = status_chart(
                plan,
                item.board.plan(plan),
                review.date,
                review.date.isoformat(),
                language=context.language,
            )
            if chart is not None:
                charts.append(chart)
            generated.append(
                context.page(
                    item.uri,
                    "review.html",
                    # Translators: the title of a progress review page.
                    _("%(plan)s: %(review)s") % {"plan": plan.title, "review": review.title},
                    False,
                    plan=plan,
                    item=item,
                    status=item.board,
                    chart=chart,
                    narrative=context.filter(review.body),
                )
            )
    return generated + chart_assets(drawings(charts), context.cache_dir, context.background)
