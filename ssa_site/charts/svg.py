"""Charts as standalone SVG files drawn with pygal, safe to publish.

A :class:`Chart` is a frozen description (where it goes, what it shows, its series);
:func:`render_svg` draws it. The SVG carries a ``<title>`` and ``<desc>``, uses the
colour-blind-safe Okabe-Ito palette, has no script, no comment, no date and no random id
(pygal writes all four by default), and loads nothing from anywhere. Data text reaches the
SVG only through the XML serialiser, which escapes it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pygal
from pygal.style import Style

from ssa_site.base import urls
from ssa_site.cache.store import CHART_CODE, DiskCache, key
from ssa_site.charts import pygal_setup  # noqa: F401  (pygal set up before any drawing)

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

#: The widths a chart is drawn at. A page offers both (``<picture>``): the phone drawing
#: below 720 px of screen, where the desktop one would shrink its text under 11 px.
DESKTOP_WIDTH, PHONE_WIDTH = 800, 360
#: The media query that picks the phone drawing (mkdocs-material's own tablet breakpoint).
PHONE_MEDIA = "screen and (max-width: 44.9375em)"


@dataclass(frozen=True)
class Look:
    """Type sizes and room of a drawing width, in SVG pixels (a drawing is shown at about
    its own width: text keeps about these sizes on screen)."""

    title: int
    label: int
    legend: int
    margin: int
    legend_columns: int  # at most
    y_labels: int  # room for the value axis' labels

    @property
    def char_width(self) -> float:
        """Average width of a character of the axis labels (sans-serif)."""
        return self.label * 0.57


DESKTOP_LOOK = Look(title=18, label=14, legend=14, margin=16, legend_columns=5, y_labels=70)
PHONE_LOOK = Look(title=16, label=14, legend=14, margin=8, legend_columns=2, y_labels=56)


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
    width: int = DESKTOP_WIDTH

    @property
    def look(self) -> Look:
        return PHONE_LOOK if self.width <= PHONE_WIDTH else DESKTOP_LOOK

    @property
    def media(self) -> str:
        """The media query of screens this drawing is for ("": any)."""
        return PHONE_MEDIA if self.width <= PHONE_WIDTH else ""

    def for_phones(self) -> Chart:
        """The same chart drawn for a phone's width (its file beside the desktop one)."""
        height = self.height if self.kind == STACKED_HBAR else round(self.height * 0.8)
        return replace(
            self, path=urls.phone_chart_path(self.path), width=PHONE_WIDTH, height=height
        )

    @property
    def drawn_height(self) -> int:
        """The SVG's height: the plot's, and room for x labels turned to fit."""
        return self.height + _label_room(self)

    @property
    def chart_id(self) -> str:
        """A stable id for the SVG, from the file path (never random)."""
        stem = self.path.removeprefix(urls.CHARTS_ROOT + "/").removesuffix(".svg")
        if self.width <= PHONE_WIDTH:
            stem = "phone/" + stem.removeprefix(urls.PHONE_CHARTS_ROOT + "/")
        return "ssa-chart-" + (re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower() or "x")


def drawings(charts: list[Chart]) -> list[Chart]:
    """Every chart at a desktop's width, then each again at a phone's (pages offer both)."""
    return [*charts, *(chart.for_phones() for chart in charts)]


def _style(colours: tuple[str, ...], look: Look = DESKTOP_LOOK) -> Style:
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
        title_font_size=look.title,
        label_font_size=look.label,
        major_label_font_size=look.label,
        legend_font_size=look.legend,
        value_font_size=look.label,
        value_label_font_size=look.label,
        tooltip_font_size=look.label,
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


class _Drawing:
    """What a pygal graph does, with less work per chart (a large site draws thousands).

    pygal's graphs find every attribute through a ``__getattribute__`` that looks itself
    up again on each call; these look in the same places in the same order, without the
    detour. And pygal hangs four ``<desc>`` elements on every point for its tooltip
    script, which a chart of this site never carries (no script; the table beside each
    chart gives every figure): they are not drawn, which halves the elements of a chart.
    """

    def __getattribute__(self, name: str) -> Any:
        if name[:2] != "__" and name != "state":
            state = object.__getattribute__(self, "__dict__").get("state")
            if state is not None:
                values = state.__dict__
                if name in values:
                    return values[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        state = None if name[:2] == "__" else object.__getattribute__(self, "__dict__").get("state")
        if state is None:
            object.__setattr__(self, name, value)
        else:
            setattr(state, name, value)

    def _tooltip_data(self, *args: Any, **kwargs: Any) -> None:
        return None


class _Line(_Drawing, pygal.Line):
    pass


class _Bar(_Drawing, pygal.Bar):
    pass


class _StackedHorizontalBar(_Drawing, pygal.HorizontalStackedBar):
    pass


_KINDS: dict[str, Any] = {
    LINE: _Line,
    BAR: _Bar,
    STACKED_HBAR: _StackedHorizontalBar,
}


def _legend_columns(chart: Chart) -> int:
    return min(max(len(chart.series), 1), chart.look.legend_columns)


def _legend_shortfall(chart: Chart) -> int:
    """pygal reserves floor(series ÷ columns) legend rows, one short when they do not divide."""
    return 26 if len(chart.series) % _legend_columns(chart) else 0


def _label_spacing(chart: Chart) -> tuple[float, float]:
    """The widest x label and the room each label has beside the value axis, in pixels, to
    tell whether the x labels of a chart would collide."""
    look = chart.look
    widest = max((len(label) for label in chart.x_labels), default=0) * look.char_width
    plot_width = chart.width - 2 * look.margin - look.y_labels
    return widest, plot_width / max(len(chart.x_labels), 1)


def _x_label_layout(chart: Chart) -> dict[str, Any]:
    """Horizontal x labels where they fit side by side. A time line that is too crowded
    labels every second (third…) period, as its points stay in order; bars are named one
    by one, so their labels turn (45° or upright) rather than drop out."""
    widest, room = _label_spacing(chart)
    layout: dict[str, Any] = {"x_label_rotation": 0}
    if chart.kind == LINE:
        # The last period's label is centred on the plot's edge: room for its right half.
        layout["margin_right"] = max(chart.look.margin, math.ceil(widest / 2))
    if chart.kind == STACKED_HBAR or widest <= room * 0.9:
        return layout
    if chart.kind == LINE:
        every = math.ceil(widest / (room * 0.9))
        return {**layout, "x_labels_major_every": every, "show_minor_x_labels": False}
    return {**layout, "x_label_rotation": 45 if room >= 24 else 90}


def _label_room(chart: Chart) -> int:
    """Extra height for turned labels, so the plot keeps its height."""
    rotation = _x_label_layout(chart)["x_label_rotation"]
    if not rotation:
        return 0
    widest, _ = _label_spacing(chart)
    return round(widest * math.sin(math.radians(rotation)))


def cached_svg(chart: Chart, cache_dir: Path) -> Path | None:
    """The chart's SVG file in the project's cache (ssa_site.cache.store), drawn only when no
    build has drawn this very chart before (and the file holds what was drawn, as its digest
    says); None when the cache cannot be written."""
    charts = DiskCache(cache_dir, "charts")
    entry = key(CHART_CODE, "chart", chart)  # the whole chart: data, labels, colours, path
    if not charts.active:
        return None
    path = charts.place(entry, ".svg")
    if path is not None and path.is_file():  # checked: a damaged file was dropped
        return path
    # Not through render_svg's in-memory cache: the file is the cache.
    return charts.put_file(entry, render_svg.__wrapped__(chart), ".svg")


def cached_svgs(charts: list[Chart], cache_dir: Path) -> list[Path | None]:
    """:func:`cached_svg` of each chart (a batch drawn by a worker process)."""
    return [cached_svg(chart, cache_dir) for chart in charts]


def chart_files(charts: list[Chart], cache_dir: Path) -> list[Path] | None:
    """Where :func:`cached_svg` keeps each chart, drawn or not; None without a cache.

    Files there are copied into the site by path, even those drawn by worker processes
    later: each file found is checked against its digest now, and a damaged one dropped,
    so that its chart is drawn again. None also when one can be neither read nor dropped."""
    store = DiskCache(cache_dir, "charts")
    if not store.active:
        return None
    files = [store.place(key(CHART_CODE, "chart", chart), ".svg") for chart in charts]
    return None if None in files else [file for file in files if file is not None]


@lru_cache(maxsize=4096)
def render_svg(chart: Chart) -> bytes:
    """The chart as SVG bytes; the same chart always gives the same bytes (and is cached)."""
    phone = chart.width <= PHONE_WIDTH
    graph = _KINDS[chart.kind](
        style=_style(tuple(s.colour for s in chart.series), chart.look),
        title=_shortened(chart.title, 70 if phone else 160),
        x_labels=list(chart.x_labels),
        y_title=_shortened(chart.y_title, 28 if phone else 60) or None,
        x_title=_shortened(chart.x_title, 40 if phone else 90) or None,
        y_labels=list(chart.y_labels) if chart.y_labels else None,
        width=chart.width,
        height=chart.drawn_height,
        js=[],  # no script from anywhere: no tooltips, the data table is beside the chart
        disable_xml_declaration=False,
        pretty_print=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=_legend_columns(chart),
        legend_box_size=14,
        margin_bottom=chart.look.margin + _legend_shortfall(chart),
        truncate_legend=-1,
        truncate_label=-1,
        **_x_label_layout(chart),
        print_values=False,
        allow_interruptions=False,
        include_x_axis=chart.kind != LINE,
        margin=chart.look.margin,
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


def _shortened(text: str, limit: int) -> str:
    """Text drawn in the chart, cut to ``limit`` characters: a long title would take the
    plot's room (pygal then wraps it for ever). The full title is the SVG's <title>."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _clean(root: Any, chart: Chart) -> Any:
    """Drop comments (they carry the date) and scripts; describe the chart for readers."""
    for parent in list(root.iter()):
        for element in list(parent):
            if not isinstance(element.tag, str) or _local(element.tag) == "script":
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
