"""An indicator chart embedded in another site, as its owner would do it: the snippet copied
from the indicator page of the public build, pasted into a page served from another origin,
opened in Chromium at a phone's and a desk's width.

The frame shows the chart (its file loaded), the same figures as the indicator page and the
licence; it fetches nothing but the site's own files; at a desk's width the suggested height
holds the whole embed page without a scroll bar.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pytest
from conftest import example_site_url

from browser.site_pages import SiteServer

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser

    from browser.conftest import BuiltSite

INDICATOR = "plans/kestria-border-program/indicators/BP-06/index.html"  # a revised value
WIDTHS = {"phone": 390, "desk": 1280}


def copied_snippet(site: Path) -> str:
    page = (site / INDICATOR).read_text(encoding="utf-8")
    found = re.search(r'<textarea id="ssa-embed-code"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"{INDICATOR} offers no snippet"
    return html.unescape(found.group(1))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_copied_snippet_shows_the_chart_and_figures_on_another_site(
    browser: Browser, built: dict[str, BuiltSite], tmp_path: Path, screenshots_dir: Path, width: str
) -> None:
    public = built["public"]
    snippet = copied_snippet(public.site).replace(example_site_url(), public.server.root)
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner news</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        f"<body><h1>Border news</h1><p>Seizures keep rising:</p>{snippet}</body></html>",
        encoding="utf-8",
    )
    requests: list[str] = []
    with SiteServer(tmp_path) as host:
        assert host.origin != public.server.origin
        context = browser.new_context(
            viewport={"width": WIDTHS[width], "height": 900}, device_scale_factor=1
        )
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        try:
            page.goto(host.root, wait_until="load")
            frame_element = page.locator("iframe")
            frame_element.scroll_into_view_if_needed()
            frame = frame_element.content_frame
            frame.locator("main.ssa-embed").wait_for()
            shown: dict[str, Any] = frame.locator("body").evaluate(
                """body => {
                  const img = body.querySelector("figure img");
                  return {
                    loaded: img.complete && img.naturalWidth > 0,
                    chart: img.currentSrc,
                    rows: [...body.querySelectorAll("tbody tr")].map(
                      r => [...r.cells].slice(1, 4).map(c => c.textContent.trim())),
                    licence: body.querySelector("a[rel=license]").textContent,
                    height: document.documentElement.scrollHeight,
                    width: document.documentElement.scrollWidth,
                    view: document.documentElement.clientWidth,
                  };
                }"""
            )
            frame_height = int(frame_element.get_attribute("height") or 0)
            page.screenshot(path=str(screenshots_dir / f"embed-{width}.png"), full_page=True)
        finally:
            context.close()
    assert shown["loaded"], f"the chart {shown['chart']} did not load in the frame"
    assert ("/charts-phone/" in shown["chart"]) == (width == "phone")
    assert len(shown["rows"]) >= 4 and ["—", "22", "14 (revised) revised 2026-01-30; was 12"] in [
        [re.sub(r"\s+", " ", c) for c in row] for row in shown["rows"]
    ]
    assert shown["licence"] == "Creative Commons Attribution 4.0 International"
    assert shown["width"] <= shown["view"], "the embed page scrolls sideways in its frame"
    if width == "desk":
        assert shown["height"] <= frame_height, (
            f"the snippet's height {frame_height} px cuts the {shown['height']} px embed page"
        )
    others = [u for u in requests if not u.startswith((host.origin, public.server.origin))]
    assert not others, f"the embed made requests to other sites: {others}"
