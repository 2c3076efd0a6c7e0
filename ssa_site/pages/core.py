"""The core pages: home portfolio, plans index, and a page per plan, result and indicator.

Data goes into HTML blocks rendered by autoescaped Jinja templates, so no value is ever
read as Markdown; narratives are appended as the authors wrote them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssa_site.analysis.alignment import Alignment
from ssa_site.analysis.theory_of_change import narrative_sections
from ssa_site.base.i18n import ENGLISH
from ssa_site.base.urls import HOME_URI, PLANS_INDEX_URI, indicator_uri, plan_uri, result_uri
from ssa_site.output.context import PLAN_KIND_LABELS, Generated, GeneratedPage, PageContext
from ssa_site.output.rendering import label
from ssa_site.pages.embeds import embed_of
from ssa_site.pages.reader import portfolio_context

if TYPE_CHECKING:
    from ssa_site.base.i18n import Language
    from ssa_site.model.plan import Indicator, Plan, Result


def plans_by_kind(
    plans: tuple[Plan, ...], language: Language = ENGLISH
) -> list[tuple[str, list[Plan]]]:
    groups: list[tuple[str, list[Plan]]] = []
    for kind, heading in PLAN_KIND_LABELS.items():
        members = sorted((p for p in plans if p.kind == kind), key=lambda p: p.title)
        if members:
            groups.append((language.gettext(heading), members))
    return groups


def result_search_title(plan: Plan, result: Result, language: Language = ENGLISH) -> str:
    """A result page's title says which plan and level it belongs to, for search results
    and browser tabs: "O1.2 Border agencies … — Northland ICS (sub objective)"."""
    return language.gettext("%(name)s — %(plan)s (%(level)s)") % {
        "name": f"{result.id} {result.title}",
        "plan": plan.title,
        "level": level_words(result.level, language),
    }


def indicator_search_title(plan: Plan, indicator: Indicator, language: Language = ENGLISH) -> str:
    """An indicator page's title: "KI-03 Staff trained — Northland ICS (indicator of O1.2)"."""
    return language.gettext("%(name)s — %(plan)s (indicator of %(result)s)") % {
        "name": f"{indicator.id} {indicator.title}",
        "plan": plan.title,
        "result": indicator.result.replace("-", " "),  # as the titles always had it
    }


def level_words(level: str, language: Language = ENGLISH) -> str:
    """A level in running text: "sub objective"; in another language, the words of its
    label in lower case, when the catalog has them."""
    english = label(level)
    words = language.gettext(english)
    return level.replace("-", " ") if words == english else words.lower()


def core_pages(context: PageContext) -> list[Generated]:
    """Home, plans index, plans, results and indicators, in a stable order."""
    portfolio = context.site.portfolio
    _ = context.language.gettext
    groups = plans_by_kind(portfolio.plans, context.language)
    alignment = Alignment.of(portfolio)
    pages: list[Generated] = []
    if context.home_markdown is not None:
        body = context.render(
            "index.md",
            "home.html",
            authored=context.filter(context.home_markdown),
            authored_fallback=HOME_URI in context.fallback_pages,
            groups=groups,
            **portfolio_context(context),
        )
        pages.append(GeneratedPage("index.md", body, True))
    pages.append(
        context.page(
            PLANS_INDEX_URI,
            "plans.html",
            _("Plans"),
            True,
            authored=context.filter(context.plans_index_markdown),
            authored_fallback=PLANS_INDEX_URI in context.fallback_pages,
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
                sections=narrative_sections(context.narrative(plan.name), context.language),
            )
        )
        for result in plan.results:
            pages.append(
                context.page(
                    result_uri(plan.name, result.id),
                    "result.html",
                    result_search_title(plan, result, context.language),
                    False,
                    plan=plan,
                    result=result,
                    narrative=context.narrative(plan.name, result.id),
                    sections=narrative_sections(
                        context.narrative(plan.name, result.id), context.language
                    ),
                    alignment=alignment,
                )
            )
        for indicator in plan.indicators:
            pages.append(
                context.page(
                    indicator_uri(plan.name, indicator.id),
                    "indicator.html",
                    indicator_search_title(plan, indicator, context.language),
                    False,
                    plan=plan,
                    indicator=indicator,
                    result=plan.result(indicator.result),
                    embed=embed_of(context, plan, indicator),
                )
            )
    return pages
