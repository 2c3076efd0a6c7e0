"""No request leaves the site's own origin when a page loads (SPEC §6).

Every page, stylesheet and chart of the example site (public and internal builds) is
scanned for addresses a browser would fetch by itself: ``src``, ``srcset``, ``<link
href>``, ``<script src>``, ``url()`` and ``@import`` in CSS, ``href`` in SVG. Only links a
reader clicks (``<a href>``: a full evaluation report hosted elsewhere, the
mkdocs-material credit) may point to another origin, and ``<link rel="canonical">`` to the
site's own ``site_url``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import REPO
from example_builds import example_site
from lxml import etree, html

if TYPE_CHECKING:
    from pathlib import Path

SITE_URL = yaml.safe_load(re.sub(r"!!python/\S+", "", (REPO / "mkdocs.yml").read_text("utf-8")))[
    "site_url"
]
OWN_ORIGIN = urlsplit(SITE_URL)[:2]
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]?([^'");\s]+)""")
#: Attributes whose address a browser fetches without a click.
_FETCHED = ("src", "data", "poster", "background", "action", "formaction", "ping", "manifest")


def external(url: str) -> bool:
    """Whether an address leaves the site's own origin."""
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    if parts.scheme in ("", "data", "blob", "about", "mailto", "tel", "javascript"):
        return False
    return (parts.scheme, parts.netloc) != OWN_ORIGIN


def css_urls(text: str) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(text)]


def html_requests(path: Path) -> list[tuple[str, str]]:
    """(where, address) of everything a page fetches on load."""
    tree = html.fromstring(path.read_bytes())
    found: list[tuple[str, str]] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for name, value in element.attrib.items():
            name = name.lower()
            # href of anything but a link a reader clicks: <use>, <image> of inline SVG...
            clicked = tag in ("a", "area", "link")
            if name in _FETCHED or (name.split(":")[-1] == "href" and not clicked):
                found.append((f"<{tag} {name}>", value))
            elif name in ("srcset", "imagesrcset"):
                found += [(f"<{tag} {name}>", c.split()[0]) for c in value.split(",") if c.strip()]
            elif name == "style":
                found += [(f"<{tag} style>", u) for u in css_urls(value)]
        if tag == "link":  # stylesheets, icons, preloads; canonical: checked like the rest
            found.append((f"<link rel={element.get('rel')}>", element.get("href") or ""))
        if tag == "style":
            found += [("<style>", u) for u in css_urls(element.text or "")]
    return found


def svg_requests(path: Path) -> list[tuple[str, str]]:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    found: list[tuple[str, str]] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag == "script":  # a script in a chart is never acceptable, wherever it is from
            found.append(("<script>", "//script-in-svg"))
        for name, value in element.attrib.items():
            local = etree.QName(name).localname
            if local == "src" or (local == "href" and tag != "a"):
                found.append((f"<{tag} {local}>", value))
            elif local == "style":
                found += [(f"<{tag} style>", u) for u in css_urls(value)]
        if tag == "style":
            found += [("<style>", u) for u in css_urls(element.text or "")]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("audience", ["public", "internal"])
def test_no_page_stylesheet_or_chart_fetches_from_another_origin(audience: str) -> None:
    site = example_site(audience)
    pages = sorted(site.rglob("*.html"))
    sheets = sorted(site.rglob("*.css"))
    charts = sorted(site.rglob("*.svg"))
    assert len(pages) > 100 and sheets and len(charts) > 20
    offending: list[str] = []
    requests = 0
    for file, found in (
        *((p, html_requests(p)) for p in pages),
        *((p, [("url()", u) for u in css_urls(p.read_text("utf-8", "replace"))]) for p in sheets),
        *((p, svg_requests(p)) for p in charts),
    ):
        requests += len(found)
        offending += [f"{file.relative_to(site)}: {w} {url}" for w, url in found if external(url)]
    assert requests > len(pages)  # the scan saw the site's own scripts and stylesheets
    assert not offending, "requests to other origins:\n" + "\n".join(sorted(set(offending)))


@pytest.mark.slow
def test_links_to_other_sites_are_links_a_reader_clicks() -> None:
    """External addresses exist (so that the scan above could see them), only in <a>."""
    site = example_site("public")
    evaluation = next((site / "evaluations").glob("*/index.html"))
    tree = html.fromstring(evaluation.read_bytes())
    outside = [a.get("href") for a in tree.iter("a") if external(a.get("href") or "")]
    assert outside, "the example's evaluations link their full reports"
    assert external("https://kozea.github.io/pygal.js/2.0.x/pygal-tooltips.min.js")
    assert external("//fonts.googleapis.com/css")
    assert not external("../assets/charts/x.svg") and not external(SITE_URL + "plans/")


def test_the_scan_finds_every_kind_of_request(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><link rel='stylesheet' href='//fonts.googleapis.com/css'>"
        "<script src='https://cdn.example.net/x.js'></script>"
        "<style>@import 'https://cdn.example.net/a.css'; p {background: url(/own.png)}</style>"
        "</head><body><img srcset='own.png 1x, https://img.example.net/b.png 2x'>"
        "<div style=\"background:url('https://img.example.net/c.png')\"></div>"
        "<iframe src='https://video.example.net/'></iframe>"
        "<a href='https://example.net/report.pdf'>report</a></body></html>",
        "utf-8",
    )
    chart = tmp_path / "chart.svg"
    chart.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<script type="text/javascript" xlink:href="https://kozea.github.io/pygal.js/2.0.x/'
        'pygal-tooltips.min.js"/><image href="https://img.example.net/d.png"/></svg>',
        "utf-8",
    )
    found = [url for _, url in html_requests(page) if external(url)]
    assert len(found) == 6, found  # font, script, @import, srcset, style url(), iframe
    assert not any("report.pdf" in url for _, url in html_requests(page))
    assert [external(url) for _, url in svg_requests(chart)] == [True, True, True]
