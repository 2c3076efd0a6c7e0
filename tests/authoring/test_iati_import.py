"""``ssa-site import-iati``: real publishers' IATI files become plans that validate and
build with ``mkdocs build --strict``; 1.0x files and files without results are refused;
values that are not plain numbers are kept as text with a warning naming the indicator;
periods take the shortest name of their days; nothing is dropped without a report line."""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, mkdocs_build_output
from lxml import etree

from ssa_site.authoring.iati_import import IatiImportError, import_iati
from ssa_site.cli import main
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

IATI = FIXTURES / "iati"
AFDB = IATI / "afdb-guinea-swaphs.xml"  # 2.01, messy values, en + fr
CERF = IATI / "cerf-2019-ebola-readiness.xml"  # 2.03, two activities, qualitative
UNICEF = IATI / "unicef-sierraleone-wash.xml"  # 2.02, text baselines, empty dimensions
OXFAM = IATI / "oxfamgb-mali-no-results.xml"  # 2.02, no results
AFDB_PLAN = "46002-p-gn-ibe-002"

CORNERS = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-05-01T00:00:00Z">
 <iati-activity xml:lang="en" last-updated-datetime="2024-05-01T00:00:00Z">
  <iati-identifier>XX-TEST-1</iati-identifier>
  <reporting-org ref="XX-TEST" type="10"><narrative>Test agency</narrative></reporting-org>
  <title><narrative>Border programme</narrative>
   <narrative xml:lang="fr">Programme</narrative></title>
  <description type="1"><narrative>What it does.</narrative></description>
  <description type="2"><narrative>Its objectives.</narrative></description>
  <participating-org role="1" ref="XX-TEST"><narrative>Test agency</narrative></participating-org>
  <participating-org role="4"><narrative>Implementer Ltd</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2019-04-01" type="1"/>
  <activity-date iso-date="2023-03-31" type="3"/>
  <recipient-country code="KE"/>
  <sector vocabulary="1" code="15210" percentage="100"/>
  <document-link format="text/html" url="https://example.org/programme">
   <title><narrative>Programme page</narrative></title><category code="A12"/>
  </document-link>
  <result type="2" aggregation-status="1">
   <title><narrative>Officers screen more crossings</narrative></title>
   <indicator measure="2" ascending="1">
    <title><narrative>Share of crossings screened</narrative></title>
    <description><narrative>Screened crossings over all crossings</narrative></description>
    <baseline year="2019" iso-date="2019-03-31" value="40">
     <dimension name="sex" value="female"/>
    </baseline>
    <baseline year="2019" iso-date="2019-03-31" value="42"/>
    <baseline year="2018" value="38"><comment><narrative>Old survey</narrative></comment></baseline>
    <period>
     <period-start iso-date="2019-04-01"/><period-end iso-date="2020-03-31"/>
     <target value="50"/>
     <actual value="48"><comment><narrative>Preliminary</narrative></comment>
      <document-link format="text/html" url="https://example.org/report">
       <title><narrative>Annual report</narrative></title><category code="A08"/>
      </document-link>
     </actual>
     <actual value="45"><dimension name="sex" value="female"/></actual>
    </period>
    <period>
     <period-start iso-date="2020-11-02"/><period-end iso-date="2023-03-31"/>
     <target value="£3,500,000"/>
    </period>
    <period>
     <period-start iso-date="2021-03-31"/><period-end iso-date="2020-04-01"/>
     <target value="60"/>
    </period>
   </indicator>
   <indicator measure="5">
    <title><narrative>Law adopted</narrative></title>
    <baseline year="2019" value="$0 savings in compliance costs"/>
    <period>
     <period-start iso-date="2020-04-01"/><period-end iso-date="2020-06-30"/>
     <target><comment><narrative>Draft tabled</narrative></comment></target>
    </period>
   </indicator>
  </result>
 </iati-activity>
</iati-activities>
"""


def rows(root: Path, plan: str, table: str) -> list[dict[str, str]]:
    with (root / "data" / plan / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def corners(tmp_path: Path) -> Path:
    path = tmp_path / "corners.xml"
    path.write_text(CORNERS, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_real_fixtures_are_schema_valid_iati_files():
    for path, version in ((AFDB, "2.01"), (CERF, "2.03"), (UNICEF, "2.02"), (OXFAM, "2.02")):
        root = etree.parse(str(path)).getroot()
        assert (root.tag, root.get("version")) == ("iati-activities", version)


@pytest.mark.slow
def test_real_files_become_a_project_that_validates_and_builds_strict(tmp_path):
    root = tmp_path / "site"
    args = ["import-iati", str(AFDB), str(CERF), str(UNICEF), str(OXFAM), "--dir", str(root)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "GB-CHC-202918-MLIB06 (oxfamgb-mali-no-results.xml, IATI 2.02) → no plan" in (
        result.output
    )
    assert f"46002-P-GN-IBE-002 (afdb-guinea-swaphs.xml, IATI 2.01) → plan {AFDB_PLAN}" in (
        result.output
    )
    validated = CliRunner().invoke(main, ["validate", str(root), "--strict"])
    assert validated.exit_code == 0, validated.output
    assert "4 plan(s) checked: 0 errors, 0 warnings" in validated.output
    code, output = mkdocs_build_output(root, "--strict")
    assert code == 0, output
    # Every result and indicator of the files is on the site.
    for plan in ("xm-ocha-cerf-19-rr-who-004", "xm-ocha-cerf-19-rr-who-044", AFDB_PLAN):
        for row in rows(root, plan, "indicators"):
            page = root / "out" / "plans" / plan / "indicators" / row["id"] / "index.html"
            assert row["title"] in page.read_text("utf-8")
        for row in rows(root, plan, "results"):
            assert (root / "out" / "plans" / plan / "results" / row["id"] / "index.html").is_file()
    afdb = (root / "out" / "plans" / AFDB_PLAN / "indicators" / "I2.1" / "index.html").read_text(
        "utf-8"
    )
    assert "12254,1" in afdb  # shown as written, never guessed into 12254.1 or 122541
    # The site's own IATI file of the plan keeps every result, indicator and period.
    published = etree.parse(
        str(root / "out" / "data" / "plans" / AFDB_PLAN / "iati-activities.xml")
    )
    original = etree.parse(str(AFDB))
    for path in ("result", "result/indicator", "result/indicator/period"):
        assert len(published.findall(f"iati-activity/{path}")) == len(
            original.findall(f"iati-activity/{path}")
        ), path


def test_afdb_2_01_becomes_an_initiative_plan(tmp_path):
    root = tmp_path / "site"
    result = import_iati([AFDB], root)
    descriptor = json.loads((root / "data" / AFDB_PLAN / "datapackage.json").read_text("utf-8"))
    meta = descriptor["ssa"]
    assert meta["kind"] == "initiative" and meta["country"] == "GIN"
    assert meta["title"].startswith("Multinational - Strengthening West Africa")
    assert meta["imported"]["activity"] == "46002-P-GN-IBE-002"
    assert meta["levels"] == ["output"]
    assert len(rows(root, AFDB_PLAN, "results")) == 14
    (initiative,) = rows(root, AFDB_PLAN, "initiatives")
    assert initiative["iati_identifier"] == "46002-P-GN-IBE-002"
    values = rows(root, AFDB_PLAN, "values")
    assert {"indicator": "I1.1", "period": "2014", "kind": "target", "value": "20000"}.items() <= (
        values[0].items()
    )
    # Messy values are kept as text, and the report names the indicator.
    messy = next(v for v in values if v["indicator"] == "I2.1" and v["kind"] == "actual")
    assert (messy["value"], messy["text"]) == ("", "12254,1")
    (report,) = [r for r in result.reports if r.plan == AFDB_PLAN]
    assert any("indicator I2.1 (Number)" in w and "'12254,1'" in w for w in report.warnings)
    # The French title was not carried over, and the report says where it is.
    assert (
        "/iati-activities/iati-activity/title/narrative[2]",
        "a narrative in another language (the plan holds one)",
    ) in report.dropped


def test_messy_values_are_report_only_until_the_author_takes_the_plan_over(tmp_path):
    root = tmp_path / "site"
    import_iati([AFDB], root)
    site = load_site(root, root / "data", root / "content", "internal")
    assert site.errors == [] and site.warnings == []
    notes = [p for p in site.problems if p.code == "value-as-text"]
    assert [(p.row, p.field) for p in notes][:1] == [(5, "text")]
    descriptor_path = root / "data" / AFDB_PLAN / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text("utf-8"))
    del descriptor["ssa"]["imported"]
    descriptor_path.write_text(json.dumps(descriptor), "utf-8")
    site = load_site(root, root / "data", root / "content", "internal")
    warned = [p for p in site.warnings if p.code == "value-as-text"]
    assert str(warned[0]).startswith(
        f"data/{AFDB_PLAN}/values.csv:5: text: the actual of indicator I2.1 for 2018 is text, "
        "'12254,1', not a number"
    )
    assert site.quality.logged  # quality findings count again too


def test_lang_picks_the_narratives_of_that_language(tmp_path):
    import_iati([AFDB], tmp_path / "site", lang="fr")
    meta = json.loads((tmp_path / "site" / "data" / AFDB_PLAN / "datapackage.json").read_text())
    assert meta["ssa"]["title"].startswith("Multinational - Renforcement")


def test_corners_of_the_standard(tmp_path):
    root = tmp_path / "site"
    result = import_iati([corners(tmp_path)], root, plan="border")
    meta = json.loads((root / "data" / "border" / "datapackage.json").read_text())["ssa"]
    assert meta["country"] == "KEN"
    assert meta["period"] == {"start": "2019-04-01", "end": "2023-03-31"}
    assert meta["fiscal_year_start"] == 4  # its year-long periods start in April
    (indicator, law) = rows(root, "border", "indicators")
    assert (indicator["measure"], indicator["direction"], indicator["unit"]) == (
        "percentage",
        "increase",
        "percent",
    )
    assert indicator["disaggregated_by"] == "sex"
    assert law["measure"] == "qualitative"
    values = [
        (v["indicator"], v["period"], v["kind"], v["value"], v["text"], v["sex"])
        for v in rows(root, "border", "values")
    ]
    assert values == [
        ("I1.1", "2019-03-31", "baseline", "40", "", "female"),
        ("I1.1", "2019-03-31", "baseline", "42", "", ""),
        ("I1.1", "2018", "baseline", "38", "", ""),
        ("I1.1", "FY2020", "target", "50", "", ""),  # 2019-04-01/2020-03-31
        ("I1.1", "FY2020", "actual", "48", "", ""),
        ("I1.1", "FY2020", "actual", "45", "", "female"),
        ("I1.1", "2020-11-02/2023-03-31", "target", "", "£3,500,000", ""),
        ("I1.2", "2019", "baseline", "", "$0 savings in compliance costs", ""),
        ("I1.2", "2020-Q2", "target", "", "Draft tabled", ""),  # calendar first
    ]
    comment = rows(root, "border", "values")[4]["comment"]
    assert comment == "Preliminary — document: Annual report <https://example.org/report>"
    (report,) = result.reports
    assert (
        "/iati-activities/iati-activity/result/indicator[1]/period[3]",
        "a period without valid start and end dates",
    ) in report.dropped
    narrative = (root / "content" / "plans" / "border" / "index.md").read_text()
    assert "## Objectives\n\nIts objectives." in narrative
    assert "- [Programme page](<https://example.org/programme>)" in narrative
    site = load_site(root, root / "data", root / "content", "internal")
    assert site.errors == [] and site.warnings == []


def test_importing_twice_gives_the_same_files_and_refuses_to_overwrite(tmp_path):
    root = tmp_path / "site"
    import_iati([CERF], root)
    first = snapshot(root)
    with pytest.raises(IatiImportError, match=r"exist already.*add --replace"):
        import_iati([CERF], root)
    assert snapshot(root) == first
    import_iati([CERF], root, replace=True)
    assert snapshot(root) == first


def test_a_1_0x_file_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "old.xml"
    path.write_text('<iati-activities version="1.03"><iati-activity/></iati-activities>')
    result = CliRunner().invoke(main, ["import-iati", str(path), "--dir", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "IATI 1.03 files are not read; only 2.01, 2.02 and 2.03 are" in result.output
    assert "nothing was written" in result.output
    assert not (tmp_path / "s").exists()


def test_a_file_without_results_is_refused(tmp_path):
    with pytest.raises(IatiImportError, match="no activity has results"):
        import_iati([OXFAM], tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_folder_that_is_not_a_project_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(IatiImportError, match=r"no mkdocs\.yml"):
        import_iati([CERF], tmp_path)
