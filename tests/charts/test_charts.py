"""Charts: what they show, and that the SVG is safe, accessible and reproducible."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date

from lxml import etree

from ssa_site.analysis.ratings import StatusSettings
from ssa_site.analysis.rollup import StatusBoard
from ssa_site.base.periods import parse_period
from ssa_site.charts.specs import dimension_charts, indicator_chart, status_chart
from ssa_site.charts.svg import LINE, OKABE_ITO, Chart, Series, render_svg
from ssa_site.model.plan import Indicator, Plan, Portfolio, Result, Value

SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def v(kind: str, period: str, value=None, text=None, dims=()) -> Value:
    return Value("I1", parse_period(period), kind, value, text, None, None, None, tuple(dims))


def indicator(*values: Value, **kw) -> Indicator:
    defaults = dict(
        plan="northland",
        id="I1",
        result="R1",
        title="Share <screened> & checked",
        definition="d",
        unit="percent",
        direction="increase",
    )
    defaults.update(kw)
    return Indicator(values=values, **defaults)  # type: ignore[arg-type]


I1 = indicator(
    v("baseline", "FY2023", 41),
    v("target", "FY2025", 70),
    v("actual", "FY2024", 52),
    v("actual", "FY2024", 49, dims=[("sex", "female")]),
    v("actual", "FY2024", 55, dims=[("sex", "male")]),
)


def parse(svg: bytes):  # type: ignore[no-untyped-def]
    return etree.fromstring(svg)


def test_indicator_chart_shows_baseline_targets_and_actuals() -> None:
    chart = indicator_chart(I1)
    assert chart is not None
    assert chart.path == "assets/charts/northland/indicators/I1.svg"
    assert chart.x_labels == ("FY2023", "FY2024", "FY2025")
    by_name = {s.name: s for s in chart.series}
    # Both lines start from the baseline; the baseline is a flat dotted line.
    assert by_name["Actual"].values == (41, 52, None)
    assert by_name["Target"].values == (41, None, 70)
    assert by_name["Baseline (FY2023)"].values == (41, 41, 41)
    assert by_name["Target"].dash and by_name["Target"].hollow
    assert not by_name["Actual"].dash and not by_name["Actual"].hollow
    assert by_name["Baseline (FY2023)"].dash and not by_name["Baseline (FY2023)"].dots
    assert "Baseline: 41 in FY2023. Targets: 70 in FY2025. Actuals: 52 in FY2024." in (
        chart.description
    )


def test_qualitative_and_empty_indicators_get_no_chart() -> None:
    assert (
        indicator_chart(indicator(v("actual", "FY2024", text="Draft"), measure="qualitative"))
        is None
    )
    assert indicator_chart(indicator()) is None


def test_one_chart_per_dimension_with_a_bar_per_category() -> None:
    [(breakdown, chart)] = dimension_charts(I1)
    assert breakdown.dimension == "sex"
    assert chart is not None
    assert chart.path == "assets/charts/northland/indicators/I1/by-sex.svg"
    assert [s.name for s in chart.series] == ["female", "male"]
    assert [s.values for s in chart.series] == [(49,), (55,)]
    assert chart.x_labels == ("FY2024 actual",)


def test_odd_dimension_names_give_safe_distinct_file_names() -> None:
    odd = indicator(
        v("actual", "FY2024", 1, dims=[("age group/<x>", "a")]),
        v("actual", "FY2024", 2, dims=[("age group <x>", "a")]),
    )
    paths = [chart.path for _, chart in dimension_charts(odd)]  # type: ignore[union-attr]
    assert len(set(paths)) == 2
    assert all(
        re.fullmatch(r"assets/charts/northland/indicators/I1/by-[a-z0-9._-]+\.svg", p)
        for p in paths
    )


def test_svg_is_described_escaped_and_self_contained() -> None:
    chart = indicator_chart(I1)
    assert chart is not None
    svg = render_svg(chart)
    root = parse(svg)
    title, desc = root[0], root[1]  # first children, where assistive technology looks
    assert title.tag == f"{SVG}title" and title.text == "I1 Share <screened> & checked"
    assert desc.tag == f"{SVG}desc" and desc.text.startswith("Line chart of I1")
    assert root.get("role") == "img"
    text = svg.decode()
    assert "Share &lt;screened&gt; &amp; checked" in text
    assert "<script" not in text and "<!--" not in text
    assert "kozea" not in text.lower() and "pygal.org" not in text
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) <= NAMESPACES
    assert "@import" not in text and "url(" not in text
    assert all(colour in text for colour in ("#0072B2", "#D55E00"))


def test_svg_bytes_are_identical_across_renders_and_carry_no_date_or_random_id() -> None:
    chart = indicator_chart(I1)
    assert chart is not None
    first = render_svg(chart)
    render_svg.cache_clear()
    second = render_svg(chart)
    assert first == second
    root = parse(first)
    assert root.get("id") == "chart-northland-indicators-i1"
    assert not re.search(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", first)  # no uuid4
    assert b"Generated" not in first  # pygal's comment with the date of the day


def test_series_take_the_okabe_ito_palette() -> None:
    chart = Chart(
        "assets/charts/p/x.svg",
        LINE,
        "t",
        "d",
        ("a", "b"),
        tuple(Series(f"s{i}", (1, 2), OKABE_ITO[i]) for i in range(3)),
    )
    text = render_svg(chart).decode()
    for colour in OKABE_ITO[:3]:
        assert f"stroke:{colour};fill:{colour}" in text


def test_status_chart_counts_indicators_by_objective_and_rating() -> None:
    achieved = (v("baseline", "FY2023", 0), v("target", "FY2024", 10), v("actual", "FY2024", 10))
    plan = Plan(
        name="northland",
        title="Northland",
        kind="country-strategy",
        levels=("goal", "objective"),
        results=(
            Result("northland", "G", None, "goal", "Goal"),
            Result("northland", "O1", "G", "objective", "One"),
        ),
        indicators=(
            indicator(*achieved, id="A", result="O1"),
            indicator(v("baseline", "FY2023", 1), id="B", result="O1"),
        ),
    )
    board = StatusBoard(Portfolio((plan,)), StatusSettings(), date(2025, 1, 1))
    chart = status_chart(plan, board.plan(plan), board.as_of)
    assert chart is not None
    assert chart.x_labels == ("O1",)
    assert [(s.name, s.values) for s in chart.series] == [("Achieved", (1,)), ("No data", (1,))]
    assert "as of 1 Jan 2025" in chart.title
    assert "1 achieved, 1 no data. O1 One: 1 achieved, 1 no data." in chart.description
    assert parse(render_svg(chart)) is not None


def _x_labels(svg: bytes) -> list:  # type: ignore[type-arg]
    axis = parse(svg).find(f".//{SVG}g[@class='axis x']")
    assert axis is not None
    return [t for t in axis.iter(f"{SVG}text")]


QUARTERS = tuple(f"FY{year}-Q{q}" for year in range(2022, 2027) for q in range(1, 5))


def test_a_crowded_time_line_labels_periods_that_do_not_collide() -> None:
    # Five years of quarterly reporting: 20 labels cannot all sit side by side at 800 px.
    series = Series("Actual", tuple(float(i) for i in range(len(QUARTERS))), OKABE_ITO[0])
    chart = Chart("assets/charts/p/q.svg", LINE, "Quarterly", "d", QUARTERS, (series,))
    labels = _x_labels(render_svg(chart))
    shown = [t.text for t in labels]
    assert 3 <= len(shown) < len(QUARTERS)
    assert shown[0] == "FY2022-Q1" and shown == sorted(shown)  # every k-th period, in order
    xs = [float(t.get("x")) for t in labels]
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    assert min(gaps) > len("FY2022-Q1") * 7  # wider than a label: no overlap
    assert xs[-1] + len(shown[-1]) * 7.4 / 2 <= 800  # the last label is not cut off


def test_a_short_time_line_labels_every_period() -> None:
    series = Series("Actual", (1.0, 2.0, 3.0), OKABE_ITO[0])
    chart = Chart(
        "assets/charts/p/y.svg", LINE, "Yearly", "d", ("FY2023", "FY2024", "FY2025"), (series,)
    )
    assert [t.text for t in _x_labels(render_svg(chart))] == ["FY2023", "FY2024", "FY2025"]


def test_crowded_bars_turn_their_labels_and_keep_every_one() -> None:
    names = tuple(f"{q} {kind}" for q in QUARTERS[:14] for kind in ("target", "actual"))
    series = Series("female", tuple(float(i) for i in range(len(names))), OKABE_ITO[0])
    chart = Chart("assets/charts/p/b.svg", "bar", "By sex", "d", names, (series,))
    svg = render_svg(chart)
    labels = _x_labels(svg)
    assert [t.text for t in labels] == list(names)
    assert all(re.match(r"rotate\((45|90)", t.get("transform") or "") for t in labels)
    # The chart grows by the turned labels' height, so the plot keeps its size.
    view_box = (parse(svg).get("viewBox") or "").split()
    assert int(view_box[3]) == chart.drawn_height > chart.height


def _font_sizes(svg: bytes) -> list[float]:
    """Every font size pygal's stylesheet gives text that the chart shows."""
    css = " ".join(e.text or "" for e in parse(svg).iter(f"{SVG}style"))
    rules = re.findall(r"([^{}]*)\{[^}]*font-size:([\d.]+)px", css)
    return [float(size) for selector, size in rules if "no_data" not in selector]


def test_every_chart_is_also_drawn_for_phones_with_legible_text() -> None:
    # A phone shows a chart about 360 px wide: the phone drawing is that wide, so its text
    # keeps its size on screen; the desktop drawing would shrink to 45 % (6 px labels).
    chart = indicator_chart(I1)
    assert chart is not None
    phone = chart.for_phones()
    assert phone.path == "assets/charts-phone/northland/indicators/I1.svg"
    assert phone.media == "screen and (max-width: 44.9375em)" and chart.media == ""
    svg = render_svg(phone)
    view_box = (parse(svg).get("viewBox") or "").split()
    assert view_box[2] == "360" and int(view_box[3]) == phone.drawn_height
    assert min(_font_sizes(svg)) >= 14 * 0.8  # label text: 14 px at 360 px
    assert parse(svg).get("id") != parse(render_svg(chart)).get("id")  # ids stay unique


def test_a_phone_time_line_drops_labels_that_would_collide_at_its_width() -> None:
    series = Series("Actual", tuple(float(i) for i in range(len(QUARTERS))), OKABE_ITO[0])
    chart = Chart("assets/charts/p/q.svg", LINE, "Quarterly", "d", QUARTERS, (series,))
    labels = _x_labels(render_svg(chart.for_phones()))
    xs = [float(t.get("x")) for t in labels]
    assert len(labels) >= 2
    assert min(b - a for a, b in itertools.pairwise(xs)) > len("FY2022-Q1") * 14 * 0.57
    assert xs[-1] + len(labels[-1].text) * 14 * 0.57 / 2 <= 360


def test_a_very_long_title_or_unit_is_shortened_in_the_drawing_only() -> None:
    title = "A title that goes on " * 20
    series = Series("Actual", (1.0, 2.0), OKABE_ITO[0])
    chart = Chart("assets/charts/p/t.svg", LINE, title, "d", ("2023", "2024"), (series,))
    chart = replace(chart, y_title="unit " * 40)
    for drawing in (chart, chart.for_phones()):
        svg = parse(render_svg(drawing))  # drawn, with room left for the plot
        assert svg.find(f"{SVG}title").text == title  # the full title stays the SVG's name
        drawn = [t.text or "" for t in svg.iter(f"{SVG}text") if "title" in (t.get("class") or "")]
        assert all(len(line) <= 160 for line in drawn) and any("…" in t for t in drawn)
