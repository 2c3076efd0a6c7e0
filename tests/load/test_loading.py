"""Loading the minimal fixture into the model, and visibility for each audience."""

import pytest
from conftest import FIXTURES

from ssa_site import load_site
from ssa_site.model.plan import ResultRef

FIXTURE = FIXTURES / "minimal"


def load(audience: str = "public"):
    return load_site(FIXTURE, FIXTURE / "data", FIXTURE / "content", audience)


def test_minimal_fixture_loads_without_problems():
    site = load()
    assert [str(p) for p in site.problems] == []
    assert [p.name for p in site.plans] == ["agency-framework", "northland-ics"]


def test_model_holds_typed_values_and_derived_periods():
    plan = load("internal").portfolio.plan("northland-ics")
    indicator = plan.indicator("I1")
    assert indicator.result == "O1.1"
    assert indicator.disaggregated_by == ("sex",)
    baseline = indicator.baseline
    assert baseline.value == 41.0
    assert str(baseline.period.start) == "2022-10-01"
    female = [v for v in indicator.values if v.dimensions == (("sex", "female"),)]
    assert [v.value for v in female] == [49.0]
    assert plan.result("G1").aligns_to == (ResultRef("agency-framework", "AG1"),)
    assert [r.id for r in plan.ancestors("O1.1")] == ["G1", "O1"]
    assert [r.id for r, _ in plan.walk()] == ["G1", "O1", "O1.1", "O1.2"]


def test_internal_propagates_down_from_a_result():
    plan = next(p for p in load().plans if p.name == "northland-ics")
    assert plan.result("O1.2").internal
    assert plan.indicator("I4").internal  # measures the internal O1.2
    assert all(v.internal for v in plan.indicator("I4").values)
    assert not plan.indicator("I1").internal


def test_public_portfolio_drops_internal_entities_and_fields():
    plan = load("public").portfolio.plan("northland-ics")
    assert plan.result("O1.2") is None
    assert plan.children("O1") == (plan.result("O1.1"),)
    assert {i.id for i in plan.indicators} == {"I1", "I2"}
    assert {i.id for i in plan.initiatives} == {"P1"}
    assert [a.text for a in plan.assumptions] == ["Staff screened at crossings stay in post"]
    indicator = plan.indicator("I1")
    assert indicator.responsible is None and indicator.limitations is None
    assert all(v.comment is None for v in indicator.values)
    assert 987654.0 not in [v.value for v in indicator.values]
    assert plan.initiatives[0].budget is None


def test_internal_portfolio_keeps_everything():
    plan = load("internal").portfolio.plan("northland-ics")
    assert plan.result("O1.2").title == "CANARY-INTERNAL-SUBOBJECTIVE"
    assert plan.indicator("I1").responsible == "CANARY-RESPONSIBLE"


def test_internal_narratives_are_dropped_from_public():
    assert [n.src_uri for n in load("public").narratives] == [
        "plans/northland-ics/O1.1.md",
        "plans/northland-ics/index.md",
    ]
    assert len(load("internal").narratives) == 3


@pytest.mark.parametrize(
    ("env", "expected"),
    [("internal", "internal"), ("INTERNAL", "internal"), ("", "public"), ("bogus", "public")],
)
def test_audience_comes_from_the_environment(monkeypatch, env, expected):
    from ssa_site.model.visibility import resolve_audience

    monkeypatch.setenv("SSA_AUDIENCE", env)
    assert resolve_audience("public" if expected == "internal" else None) == expected


def test_forgotten_audience_means_public(monkeypatch):
    from ssa_site.model.visibility import resolve_audience

    monkeypatch.delenv("SSA_AUDIENCE", raising=False)
    assert resolve_audience(None) == "public"
