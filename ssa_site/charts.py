"""Charts as standalone SVG files drawn with pygal, safe to publish.

A :class:`Chart` is a frozen description (where it goes, what it shows, its series);
:func:`render_svg` draws it. The SVG carries a ``<title>`` and ``<desc>``, uses the
colour-blind-safe Okabe-Ito palette, has no script, no comment, no date and no random id
(pygal writes all four by default), and loads nothing from anywhere. Data text reaches the
SVG only through the XML serialiser, which escapes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

import pygal
from pygal.style import Style

from .cache import CHART_CODE, DiskCache, key, parallel_map

if TYPE_CHECKING:
    from pathlib import Path

#: Okabe & Ito (2008), in the order series take them.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#000000",  # black
    "#F0E442",  # yellow
)
ACTUAL_COLOUR = "#0072B2"
TARGET_COLOUR = "#D55E00"
BASELINE_COLOUR = "#000000"
FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

LINE, BAR, STACKED_HBAR = "line", "bar", "stacked-hbar"


@dataclass(frozen=True)
class Series:
    """One series of a chart: a name, a value per x label (None: no value), a look."""

    name: str
    values: tuple[float | None, ...]
    colour: str
    dash: str | None = None  # an SVG stroke-dasharray, e.g. "8,5"
    width: float = 2.0
    dots: bool = True
    hollow: bool = False  # hollow markers (targets), to tell series apart without colour


@dataclass(frozen=True)
class Chart:
    """Everything needed to draw one chart and to describe it on the page."""

    path: str  # where the file goes in the site, e.g. assets/charts/<plan>/<id>.svg
    kind: str  # LINE, BAR or STACKED_HBAR
    title: str
    description: str  # what the chart shows, for <desc>, alt text and captions
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    y_title: str = ""
    height: int = 400
    y_range: tuple[float, float] | None = None
    y_labels: tuple[float, ...] | None = None  # value axis ticks, e.g. whole numbers
    x_title: str = ""

    @property
    def chart_id(self) -> str:
        """A stable id for the SVG, from the file path (never random)."""
        stem = self.path.removeprefix("assets/charts/").removesuffix(".svg")
        return "ssa-chart-" + (re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower() or "x")


def chart_path(plan: str, name: str) -> str:
    """Site path of a chart of a plan; ``name`` is made safe for a file name."""
    return f"assets/charts/{plan}/{slug(name)}.svg"


def slug(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return cleaned[:80] or "chart"


def _style(colours: tuple[str, ...]) -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1f2328",
        foreground_strong="#1f2328",
        foreground_subtle="#6e7781",
        opacity="1",
        opacity_hover="1",
        transition="0ms",
        colors=colours or OKABE_ITO,
        font_family=FONT,
        title_font_size=18,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=12,
        tooltip_font_size=12,
        guide_stroke_color="#d0d4da",
        guide_stroke_dasharray="0",
        major_guide_stroke_color="#b0b6be",
        major_guide_stroke_dasharray="0",
    )


def _series_css(chart: Chart) -> list[str]:
    """Line widths (pygal's own CSS overrides them) and hollow markers where asked."""
    prefix = f"#chart-{_uuid(chart)}"
    rules = [
        f"{prefix} .serie-{i} .line{{stroke-width:{series.width:g}px;stroke-opacity:1}}"
        for i, series in enumerate(chart.series)
        if chart.kind == LINE
    ]
    rules += [
        f"{prefix} .serie-{i} .dot,{prefix} #activate-serie-{i} rect"
        "{fill:#ffffff;stroke-width:2.5px}"
        for i, series in enumerate(chart.series)
        if series.hollow
    ]
    return ["inline:" + "".join(rules)] if rules else []


def _uuid(chart: Chart) -> str:
    return chart.chart_id.removeprefix("ssa-chart-")


_KINDS: dict[str, Any] = {
    LINE: pygal.Line,
    BAR: pygal.Bar,
    STACKED_HBAR: pygal.HorizontalStackedBar,
}


def _legend_columns(chart: Chart) -> int:
    return min(max(len(chart.series), 1), 5)


def _legend_shortfall(chart: Chart) -> int:
    """pygal reserves floor(series ÷ columns) legend rows, one short when they do not divide."""
    return 26 if len(chart.series) % _legend_columns(chart) else 0


def cached_svg(chart: Chart, cache_dir: Path) -> Path | None:
    """The chart's SVG file in the project's cache (ssa_site.cache), drawn only when no
    build has drawn this very chart before; None when the cache cannot be written."""
    charts = DiskCache(cache_dir, "charts")
    entry = key(CHART_CODE, "chart", chart)  # the whole chart: data, labels, colours, path
    path = charts.path(entry, ".svg")
    if charts.active and path.is_file():
        return path
    # Not through render_svg's in-memory cache: the file is the cache.
    return charts.put_bytes(entry, render_svg.__wrapped__(chart), ".svg")


def cached_svgs(charts: list[Chart], cache_dir: Path) -> list[Path | None]:
    """:func:`cached_svg` of each chart; charts no build has drawn yet are drawn in worker
    processes when there are many (a first build of a large site)."""
    store = DiskCache(cache_dir, "charts")
    paths = [store.path(key(CHART_CODE, "chart", chart), ".svg") for chart in charts]
    found: list[Path | None] = [p if store.active and p.is_file() else None for p in paths]
    missing = [i for i, path in enumerate(found) if path is None]
    drawn = parallel_map(partial(cached_svg, cache_dir=cache_dir), [charts[i] for i in missing])
    for index, path in zip(missing, drawn, strict=True):
        found[index] = path
    return found


@lru_cache(maxsize=4096)
def render_svg(chart: Chart) -> bytes:
    """The chart as SVG bytes; the same chart always gives the same bytes (and is cached)."""
    graph = _KINDS[chart.kind](
        style=_style(tuple(s.colour for s in chart.series)),
        title=chart.title,
        x_labels=list(chart.x_labels),
        y_title=chart.y_title or None,
        x_title=chart.x_title or None,
        y_labels=list(chart.y_labels) if chart.y_labels else None,
        width=800,
        height=chart.height,
        js=[],  # no script from anywhere: no tooltips, the data table is beside the chart
        disable_xml_declaration=False,
        pretty_print=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=_legend_columns(chart),
        legend_box_size=14,
        margin_bottom=16 + _legend_shortfall(chart),
        truncate_legend=-1,
        truncate_label=-1,
        x_label_rotation=0,
        print_values=False,
        allow_interruptions=False,
        include_x_axis=chart.kind != LINE,
        margin=16,
        range=chart.y_range,
        css=["file://style.css", "file://graph.css", *_series_css(chart)],
    )
    graph.uuid = _uuid(chart)
    for series in chart.series:
        options: dict[str, Any] = {}
        if chart.kind == LINE:
            stroke: dict[str, Any] = {"width": series.width}
            if series.dash:
                stroke["dasharray"] = series.dash
            options.update(stroke_style=stroke, show_dots=series.dots, dots_size=4)
        graph.add(series.name, list(series.values), **options)
    graph.add_xml_filter(lambda root: _clean(root, chart))
    svg = graph.render()
    return svg if isinstance(svg, bytes) else svg.encode("utf-8")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _clean(root: Any, chart: Chart) -> Any:
    """Drop comments (they carry the date) and scripts; describe the chart for readers."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or _local(element.tag) == "script":
            parent = element.getparent() if hasattr(element, "getparent") else None
            if parent is None:
                parent = next((p for p in root.iter() if element in list(p)), None)
            if parent is not None:
                parent.remove(element)
    title = next((e for e in root if _local(e.tag) == "title"), None)
    if title is None:
        title = root.makeelement("title", {})
    else:
        root.remove(title)
    root.insert(0, title)  # first child, where assistive technology looks for it
    title.text = chart.title
    title.set("id", f"{chart.chart_id}-title")
    desc = root.makeelement("desc", {"id": f"{chart.chart_id}-desc"})
    desc.text = chart.description
    root.insert(1, desc)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart.chart_id}-title {chart.chart_id}-desc")
    return root
