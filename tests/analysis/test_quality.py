"""Plan quality: each rule on a plan that meets every other, options, and real builds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from conftest import all_text, build, write_project
from mkdocs.exceptions import Abort

from ssa_site import load_site
from ssa_site.analysis.quality import RULES, QualityOptions

if TYPE_CHECKING:
    from pathlib import Path

INDICATOR_HEADER = (
    "id,result,title,definition,unit,data_source,collection_method,frequency,indicator_type"
)
COMPLETE: dict[str, str | dict] = {
    "data/agency/datapackage.json": {
        "name": "agency",
        "ssa": {"title": "Agency framework", "kind": "agency-framework", "levels": "ics"},
        "resources": [{"name": "results", "path": "results.csv"}],
    },
    "data/agency/results.csv": "id,parent,level,title\nAG1,,goal,Partners are secure\n",
    "data/north/datapackage.json": {
        "name": "north",
        "ssa": {
            "title": "North strategy",
            "kind": "country-strategy",
            "period": {"start": "2022-10-01", "end": "2025-09-30"},
            "levels": "ics",
        },
        "resources": [
            {"name": "results", "path": "results.csv"},
            {"name": "indicators", "path": "indicators.csv"},
            {"name": "values", "path": "values.csv"},
            {"name": "initiatives", "path": "initiatives.csv"},
        ],
    },
    "data/north/results.csv": (
        "id,parent,level,title,aligns_to\n"
        "G1,,goal,Borders are secure,agency:AG1\n"
        "O1,G1,objective,Crossings are screened,\n"
        "O1.1,O1,sub-objective,Officers are trained,\n"
    ),
    "data/north/indicators.csv": (
        f"{INDICATOR_HEADER}\n"
        "I1,O1,Screened share,Screened over all,percent,Border logs,Log extract,Annual,\n"
        "I2,O1.1,Officers trained,Passed the course,officers,Course records,Registers,Annual,\n"
    ),
    "data/north/values.csv": (
        "indicator,period,kind,value,reported\n"
        "I1,FY2022,baseline,40,2022-11-01\n"
        "I1,FY2023,target,50,\n"
        "I1,FY2024,target,60,\n"
        "I1,FY2025,target,70,\n"
        "I1,FY2023,actual,52,2023-11-01\n"
        "I1,FY2024,actual,58,2024-11-01\n"
        "I2,FY2022,baseline,0,2022-11-01\n"
        "I2,FY2025,target,300,\n"
        "I2,FY2023,actual,90,2023-11-01\n"
        "I2,FY2024,actual,180,2024-11-01\n"
    ),
    "data/north/initiatives.csv": (
        "id,title,results,budget,me_budget\nP1,Training program,O1.1,1000000,30000\n"
    ),
}


def quality_of(root: Path, **options: object) -> list[str]:
    parsed, errors = QualityOptions.parse(options)
    assert not errors
    site = load_site(root, root / "data", root / "content", "public", quality=parsed)
    assert not site.errors, [str(p) for p in site.errors]
    return [f"{f} [{f.rule}]" for f in site.quality.findings]


@pytest.fixture
def complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return write_project(tmp_path / "site", COMPLETE)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_complete_plan_has_no_findings(complete):
    assert quality_of(complete) == []


def test_a_result_without_indicator(complete):
    edit(complete, "data/north/indicators.csv", "I2,O1.1,", "I2,O1,")
    assert quality_of(complete) == [
        "data/north/results.csv:4: id: sub-objective O1.1 has no indicator (add an indicator "
        "with result O1.1 to data/north/indicators.csv) [result-indicators]"
    ]


def test_an_incomplete_reference_sheet_names_every_missing_field(complete):
    edit(complete, "data/north/indicators.csv", "Border logs,Log extract,Annual", ",,Annual")
    assert quality_of(complete) == [
        "data/north/indicators.csv:2: data_source: indicator I1 has no data source, collection "
        "method (fill in the reference sheet: data_source, collection_method) "
        "[indicator-reference]"
    ]


def test_targets_must_reach_the_plans_final_year(complete):
    edit(complete, "data/north/values.csv", "I2,FY2025,target,300", "I2,FY2023,target,300")
    assert quality_of(complete) == [
        "data/north/values.csv:9: period: the last target of indicator I2 is for FY2023, but "
        "the plan runs to 2025-09-30 (add targets for every year up to the plan's final year) "
        "[indicator-targets]",
    ]


def test_targets_must_follow_the_baseline(complete):
    edit(complete, "data/north/values.csv", "I1,FY2022,baseline", "I1,FY2023,baseline")
    assert quality_of(complete) == [
        "data/north/values.csv:3: period: the target for FY2023 of indicator I1 is not after "
        "its baseline (FY2023) (date targets after the baseline period) [targets-time-bound]",
    ]


def test_an_indicator_without_values_lacks_baseline_and_targets(complete):
    write_project(
        complete,
        {
            "data/north/indicators.csv": COMPLETE["data/north/indicators.csv"]
            + "I3,O1,New,Def,n,S,M,F,\n"
        },
    )
    assert quality_of(complete) == [
        "data/north/indicators.csv:4: id: indicator I3 has no baseline (add a baseline row for "
        "I3 to data/north/values.csv) [indicator-baseline]",
        "data/north/indicators.csv:4: id: indicator I3 has no targets (add target rows up to "
        "the end of the plan to data/north/values.csv) [indicator-targets]",
    ]


def test_context_indicators_need_no_targets(complete):
    edit(
        complete,
        "data/north/indicators.csv",
        "Annual,\n",
        "Annual,\nI3,O1,Context,Def,n,S,M,F,context\n",
    )
    text = "\n".join(quality_of(complete))
    assert "I3 has no baseline" in text
    assert "I3 has no targets" not in text


def test_late_actuals_are_judged_against_the_data_or_source_date_epoch(complete, monkeypatch):
    # As of the latest date in the data (2024-11-01) FY2025 has not ended: nothing is late.
    assert quality_of(complete) == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert quality_of(complete) == [
        "data/north/values.csv:5: period: indicator I1 has no actual for FY2025 (as of "
        "2026-01-01, allowing 90 days to report) (add the actual values to "
        "data/north/values.csv) [actuals-reported]",
        "data/north/values.csv:9: period: indicator I2 has no actual for FY2025 (as of "
        "2026-01-01, allowing 90 days to report) (add the actual values to "
        "data/north/values.csv) [actuals-reported]",
    ]
    options = QualityOptions(reporting_lag_days=100)  # the plugin's late_after_days
    site = load_site(complete, complete / "data", complete / "content", "public", quality=options)
    assert site.quality.findings == ()


def test_results_that_align_nowhere_are_reported_once_at_the_top(complete):
    edit(complete, "data/north/results.csv", "agency:AG1", "")
    assert quality_of(complete) == [
        "data/north/results.csv:2: aligns_to: goal G1 and the 2 result(s) below it align to "
        "no result of a higher-level plan (agency) (name the results it contributes to in "
        "aligns_to, e.g. agency:AG1) [result-alignment]"
    ]


def test_alignment_is_not_asked_without_a_higher_level_plan(complete):
    edit(complete, "data/north/results.csv", "agency:AG1", "")
    edit(complete, "data/agency/datapackage.json", "agency-framework", "country-strategy")
    assert quality_of(complete) == []


@pytest.mark.parametrize(
    ("me_budget", "message"),
    [
        ("100000", "initiative P1 sets aside 10.0 % of its budget for M&E, outside 1-5 %"),
        ("5000", "initiative P1 sets aside 0.5 % of its budget for M&E, outside 1-5 %"),
        ("", "initiative P1 has a budget but no M&E budget"),
    ],
)
def test_me_budget_share_outside_the_range(complete, me_budget, message):
    edit(complete, "data/north/initiatives.csv", "1000000,30000", f"1000000,{me_budget}")
    assert quality_of(complete) == [
        f"data/north/initiatives.csv:2: me_budget: {message} (plan M&E at 1-5 % of the "
        "budget, or record why not) [me-budget-share]"
    ]
    if me_budget:
        assert quality_of(complete, me_budget_share=[0, 10]) == []


def test_an_evaluation_without_summary(complete):
    write_project(
        complete,
        {
            "content/evaluations/ev1.md": (
                "---\nid: ev1\ntitle: Midterm evaluation\ntype: mid-term\nevaluator: Firm\n"
                "completed: 2024-06-01\npublished: 2024-07-01\nplans: [north]\n---\n"
            )
        },
    )
    assert quality_of(complete) == [
        "content/evaluations/ev1.md: evaluation ev1 has no summary (write the findings, "
        "conclusions and lessons below the front matter) [evaluation-summary]"
    ]


def test_disabled_rules_are_not_checked_and_report_only_rules_are_not_logged(complete):
    edit(complete, "data/north/initiatives.csv", "1000000,30000", "1000000,")
    assert quality_of(complete, disable=["me-budget-share"]) == []
    options, _ = QualityOptions.parse({"report_only": ["me-budget-share"]})
    site = load_site(complete, complete / "data", complete / "content", "public", quality=options)
    assert len(site.quality.findings) == 1
    assert site.quality.logged == ()


def test_options_name_what_is_wrong():
    _, errors = QualityOptions.parse(
        {"disable": ["no-such-rule"], "me_budget_share": [5, 1], "colour": 1}
    )
    assert errors[0] == (
        "quality.colour: unknown option (use one of disable, me_budget_share, report_only)"
    )
    assert "quality.me_budget_share: must be [lowest, highest] percent, e.g. [1, 5]" in errors
    (rule_error,) = [e for e in errors if e.startswith("quality.disable:")]
    assert rule_error.startswith("quality.disable: 'no-such-rule' is not a rule (use 'all' or")
    assert set(RULES) <= set(rule_error.split("one of ")[1].rstrip(")").split(", "))


STRICT_YML = """\
site_name: Quality
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - ssa:
      publisher: {federal: false}
      quality: {QUALITY}
"""


@pytest.mark.slow
def test_findings_fail_a_strict_build_unless_report_only(complete):
    edit(complete, "data/north/initiatives.csv", "1000000,30000", "1000000,100000")
    (complete / "mkdocs.yml").write_text(STRICT_YML.replace("{QUALITY}", "{}"), "utf-8")
    with pytest.raises(Abort):
        build(complete, "public")
    (complete / "mkdocs.yml").write_text(
        STRICT_YML.replace("{QUALITY}", "{report_only: [me-budget-share]}"), "utf-8"
    )
    site = build(complete, "public")
    assert not (site / "quality").exists()
    assert not any("10.0 %" in text or "report-only" in text for text in all_text(site).values())


@pytest.mark.slow
def test_the_internal_quality_page_lists_findings_per_plan(complete):
    edit(complete, "data/north/initiatives.csv", "1000000,30000", "1000000,100000")
    edit(complete, "data/north/indicators.csv", "Border logs,", ",")
    site = build(complete, "internal")
    page = (site / "quality" / "index.html").read_text("utf-8")
    page = re.sub(r"</?abbr\b[^>]*>", "", page)  # glossary tooltips
    assert "North strategy" in page
    assert "2 finding(s)" in page
    assert "indicator I1 has no data source" in page
    assert "data/north/indicators.csv:2" in page
    assert "initiative P1 sets aside 10.0 % of its budget" in page
    assert "No, above" in page  # the budget table shows the share against the range
    assert "Report only" in page  # conftest's mkdocs.yml makes every rule report-only
