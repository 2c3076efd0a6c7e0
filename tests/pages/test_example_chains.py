"""The example site: logic models and the alignment page hold what its data says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from chain_fixtures import page, resolves, text
from conftest import REPO

from ssa_site.project import Site, load_site

#: Every test here builds a site with MkDocs.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Path]:
    """The example site, built for the public (not strict: content may be in progress)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = tmp_path_factory.mktemp("example") / "site"
    cwd = Path.cwd()
    previous = os.environ.pop("SSA_AUDIENCE", None)
    try:
        os.chdir(REPO)
        mkdocs_build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=False))
    finally:
        os.chdir(cwd)
        if previous is not None:
            os.environ["SSA_AUDIENCE"] = previous
    site = load_site(REPO, REPO / "data", REPO / "content", "public")
    return site, site_dir


def test_every_logic_model_shows_public_results_only(example: tuple[Site, Path]) -> None:
    site, site_dir = example
    assert site.portfolio.plans
    for plan in site.portfolio.plans:
        rel = f"plans/{plan.name}/logic-model/index.html"
        article = page(site_dir, rel)
        cards = article.xpath('.//li[starts-with(@id, "ssa-lm-r-")]')
        shown_ids = [c.get("id")[len("ssa-lm-r-") :] for c in cards]
        assert sorted(shown_ids) == sorted(r.id for r in plan.results)
        levels = [plan.level_index(plan.result(i).level) for i in shown_ids]  # type: ignore[union-attr]
        assert levels == sorted(levels)
        for card in cards:
            href = card.xpath("./p[1]/a/@href")[0]
            assert resolves(site_dir, rel, href).exists(), href
        full = next(p for p in site.plans if p.name == plan.name)
        hidden = {r.title for r in full.results} - {r.title for r in plan.results}
        shown = text(article)
        assert not [title for title in hidden if title in shown]


def test_alignment_page_lists_every_public_pair(example: tuple[Site, Path]) -> None:
    site, site_dir = example
    article = page(site_dir, "alignment/index.html")
    rows: dict[str, str] = {}
    for table in article.xpath('.//table[contains(@class, "ssa-align-table")]'):
        caption = text(table.xpath("./caption")[0])
        for row in table.xpath("./tbody/tr"):
            key = caption + " | " + text(row.xpath("./td[1]")[0])
            rows[key] = text(row.xpath("./td[2]")[0])
    pairs = 0
    for plan in site.portfolio.plans:
        for result in plan.results:
            for ref in result.aligns_to:
                target = site.portfolio.resolve(ref)
                assert target is not None
                target_plan = site.portfolio.plan(target.plan)
                assert target_plan is not None
                (cell,) = [
                    v
                    for k, v in rows.items()
                    if k.startswith(
                        f"Results of other plans that align to results of {target_plan.title} |"
                    )
                    and f" {target.id} {target.title}" in k
                ]
                assert f"{result.id} {result.title}" in cell
                pairs += 1
    assert pairs
    if any(p.kind == "initiative" for p in site.portfolio.plans):
        assert article.xpath('.//table[contains(@class, "ssa-align-full")]//tbody/tr')
