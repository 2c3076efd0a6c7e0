"""Generator of embed pages: for each indicator chart, a small HTML file another site can
show in an iframe (the chart, its figures, the source and the licence), and the snippet the
indicator page offers to copy.

The pages are files, not MkDocs pages: no theme, navigation or search, nothing loaded from
elsewhere, so that they stay small inside someone else's page. They are drawn from the
audience's portfolio like the indicator pages, so a public build embeds no internal value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssa_site.base import urls
from ssa_site.base.licences import License, license_of
from ssa_site.charts.specs import indicator_chart
from ssa_site.output.context import Generated, GeneratedAsset, PageContext

if TYPE_CHECKING:
    from ssa_site.model.plan import Indicator, Plan

#: Room the iframe snippet gives above and below the chart (title, source) and per table row.
_FRAME_MARGIN, _FRAME_ROW = 300, 34


@dataclass(frozen=True)
class Embed:
    """An indicator's embed page, as the indicator page offers it."""

    path: str  # the file in the site
    url: str  # absolute when the site has a site_url; else the path from the site root
    height: int  # of the suggested iframe, in CSS pixels
    absolute: bool  # False: the snippet needs the site's address put in front of url


def embed_of(context: PageContext, plan: Plan, indicator: Indicator) -> Embed | None:
    """The embed page of an indicator that has a chart; None for the others."""
    chart = indicator_chart(indicator, context.language)
    if chart is None:
        return None
    path = urls.indicator_embed_path(plan.name, indicator.id)
    rows = len(context.status.tracking(indicator))
    height = _FRAME_MARGIN + chart.drawn_height + _FRAME_ROW * (rows + 1)
    base = context.pages_url or ""
    return Embed(path, f"{base}{path}" if base else f"/{path}", height, bool(base))


def licence_of_plan(context: PageContext, plan: Plan) -> License | None:
    """The licence the plan's data states, else the publisher's."""
    return license_of(plan.license or context.publisher.license)


def embed_files(context: PageContext) -> list[Generated]:
    """One embed page per indicator chart of the audience's portfolio."""
    files: list[Generated] = []
    for plan in context.site.portfolio.plans:
        licence = licence_of_plan(context, plan)
        for indicator in plan.indicators:
            embed = embed_of(context, plan, indicator)
            if embed is None:
                continue
            page_url = urls.dest_url(
                urls.indicator_uri(plan.name, indicator.id), context.use_directory_urls
            )
            body = context.render_file(
                embed.path,
                "embed.html",
                plan=plan,
                indicator=indicator,
                chart=indicator_chart(indicator, context.language),
                licence=licence,
                publisher=context.publisher.name or context.site_name,
                site_name=context.site_name,
                notice=context.notice,
                canonical=f"{context.pages_url}{page_url}" if context.pages_url else "",
            )
            files.append(GeneratedAsset(embed.path, body))
    return files
