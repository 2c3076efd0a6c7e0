"""Bad input is reported as `path:row: field: problem (fix)`, every problem in one run."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import FIXTURES, mkdocs_build_output

from ssa_site import load_site

if TYPE_CHECKING:
    from pathlib import Path

FIXTURE = FIXTURES / "minimal"
PLAN = "data/northland-ics"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(FIXTURE, target)
    return target


def problems(root: Path) -> list[str]:
    site = load_site(root, root / "data", root / "content", "public")
    return [str(p) for p in site.problems]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(root: Path, rel: str, line: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_text_in_a_number_column_names_file_row_and_field(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2023,baseline,10", "I2,FY2023,baseline,abc")
    assert problems(root) == [
        f"{PLAN}/values.csv:7: value: 'abc' is not a number (write a number such as 42 or "
        "3.5, without units, '%' or thousands separators; a qualitative value goes in the "
        "'text' column)",
    ]  # and not "I2 has targets but no baseline": its baseline row is the one to fix


def test_a_series_warning_stays_when_no_row_of_its_indicator_is_wrong(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2023,baseline,10", "I2,FY2023,baseline,abc")
    edit(root, f"{PLAN}/values.csv", "I4,FY2023,baseline,1", "I4,FY2025,target,1")
    found = problems(root)
    assert f"{PLAN}/values.csv:7: value: 'abc' is not a number" in found[0]
    assert found[1].startswith(f"{PLAN}/values.csv:11: kind: indicator I4 has targets but no")
    assert len(found) == 2


def test_duplicate_id(root):
    append(root, f"{PLAN}/results.csv", "O1,G1,objective,Another objective,,,")
    assert problems(root) == [
        f"{PLAN}/results.csv:6: id: duplicate id 'O1' (the same as in the row at position 3) "
        "(give every row its own id)"
    ]


def test_dangling_foreign_key(root):
    append(root, f"{PLAN}/indicators.csv", "I9,O7,Orphan,Def,number,unit,increase,,,,,")
    assert problems(root) == [
        f"{PLAN}/indicators.csv:6: result: 'O7' matches no id in results (add a row with id "
        "'O7' to results, or correct the reference)"
    ]


def test_narrative_naming_an_unknown_result(root):
    (root / "content/plans/northland-ics/O9.md").write_text("Text.\n", "utf-8")
    assert problems(root) == [
        "content/plans/northland-ics/O9.md: result: narrates result 'O9', which plan "
        f"'northland-ics' does not have (rename the file to an id from {PLAN}/results.csv, "
        "or set 'result:' in the front matter)"
    ]


def test_narrative_naming_an_unknown_plan(root):
    (root / "content/plans/southland").mkdir()
    (root / "content/plans/southland/index.md").write_text("Text.\n", "utf-8")
    assert problems(root) == [
        "content/plans/southland/index.md: plan: narrates plan 'southland', which does not "
        "exist (rename the folder or set 'plan:' to one of: agency-framework, northland-ics)"
    ]


def test_all_problems_are_reported_in_one_run(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2023,baseline,10", "I2,FY2023,baseline,abc")
    append(root, f"{PLAN}/results.csv", "O1,G1,objective,Another objective,,,")
    append(root, f"{PLAN}/indicators.csv", "I9,O7,Orphan,Def,number,unit,increase,,,,,")
    (root / "content/plans/northland-ics/O9.md").write_text("Text.\n", "utf-8")
    found = problems(root)
    assert len([p for p in found if "targets but no baseline" not in p]) == 4
    assert any("values.csv:7: value" in p for p in found)
    assert any("results.csv:6: id: duplicate" in p for p in found)
    assert any("indicators.csv:6: result" in p for p in found)
    assert any("O9.md: result" in p for p in found)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        (
            "https://example.org/results.csv",
            "is a URL; the plugin never fetches data over the network",
        ),
        ("/etc/passwd", "is an absolute path"),
        ("../agency-framework/results.csv", "leads outside the package folder"),
    ],
)
def test_unsafe_resource_paths_are_refused(root, path, reason):
    descriptor_path = root / PLAN / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text())
    descriptor["resources"][0]["path"] = path
    descriptor_path.write_text(json.dumps(descriptor))
    found = problems(root)
    assert (
        f"{PLAN}/datapackage.json: resources[1].path: '{path}' {reason} (use a CSV file "
        'inside the package folder, e.g. "results.csv")'
    ) in found


def test_level_must_be_below_the_parent_level(root):
    edit(root, f"{PLAN}/results.csv", "O1.1,O1,sub-objective", "O1.1,O1,objective")
    assert problems(root) == [
        f"{PLAN}/results.csv:4: level: 'objective' is not below its parent O1's level "
        "'objective' (give the result a lower level or attach it to a higher parent)"
    ]


def test_unknown_level(root):
    edit(root, f"{PLAN}/results.csv", "O1.1,O1,sub-objective", "O1.1,O1,outcome")
    assert problems(root) == [
        f"{PLAN}/results.csv:4: level: 'outcome' is not a level of this plan (use one of: "
        "goal, objective, sub-objective (or change ssa.levels))"
    ]


def test_cycles_are_reported_once(root):
    edit(root, f"{PLAN}/results.csv", "G1,,goal", "G1,O1.1,goal")
    found = problems(root)
    assert (
        f"{PLAN}/results.csv:2: parent: the results form a cycle: G1 → O1.1 → O1 → G1 "
        f"(give one of them a parent outside the cycle, or none)" in found
    )
    assert len([p for p in found if "cycle" in p]) == 1


def test_dangling_alignment(root):
    edit(root, f"{PLAN}/results.csv", "agency-framework:AO1", "agency-framework:AO9")
    assert problems(root) == [
        f"{PLAN}/results.csv:3: aligns_to: 'agency-framework:AO9' names no result 'AO9' in "
        "plan 'agency-framework' (correct the id or add the result to "
        "data/agency-framework/results.csv)"
    ]


def test_alignment_to_an_unknown_plan(root):
    edit(root, f"{PLAN}/results.csv", "agency-framework:AO1", "nowhere:AO1")
    assert problems(root) == [
        f"{PLAN}/results.csv:3: aligns_to: 'nowhere:AO1' names no plan 'nowhere' (use one of: "
        "agency-framework, northland-ics)"
    ]


def test_bad_period(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2024,actual", "I2,FY24,actual")
    assert problems(root) == [
        f"{PLAN}/values.csv:9: period: 'FY24' is not a period (write one of 2024, FY2024, "
        "2024-Q2, FY2024-Q2, 2024-H1, FY2024-H1, 2024-03 or a date interval such as "
        "2020-11-02/2025-06-30)"
    ]


def test_enum_value(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2024,actual", "I2,FY2024,estimate")
    assert problems(root) == [
        f"{PLAN}/values.csv:9: kind: 'estimate' is not allowed "
        f"(use one of: baseline, target, actual)"
    ]


def test_period_outside_the_plan_is_a_warning(root):
    edit(root, f"{PLAN}/values.csv", "I2,FY2025,target", "I2,FY2030,target")
    site = load_site(root, root / "data", root / "content", "public")
    assert site.errors == []
    assert [str(w) for w in site.warnings] == [
        f"{PLAN}/values.csv:8: period: FY2030 lies outside the plan period 2023-10-01 to "
        "2027-09-30 (correct the period, or extend ssa.period in datapackage.json)"
    ]


def test_missing_required_column(root):
    path = root / PLAN / "indicators.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(line.split(",", 1)[1] for line in lines) + "\n")
    found = problems(root)
    assert (
        f"{PLAN}/indicators.csv:1: id: required column is missing "
        f"(add a column named 'id' to the header row)" in found
    )


def test_file_that_is_not_utf8(root):
    (root / PLAN / "results.csv").write_bytes(
        "id,parent,level,title\nG1,,goal,Fronti\xe8re\n".encode("latin-1")
    )
    found = problems(root)
    assert (
        f"{PLAN}/results.csv:2: is not UTF-8 text (byte 0xe8) "
        f"(save the file as 'CSV UTF-8' in your spreadsheet program)" in found
    )


def test_invalid_json_descriptor(root):
    (root / PLAN / "datapackage.json").write_text('{"name": "northland-ics",\n "ssa": {]\n}')
    found = problems(root)
    assert found[0].startswith(f"{PLAN}/datapackage.json:2: is not valid JSON:")


def test_ids_that_cannot_be_web_addresses(root):
    append(root, f"{PLAN}/results.csv", '"../../etc",O1,sub-objective,Sneaky,,,')
    assert problems(root) == [
        f"{PLAN}/results.csv:6: id: '../../etc' cannot be used in a web address (use up to 64 "
        "letters, digits, '.', '-' and '_', starting with a letter or digit)"
    ]


def test_qualitative_indicator_with_a_number(root):
    edit(
        root,
        f"{PLAN}/indicators.csv",
        "Average monthly seizures,number,unit",
        "Average monthly seizures,stage,qualitative",
    )
    found = problems(root)
    assert (
        f"{PLAN}/values.csv:7: value: indicator I2 is qualitative but the row has a number "
        f"(write the value in the 'text' column, or change the indicator's measure)" in found
    )


# -- a broken row is reported once, not again by every reference to it --------------------


def test_a_broken_result_row_is_the_only_problem_reported(root):
    # AO1 is left out for its blank title; northland-ics O1 aligns to it.
    edit(
        root,
        "data/agency-framework/results.csv",
        "AO1,AG1,objective,Border security improves",
        "AO1,AG1,objective,",
    )
    assert problems(root) == [
        "data/agency-framework/results.csv:3: title: is required but empty (fill in the title)"
    ]


def test_references_to_a_broken_row_are_left_out_but_other_dangling_ones_are_not(root):
    edit(
        root,
        f"{PLAN}/results.csv",
        "illicit flows,,agency-framework:AO1,",
        "illicit flows,,agency-framework:AO1,secret",
    )
    edit(
        root,
        f"{PLAN}/initiatives.csv",
        "P1,Border screening program,O1.1,",
        "P1,Border screening program,O1,",
    )
    edit(
        root,
        f"{PLAN}/initiatives.csv",
        "P2,CANARY-INTERNAL-INITIATIVE,O1.1,",
        "P2,CANARY-INTERNAL-INITIATIVE,O9,",
    )
    site = load_site(root, root / "data", root / "content", "public")
    assert [str(p) for p in site.problems] == [
        f"{PLAN}/results.csv:3: visibility: 'secret' is not allowed (use one of: public, internal)",
        f"{PLAN}/initiatives.csv:3: results: 'O9' is not a result of this plan (use ids from "
        f"{PLAN}/results.csv)",
    ]
    assert all(p.is_error for p in site.problems)  # the root error still fails the build


def test_a_plan_that_cannot_be_read_is_not_reported_again_by_alignments(root):
    (root / "data/agency-framework/datapackage.json").write_text('{"name": ', "utf-8")
    assert problems(root) == [
        "data/agency-framework/datapackage.json:1: is not valid JSON: Expecting value at "
        "column 10 (fix the JSON syntax (a missing comma or quote is the usual cause))"
    ]


@pytest.mark.slow
def test_mkdocs_build_fails_on_a_broken_row_and_names_only_it(root):
    edit(
        root,
        "data/agency-framework/results.csv",
        "AO1,AG1,objective,Border security improves",
        "AO1,AG1,objective,",
    )
    status, output = mkdocs_build_output(root)
    assert status != 0
    assert "data/agency-framework/results.csv:3: title: is required but empty" in output
    assert "AO1" not in output
    assert not list((root / "out").rglob("*.html"))


def test_the_narrative_of_a_broken_result_row_is_not_reported_again(root):
    # O1.1 is left out for its blank title; content/plans/northland-ics/O1.1.md narrates it.
    edit(
        root,
        f"{PLAN}/results.csv",
        "O1.1,O1,sub-objective,Screening at crossings expands",
        "O1.1,O1,sub-objective,",
    )
    # A narrative of a result that is not there at all is still reported.
    (root / "content/plans/northland-ics/O9.md").write_text("Text.\n", "utf-8")
    site = load_site(root, root / "data", root / "content", "public")
    assert [str(p) for p in site.problems] == [
        f"{PLAN}/results.csv:4: title: is required but empty (fill in the title)",
        "content/plans/northland-ics/O9.md: result: narrates result 'O9', which plan "
        f"'northland-ics' does not have (rename the file to an id from {PLAN}/results.csv, "
        "or set 'result:' in the front matter)",
    ]
    assert all(p.is_error for p in site.problems)  # the root error still fails the build


# -- a resource the descriptor refuses is reported once, not again by every reference ------

AGENCY_EVALUATION = """\
---
id: agency-final
title: Final evaluation of the agency framework
type: final
plans: agency-framework
results: [agency-framework:AO1]
evaluator: Agency evaluation office
independent: false
completed: 2023-03-01
published: 2023-04-01
---
The framework served its purpose.
"""


def test_a_refused_results_resource_is_the_only_problem_reported(root):
    # agency-framework's results resource names a file that is not there: its results are
    # left out, and northland-ics O1 aligns to agency-framework:AO1, as the evaluation does.
    edit(root, "data/agency-framework/datapackage.json", '"results.csv"', '"results-2024.csv"')
    (root / "content/evaluations").mkdir()
    (root / "content/evaluations/agency-final.md").write_text(AGENCY_EVALUATION, "utf-8")
    # A reference to a result that is not there at all is still reported.
    edit(root, f"{PLAN}/initiatives.csv", "P2,CANARY-INTERNAL-INITIATIVE,O1.1,", "P2,X,O9,")
    site = load_site(root, root / "data", root / "content", "public")
    assert [str(p) for p in site.problems] == [
        "data/agency-framework/datapackage.json: resources[1].path: 'results-2024.csv' does "
        "not exist (add data/agency-framework/results-2024.csv or correct the path)",
        f"{PLAN}/initiatives.csv:3: results: 'O9' is not a result of this plan (use ids from "
        f"{PLAN}/results.csv)",
    ]
    assert all(p.is_error for p in site.problems)  # the root error still fails the build


def test_a_package_listing_no_resources_is_the_only_problem_reported(root):
    # northland-ics lists no resources, so none of its rows is there: its result narratives
    # (O1.1.md, O1.2.md) and an evaluation naming its initiative P1 are not reported again.
    descriptor = root / PLAN / "datapackage.json"
    data = json.loads(descriptor.read_text("utf-8"))
    descriptor.write_text(json.dumps({**data, "resources": {"results": "results.csv"}}), "utf-8")
    (root / "content/evaluations").mkdir()
    (root / "content/evaluations/border-final.md").write_text(
        AGENCY_EVALUATION.replace("agency-final", "border-final").replace(
            "results: [agency-framework:AO1]", "initiatives: [northland-ics:P1]"
        ),
        "utf-8",
    )
    site = load_site(root, root / "data", root / "content", "public")
    assert [str(p) for p in site.problems] == [
        f"{PLAN}/datapackage.json: resources: must be a list of resources (write "
        '[{"name": "results", "path": "results.csv"}, ...])',
    ]
    assert all(p.is_error for p in site.problems)  # the root error still fails the build
