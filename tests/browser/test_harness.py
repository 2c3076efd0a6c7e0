"""The browser suite's own tools find what they are meant to find, on a tiny site made here:
axe reports a violation, the request recorder an external request, the server a 404 page.
Without these, a suite that silently checked nothing would pass."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

import pytest

from browser.conftest import _same_origin_only
from browser.site_pages import SiteServer
from browser.test_accessibility import axe_violations
from browser.test_requests import load_and_record

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

BAD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bad page</title>
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>
<body><main><h1>Bad page</h1><img src="chart.svg"><p>Text.</p></main></body></html>
"""


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    site = tmp_path_factory.mktemp("bad-site")
    (site / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    (site / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    (site / "404.html").write_text("<!doctype html><title>Not found</title>", "utf-8")
    with SiteServer(site, "/ssa/") as server:
        yield server


@pytest.fixture
def bad_page(browser: Any, bad_site: SiteServer) -> Iterator[Any]:
    context = browser.new_context()
    context.route("**/*", _same_origin_only(bad_site.origin))
    yield context.new_page()
    context.close()


def test_axe_reports_an_image_without_alt_text(bad_page: Any, bad_site: SiteServer) -> None:
    bad_page.goto(bad_site.root, wait_until="load")
    assert "image-alt" in {v["id"] for v in axe_violations(bad_page)}


def test_an_external_request_is_recorded_and_blocked(bad_page: Any, bad_site: SiteServer) -> None:
    from browser.conftest import BuiltSite

    found = load_and_record(BuiltSite("public", bad_site.site, "", bad_site), bad_page, "")
    assert found["requests to other origins"] == ["https://fonts.googleapis.com/css?family=Roboto"]
    assert found["failed requests to the site"] == []


def test_the_server_answers_missing_pages_with_the_404_page(bad_site: SiteServer) -> None:
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(bad_site.root + "nowhere/", timeout=10)
    assert missing.value.code == 404
    assert b"Not found" in missing.value.read()
    with urllib.request.urlopen(bad_site.root, timeout=10) as found:
        assert b"Bad page" in found.read()


def test_the_server_serves_nothing_outside_the_site_path(
    bad_site: SiteServer, tmp_path: Path
) -> None:
    with pytest.raises(urllib.error.HTTPError) as outside:
        urllib.request.urlopen(bad_site.origin + "/index.html", timeout=10)
    assert outside.value.code == 404
