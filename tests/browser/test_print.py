"""Plan, indicator and evaluation pages print cleanly: no site chrome, the banners kept (the
internal one above all), charts and tables kept whole, and each in-text link's address after it.

Checked with print media emulated in Chromium; each page is also printed to PDF and to a
full-page PNG in screenshots/ for a person to look at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from conftest import AUDIENCES

from browser.site_pages import missing_reason, page_to_visit

if TYPE_CHECKING:
    from pathlib import Path

    from browser.conftest import BuiltSite

PRINTED = ("plan", "indicator", "evaluation")
SAVED: set[str] = set()
CHROME = {
    "header": ".md-header",
    "navigation tabs": ".md-tabs",
    "navigation sidebar": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
    "back-to-top button": ".md-top",
    "breadcrumbs": ".ssa-breadcrumbs",
    "previous/next links": ".ssa-pager",
}


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.fixture
def printed(
    built: dict[str, BuiltSite], open_page: Any, screenshots_dir: Path, request: Any
) -> Any:
    def open_printed(key: str, audience: str) -> Any:
        path = page_to_visit(built[audience].site, key)
        if path is None:
            pytest.skip(missing_reason(key, audience))
        page = open_page(audience, "desktop")
        page.emulate_media(media="print")
        page.goto(built[audience].server.root + path, wait_until="networkidle")
        name = f"print-{key}-{audience}"
        if name not in SAVED:  # once per page, not once per test
            SAVED.add(name)
            page.pdf(path=str(screenshots_dir / f"{name}.pdf"), format="Letter")
            page.set_viewport_size({"width": 816, "height": 1056})  # Letter at 96 dpi
            page.screenshot(path=str(screenshots_dir / f"{name}.png"), full_page=True)
        return page

    return open_printed


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("key", PRINTED)
def test_printed_page_has_no_site_chrome(printed: Any, key: str, audience: str) -> None:
    page = printed(key, audience)
    shown = [name for name, selector in CHROME.items() if page.locator(selector).first.is_visible()]
    assert not shown, f"printed {key} page shows the site's {', '.join(shown)}"
    assert page.locator("article h1").first.is_visible()


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("key", PRINTED)
def test_printed_page_keeps_its_banners_legible(printed: Any, key: str, audience: str) -> None:
    page = printed(key, audience)
    banners = page.locator(".md-banner .ssa-banner")
    assert banners.count() >= 1 and banners.first.is_visible(), "the banner does not print"
    if audience == "internal":
        internal = page.locator(".ssa-banner--internal")
        assert internal.is_visible(), "the internal banner does not print"
        assert "Internal — not for public release" in internal.inner_text()
    for banner in banners.all():
        # Printing drops backgrounds: the text must be dark on the white paper.
        colour = banner.evaluate("element => getComputedStyle(element).color")
        assert (1.05) / (luminance(colour) + 0.05) >= 4.5, f"banner prints in {colour}"


@pytest.mark.parametrize("key", PRINTED)
def test_printed_page_keeps_charts_and_tables_whole(printed: Any, key: str) -> None:
    page = printed(key, "public")
    for selector in ("figure.ssa-chart", "article table"):
        items = page.locator(selector)
        for index in range(items.count()):
            item = items.nth(index)
            assert item.is_visible(), f"{selector} #{index} does not print"
    for selector in ("figure.ssa-chart", "article tr"):
        items = page.locator(selector)
        if items.count():
            breaks = items.first.evaluate("element => getComputedStyle(element).breakInside")
            assert breaks == "avoid", f"{selector} may be split across pages ({breaks})"
    if key == "indicator":
        assert page.locator("figure.ssa-chart img").count() >= 1, "no chart printed"


@pytest.mark.parametrize("key", PRINTED)
def test_printed_in_text_links_show_their_address(
    printed: Any, built: dict[str, BuiltSite], key: str
) -> None:
    page = printed(key, "public")
    links = page.locator("article p a[href]:not([href^='#']):not(.headerlink)")
    if not links.count():
        pytest.skip(f"the printed {key} page has no in-text link")
    link = links.first
    after = link.evaluate("element => getComputedStyle(element, '::after').content")
    address = link.evaluate("element => element.href")
    assert address in after, f"after {link.inner_text()!r} prints {after}, not {address}"
    assert address.startswith(("http://", "https://"))
