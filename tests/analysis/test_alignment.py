"""Alignment across plans: the pure index, result pages and the /alignment/ page."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from chain_fixtures import THREE_PLANS, THREE_PLANS_PAIRS, page, resolves, text
from conftest import all_text, build, write_project

from ssa_site.analysis.alignment import Alignment
from ssa_site.model.plan import Plan, Portfolio, Result, ResultRef
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("three"), THREE_PLANS)


@pytest.fixture(scope="module")
def public_site(three: Path) -> Path:
    return build(three)


@pytest.fixture(scope="module")
def internal_site(three: Path) -> Path:
    return build(three, "internal")


def portfolio_of(root: Path, audience: str = "public") -> Portfolio:
    site = load_site(root, root / "data", root / "content", audience)
    assert not site.errors, site.errors
    return site.portfolio


def ids(results: tuple[Result, ...] | list[Result]) -> list[str]:
    return [f"{r.plan}:{r.id}" for r in results]


# -- the pure index ----------------------------------------------------------------------


def test_chain_up_goes_through_three_plans_and_names_the_inherited_link(three: Path) -> None:
    portfolio = portfolio_of(three)
    alignment = Alignment.of(portfolio)
    oc1 = portfolio.resolve(ResultRef("program", "OC1"))
    assert oc1 is not None
    (chain,) = alignment.chains_up(oc1)
    assert ids([s.result for s in chain]) == ["program:OC1", "ics:O1.1", "agency:AO1"]
    assert chain[1].through is None
    assert chain[2].through is not None and chain[2].through.id == "O1"  # O1.1 shares O1's


def test_a_result_without_alignment_follows_the_nearest_result_above(three: Path) -> None:
    portfolio = portfolio_of(three)
    alignment = Alignment.of(portfolio)
    op1 = portfolio.resolve(ResultRef("program", "OP1"))
    assert op1 is not None
    (chain,) = alignment.chains_up(op1)
    assert ids([s.result for s in chain]) == ["program:OP1", "ics:O1.1", "agency:AO1"]
    assert chain[1].through is not None and chain[1].through.id == "OC1"


def test_contributions_down_are_transitive(three: Path) -> None:
    portfolio = portfolio_of(three)
    ao1 = portfolio.resolve(ResultRef("agency", "AO1"))
    assert ao1 is not None
    (o1,) = Alignment.of(portfolio).contributions(ao1)
    assert o1.result.id == "O1" and o1.target.id == "AO1"
    (oc1,) = o1.contributions
    assert oc1.result.id == "OC1" and oc1.target.id == "O1.1"  # aligned below O1


def test_gaps_unaligned_and_higher_level_plans(three: Path) -> None:
    portfolio = portfolio_of(three)
    alignment = Alignment.of(portfolio)
    agency, ics, program = (portfolio.plan(n) for n in ("agency", "ics", "program"))
    assert agency and ics and program
    assert [p.name for p in alignment.higher_level_plans()] == ["agency", "ics"]
    assert [p.name for p in alignment.aligning_plans()] == ["ics", "program"]
    assert ids(alignment.gaps(agency)) == ["agency:AO3"]  # its contributor is internal
    assert ids(alignment.gaps(ics)) == ["ics:O1.2", "ics:O3"]
    assert ids(alignment.unaligned(ics)) == ["ics:O3"]
    assert alignment.unaligned(program) == ()
    assert alignment.unaligned(agency) == ()  # the top plan is not asked to align


def test_full_chains_group_by_the_plans_they_pass(three: Path) -> None:
    (group,) = Alignment.of(portfolio_of(three)).full_chains()
    assert [p.name for p in group.plans] == ["program", "ics", "agency"]
    assert [ids([s.result for s in c]) for c in group.chains] == [
        ["program:OC1", "ics:O1.1", "agency:AO1"],
        ["program:OC2", "ics:O2", "agency:AO2"],
    ]


def test_internal_audience_sees_internal_alignment(three: Path) -> None:
    alignment = Alignment.of(portfolio_of(three, "internal"))
    agency = alignment.portfolio.plan("agency")
    assert agency is not None
    assert alignment.gaps(agency) == ()
    assert ("program:OP2", "ics:O3") in {
        (f"{a.plan}:{a.id}", f"{b.plan}:{b.id}") for a, b in alignment.pairs()
    }


def test_a_cycle_between_plans_ends() -> None:
    a = Result("a", "A1", None, "goal", "A one", aligns_to=(ResultRef("b", "B1"),))
    b = Result("b", "B1", None, "goal", "B one", aligns_to=(ResultRef("a", "A1"),))
    plans = (
        Plan("a", "Plan A", "country-strategy", ("goal",), results=(a,)),
        Plan("b", "Plan B", "country-strategy", ("goal",), results=(b,)),
    )
    alignment = Alignment.of(Portfolio(plans))
    assert ids([s.result for s in alignment.chains_up(a)[0]]) == ["a:A1", "b:B1"]
    assert alignment.contributions(a)[0].contributions == ()
    assert alignment.height(plans[0]) >= 0
    # Self-alignment is refused by validation; the index still must not loop on it.
    looped = replace(a, aligns_to=(ResultRef("a", "A1"),))
    assert Alignment.of(Portfolio((replace(plans[0], results=(looped,)),))).chains_up(looped) == ()


# -- real builds ------------------------------------------------------------------------


@pytest.mark.slow
def test_alignment_page_lists_every_pair_gaps_unaligned_and_the_three_plan_chain(
    public_site: Path,
) -> None:
    article = page(public_site, "alignment/index.html")
    assert 'href="alignment/"' in (public_site / "index.html").read_text("utf-8")  # in the nav
    tables = article.xpath('.//table[contains(@class, "ssa-align-table")]')
    rows = {
        text(row.xpath("./td[1]")[0]): text(row.xpath("./td[2]")[0])
        for table in tables
        for row in table.xpath("./tbody/tr")
    }
    for contributor, target in THREE_PLANS_PAIRS:
        (cell,) = [v for k, v in rows.items() if k.endswith(target)]
        assert contributor in cell, (contributor, target)

    full = article.xpath('.//table[contains(@class, "ssa-align-full")]')[0]
    headers = [text(th) for th in full.xpath("./thead//th")]
    assert headers == ["Kestria Border Program", "Kestria Country Strategy", "Agency Framework"]
    first = [text(td) for td in full.xpath("./tbody/tr[1]/td")]
    assert "OC1 Officers screen travellers well" in first[0]
    assert "O1.1 Crossings are screened" in first[1]
    assert "AO1 Borders are managed (through O1, which aligns to it)" in first[2]

    body = text(article)
    gaps = body.split("Gaps: higher-level results nobody contributes to")[1].split(
        "Results aligned to nothing"
    )[0]
    unaligned = body.split("Results aligned to nothing")[1]
    assert "AO3 Maritime domain is watched" in gaps and "O3 Prisons meet standards" in gaps
    assert "AO1" not in gaps
    assert "O3 Prisons meet standards" in unaligned and "O1.1" not in unaligned
    for href in article.xpath(".//a/@href"):
        assert resolves(public_site, "alignment/index.html", href).exists(), href


@pytest.mark.slow
def test_result_page_shows_its_chain_and_alignment_both_ways(public_site: Path) -> None:
    o11 = text(page(public_site, "plans/ics/results/O1.1/index.html"))
    chain = o11.split("Results chain")[1].split("Alignment")[0]
    assert chain.index("G1 Kestria is safer") < chain.index("O1 Border police detect smuggling")
    assert "O1.1 Crossings are screened (this result)" in chain
    alignment = o11.split("Alignment")[1]
    assert (
        "AO1 Borders are managed (Objective, Agency Framework; through O1, which aligns to it)"
        in alignment
    )
    assert "OC1 Officers screen travellers well" in alignment  # contributed to by

    o1 = text(page(public_site, "plans/ics/results/O1/index.html"))
    assert "O1.1 Crossings are screened" in o1 and "O1.2 Patrols cover the green border" in o1
    assert "aligned to O1.1 Crossings are screened, below O1" in o1

    ao1 = text(page(public_site, "plans/agency/results/AO1/index.html"))
    down = ao1.split("Contributed to by")[1]
    assert down.index("O1 Border police detect smuggling") < down.index("OC1 Officers screen")

    op1 = text(page(public_site, "plans/program/results/OP1/index.html"))
    assert "IM1 Smuggling falls" in op1 and "OC1 Officers screen travellers well" in op1
    assert (
        "O1.1 Crossings are screened (Sub objective, Kestria Country Strategy; through OC1, which"
        in op1
    )
    assert "AO1 Borders are managed" in op1  # the whole way up


@pytest.mark.slow
def test_public_build_has_no_internal_alignment(public_site: Path, internal_site: Path) -> None:
    for path, content in all_text(public_site).items():
        assert "CANARY" not in content, path
    internal = text(page(internal_site, "alignment/index.html"))
    assert "CANARY-INTERNAL-OBJECTIVE" in internal and "CANARY-INTERNAL-OUTPUT" in internal
