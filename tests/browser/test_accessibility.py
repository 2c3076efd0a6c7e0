"""WCAG 2.1 A/AA: axe-core finds no violation on any page type, in both audiences, at desktop
and phone widths, in Debian's Chromium.

With ``SSA_SCREENSHOTS=1`` each page checked is also saved as a full-page screenshot,
screenshots/<audience>-<width>-<page type>.png, for a person to look at (off by default: a
full-page screenshot is slow on a busy runner, and asserts nothing).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

import pytest
from conftest import AUDIENCES

from browser.conftest import VIEWPORTS, BuiltSite
from browser.site_pages import PAGE_TYPE_KEYS, missing_reason, other_types, page_to_visit

if TYPE_CHECKING:
    from pathlib import Path

SCREENSHOTS = bool(os.environ.get("SSA_SCREENSHOTS"))
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    return list(Axe().run(page, options=AXE_OPTIONS).response["violations"])


def describe(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{url}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def check(built_site: BuiltSite, page: Any, path: str, screenshot: Path) -> str | None:
    url = built_site.server.root + path
    page.goto(url, wait_until="load")
    violations = axe_violations(page)
    if SCREENSHOTS:
        # Charts below the fold load lazily: load them all, so the screenshot shows them.
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
        )
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(screenshot), full_page=True)
    problems = [describe(url, violations)] if violations else []
    # Reflow (WCAG 1.4.10): at a phone's width the page does not scroll sideways (a wide
    # table scrolls inside itself).
    width, screen = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if width > screen:
        problems.append(f"{url}: the page is {width} px wide on a {screen} px screen")
    return "\n".join(problems) or None


def screenshot_name(audience: str, viewport: str, key: str) -> str:
    return f"{audience}-{viewport}-{re.sub(r'[^a-z0-9]+', '-', key.lower()).strip('-')}.png"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("key", PAGE_TYPE_KEYS)
def test_page_type_has_no_wcag_violation(
    built: dict[str, BuiltSite],
    open_page: Any,
    screenshots_dir: Path,
    key: str,
    audience: str,
    viewport: str,
) -> None:
    path = page_to_visit(built[audience].site, key)
    if path is None:
        pytest.skip(missing_reason(key, audience))
    shot = screenshots_dir / screenshot_name(audience, viewport, key)
    problem = check(built[audience], open_page(audience, viewport), path, shot)
    assert problem is None, problem


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_pages_of_newer_types_have_no_wcag_violation(
    built: dict[str, BuiltSite], open_page: Any, screenshots_dir: Path, audience: str, viewport: str
) -> None:
    """Pages that no entry of the page-type table matches yet are checked too."""
    others = other_types(built[audience].site)
    if not others:
        pytest.skip(f"every page of the {audience} build belongs to a known page type")
    page = open_page(audience, viewport)
    problems = [
        problem
        for key, path in others.items()
        if (
            problem := check(
                built[audience],
                page,
                path,
                screenshots_dir / screenshot_name(audience, viewport, key),
            )
        )
    ]
    assert not problems, "\n\n".join(problems)
