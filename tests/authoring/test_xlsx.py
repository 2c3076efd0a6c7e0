"""Spreadsheet round trip: export → (edit) → import leaves unedited rows byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ssa_site.authoring.spreadsheet import SpreadsheetError, export_plan, import_plan
from ssa_site.cli import main

REPO = Path(__file__).resolve().parents[2]
PLAN = "northland-ics"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file()
    }


def round_trip(root: Path, plan: str, workbook: Path, resave: bool = True) -> tuple[str, ...]:
    export_plan(root, root / "data", plan, workbook)
    if resave:  # as a spreadsheet program would: load everything and save it again
        load_workbook(workbook).save(workbook)
    return import_plan(root, root / "data", plan, workbook, root / "content").changed


def test_the_fixture_plans_round_trip_byte_identical(project, tmp_path):
    root = project()
    before = snapshot(root)
    for plan in ("northland-ics", "agency-framework"):
        assert round_trip(root, plan, tmp_path / f"{plan}.xlsx") == ()
    assert snapshot(root) == before


def test_the_example_plans_round_trip_byte_identical(tmp_path):
    if not (REPO / "data").is_dir():
        pytest.skip("the example site has no data yet")
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    before = snapshot(root)
    plans = sorted(p.parent.name for p in (root / "data").glob("*/datapackage.json"))
    assert plans
    for plan in plans:
        assert round_trip(root, plan, tmp_path / f"{plan}.xlsx") == (), plan
    assert snapshot(root) == before


AWKWARD = (
    '\ufeff"id","parent","level","title","statement","aligns_to","visibility"\r\n'
    '"G1","","goal","=HYPERLINK(""http://x"")","  leading, trailing  ","",""\r\n'
    '"O1","G1","objective","Two\r\nlines — ünïcode","0012","",""\r\n'
    '"O2","G1","objective","1e3","2024-01-01","","internal"'
)


def test_quoting_line_endings_bom_and_formula_like_text_survive(project, tmp_path):
    root = project()
    results = root / "data" / PLAN / "results.csv"
    results.write_bytes(AWKWARD.encode("utf-8"))
    for name in ("indicators", "values", "initiatives", "assumptions"):
        (root / "data" / PLAN / f"{name}.csv").write_text(
            (root / "data" / PLAN / f"{name}.csv").read_text("utf-8").split("\n")[0] + "\n",
            "utf-8",
        )
    workbook = tmp_path / "plan.xlsx"
    assert round_trip(root, PLAN, workbook) == ()
    assert results.read_bytes() == AWKWARD.encode("utf-8")
    sheet = load_workbook(workbook)["results"]
    formula_like = sheet["D2"]
    assert formula_like.value == '=HYPERLINK("http://x")'
    assert formula_like.data_type == "s"  # text, never a formula
    assert sheet["E3"].value == "0012" and sheet["E3"].data_type == "s"


def test_the_workbook_has_schema_headers_drop_downs_and_read_only_views(project, tmp_path):
    root = project()
    workbook = tmp_path / "plan.xlsx"
    export_plan(root, root / "data", PLAN, workbook)
    book = load_workbook(workbook)
    assert book.sheetnames[:6] == [
        "plan",
        "results",
        "indicators",
        "values",
        "initiatives",
        "assumptions",
    ]
    assert [s for s in book.sheetnames if s.startswith("ITT ")] == [
        "ITT I1",
        "ITT I2",
        "ITT I3",
        "ITT I4",
    ]
    assert book["_ssa"].sheet_state == "veryHidden"
    values = book["values"]
    assert [c.value for c in values[1]] == [
        "indicator",
        "period",
        "kind",
        "value",
        "text",
        "comment",
        "reported",
        "visibility",
        "sex",
    ]
    lists = {v.formula1: str(v.sqref) for v in values.data_validations.dataValidation}
    assert lists['"baseline,target,actual"'] == "C2:C5000"
    assert lists['"public,internal"'] == "H2:H5000"
    assert "One of: baseline, target, actual." in values["C1"].comment.text
    assert book["plan"].protection.sheet and book["ITT I1"].protection.sheet
    assert book["plan"]["B2"].value == "Northland Integrated Country Strategy"
    tracking = list(book["ITT I1"].iter_rows(values_only=True))
    assert tracking[3] == (
        "Period",
        "Start",
        "End",
        "Baseline",
        "Target",
        "Actual",
        "Data status",
        "Reported",
    )
    assert ("FY2024", "2023-10-01", "2024-09-30", None, None, 52, None, "2024-10-20") in [
        tuple(None if v in ("", None) else v for v in row) for row in tracking
    ]


def test_a_bad_value_names_sheet_row_and_column_and_nothing_is_written(project, tmp_path):
    root = project()
    workbook = tmp_path / "plan.xlsx"
    export_plan(root, root / "data", PLAN, workbook)
    book = load_workbook(workbook)
    book["values"]["D7"] = "abc"  # I2's FY2023 baseline
    book["values"]["C9"] = "forecast"
    book["results"]["A20"] = "O9"  # a new row at the bottom, missing its level and title
    book.save(workbook)
    before = snapshot(root)
    with pytest.raises(SpreadsheetError) as raised:
        import_plan(root, root / "data", PLAN, workbook, root / "content")
    assert raised.value.messages == [
        "plan.xlsx: sheet results, row 20, column level: is required but empty (fill in the level)",
        "plan.xlsx: sheet results, row 20, column title: is required but empty (fill in the title)",
        "plan.xlsx: sheet values, row 7, column value: 'abc' is not a number (write a number "
        "such as 42 or 3.5, without units, '%' or thousands separators; a qualitative value "
        "goes in the 'text' column)",
        "plan.xlsx: sheet values, row 9, column kind: 'forecast' is not allowed (use one of: "
        "baseline, target, actual)",
    ]
    assert snapshot(root) == before


def test_edits_change_only_the_edited_rows(project, tmp_path):
    root = project()
    values = root / "data" / PLAN / "values.csv"
    original = values.read_text("utf-8").splitlines(keepends=True)
    workbook = tmp_path / "plan.xlsx"
    export_plan(root, root / "data", PLAN, workbook)
    book = load_workbook(workbook)
    sheet = book["values"]
    sheet["D8"] = 25  # typed as a number in the spreadsheet
    sheet.append(["I2", "FY2026", "target", 30.5])
    book.save(workbook)
    changed = import_plan(root, root / "data", PLAN, workbook, root / "content").changed
    assert changed == ("data/northland-ics/values.csv",)
    lines = values.read_text("utf-8").splitlines(keepends=True)
    assert lines[7] == "I2,FY2025,target,25,,,,,\n"
    assert lines[:7] == original[:7] and lines[8:-1] == original[8:]
    assert lines[-1] == "I2,FY2026,target,30.5,,,,,\n"


def test_a_csv_changed_since_the_export_is_not_overwritten(project, tmp_path):
    root = project()
    workbook = tmp_path / "plan.xlsx"
    export_plan(root, root / "data", PLAN, workbook)
    values = root / "data" / PLAN / "values.csv"
    values.write_text(values.read_text("utf-8") + "I2,FY2026,target,30,,,,,\n", "utf-8")
    with pytest.raises(SpreadsheetError) as raised:
        import_plan(root, root / "data", PLAN, workbook, root / "content")
    assert "data/northland-ics/values.csv has changed since the workbook was exported" in str(
        raised.value
    )


def test_the_commands(project, tmp_path):
    root = project()
    workbook = tmp_path / "plan.xlsx"
    runner = CliRunner()
    exported = runner.invoke(main, ["export-xlsx", PLAN, str(workbook), "--dir", str(root)])
    assert exported.exit_code == 0, exported.output
    unchanged = runner.invoke(main, ["import-xlsx", str(workbook), PLAN, "--dir", str(root)])
    assert unchanged.exit_code == 0 and "no changes; nothing written" in unchanged.output
    book = load_workbook(workbook)
    book["values"]["D7"] = "abc"
    book.save(workbook)
    rejected = runner.invoke(main, ["import-xlsx", str(workbook), PLAN, "--dir", str(root)])
    assert rejected.exit_code == 1
    assert "plan.xlsx: sheet values, row 7, column value: 'abc' is not a number" in (
        rejected.output
    )
    assert "nothing was written" in rejected.output
    wrong = runner.invoke(
        main, ["import-xlsx", str(workbook), "agency-framework", "--dir", str(root)]
    )
    assert "holds plan 'northland-ics', not 'agency-framework'" in wrong.output
    missing = runner.invoke(main, ["export-xlsx", "nowhere", str(workbook), "--dir", str(root)])
    assert missing.exit_code == 1 and "there is no plan 'nowhere'" in missing.output
