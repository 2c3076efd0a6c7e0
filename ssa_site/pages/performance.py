"""Generators of indicator performance: the charts, and the page explaining the method.

Charts are drawn from the audience's portfolio only, so a public build draws no internal
value. Pages link them through the same builders (:mod:`ssa_site.charts.specs`).
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from ssa_site.analysis.status import assess
from ssa_site.base import urls
from ssa_site.base.i18n import ENGLISH
from ssa_site.base.logs import logger
from ssa_site.base.periods import parse_period
from ssa_site.cache.workers import parallel_map
from ssa_site.charts.specs import dimension_charts, indicator_chart, status_chart
from ssa_site.charts.svg import (
    Chart,
    cached_svg,
    cached_svgs,
    chart_files,
    drawings,
    render_svg,
)
from ssa_site.model.plan import Indicator, Value
from ssa_site.output.context import Generated, GeneratedAsset, PageContext

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.analysis.ratings import StatusSettings
    from ssa_site.analysis.status import IndicatorStatus
    from ssa_site.base.i18n import Language
    from ssa_site.cache.workers import Background

log = logger(__name__)


def chart_assets(
    charts: list[Chart], cache_dir: Path | None = None, background: Background | None = None
) -> list[Generated]:
    """Each chart once, as an SVG file; drawn once per content when there is a cache, in
    worker processes when many are new (in the background when the build has one)."""
    seen: dict[str, Chart] = {}
    for chart in charts:
        seen.setdefault(chart.path, chart)
    unique = list(seen.values())
    stored = chart_files(unique, cache_dir) if cache_dir is not None else None
    if cache_dir is None or stored is None:  # no cache: drawn here, kept in memory
        return [GeneratedAsset(chart.path, render_svg(chart)) for chart in unique]
    new = [i for i, file in enumerate(stored) if not file.is_file()]
    waiting: set[int] = set()
    unstored: set[int] = set()  # drawn, but the cache could not keep them
    if (
        new
        and background is not None
        and background.start(
            partial(cached_svgs, cache_dir=cache_dir),
            [unique[i] for i in new],
            [stored[i] for i in new],
            render_svg,
        )
    ):
        waiting = set(new)
    elif new:
        drawn = parallel_map(partial(cached_svg, cache_dir=cache_dir), [unique[i] for i in new])
        unstored = {i for i, path in zip(new, drawn, strict=True) if path is None}
    return [
        GeneratedAsset(chart.path, render_svg(chart))
        if i in unstored
        else GeneratedAsset(chart.path, abs_src_path=str(file), deferred=i in waiting)
        for i, (chart, file) in enumerate(zip(unique, stored, strict=True))
    ]


def performance_files(context: PageContext) -> list[Generated]:
    """Indicator, breakdown and plan status charts (each at a desktop's and a phone's
    width), and the status method page."""
    start = time.perf_counter()
    board = context.status
    language = context.language
    charts: list[Chart] = []
    for plan in context.site.portfolio.plans:
        summary = status_chart(plan, board.plan(plan), board.as_of, language=language)
        if summary is not None:
            charts.append(summary)
        for indicator in plan.indicators:
            trend = indicator_chart(indicator, language)
            if trend is not None:
                charts.append(trend)
            charts.extend(chart for _, chart in dimension_charts(indicator, language) if chart)
    generated = chart_assets(drawings(charts), context.cache_dir, context.background)
    waiting = sum(isinstance(g, GeneratedAsset) and g.deferred for g in generated)
    log.info(
        "Charts: %d in %.2f s%s",
        len(generated),
        time.perf_counter() - start,
        f" ({waiting} new ones being drawn in worker processes)" if waiting else "",
    )
    generated.append(method_page(context))
    return generated


def method_page(context: PageContext) -> Generated:
    _ = context.language.gettext
    settings = context.status_settings
    return context.page(
        urls.STATUS_METHOD_URI,
        "method_status.html",
        _("How indicator status is rated"),
        True,
        settings=settings,
        thresholds=settings.thresholds,
        examples=worked_examples(settings, context.language),
        as_of=context.status.as_of,
    )


def _example(
    direction: str, values: list[tuple[str, str, float]], cumulative: bool = False
) -> Indicator:
    return Indicator(
        plan="example",
        id="X",
        result="R",
        title="Example",
        definition="",
        unit="",
        direction=direction,
        cumulative=cumulative,
        values=tuple(
            Value("X", parse_period(period), kind, number, None, None, None, None, ())
            for kind, period, number in values
        ),
    )


def worked_examples(
    settings: StatusSettings, language: Language = ENGLISH
) -> list[tuple[str, IndicatorStatus]]:
    """Fictional examples, rated with the configured thresholds, described in ``language``."""
    _ = language.gettext
    examples = [
        (
            _(
                "An increase: baseline %(baseline)s in %(baseline_period)s, target %(target)s "
                "for %(target_period)s, actual %(actual)s in %(actual_period)s."
            ),
            _example(
                "increase",
                [("baseline", "FY2023", 40), ("target", "FY2025", 60), ("actual", "FY2025", 55)],
            ),
        ),
        (
            _(
                "A decrease: baseline %(baseline)s in %(baseline_period)s, target %(target)s "
                "for %(target_period)s, actual %(actual)s in %(actual_period)s."
            ),
            _example(
                "decrease",
                [("baseline", "FY2023", 30), ("target", "FY2025", 20), ("actual", "FY2025", 22)],
            ),
        ),
        (
            _(
                "A cumulative count with a target for %(target_period)s only, reported for "
                "%(actual_period)s: baseline %(baseline)s in %(baseline_period)s, target "
                "%(target)s for %(target_period)s, running total %(actual)s in "
                "%(actual_period)s."
            ),
            _example(
                "increase",
                [("baseline", "FY2023", 0), ("target", "FY2025", 200), ("actual", "FY2024", 80)],
                cumulative=True,
            ),
        ),
    ]
    return [
        (text % _figures(indicator, language), assess(indicator, settings, None, None, language))
        for text, indicator in examples
    ]


def _figures(indicator: Indicator, language: Language) -> dict[str, str]:
    """Each kind of value of an example and its period: ``baseline``, ``baseline_period``…"""
    found: dict[str, str] = {}
    for value in indicator.values:
        found[value.kind] = language.number(float(value.value or 0))
        found[f"{value.kind}_period"] = value.period.label
    return found
