"""Loading a page asks nothing of any other origin, and everything it asks of its own exists.

Every request of every page type is recorded (the browser context aborts those to other
origins, so a failing run still reaches no one), including the search worker's and the
search index it fetches as the page loads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from conftest import AUDIENCES

from browser.site_pages import MISSING_PATH, PAGE_TYPE_KEYS, missing_reason, page_to_visit

if TYPE_CHECKING:
    from browser.conftest import BuiltSite


def load_and_record(built_site: BuiltSite, page: Any, path: str) -> dict[str, list[str]]:
    """Load a page and wait until the network is idle; return what went wrong, by kind."""
    origin = built_site.server.origin
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith(MISSING_PATH)
            else None
        ),
    )
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        # Resources that fail to load are reported from their responses instead.
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.goto(built_site.server.root + path, wait_until="networkidle")
    external = [url for url in requests if not url.startswith((origin + "/", "data:", "blob:"))]
    return {
        "requests to other origins": external,
        # Aborted external requests are reported above, not twice.
        "failed requests to the site": [f for f in failed if not f.endswith(tuple(external))],
        "script errors": errors,
    }


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("key", PAGE_TYPE_KEYS)
def test_page_type_loads_only_from_its_own_origin(
    built: dict[str, BuiltSite], open_page: Any, key: str, audience: str
) -> None:
    path = page_to_visit(built[audience].site, key)
    if path is None:
        pytest.skip(missing_reason(key, audience))
    found = load_and_record(built[audience], open_page(audience, "desktop"), path)
    problems = {kind: items for kind, items in found.items() if items}
    assert not problems, f"{built[audience].server.root}{path}: {problems}"
