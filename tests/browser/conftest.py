"""Session fixtures of the browser suite.

The example site is built once per session (public and internal, into a tmp dir: the
``example_builds`` fixture of tests/conftest.py), each build is served on 127.0.0.1, and one
Debian Chromium is driven with Playwright's sync API. Chromium missing: the tests skip,
unless the CI environment variable is set (then they fail).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from conftest import example_site_url

from browser.site_pages import SiteServer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, BrowserContext, Page, Route

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SSA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these, Chromium itself calls Google hosts (component updates, sync, …).
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 740}}
SCREENSHOTS = REPO / "screenshots"


def missing_tool(message: str) -> None:
    """Skip with the reason outside CI; in CI a missing tool is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


@dataclass(frozen=True)
class BuiltSite:
    audience: str
    site: Path
    site_url: str
    server: SiteServer


@pytest.fixture(scope="session")
def built(example_builds: dict[str, Path]) -> Iterator[dict[str, BuiltSite]]:
    """Each build served under the path of its site_url (as it would be deployed)."""
    site_url = example_site_url()
    prefix = urlsplit(site_url).path or "/"
    servers = {a: SiteServer(site, prefix).__enter__() for a, site in example_builds.items()}
    try:
        yield {a: BuiltSite(a, example_builds[a], site_url, servers[a]) for a in example_builds}
    finally:
        for server in servers.values():
            server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        missing_tool(
            f"Chromium is not installed at {CHROMIUM} (apt-get install chromium): "
            "browser tests skipped"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _same_origin_only(origin: str) -> Callable[[Route], None]:
    def guard(route: Route) -> None:
        if route.request.url.startswith((origin + "/", "data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    return guard


@pytest.fixture(scope="session")
def contexts(
    browser: Browser, built: dict[str, BuiltSite]
) -> Iterator[dict[tuple[str, str], BrowserContext]]:
    """One browser context per audience and viewport. Requests to any other origin are aborted,
    so that a test run never reaches the Internet (pages still emit them: tests record them)."""
    made: dict[tuple[str, str], BrowserContext] = {}
    for audience, b in built.items():
        for name, viewport in VIEWPORTS.items():
            context = browser.new_context(
                viewport=viewport,
                device_scale_factor=1,
                is_mobile=name == "mobile",
                has_touch=name == "mobile",
                base_url=b.server.root,
            )
            context.route("**/*", _same_origin_only(b.server.origin))
            made[(audience, name)] = context
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def open_page(contexts: dict[tuple[str, str], BrowserContext]) -> Iterator[Any]:
    """open_page(audience, viewport) → a new Page in that context, closed after the test."""
    pages: list[Page] = []

    def make(audience: str, viewport: str = "desktop") -> Page:
        page = contexts[(audience, viewport)].new_page()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    """Screenshots for people to look at (git ignores screenshots/)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def vnu_jar() -> Path | None:
    jar = REPO / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    return jar if jar.is_file() and shutil.which("java") else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test runs on real builds of the example site: marked slow."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.slow)
