"""Embed pages of the example site's indicator charts, read as a site owner copying the
snippet would: the snippet's address is a file of the build, and the page holds the chart,
the same figures as the indicator page, the source and the licence."""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING

import pytest
from conftest import example_site_url

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

SNIPPET = re.compile(r'<textarea id="ssa-embed-code"[^>]*>(.*?)</textarea>', re.S)


def snippet_of(page: str) -> str | None:
    found = SNIPPET.search(page)
    return html.unescape(found.group(1)) if found else None


def cells(table: str) -> list[list[str]]:
    """The text of each body row's cells (header cell included)."""
    body = table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def indicator_pages(site: Path) -> list[Path]:
    return sorted(site.glob("plans/*/indicators/*/index.html"))


def test_every_indicator_with_a_chart_offers_an_embed_page_that_exists(
    example_builds: dict[str, Path],
) -> None:
    site = example_builds["public"]
    base = example_site_url()
    offered = 0
    for page_file in indicator_pages(site):
        page = page_file.read_text(encoding="utf-8")
        snippet = snippet_of(page)
        has_chart = "Baseline, targets and actuals of" in page
        assert (snippet is not None) == has_chart, page_file
        if snippet is None:
            continue
        offered += 1
        src = re.search(r'<iframe src="([^"]+)"', snippet)
        assert src, snippet
        assert src.group(1).startswith(base), f"{page_file}: {src.group(1)} is not absolute"
        target = site / src.group(1).removeprefix(base)
        assert target.is_file(), f"{page_file}: the snippet points to a missing {target}"
        assert re.search(r' title="[^"]+: chart and figures"', snippet)
        assert re.search(r' height="\d+"', snippet)
    assert offered >= 10, f"only {offered} indicator pages offer an embed"
    assert len(list(site.glob("embed/*/*.html"))) == offered


def test_an_embed_page_holds_the_chart_figures_source_and_licence(
    example_builds: dict[str, Path],
) -> None:
    site = example_builds["public"]
    for embed in sorted(site.glob("embed/*/*.html")):
        text = embed.read_text(encoding="utf-8")
        rel = embed.relative_to(site).as_posix()
        # The chart, at both drawings, from files of the build.
        for src in re.findall(r'(?:src|srcset)="([^"]+\.svg)"', text):
            assert (
                site / posixpath.normpath(posixpath.join(posixpath.dirname(rel), src))
            ).is_file()
        assert '<source media="screen and (max-width' in text
        # The figures are the indicator page's: period, baseline, target, actual, status.
        back = re.search(r'<h1><a href="([^"]+)" target="_top">', text)
        assert back, rel
        page_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), back.group(1)))
        page = (site / page_rel / "index.html").read_text(encoding="utf-8")
        tracking = re.split(r'<table[^>]*class="[^"]*ssa-tracking[^"]*">', page, maxsplit=1)[1]
        on_page = [[row[1], row[2], row[3]] for row in cells(tracking.split("</table>", 1)[0])]
        in_embed = [[row[1], row[2], row[3]] for row in cells(text)]
        assert in_embed == on_page, rel
        # Source and licence, links leaving the frame.
        assert "Source: Bureau of Security Cooperation (fictional)" in text
        assert re.search(r'Licence: <a href="https://[^"]+" target="_top" rel="license">', text)
        assert 'download="' in text  # the indicator's values as CSV
        # Nothing from another site, no script.
        assert "<script" not in text
        assert not re.search(r'(?:src|srcset)="https?://', text)


def test_qualitative_and_internal_indicators_have_no_public_embed(
    example_builds: dict[str, Path],
) -> None:
    public = {
        p.relative_to(example_builds["public"])
        for p in example_builds["public"].glob("embed/**/*.html")
    }
    internal = {
        p.relative_to(example_builds["internal"])
        for p in example_builds["internal"].glob("embed/**/*.html")
    }
    assert public <= internal
    assert internal - public, "the internal build embeds no chart more than the public one"
