"""Every internal link, anchor, image, script and stylesheet of both builds resolves.

Checked on the HTML files of the built example site with html.parser (no browser needed), and
on the locations of the search index, which the search box turns into links.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import AUDIENCES, example_site_url
from site_links import _PageParser, _target_file, broken_links

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def site_url() -> str:
    return example_site_url()


def test_the_checker_reports_broken_links_and_anchors(tmp_path: Path) -> None:
    """The check itself finds what it is meant to find (page → href)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="https://other.example/">other</a>'
        ' <a href="b/">missing page</a> <a href="a/#nowhere">missing anchor</a>'
        ' <img src="img/x.svg" alt=""> <a href="https://example.org/ssa/a/">absolute, ok</a>'
        ' <a href="https://example.org/ssa/c/">absolute, missing</a>',
        encoding="utf-8",
    )
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="a/#here"><path/></a><a xlink:href="d/"><path/></a></svg>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>', encoding="utf-8")
    found = sorted(str(b) for b in broken_links(tmp_path, "https://example.org/ssa/"))
    assert found == [
        "index.html → a/#nowhere: no id 'nowhere' in a/index.html",
        "index.html → b/: no such file in the build",
        "index.html → https://example.org/ssa/c/: no such file in the build",
        "index.html → img/x.svg: no such file in the build",
        "map.svg → d/: no such file in the build",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_internal_link_and_anchor_resolves(
    example_builds: dict[str, Path], site_url: str, audience: str
) -> None:
    site = example_builds[audience]
    broken = broken_links(site, site_url)
    assert not broken, f"{len(broken)} broken link(s) in the {audience} build:\n" + "\n".join(
        map(str, broken)
    )


@pytest.mark.slow
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_search_result_leads_to_a_page_and_anchor(
    example_builds: dict[str, Path], audience: str
) -> None:
    site = example_builds[audience]
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    ids: dict[Path, set[str]] = {}
    broken = []
    for doc in index["docs"]:
        location, _, anchor = doc["location"].partition("#")
        target = _target_file(site, location)
        if target is None:
            broken.append(f"{doc['location']}: no such page")
            continue
        if anchor:
            if target not in ids:
                parser = _PageParser()
                parser.feed(target.read_text("utf-8"))
                ids[target] = parser.ids
            if anchor not in ids[target]:
                broken.append(f"{doc['location']}: no id '{anchor}' on that page")
    assert not broken, f"search index of the {audience} build:\n" + "\n".join(broken)
