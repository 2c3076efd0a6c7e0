"""Reader experience on real builds: navigation, breadcrumbs, the map, glossary and search."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from collections import deque
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, REPO, build, read
from lxml import etree
from lxml import html as lxml_html
from mkdocs.exceptions import Abort

from ssa_site import load_site
from ssa_site.load.glossary import packaged_glossary
from ssa_site.model.visibility import PUBLIC

if TYPE_CHECKING:
    from pathlib import Path

EXAMPLE_FILES = ("mkdocs.yml", "content", "data", "theme")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example project (copied) and its public build."""
    root = tmp_path_factory.mktemp("example") / "site-project"
    root.mkdir()
    for name in EXAMPLE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy(source, root / name)
    return root, build(root)


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The public and internal builds of the minimal fixture."""
    root = tmp_path_factory.mktemp("minimal") / "minimal"
    shutil.copytree(FIXTURES / "minimal", root)
    return build(root), build(root, "internal")


def page_of(site: Path, rel: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(read(site, rel))


def article(site: Path, rel: str) -> lxml_html.HtmlElement:
    return page_of(site, rel).xpath("//article")[0]


def html_file(site: Path, href: str, base: str) -> str | None:
    """The site file an href of the page at ``base`` opens (None: elsewhere or a file)."""
    if re.match(r"^[a-z]+:", href) or href.startswith(("#", "//")):
        return None
    path = href.split("#", 1)[0].split("?", 1)[0]
    target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    if target.startswith(".."):
        return None
    if path.endswith("/") or path in ("", "."):
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if not target.endswith(".html"):
        return None
    return target if (site / target).is_file() else None


def clicks_from_home(site: Path) -> dict[str, int]:
    """Breadth-first search over the links of the built site, from the home page."""
    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        here = queue.popleft()
        for href in page_of(site, here).xpath("//a/@href"):
            there = html_file(site, href, here)
            if there and there not in depth:
                depth[there] = depth[here] + 1
                queue.append(there)
    return depth


def crumbs(site: Path, rel: str) -> list[tuple[str, str | None]]:
    """(label, href of a crumb that is not the current page) of the page's breadcrumbs."""
    navs = page_of(site, rel).xpath('//nav[@aria-label="Breadcrumb"]')
    assert len(navs) == 1, rel
    found = []
    for a in navs[0].xpath(".//li/a"):
        label = " ".join(a.text_content().split())
        found.append((label, None if a.get("aria-current") == "page" else a.get("href")))
    return found


# --- Navigation and breadcrumbs ------------------------------------------------------


@pytest.mark.slow
def test_every_result_and_indicator_is_at_most_three_clicks_from_home(example):
    root, site = example
    portfolio = load_site(root, root / "data", root / "content", PUBLIC).portfolio
    depth = clicks_from_home(site)
    leaves = [
        f"plans/{plan.name}/{kind}/{key}/index.html"
        for plan in portfolio.plans
        for kind, keys in (
            ("results", [r.id for r in plan.results]),
            ("indicators", [i.id for i in plan.indicators]),
        )
        for key in keys
    ]
    assert len(leaves) > 80
    too_far = {leaf: depth.get(leaf) for leaf in leaves if depth.get(leaf, 99) > 3}
    assert not too_far


@pytest.mark.slow
def test_tabs_come_in_the_readers_order(example):
    _, site = example
    tabs = page_of(site, "index.html").xpath('//nav[@class="md-tabs"]//a')
    assert [" ".join(a.text_content().split()) for a in tabs] == [
        "Home", "Plans", "Evaluations", "Alignment", "Data", "Glossary", "About",
    ]  # fmt: skip
    about = page_of(site, "about/index.html")
    sidebar = " ".join(about.xpath('string(//nav[contains(@class, "md-nav--primary")])').split())
    assert "About this site" in sidebar and "Method" in sidebar


@pytest.mark.slow
def test_breadcrumbs_follow_each_page_up_its_plan(example):
    root, site = example
    portfolio = load_site(root, root / "data", root / "content", PUBLIC).portfolio
    checked = 0
    for plan in portfolio.plans:
        for result in plan.results:
            chain = [f"{a.id} {a.title}" for a in plan.ancestors(result.id)]
            label = f"{result.id} {result.title}"
            rel = f"plans/{plan.name}/results/{result.id}/index.html"
            found = crumbs(site, rel)
            assert [c[0] for c in found] == ["Home", "Plans", plan.title, *chain, label], rel
            assert [c[1] is None for c in found] == [False] * (len(found) - 1) + [True]
            for _, href in found[:-1]:
                assert html_file(site, href, rel), (rel, href)
            checked += 1
        for indicator in plan.indicators:
            result = plan.result(indicator.result)
            chain = [f"{a.id} {a.title}" for a in (*plan.ancestors(result.id), result)]
            rel = f"plans/{plan.name}/indicators/{indicator.id}/index.html"
            assert [c[0] for c in crumbs(site, rel)] == [
                "Home", "Plans", plan.title, *chain, f"{indicator.id} {indicator.title}",
            ]  # fmt: skip
            checked += 1
    assert checked > 80
    # The crumb of a result opens that result's page.
    found = crumbs(site, "plans/kestria-ics/indicators/KI-04/index.html")
    assert found[-2][1] == "../../results/O1.1/"


@pytest.mark.slow
def test_every_generated_page_has_breadcrumbs(example):
    _, site = example
    generated = [
        p.relative_to(site).as_posix()
        for folder in ("plans", "evaluations", "alignment", "data", "glossary", "method")
        for p in sorted((site / folder).rglob("index.html"))
    ]
    assert len(generated) > 100
    for rel in generated:
        found = crumbs(site, rel)
        assert found[0][0] == "Home", rel
        assert found[-1][1] is None, rel  # the current page, aria-current="page"
    evaluation = crumbs(site, "evaluations/kestria-border-midterm-2024/index.html")
    assert [c[0] for c in evaluation][:2] == ["Home", "Evaluations"]
    assert [c[0] for c in crumbs(site, "method/status/index.html")] == [
        "Home", "Method", "How indicator status is rated",
    ]  # fmt: skip
    assert not page_of(site, "index.html").xpath('//nav[@aria-label="Breadcrumb"]')


@pytest.mark.slow
def test_results_and_indicators_link_their_siblings(example):
    root, site = example
    plan = load_site(root, root / "data", root / "content", PUBLIC).portfolio.plan("kestria-ics")
    first, second = plan.top_results[0], plan.children(plan.top_results[0].id)[:2]
    objective, following = second
    pager = page_of(site, f"plans/kestria-ics/results/{objective.id}/index.html").xpath(
        '//nav[contains(@class, "ssa-pager")]'
    )[0]
    assert pager.get("aria-label") == f"Results under {first.id}"
    assert pager.xpath('.//a[@rel="next"]/@href') == [f"../{following.id}/"]
    assert not pager.xpath('.//a[@rel="prev"]')  # the first child has no previous
    indicators = plan.indicators_of("O1.1")
    assert len(indicators) >= 2
    page = page_of(site, f"plans/kestria-ics/indicators/{indicators[1].id}/index.html")
    assert page.xpath('//nav[@aria-label="Indicators of O1.1"]//a[@rel="prev"]/@href') == [
        f"../{indicators[0].id}/"
    ]


# --- Home page: portfolio and map ----------------------------------------------------


@pytest.mark.slow
def test_home_shows_each_plan_with_period_status_and_latest_review(example):
    _, site = example
    home = article(site, "index.html")
    cards = {
        " ".join(card.xpath("string(.//p[1])").split()): " ".join(card.text_content().split())
        for card in home.xpath('//li[contains(@class, "ssa-card")]')
    }
    kestria = cards["Republic of Kestria Integrated Country Strategy FY2023-2026"]
    assert "2022–2026" in kestria
    assert re.search(r"Status: (On track|At risk|Off track|Achieved)", kestria)
    assert re.search(r"\d+ achieved", kestria)
    assert re.search(r"Latest progress review: \d{1,2} [A-Z][a-z]{2} \d{4}", kestria)


@pytest.mark.slow
def test_map_shows_the_countries_with_their_status_and_a_table(example):
    _, site = example
    svg_bytes = (site / "assets/maps/portfolio.svg").read_bytes()
    svg = etree.fromstring(svg_bytes)
    ns = {"s": "http://www.w3.org/2000/svg", "x": "http://www.w3.org/1999/xlink"}
    assert svg.xpath("string(s:title)", namespaces=ns) == "Countries with plans, by overall status"
    desc = svg.xpath("string(s:desc)", namespaces=ns)
    assert "Honduras (HND)" in desc and "Mozambique (MOZ)" in desc
    text = svg_bytes.decode()
    assert "<script" not in text and "<!--" not in text and "<metadata" not in text
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", text)  # no random uuid
    coloured = {
        g.get("class").split()[0]: g.get("class")
        for g in svg.xpath('//s:g[contains(@class, "series")]', namespaces=ns)
    }
    assert set(coloured) == {"hn", "mz"}
    # Each country links to its plans, relative to the SVG's own folder.
    for href in svg.xpath("//s:a/@x:href", namespaces=ns):
        assert html_file(site, href, "assets/maps/portfolio.svg"), href
    home = article(site, "index.html")
    assert home.xpath('//object[@type="image/svg+xml"]/@data') == [
        "assets/maps/portfolio.svg",
        "assets/maps/portfolio-phone.svg",  # zoomed to the countries, shown on phones
    ]
    # Each country is findable however small: ringed and named, on both maps.
    for name in ("portfolio.svg", "portfolio-phone.svg"):
        drawn = etree.fromstring((site / "assets/maps" / name).read_bytes())
        marks = drawn.xpath('//s:g[@class="ssa-map-marks"]', namespaces=ns)[0]
        assert marks.xpath("s:text/text()", namespaces=ns) == ["Honduras", "Mozambique"]
        assert len(marks.xpath("s:circle", namespaces=ns)) == 2
    phone = etree.fromstring((site / "assets/maps/portfolio-phone.svg").read_bytes())
    inner = phone.xpath("//s:svg//s:svg", namespaces=ns)[0]
    assert float(inner.get("viewBox").split()[2]) < 2754  # narrower than the whole world
    table = home.xpath('//table[contains(@class, "ssa-map-table")]')[0]
    rows = [" ".join(" ".join(tr.itertext()).split()) for tr in table.xpath(".//tbody/tr")]
    assert rows[0].startswith("Honduras (HND) ") and rows[1].startswith("Mozambique (MOZ) ")
    assert "Republic of Kestria Integrated Country Strategy" in rows[0]
    # The map says what the table says: each country's overall status.
    labels = set(svg.xpath('//s:desc[@class="label"]/text()', namespaces=ns))
    for row, name in ((rows[0], "Honduras"), (rows[1], "Mozambique")):
        rating = re.match(r"\w+ \(\w+\) (On track|At risk|Off track|Achieved|No data)", row)
        assert rating and f"{name}: {rating.group(1)}" in labels, row


@pytest.mark.slow
def test_plans_index_groups_plans_by_kind_and_country(example):
    _, site = example
    page = article(site, "plans/index.html")
    honduras = page.xpath('//section[@id="country-hnd"]')[0]
    titles = [" ".join(a.text_content().split()) for a in honduras.xpath(".//li/a")]
    assert titles == [
        "Kestria Border Management and Interdiction Program",
        "Republic of Kestria Integrated Country Strategy FY2023-2026",
    ]
    kinds = [" ".join(h.text_content().split()) for h in page.xpath("//h2")]
    assert kinds[:3] == ["Agency frameworks", "Country strategies", "Initiatives"]


# --- Glossary and tooltips -----------------------------------------------------------


@pytest.mark.slow
def test_glossary_lists_the_terms_with_anchors(example):
    _, site = example
    page = article(site, "glossary/index.html")
    terms = page.xpath('//dl[contains(@class, "ssa-glossary")]/dt')
    assert len(terms) >= 25
    ids = {dt.get("id") for dt in terms}
    assert {
        "term-indicator",
        "term-theory-of-change",
        "term-performance-indicator-reference-sheet",
    } <= ids
    assert len(packaged_glossary()) == len(terms)
    see = page.xpath('//dd//a[starts-with(@href, "#term-")]/@href')
    assert see and all(href[1:] in ids for href in see)


TOOLTIP_NARRATIVE = """\
# Northland

## The baseline and target heading

The baseline of every indicator comes from the [target](../../glossary.md) survey, and the
Theory of Change says why. `indicator` stays code, as does this:

```
target baseline
```

<span title="baseline">x</span> M&E and PIRS.
"""


@pytest.mark.slow
def test_terms_in_narratives_get_tooltips_but_not_headings_links_or_code(project):
    root = project(files={"content/plans/northland-ics/index.md": TOOLTIP_NARRATIVE})
    html = read(build(root), "plans/northland-ics/index.html")
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    baseline = packaged_glossary().get("baseline")
    assert f'<abbr title="{baseline.definition}">baseline</abbr> of every' in body
    assert re.search(r'<abbr title="[^"]*">indicator</abbr> comes from', body)
    assert re.search(r'<abbr title="[^"]*">Theory of Change</abbr> says', body)
    assert re.search(r'<abbr title="Monitoring and evaluation \(M&amp;E\): ', body)
    assert re.search(r'<abbr title="Performance indicator reference sheet', body)
    heading = re.search(r"<h2 id=\"the-baseline-and-target-heading\">(.*?)</h2>", body).group(1)
    assert "<abbr" not in heading
    assert re.search(r'<a href="[^"]*glossary/">target</a>', body)
    assert "<code>indicator</code>" in body
    assert re.search(r"<code>target baseline\s*</code>", body)
    assert '<span title="baseline">x</span>' in body
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<abbr" not in title


@pytest.mark.slow
def test_terms_in_data_are_marked_and_still_escaped(project):
    root = project()
    results = root / "data/northland-ics/results.csv"
    results.write_text(
        results.read_text().replace(
            "Fewer illicit goods and people cross unchecked.",
            '"<b>baseline</b> & target <script>x</script>"',
        )
    )
    html = read(build(root), "plans/northland-ics/results/G1/index.html")
    assert "<b>" not in html and "<script>x" not in html
    assert re.search(
        r'&lt;b&gt;<abbr title="[^"]*">baseline</abbr>&lt;/b&gt; &amp; '
        r'<abbr title="[^"]*">target</abbr> &lt;script&gt;x&lt;/script&gt;',
        html,
    )
    svg = "".join(p.read_text() for p in (root / "site").rglob("*.svg"))
    assert "<abbr" not in svg


@pytest.mark.slow
def test_a_site_extends_and_overrides_the_glossary(project):
    root = project(
        files={
            "glossary.yml": (
                "terms:\n"
                "  - term: crossing point\n"
                "    definition: A place where people and goods enter the country.\n"
                "  - term: baseline\n"
                "    definition: Northland's own words for a starting value.\n"
                "remove: [impact]\n"
            ),
            "content/plans/northland-ics/index.md": (
                "# Northland\n\nEach crossing point has a baseline.\n"
            ),
        }
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - ssa:\n", "  - ssa:\n      glossary:\n        file: glossary.yml\n"
        )
    )
    site = build(root)
    glossary = read(site, "glossary/index.html")
    assert 'id="term-crossing-point"' in glossary
    assert 'id="term-impact"' not in glossary
    assert "Northland&#39;s own words for a starting value." in glossary
    plan = read(site, "plans/northland-ics/index.html")
    assert re.search(
        r'title="A place where people and goods enter the country.">crossing point<', plan
    )
    assert re.search(r"title=\"Northland&#39;s own words for a starting value.\">baseline<", plan)


@pytest.mark.slow
def test_a_bad_glossary_file_stops_the_build_naming_the_line(project, caplog):
    root = project(
        files={"glossary.yml": "terms:\n  - term: crossing point\n  - definition: No term.\n"}
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - ssa:\n", "  - ssa:\n      glossary:\n        file: glossary.yml\n"
        )
    )
    with pytest.raises(Abort):
        build(root)
    assert "glossary.yml:2: definition: is required and must be text" in caplog.text
    assert "glossary.yml:3: term: is required and must be text" in caplog.text


# --- Search --------------------------------------------------------------------------


def search_docs(site: Path) -> list[dict[str, str]]:
    return json.loads(read(site, "search/search_index.json"))["docs"]


@pytest.mark.slow
def test_search_index_names_plan_and_level_and_skips_data_tables(minimal):
    site, _ = minimal
    docs = search_docs(site)
    titles = {d["location"]: d["title"] for d in docs}
    assert titles["plans/northland-ics/results/O1.1/"] == (
        "O1.1 Screening at crossings expands — Northland Integrated Country Strategy "
        "(sub objective)"
    )
    assert titles["plans/northland-ics/indicators/I1/"].startswith(
        "I1 Share of crossings screened — "
    )
    text = " ".join(d["text"] for d in docs)
    assert "Home Plans Northland" not in text  # breadcrumbs are left out
    assert not re.search(r"Next\W+I2 ", text)  # and so are previous/next links
    # Tables of generated pages are out of the index; their pages are in it.
    page = read(site, "plans/northland-ics/index.html")
    assert '<table data-search-exclude class="ssa-table' in page
    assert "Indicators of Northland Integrated Country Strategy" not in text


@pytest.mark.slow
def test_public_search_index_holds_no_internal_text(minimal):
    public, internal = (read(site, "search/search_index.json") for site in minimal)
    canaries = set(re.findall(r"CANARY-[A-Z-]+", internal))
    assert len(canaries) >= 3
    assert not re.findall(r"CANARY-[A-Z-]+", public)


# --- Determinism ----------------------------------------------------------------------


@pytest.mark.slow
def test_map_and_pages_are_byte_identical_across_builds(project, minimal):
    def snapshot(site: Path) -> dict[str, bytes]:
        return {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in {".html", ".svg"}
        }

    before = snapshot(minimal[0])
    assert "assets/maps/portfolio.svg" in before
    assert snapshot(build(project())) == before


# --- Units -----------------------------------------------------------------------------


def test_tabs_rank_by_url_and_unknown_pages_keep_their_order():
    from ssa_site.build.nav import arrange

    urls = ["contact/", "data/", "method/status/", "", "plans/", "about/", "zebra/", "glossary/"]
    assert arrange(urls, lambda u: u) == [
        "", "plans/", "data/", "glossary/", "about/", "method/status/", "contact/", "zebra/",
    ]  # fmt: skip


def test_map_outlines_are_rounded_without_drift():
    from ssa_site.charts.world_map import round_path

    assert round_path(
        "m 10.4,10.6 c 0.3,0.3 0.3,0.3 0.3,0.3 l 0.3,0.3 0.3,0.3 z m 2,2 h 3 v -4 z"
    ) == ("m10 11c1 0 1 0 1 0l0 0l0 1zm2 2l3 0l0-4z")
    # Arcs are kept as they are.
    assert round_path("M 1.5 1.5 A 2 2 0 0 1 3 3") == "M 1.5 1.5 A 2 2 0 0 1 3 3"


def test_terms_are_marked_in_text_only():
    from ssa_site.pages.html import TermMarker, exclude_data_tables

    marker = TermMarker(packaged_glossary())
    html = (
        "<p data-glossary-skip>target <em>target</em></p><div data-glossary-skip><div>goal</div>"
        ' output</div> <!-- impact --><p title="input">ICS and ics</p><svg><text>goal</text></svg>'
        "<kbd>goal</kbd>"
    )
    marked = marker.mark(html)
    assert marked.count("<abbr") == 1
    assert re.search(
        r'<p title="input"><abbr title="Integrated country strategy \(ICS\): [^"]*">ICS</abbr>'
        r" and ics</p>",
        marked,
    )
    assert (
        exclude_data_tables('<table class="ssa-table x">')
        == '<table data-search-exclude class="ssa-table x">'
    )
    assert exclude_data_tables('<table class="mine">') == '<table class="mine">'


def test_a_term_is_marked_at_its_first_use_in_running_text_only():
    from ssa_site.pages.html import TermMarker

    marker = TermMarker(packaged_glossary())
    marked = marker.mark(
        "<h2>The baseline</h2><p>The Larchmont Evaluation Group ran an evaluation. "
        "Evaluation Group staff met. Evaluation found the baseline, and the baseline moved. "
        'A SUB-OBJECTIVE, a <span class="ssa-level" data-glossary-skip>Sub objective</span>.'
        "</p><table><caption>target</caption><tr><th>target</th><td>target</td></tr></table>"
        "<figure><figcaption>indicator</figcaption></figure><p>One target, two targets.</p>"
    )
    marks = re.findall(r"<abbr[^>]*>([^<]*)</abbr>", marked)
    # Once per term, in paragraphs only; names and headings keep their words unmarked.
    assert marks == ["evaluation", "baseline", "target"]
    assert ">OBJECTIVE<" not in marked and ">objective<" not in marked  # words stay whole
    assert "The Larchmont Evaluation Group ran" in marked
    assert "Evaluation Group staff" in marked
    assert "<h2>The baseline</h2>" in marked and "<caption>target</caption>" in marked
    assert "<figcaption>indicator</figcaption>" in marked
