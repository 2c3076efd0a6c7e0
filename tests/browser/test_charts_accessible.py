"""Charts are readable without sight: every chart image (and map) of both builds has a text
alternative, its SVG names itself (role, title, desc), and a table with the same figures
follows it on the page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from conftest import AUDIENCES

from browser.site_pages import html_pages

if TYPE_CHECKING:
    from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"


class _Charts(HTMLParser):
    """Document order of charts (<img> or <object> of an .svg, inline pygal <svg>) and tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "object" and "data" in values:
            values = {**values, "src": values["data"], "alt": values.get("aria-label", "")}
        svg_image = tag in {"img", "object"} and urlsplit(values.get("src", "")).path.endswith(
            ".svg"
        )
        inline_chart = tag == "svg" and "pygal-chart" in values.get("class", "")
        if svg_image or inline_chart:
            self.events.append(("chart", values))
        elif tag == "table":
            self.events.append(("table", values))


def _phone_drawing(values: dict[str, str]) -> bool:
    src = urlsplit(values.get("src", "")).path
    return "/charts-phone/" in src or src.endswith("-phone.svg")


def charts_of(site: Path) -> list[tuple[str, dict[str, str], bool]]:
    """(page, attributes of the chart, whether a table follows it before the next chart)."""
    found = []
    for rel in html_pages(site):
        parser = _Charts()
        parser.feed((site / rel).read_text("utf-8"))
        events = parser.events
        for index, (kind, values) in enumerate(events):
            if kind != "chart":
                continue
            # The phone drawing of a chart next to it is the same chart (one table for both).
            following = [
                "phone-drawing" if k == "chart" and _phone_drawing(v) else k
                for k, v in events[index + 1 :]
            ]
            next_chart = following.index("chart") if "chart" in following else len(following)
            found.append((rel, values, "table" in following[:next_chart]))
    return found


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_chart_has_alt_text_a_titled_svg_and_a_data_table(
    example_builds: dict[str, Path], audience: str
) -> None:
    site = example_builds[audience]
    charts = charts_of(site)
    if not charts:
        pytest.skip(f"the {audience} build has no chart")
    problems = []
    for rel, values, table_follows in charts:
        src = values.get("src", "")
        if not table_follows:
            problems.append(f"{rel}: no data table follows the chart {src}")
        if "src" not in values:
            continue  # inline SVG: axe checks its role and name on the page
        if len(values.get("alt", "").strip()) < 20:
            problems.append(f"{rel}: chart {src} has no descriptive alt text")
        svg_file = (site / rel).parent / unquote(urlsplit(src).path)
        root = ET.parse(svg_file).getroot()
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        if root.get("role") != "img":
            problems.append(f"{svg_file.relative_to(site)}: no role=img")
        if title is None or not (title.text or "").strip():
            problems.append(f"{svg_file.relative_to(site)}: no <title>")
        if desc is None or not (desc.text or "").strip():
            problems.append(f"{svg_file.relative_to(site)}: no <desc>")
        if not root.get("aria-labelledby"):
            problems.append(f"{svg_file.relative_to(site)}: title and desc not referenced")
    assert not problems, "\n".join(problems)
