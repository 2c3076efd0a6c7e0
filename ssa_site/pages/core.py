"""The core pages: home portfolio, plans index, and a page per plan, result and indicator.

Data goes into HTML blocks rendered by autoescaped Jinja templates, so no value is ever
read as Markdown; narratives are appended as the authors wrote them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.analysis.alignment import Alignment
from ssa_site.analysis.theory_of_change import narrative_sections
from ssa_site.base.urls import PLANS_INDEX_URI, indicator_uri, plan_uri, result_uri
from ssa_site.output.context import PLAN_KIND_LABELS, Generated, GeneratedPage, PageContext
from ssa_site.pages.embeds import embed_of
from ssa_site.pages.reader import portfolio_context

if TYPE_CHECKING:
    from ssa_site.model.plan import Plan


def plans_by_kind(plans: tuple[Plan, ...]) -> list[tuple[str, list[Plan]]]:
    groups: list[tuple[str, list[Plan]]] = []
    for kind, label in PLAN_KIND_LABELS.items():
        members = sorted((p for p in plans if p.kind == kind), key=lambda p: p.title)
        if members:
            groups.append((label, members))
    return groups


def search_title(name: str, plan: Plan, what: str) -> str:
    """A leaf page's title says which plan and level it belongs to, for search results
    and browser tabs: "O1.2 Border agencies … — Northland ICS (sub-objective)"."""
    return f"{name} — {plan.title} ({what.replace('-', ' ')})"


def core_pages(context: PageContext) -> list[Generated]:
    """Home, plans index, plans, results and indicators, in a stable order."""
    portfolio = context.site.portfolio
    groups = plans_by_kind(portfolio.plans)
    alignment = Alignment.of(portfolio)
    pages: list[Generated] = []
    if context.home_markdown is not None:
        body = context.render(
            "index.md",
            "home.html",
            authored=context.filter(context.home_markdown),
            groups=groups,
            **portfolio_context(context),
        )
        pages.append(GeneratedPage("index.md", body, True))
    pages.append(
        context.page(
            PLANS_INDEX_URI,
            "plans.html",
            "Plans",
            True,
            authored=context.filter(context.plans_index_markdown),
            groups=groups,
            **portfolio_context(context),
        )
    )
    for plan in portfolio.plans:
        pages.append(
            context.page(
                plan_uri(plan.name),
                "plan.html",
                plan.title,
                True,
                plan=plan,
                narrative=context.narrative(plan.name),
                sections=narrative_sections(context.narrative(plan.name)),
            )
        )
        for result in plan.results:
            pages.append(
                context.page(
                    result_uri(plan.name, result.id),
                    "result.html",
                    search_title(f"{result.id} {result.title}", plan, result.level),
                    False,
                    plan=plan,
                    result=result,
                    narrative=context.narrative(plan.name, result.id),
                    sections=narrative_sections(context.narrative(plan.name, result.id)),
                    alignment=alignment,
                )
            )
        for indicator in plan.indicators:
            pages.append(
                context.page(
                    indicator_uri(plan.name, indicator.id),
                    "indicator.html",
                    search_title(
                        f"{indicator.id} {indicator.title}",
                        plan,
                        f"indicator of {indicator.result}",
                    ),
                    False,
                    plan=plan,
                    indicator=indicator,
                    result=plan.result(indicator.result),
                    embed=embed_of(context, plan, indicator),
                )
            )
    return pages
