"""Generate the Markdown source of every data page (plan, result, indicator, indexes).

Data goes into HTML blocks rendered by autoescaped Jinja templates, so no value is ever
read as Markdown; narratives are appended as the authors wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import escape

from .model import Plan
from .narratives import filter_internal_blocks
from .project import Site
from .rendering import front_matter, render
from .urls import PLANS_INDEX_URI, Linker, indicator_uri, plan_uri, result_uri

PLAN_KIND_LABELS = {
    "agency-framework": "Agency frameworks",
    "functional-strategy": "Functional strategies",
    "regional-strategy": "Regional strategies",
    "country-strategy": "Country strategies",
    "initiative": "Initiatives",
}


@dataclass(frozen=True)
class GeneratedPage:
    """A page the plugin adds to the site, as Markdown source."""

    src_uri: str
    content: str
    in_nav: bool


@dataclass(frozen=True)
class PageContext:
    """What every template gets besides its own subject."""

    site: Site
    env: jinja2.Environment
    use_directory_urls: bool = True

    def page(
        self, src_uri: str, template: str, title: str, in_nav: bool, **context: Any
    ) -> GeneratedPage:
        portfolio = self.site.portfolio
        body = render(
            self.env,
            template,
            site=self.site,
            portfolio=portfolio,
            internal=portfolio.is_internal,
            link=Linker(src_uri, self.use_directory_urls),
            kind_labels=PLAN_KIND_LABELS,
            **context,
        )
        meta = {"title": str(escape(title)), "ssa_page": template.removesuffix(".html")}
        return GeneratedPage(src_uri, front_matter(meta) + body, in_nav)

    def narrative(self, plan: str, result: str | None = None) -> str:
        found = self.site.narrative(plan, result)
        if found is None:
            return ""
        return filter_internal_blocks(found.body, self.site.portfolio.is_internal)


def plans_by_kind(plans: tuple[Plan, ...]) -> list[tuple[str, list[Plan]]]:
    groups: list[tuple[str, list[Plan]]] = []
    for kind, label in PLAN_KIND_LABELS.items():
        members = sorted((p for p in plans if p.kind == kind), key=lambda p: p.title)
        if members:
            groups.append((label, members))
    return groups


def generate_pages(
    context: PageContext,
    home_markdown: str | None = None,
    plans_index_markdown: str | None = None,
) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    portfolio = context.site.portfolio
    pages: list[GeneratedPage] = []
    internal = portfolio.is_internal
    if home_markdown is not None:
        pages.append(
            GeneratedPage(
                "index.md",
                render(
                    context.env,
                    "home.html",
                    authored=filter_internal_blocks(home_markdown, internal),
                    portfolio=portfolio,
                    groups=plans_by_kind(portfolio.plans),
                    link=Linker("index.md", context.use_directory_urls),
                    internal=internal,
                    kind_labels=PLAN_KIND_LABELS,
                ),
                True,
            )
        )
    pages.append(
        context.page(
            PLANS_INDEX_URI,
            "plans.html",
            "Plans",
            True,
            authored=filter_internal_blocks(plans_index_markdown or "", internal),
            groups=plans_by_kind(portfolio.plans),
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
            )
        )
        for result in plan.results:
            pages.append(
                context.page(
                    result_uri(plan.name, result.id),
                    "result.html",
                    f"{result.id} {result.title}",
                    False,
                    plan=plan,
                    result=result,
                    narrative=context.narrative(plan.name, result.id),
                )
            )
        for indicator in plan.indicators:
            pages.append(
                context.page(
                    indicator_uri(plan.name, indicator.id),
                    "indicator.html",
                    f"{indicator.id} {indicator.title}",
                    False,
                    plan=plan,
                    indicator=indicator,
                    result=plan.result(indicator.result),
                )
            )
    return pages
