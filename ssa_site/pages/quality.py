"""The internal ``/quality/`` page: what each plan still lacks, rule by rule.

Public builds get no page at all: the findings name internal rows and budgets.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ssa_site.base.urls import QUALITY_URI

if TYPE_CHECKING:
    from ssa_site.output.context import Generated, PageContext


def quality_page(context: PageContext) -> list[Generated]:
    if not context.internal:
        return []
    _ = context.language.gettext
    report = context.site.quality
    by_rule = Counter(f.rule for f in report.findings)
    plans = [
        (
            quality,
            context.site.portfolio.plan(quality.plan),
            Counter(f.rule for f in quality.findings),
        )
        for quality in report.plans
    ]
    return [
        context.page(
            QUALITY_URI,
            "quality.html",
            _("Plan quality"),
            True,
            report=report,
            by_rule=by_rule,
            plans=plans,
            low=report.options.me_budget_share[0],
            high=report.options.me_budget_share[1],
        )
    ]
