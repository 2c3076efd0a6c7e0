"""The public reader on a phone (390 px) and a desk (1280 px), measured in Chromium.

- Chart text is legible: no text of any chart (indicator trends, breakdowns, status
  summaries, the map, an indicator's embed page) renders under 11 CSS px on a page type
  that has charts.
- Key columns stay in view on a phone: no cell of an indicator's tracking table (on the
  largest indicator pages) or of the evaluations index lies past the right edge of the
  window (rows become labelled cards).
- The glossary marks a term once a page at most, and never in a heading or a caption.
- Each plan's logic model is drawn: a box per result and one arrow per parent link, its
  text legible, the page not scrolling sideways (the drawing's frame does).

Each page measured is saved as screenshots/reader-<width>-<page type>.png for a person to
look at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from conftest import REPO
from site_links import url_path

from browser.conftest import _same_origin_only
from browser.reader_measures import CHART_TEXT, GLOSSARY_MARKS, LOGIC_MODEL, OFFSCREEN_HEADERS
from browser.site_pages import page_to_visit, pages_by_type

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext

    from browser.conftest import BuiltSite

WIDTHS = {"phone": 390, "desk": 1280}
SMALLEST_CHART_TEXT = 11.0  # CSS px
PAGES_MEASURED = 8  # of each type, for the key columns: the largest
CHART_PAGE_TYPES = ("home", "plan", "indicator", "progress-review", "embed")
TEXT_PAGE_TYPES = (
    "home",
    "plan",
    "logic-model",
    "result",
    "indicator",
    "progress-review",
    "evaluations-index",
    "evaluation",
    "data",
    "method",
)


@pytest.fixture(scope="module")
def reader(browser: Browser, built: dict[str, BuiltSite]) -> Iterator[dict[str, BrowserContext]]:
    """A browser context per width on the public build, as a reader opens it."""
    public = built["public"]
    made = {}
    for name, width in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": width, "height": 844 if name == "phone" else 900},
            device_scale_factor=1,
            is_mobile=name == "phone",
            has_touch=name == "phone",
            base_url=public.server.root,
        )
        context.route("**/*", _same_origin_only(public.server.origin))
        made[name] = context
    yield made
    for context in made.values():
        context.close()


def open_type(
    reader: dict[str, BrowserContext],
    built: dict[str, BuiltSite],
    width: str,
    key: str,
    screenshots: Path | None = None,
) -> Any:
    public = built["public"]
    path = page_to_visit(public.site, key)
    if path is None:
        pytest.fail(f"the public example build has no {key} page")
    page = reader[width].new_page()
    page.goto(public.server.root + path, wait_until="load")
    if screenshots is not None:
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
        )
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(screenshots / f"reader-{width}-{key}.png"), full_page=True)
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", CHART_PAGE_TYPES)
def test_chart_text_is_at_least_11_px(
    reader: Any, built: Any, screenshots_dir: Path, width: str, key: str
) -> None:
    page = open_type(reader, built, width, key, screenshots_dir)
    try:
        charts = page.evaluate(CHART_TEXT)
    finally:
        page.close()
    assert charts, f"no chart measured on the {key} page"
    small = [c for c in charts if c["px"] < SMALLEST_CHART_TEXT]
    assert not small, "\n".join(
        f"{c['src']} shown {c['width']:.0f} px wide: '{c['text']}' is {c['px']:.1f} px"
        for c in small
    )


@pytest.mark.parametrize(
    ("key", "selector"),
    [
        ("indicator", "table.ssa-tracking"),
        ("evaluations-index", "table.ssa-evaluations__table"),
    ],
)
def test_key_columns_stay_in_view_on_a_phone(
    reader: Any, built: Any, key: str, selector: str
) -> None:
    public = built["public"]
    # The largest pages of the type: the longest tables, the most columns (comments).
    pages = sorted(
        pages_by_type(public.site)[key], key=lambda rel: (public.site / rel).stat().st_size
    )
    for rel in pages[-PAGES_MEASURED:]:
        page = reader["phone"].new_page()
        try:
            page.goto(public.server.root + url_path(rel), wait_until="load")
            assert page.locator(selector).count(), f"{rel}: no {selector}"
            outside = page.evaluate(OFFSCREEN_HEADERS, selector)
        finally:
            page.close()
        assert not outside, f"{rel} at 390 px: cells past the window's edge: {outside}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("key", TEXT_PAGE_TYPES)
def test_glossary_marks_a_term_once_and_never_in_headings_or_captions(
    reader: Any, built: Any, screenshots_dir: Path, width: str, key: str
) -> None:
    page = open_type(reader, built, width, key, screenshots_dir)
    try:
        marks = page.evaluate(GLOSSARY_MARKS)
    finally:
        page.close()
    by_term: dict[str, int] = {}
    for mark in marks:
        by_term[mark["title"]] = by_term.get(mark["title"], 0) + 1
    assert all(count == 1 for count in by_term.values()), sorted(
        m["term"] for m in marks if by_term[m["title"]] > 1
    )
    assert not [m for m in marks if m["where"]], [m for m in marks if m["where"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_logic_model_is_drawn_with_an_arrow_per_parent_link(
    reader: Any, built: Any, screenshots_dir: Path, width: str
) -> None:
    from ssa_site import load_site
    from ssa_site.model.visibility import PUBLIC

    public = built["public"]
    site = load_site(REPO, REPO / "data", REPO / "content", PUBLIC).view
    for plan in site.portfolio.plans:
        if not plan.results:
            continue
        key = f"plans/{plan.name}/logic-model/index.html"
        page = reader[width].new_page()
        try:
            page.goto(public.server.root + url_path(key), wait_until="load")
            drawn = page.evaluate(LOGIC_MODEL)
            if plan.name == "kestria-ics":
                page.screenshot(
                    path=str(screenshots_dir / f"reader-{width}-logic-model-drawing.png"),
                    full_page=True,
                )
        finally:
            page.close()
        assert drawn is not None, f"{key}: no drawing"
        ids = {r.id for r in plan.results}
        parent_links = sorted(
            [r.id, r.parent] for r in plan.results if r.parent in ids and r.parent
        )
        assert sorted(drawn["boxes"]) == sorted(ids), key
        assert sorted(drawn["links"]) == parent_links, key  # one arrow per parent link
        assert drawn["markers"] == 1, key  # every connector ends in the arrowhead
        assert drawn["smallestText"] >= SMALLEST_CHART_TEXT, key
        assert drawn["pageOverflow"] <= 0, f"{key}: the page scrolls sideways"
