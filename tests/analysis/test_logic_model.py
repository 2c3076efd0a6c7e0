"""Logic model pages: every public result by level, grouped by parent, linked, readable."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from chain_fixtures import THREE_PLANS, big_plan, page, resolves, text
from conftest import build, write_project

from ssa_site.analysis.logic_model import logic_model
from ssa_site.model.plan import Plan, Result
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = write_project(tmp_path_factory.mktemp("lm-three"), THREE_PLANS)
    return build(root), build(root, "internal")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(write_project(tmp_path_factory.mktemp("lm-big"), big_plan(80)))


def card_titles(site: Path, plan: str) -> list[str]:
    article = page(site, f"plans/{plan}/logic-model/index.html")
    return [text(t) for t in article.xpath('.//*[contains(@class, "ssa-lm__card")]/p[1]')]


# -- the pure view model ----------------------------------------------------------------


def test_tiers_follow_the_levels_and_group_by_parent() -> None:
    results = (
        Result("p", "O2", "G", "objective", "Second objective"),
        Result("p", "S1", "O1", "sub-objective", "Under the first"),
        Result("p", "G", None, "goal", "Goal"),
        Result("p", "O1", "G", "objective", "First objective"),
        Result("p", "S2", "O2", "sub-objective", "Under the second"),
        Result("p", "S3", "O1", "sub-objective", "Also under the first"),
    )
    plan = Plan(
        "p", "P", "country-strategy", ("goal", "objective", "sub-objective"), results=results
    )
    model = logic_model(plan)
    assert [t.level for t in model.tiers] == ["goal", "objective", "sub-objective"]
    sub = model.tiers[2]
    assert [(g.parent.id if g.parent else None, [r.id for r in g.results]) for g in sub.groups] == [
        ("O2", ["S2"]),
        ("O1", ["S1", "S3"]),
    ]
    assert model.level_above(sub) == "objective" and model.level_above(model.tiers[0]) is None


def test_levels_without_results_are_left_out(tmp_path: Path) -> None:
    root = write_project(tmp_path, THREE_PLANS)
    site = load_site(root, root / "data", root / "content", "public")
    program = site.portfolio.plan("program")
    assert program is not None
    model = logic_model(program)
    assert [t.level for t in model.tiers] == ["impact", "outcome", "output"]
    assert [i.id for i in model.initiatives] == ["A1"]


# -- real builds ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("plan", ["agency", "ics", "program"])
def test_logic_model_shows_every_public_result_in_level_order_and_links_it(
    three: tuple[Path, Path], plan: str
) -> None:
    public, _ = three
    rel = f"plans/{plan}/logic-model/index.html"
    article = page(public, rel)
    root = public.parent
    site = load_site(root, root / "data", root / "content", "public")
    expected = site.portfolio.plan(plan)
    assert expected is not None
    cards = article.xpath(
        './/li[contains(@class, "ssa-lm__card") and starts-with(@id, "ssa-lm-r-")]'
    )
    shown = [text(c.xpath("./p[1]")[0]) for c in cards]
    assert sorted(shown) == sorted(f"{r.id} {r.title}" for r in expected.results)
    levels = [next(r.level for r in expected.results if s.startswith(r.id + " ")) for s in shown]
    assert levels == sorted(levels, key=expected.level_index)  # tiers in the plan's order
    for card in cards:
        href = card.xpath("./p[1]/a/@href")[0]
        result_id = card.get("id").removeprefix("ssa-lm-r-")
        assert (
            resolves(public, rel, href) == public / f"plans/{plan}/results/{result_id}/index.html"
        )
    assert "CANARY" not in (public / rel).read_text("utf-8")


@pytest.mark.slow
def test_logic_model_shows_indicators_assumptions_alignment_and_initiatives(
    three: tuple[Path, Path],
) -> None:
    public, internal = three
    ics = page(public, "plans/ics/logic-model/index.html")
    card = ics.xpath('.//li[@id="ssa-lm-r-O1.1"]')[0]
    assert "I1 Share of crossings screened" in text(card)
    group = card.xpath('ancestor::li[contains(@class, "ssa-lm__group")]')[0]
    assert text(group).startswith("Contributing to O1 Border police detect smuggling")
    assert "O1.1: Screening staff stay in post" in text(ics)
    assert "Aligns to AO1 Borders are managed (Agency Framework)" in text(
        ics.xpath('.//li[@id="ssa-lm-r-O1"]')[0]
    )
    program = text(page(public, "plans/program/logic-model/index.html"))
    assert "A1 Screening training courses" in program and "Contributes to OP1" in program
    # A text version of the hierarchy for screen readers and a link from the plan page.
    assert ics.xpath(".//details/summary") and ics.xpath(".//details//ul//a")
    plan_page = page(public, "plans/ics/index.html")
    assert any(h.endswith("logic-model/") for h in plan_page.xpath(".//a/@href"))
    assert "CANARY-INTERNAL-ASSUMPTION" in text(page(internal, "plans/ics/logic-model/index.html"))
    assert any("CANARY-INTERNAL-OUTPUT" in t for t in card_titles(internal, "program"))


@pytest.mark.slow
def test_logic_model_of_80_results_groups_every_result_under_its_parent(big: Path) -> None:
    rel = "plans/big/logic-model/index.html"
    article = page(big, rel)
    tiers = article.xpath('.//section[contains(@class, "ssa-lm__tier")]')
    assert [text(t.xpath("./h2")[0]) for t in tiers] == [
        "Impact (1 result)",
        "Outcome (4 results)",
        "Intermediate outcome (15 results)",
        "Output (60 results)",
    ]
    cards = article.xpath('.//li[contains(@class, "ssa-lm__card")]')
    assert len(cards) == 80
    outputs = tiers[3].xpath('.//li[contains(@class, "ssa-lm__group")]')
    assert len(outputs) == 15  # one box per intermediate outcome
    for group in outputs:
        parent_href = group.xpath('./p[contains(@class, "ssa-lm__parent")]/a/@href')[0]
        assert article.xpath(f'.//li[@id="{parent_href[1:]}"]')  # the link lands on a card
    for href in article.xpath(".//a/@href"):
        if not href.startswith("#"):
            assert resolves(big, rel, href).exists(), href
    html = (big / rel).read_text("utf-8")
    assert "<script" not in html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.slow
def test_titles_are_escaped_on_logic_model_and_alignment_pages(tmp_path: Path) -> None:
    evil = '<img src=x onerror=alert(1)> & "Q"'
    files = dict(THREE_PLANS)
    files["data/program/results.csv"] = (
        "id,parent,level,title,aligns_to\n"
        f'IM1,,impact,"{evil.replace(chr(34), chr(34) * 2)}",ics:O1\n'
    )
    files["data/program/initiatives.csv"] = "id,title,results\n"
    site = build(write_project(tmp_path, files))
    for rel in (
        "plans/program/logic-model/index.html",
        "alignment/index.html",
        "plans/agency/results/AO1/index.html",
    ):
        html = (site / rel).read_text("utf-8")
        assert "<img src=x" not in html, rel
        assert "&lt;img src=x onerror=alert(1)&gt; &amp; " in html, rel
