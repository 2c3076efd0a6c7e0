"""WCAG 2.1 A/AA on Zensical: the public example written by ``ssa-site generate`` and built
by ``zensical build`` has no axe-core violation on a page of each type, at desktop and
phone widths, in Debian's Chromium (issue 22).

The generated project is the one tests/whole_site/test_generate.py builds (tests/generated_sites.py:
once per test run), served under the path of its site_url. The project carries what the
engines' themes need (ssa_site/build/generate_project.py, ``for_every_engine``): a
stylesheet for the contrast of the current page's navigation link, and no palette that
only names the default colours, for which Zensical would draw a radio button hidden from
screen readers that the keyboard still reaches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from conftest import example_site_url
from generated_sites import engine_site

from browser.conftest import VIEWPORTS
from browser.site_pages import SiteServer, page_to_visit
from browser.test_accessibility import axe_violations, describe

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Route

#: One page of each type (the largest of its type: the one that shows most).
PAGE_TYPES = (
    "home",
    "plans-index",
    "plan",
    "result",
    "indicator",
    "logic-model",
    "evaluation",
    "evaluations-index",
    "data",
    "glossary",
    "method",
)

#: Violations that come from Zensical's own theme and that the generated project cannot
#: change, by axe rule id, with the reason. None remain for the example: keep it so.
ZENSICAL_OWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def zensical_site() -> Iterator[SiteServer]:
    site = engine_site("zensical", "public")
    with SiteServer(site, urlsplit(example_site_url()).path or "/") as server:
        yield server


@pytest.fixture(scope="module")
def pages(browser: Browser, zensical_site: SiteServer) -> Iterator[dict[str, Any]]:
    """A page per viewport; requests to any other origin are aborted."""

    def guard(route: Route) -> None:
        if route.request.url.startswith((zensical_site.origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    contexts = []
    opened = {}
    for name, viewport in VIEWPORTS.items():
        context = browser.new_context(
            viewport=viewport,  # type: ignore[arg-type]
            device_scale_factor=1,
            is_mobile=name == "mobile",
            has_touch=name == "mobile",
        )
        context.route("**/*", guard)
        contexts.append(context)
        opened[name] = context.new_page()
    yield opened
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("key", PAGE_TYPES)
def test_page_type_of_the_zensical_site_has_no_wcag_violation(
    zensical_site: SiteServer, pages: dict[str, Any], key: str, viewport: str
) -> None:
    path = page_to_visit(zensical_site.site, key)
    assert path is not None, f"no {key} page in the Zensical site"
    url = zensical_site.root + path
    page = pages[viewport]
    page.goto(url, wait_until="load")
    violations = [v for v in axe_violations(page) if v["id"] not in ZENSICAL_OWN]
    assert not violations, describe(url, violations)
