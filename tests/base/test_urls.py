"""Every address comes from ssa_site.base.urls, and its URL rule is MkDocs' own."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from pathlib import Path

import pytest
from mkdocs.structure.files import File

from ssa_site.base import urls
from ssa_site.base.urls import Linker, dest_url

PACKAGE = Path(urls.__file__).resolve().parent.parent

PAGES = [
    urls.HOME_URI,
    urls.PLANS_INDEX_URI,
    urls.EVALUATIONS_INDEX_URI,
    urls.ALIGNMENT_URI,
    urls.QUALITY_URI,
    urls.GLOSSARY_URI,
    urls.METHOD_INDEX_URI,
    urls.STATUS_METHOD_URI,
    urls.DATA_PAGE_URI,
    urls.plan_uri("north-ics"),
    urls.result_uri("north-ics", "O1.2"),
    urls.indicator_uri("north-ics", "KI-01"),
    urls.logic_model_uri("north-ics"),
    urls.review_uri("north-ics", date(2025, 3, 31)),
    urls.evaluation_uri("border-midterm"),
    "about.md",
    "README.md",
    "method/README.md",
]


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("src_uri", PAGES)
def test_page_urls_are_the_urls_mkdocs_gives(src_uri: str, use_directory_urls: bool) -> None:
    file = File(src_uri, "/docs", "/site", use_directory_urls)
    assert dest_url(src_uri, use_directory_urls) == file.url.removeprefix("./").replace("./", "")


@pytest.mark.parametrize("use_directory_urls", [True, False])
@pytest.mark.parametrize("here", PAGES)
@pytest.mark.parametrize("there", PAGES)
def test_relative_links_resolve_to_the_target(
    here: str, there: str, use_directory_urls: bool
) -> None:
    """A link from any page to any other, resolved as a browser does, lands on the file
    MkDocs writes for the target."""
    source = File(here, "/docs", "/site", use_directory_urls)
    target = File(there, "/docs", "/site", use_directory_urls)
    href = Linker(here, use_directory_urls).to(there)
    base = Path("/site", source.dest_uri).parent
    landed = (base / href).resolve()
    if href.endswith("/") or href in (".", "./"):
        landed = landed / "index.html"
    assert landed == Path("/site", target.dest_uri).resolve()


def test_files_and_anchors() -> None:
    assert urls.indicator_chart_path("north ics", "KI/01") == (
        "assets/charts/north-ics/indicators/KI-01.svg"
    )
    assert urls.status_chart_path("p", "2025-03-31") == "assets/charts/p/reviews/2025-03-31.svg"
    assert urls.indicator_csv("p", "KI-01") == "data/plans/p/indicators/KI-01.csv"
    assert urls.initiative_anchor("P1") == "initiative-P1"
    link = Linker(urls.result_uri("p", "O1"))
    assert link.initiative("p", "P1") == "../../#initiative-P1"
    assert link.data_page(urls.plan_dataset("p")) == "../../../../data/#plan-p"
    assert link.file(urls.MAP_PATH) == "../../../../assets/maps/portfolio.svg"


_PATH_LITERAL = re.compile(r"""['"](?:plans|data|assets|method|evaluations)/[^'"]*['"]""")


def test_no_template_or_generator_spells_an_address() -> None:
    """Templates and generators take addresses from base/urls.py, never a literal."""
    spelled = []
    for path in [*PACKAGE.rglob("*.html"), *PACKAGE.rglob("*.py")]:
        if path.name == "urls.py" or {"authoring", "scaffold", "theme"} & set(path.parts):
            continue  # a project's files (not the site's); the theme's own static files
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if _PATH_LITERAL.search(line) and "#" not in line.split("'")[0]:
                spelled.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert spelled == []


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_from_an_embed_page_reach_pages_and_files(use_directory_urls: bool) -> None:
    embed = urls.indicator_embed_path("kestria-ics", "KI-03")
    assert embed == "embed/kestria-ics/KI-03.html"
    link = Linker.from_file(embed, use_directory_urls)
    page = dest_url(urls.indicator_uri("kestria-ics", "KI-03"), use_directory_urls)
    assert link.to(urls.indicator_uri("kestria-ics", "KI-03")) == "../../" + page
    chart = urls.indicator_chart_path("kestria-ics", "KI-03")
    assert link.file(chart) == "../../" + chart
    # And back: the indicator page links its embed page.
    from_page = Linker(urls.indicator_uri("kestria-ics", "KI-03"), use_directory_urls)
    back = from_page.embed(type("I", (), {"plan": "kestria-ics", "id": "KI-03"})())
    base = page.rstrip("/") if use_directory_urls else page.rsplit("/", 1)[0]
    assert posixpath.normpath(posixpath.join(base, back)) == embed
