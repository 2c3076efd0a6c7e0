"""Indicator pages built for real: status with its arithmetic, charts, tracking table."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, all_text, build, read
from mkdocs.exceptions import Abort

if TYPE_CHECKING:
    from pathlib import Path

#: Every test here builds a site with MkDocs.
pytestmark = pytest.mark.slow

PLAN = "data/northland-ics"
I1 = "plans/northland-ics/indicators/I1/index.html"

EXTRA_INDICATORS = [
    # id, result, title, definition, unit, measure, direction, cumulative
    ("Q1", "O1.1", "Screening law adopted", "Stage of the law", "stage", "qualitative", "", ""),
    (
        "C1",
        "O1.1",
        "Officers trained",
        "Officers trained since FY2023",
        "officers",
        "unit",
        "increase",
        "true",
    ),
    ("D1", "O1.1", "Hours to clear a truck", "Average hours", "hours", "unit", "decrease", ""),
]
EXTRA_VALUES = [
    # indicator, period, kind, value, text, reported
    ("Q1", "FY2023", "baseline", "", "No draft", ""),
    ("Q1", "FY2024", "target", "", "Draft <law> & annex", ""),
    ("Q1", "FY2025", "target", "", "Law adopted", ""),
    ("Q1", "FY2024", "actual", "", "Draft <law> & annex", "2024-10-15"),
    ("C1", "FY2023", "baseline", "0", "", ""),
    ("C1", "FY2025", "target", "200", "", ""),
    ("C1", "FY2024", "actual", "80", "", "2024-10-10"),
    ("D1", "FY2023", "baseline", "10", "", ""),
    ("D1", "FY2024", "target", "6", "", ""),
    ("D1", "FY2024", "actual", "7", "", "2024-10-12"),
]


def text_of(page: str) -> str:
    article = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    article = article.split("</article>", 1)[0]
    article = re.sub(r"</?time\b[^>]*>", "", article)  # dates are inline
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


def _append_rows(path: Path, rows: list[dict[str, str]], new_columns: tuple[str, ...] = ()) -> None:
    existing = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    fields = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))).fieldnames or [])
    fields += [c for c in new_columns if c not in fields]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(existing + rows)
    path.write_text(out.getvalue(), "utf-8")


def extend(root: Path) -> Path:
    """Add a qualitative, a cumulative and a decrease indicator to the minimal fixture."""
    keys = ("id", "result", "title", "definition", "unit", "measure", "direction", "cumulative")
    _append_rows(
        root / PLAN / "indicators.csv",
        [dict(zip(keys, row, strict=True)) for row in EXTRA_INDICATORS],
        ("cumulative",),
    )
    keys = ("indicator", "period", "kind", "value", "text", "reported")
    _append_rows(
        root / PLAN / "values.csv", [dict(zip(keys, r, strict=True)) for r in EXTRA_VALUES]
    )
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("indicators") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    return build(extend(root))


def test_indicator_page_shows_status_with_the_arithmetic(site: Path) -> None:
    text = text_of(read(site, I1))
    assert "Status: At risk" in text
    assert "as of 20 Oct 2024" in text  # the latest reported date of the public data
    # No FY2024 target: 41 + (70 − 41) × 366 ÷ 731 = 55.52; (52 − 41) ÷ (55.52 − 41) = 76%
    assert "41 + (70 − 41) × 366 ÷ 731 days = 55.52" in text
    assert "(52 − 41) ÷ (55.52 − 41) = 11 ÷ 14.52 = 76%" in text
    assert "76% is at least 60% but below 85%: at risk" in text


def test_indicator_page_has_a_chart_with_alt_text_and_the_tracking_table(site: Path) -> None:
    page = read(site, I1)
    img = re.search(r'<img src="([^"]+\.svg)" alt="([^"]+)"', page)
    assert img is not None
    svg = (site / "plans/northland-ics/indicators/I1" / img.group(1)).resolve()
    assert svg == (site / "assets/charts/northland-ics/indicators/I1.svg").resolve()
    assert svg.read_text().count("<desc") >= 1
    assert "Baseline: 41 in FY2023" in html.unescape(img.group(2))
    table = text_of(page).split("Tracking table of I1 (percent)", 1)[1]
    assert re.search(r"FY2023 \(Oct 2022 – Sep 2023\) 41 — — ", table)
    assert re.search(
        r"FY2024 \(Oct 2023 – Sep 2024\) — — 52 — — "
        r"76% of interim target 55.52 At risk 20 Oct 2024",
        table,
    )
    assert re.search(r"FY2025 \(Oct 2024 – Sep 2025\) — 70 — ", table)
    # The period's days are in the page for machines (HTML's datetime holds no interval).
    assert (
        '<span class="ssa-period" data-period="2023-10-01/2024-09-30">'
        "FY2024 (Oct 2023 – Sep 2024)</span>"
    ) in page


def test_disaggregations_get_a_table_and_a_chart_each(site: Path) -> None:
    page = read(site, I1)
    text = text_of(page)
    assert "By sex" in text and "I1 by sex (percent) Period Kind female FY2024 Actual 49" in text
    assert 'src="../../../../assets/charts/northland-ics/indicators/I1/by-sex.svg"' in page
    assert (site / "assets/charts/northland-ics/indicators/I1/by-sex.svg").is_file()


def test_indicator_page_links_its_result_initiatives_and_the_method(site: Path) -> None:
    page = read(site, I1)
    assert 'href="../../results/O1.1/"' in page
    assert 'href="../../results/O1.1/#initiative-P1"' in page
    assert 'href="../../../../method/status/"' in page
    method = text_of(read(site, "method/status/index.html"))
    assert "at least 85% and below 100%" in method
    assert "(55 − 40) ÷ (60 − 40) = 15 ÷ 20 = 75%" in method  # the first worked example


def test_qualitative_indicator_has_a_timeline_instead_of_a_chart(site: Path) -> None:
    page = read(site, "plans/northland-ics/indicators/Q1/index.html")
    text = text_of(page)
    assert "<img" not in page.split("md-content__inner")[1]
    assert not (site / "assets/charts/northland-ics/indicators/Q1.svg").exists()
    assert "Timeline" in text and "Status: Achieved" in text
    assert "Draft &lt;law&gt; &amp; annex" in page  # escaped, never markup
    assert "Target (FY2024): “Draft <law> & annex”" in text


def test_cumulative_and_decrease_indicators(site: Path) -> None:
    cumulative = text_of(read(site, "plans/northland-ics/indicators/C1/index.html"))
    assert "running totals" in cumulative
    assert "0 + (200 − 0) × 366 ÷ 731 days = 100.14" in cumulative  # interim target
    assert "Status: At risk" in cumulative  # 80 ÷ 100.14 = 80%
    decrease = text_of(read(site, "plans/northland-ics/indicators/D1/index.html"))
    assert "(7 − 10) ÷ (6 − 10) = −3 ÷ −4 = 75%" in decrease
    assert re.search(r"— 6 7 \+1 117% 75% At risk", decrease)  # variance, % of target


def test_status_shows_on_every_index_of_indicators_and_results(site: Path) -> None:
    plan = text_of(read(site, "plans/northland-ics/index.html"))
    assert "Overall: At risk" in plan
    assert 'src="../../assets/charts/northland-ics/status.svg"' in read(
        site, "plans/northland-ics/index.html"
    )
    assert re.search(r"O1 Border agencies detect illicit flows At risk", plan)  # result tree
    assert re.search(r"I1 Share of crossings screened \(percent\) At risk", plan)  # indicators
    result = text_of(read(site, "plans/northland-ics/results/O1.1/index.html"))
    assert "Status: At risk" in result
    assert re.search(r"Q1 Screening law adopted \([^)]*\) Achieved", result)
    home = text_of(read(site, "index.html"))
    assert re.search(r"Status: At risk 1 achieved · 4 at risk", home)
    assert "ssa-status--" in read(site, "plans/northland-ics/logic-model/index.html")


def test_charts_load_nothing_from_elsewhere(site: Path) -> None:
    texts = all_text(site)
    assert not [p for p, t in texts.items() if "kozea" in t.lower()]
    svgs = {p: t for p, t in texts.items() if p.endswith(".svg")}
    assert len(svgs) >= 5
    for path, text in svgs.items():
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text))
        assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, path
        assert "<script" not in text and "<!--" not in text, path
    for path, text in texts.items():
        if path.endswith(".html"):
            assert not re.search(r'<(?:script|img|link)[^>]+(?:src|href)="(?:https?:)?//', text), (
                path
            )


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for name in ("one", "two"):
        root = tmp_path / name
        shutil.copytree(FIXTURES / "minimal", root)
        site = build(extend(root))
        outputs.append(
            {
                p.relative_to(site).as_posix(): p.read_bytes()
                for p in sorted(site.rglob("*"))
                if p.is_file()
            }
        )
    assert outputs[0].keys() == outputs[1].keys()
    different = [p for p in outputs[0] if outputs[0][p] != outputs[1][p]]
    assert different == []


def test_thresholds_and_late_reports_follow_the_configuration(project, monkeypatch) -> None:
    root = project()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - ssa:\n",
            "  - ssa:\n      status_thresholds: {on_track: 0.7}\n      late_after_days: 30\n",
        )
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1731628800")  # 2024-11-15
    text = text_of(read(build(root), I1))
    assert "Status: On track" in text  # 76% ≥ 70%
    assert "as of 15 Nov 2024" in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    site = build(root)
    text = text_of(read(site, I1))
    # FY2025 ended 2025-09-30 with a target and no (public) actual: due by 2025-10-30.
    assert "Late: FY2025" in text
    assert "no actual has been reported for FY2025" in text
    assert "70%" in text_of(read(site, "method/status/index.html"))


def test_thresholds_out_of_order_stop_the_build(project) -> None:
    root = project()
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - ssa:\n", "  - ssa:\n      status_thresholds: {achieved: 0.5, on_track: 0.85}\n"
        )
    )
    with pytest.raises(Abort):
        build(root)


def test_every_chart_image_reserves_the_size_of_its_svg(tmp_path: Path) -> None:
    """Pages give each chart its drawn size, also when crowded labels made it taller."""
    from ssa_site.authoring.synth import SynthOptions, write_synth

    root = tmp_path / "quarterly"
    write_synth(root, SynthOptions(plans=1, results=3, indicators=6, periods=12, seed=3))
    site = build(root)
    sizes, taller = 0, 0
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        found = re.findall(r'<img src="([^"]+\.svg)"[^>]* width="(\d+)" height="(\d+)"', html)
        # The phone drawing of each chart, picked by the screen's width, reserves its own size.
        phones = re.findall(
            r'<source media="[^"]+" srcset="([^"]+\.svg)" width="(\d+)" height="(\d+)">', html
        )
        assert len(phones) == len(found), page
        for src, width, height in found + phones:
            svg = (page.parent / src).resolve().read_text("utf-8")
            view_box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
            assert view_box is not None, src
            assert (width, height) == view_box.groups(), f"{page}: {src}"
            sizes += 1
            taller += int(height) > 400
    assert sizes > 10 and taller > 0  # some charts turned their labels and grew
