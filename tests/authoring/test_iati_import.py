"""``ssa-site import-iati``: real publishers' IATI files become plans that validate and
build with ``mkdocs build --strict``; 1.0x files and files without results are refused;
values that are not plain numbers are kept as text with a warning naming the indicator;
periods take the shortest name of their days; nothing is dropped without a report line."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, mkdocs_build_output
from iati_round_trip import losses
from lxml import etree

from ssa_site.authoring.iati_import import IatiImportError, import_iati
from ssa_site.cli import main
from ssa_site.downloads.iati_rules import IdSets, evaluate
from ssa_site.project import load_site

if TYPE_CHECKING:
    from pathlib import Path

    from ssa_site.authoring.iati_import.report import ActivityReport

IATI = FIXTURES / "iati"
AFDB = IATI / "afdb-guinea-swaphs.xml"  # 2.01, messy values, en + fr
CERF = IATI / "cerf-2019-ebola-readiness.xml"  # 2.03, two activities, qualitative
UNICEF = IATI / "unicef-sierraleone-wash.xml"  # 2.02, text baselines, empty dimensions
OXFAM = IATI / "oxfamgb-mali-no-results.xml"  # 2.02, no results
AFDB_PLAN = "46002-p-gn-ibe-002"
PARSER = etree.XMLParser(remove_comments=True)  # as the importer reads, for the same XPaths

CORNERS = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2024-05-01T00:00:00Z">
 <iati-activity xml:lang="en" last-updated-datetime="2024-05-01T00:00:00Z">
  <iati-identifier>XM-DAC-99999-BORDER-1</iati-identifier>
  <reporting-org ref="XM-DAC-99999" type="10"><narrative>Test agency</narrative></reporting-org>
  <title><narrative>Border programme</narrative>
   <narrative xml:lang="fr">Programme</narrative></title>
  <description type="1"><narrative>What it does.</narrative></description>
  <description type="2"><narrative>Its objectives.</narrative></description>
  <participating-org role="1" ref="XM-DAC-99999"><narrative>Test agency</narrative>
  </participating-org>
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


@dataclass(frozen=True)
class Imported:
    """The real files and the corners, imported with the CLI and built once for the module."""

    root: Path
    imported: str  # import-iati's output
    validated: str  # validate --strict's exit status and output
    built: tuple[int, str]  # mkdocs build --strict: exit status and output
    reports: dict[str, ActivityReport]  # by activity identifier


#: The site's publisher: an agency that imports its own file (the corners) beside others'.
PUBLISHER = """      publisher:
        name: Test agency
        iati_ref: XM-DAC-99999
        federal: false
      # Value comments, internal by default, were public in IATI: published again here.
      internal_fields: [responsible, limitations, dqa_last, dqa_next, budget, me_budget]
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    folder = tmp_path_factory.mktemp("iati")
    files = [AFDB, CERF, UNICEF, OXFAM, corners(folder)]
    root = folder / "site"
    result = CliRunner().invoke(main, ["import-iati", *map(str, files), "--dir", str(root)])
    assert result.exit_code == 0, result.output
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    publisher = re.search(r"^      publisher:.*?federal: false\n", text, re.S | re.M)
    assert publisher is not None
    config.write_text(text.replace(publisher.group(0), PUBLISHER), "utf-8")
    validated = CliRunner().invoke(main, ["validate", str(root), "--strict"])
    reports = import_iati(files, folder / "again").reports
    return Imported(
        root,
        result.output,
        f"exit {validated.exit_code}\n{validated.output}",
        mkdocs_build_output(root, "--strict"),
        {r.identifier: r for r in reports},
    )


def published_activity(root: Path, identifier: str) -> etree._Element:
    plan = re.sub(r"[^a-z0-9]+", "-", identifier.lower()).strip("-")
    tree = etree.parse(str(root / "out" / "data" / "plans" / plan / "iati-activities.xml"))
    (found,) = [
        a for a in tree.iterfind("iati-activity") if a.findtext("iati-identifier") == identifier
    ]
    return found


def originals(root: Path) -> list[tuple[str, etree._Element]]:
    """(identifier, activity) of every imported activity of the module's files."""
    found = []
    for path in (AFDB, CERF, UNICEF, root.parent / "corners.xml"):
        for activity in etree.parse(str(path), PARSER).iterfind("iati-activity"):
            found.append((activity.findtext("iati-identifier").strip(), activity))
    return found


@pytest.mark.slow
def test_real_files_become_a_project_that_validates_and_builds_strict(imported):
    root = imported.root
    assert "GB-CHC-202918-MLIB06 (oxfamgb-mali-no-results.xml, IATI 2.02) → no plan" in (
        imported.imported
    )
    assert f"46002-P-GN-IBE-002 (afdb-guinea-swaphs.xml, IATI 2.01) → plan {AFDB_PLAN}" in (
        imported.imported
    )
    assert imported.validated.startswith("exit 0\n"), imported.validated
    assert "5 plan(s) checked: 0 errors, 0 warnings" in imported.validated
    code, output = imported.built
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


@pytest.mark.slow
def test_the_published_iati_file_keeps_every_result_indicator_and_value(imported):
    """Element by element (tests/iati_round_trip.py says what is compared): nothing of an
    imported activity is missing from the site's IATI file but what the import report
    names, and what it names there is only what a plan cannot hold."""
    assert imported.built[0] == 0, imported.built[1]
    compared: Counter[str] = Counter()
    for identifier, original in originals(imported.root):
        report = imported.reports[identifier]
        dropped = {xpath for xpath, _ in report.dropped}
        published = published_activity(imported.root, identifier)
        assert losses(original, published, dropped, comments=True) == [], identifier
        compared.update(str(e.tag) for e in original.iterfind(".//result") for e in e.iter(*KINDS))
        # Of the results, the report names only what a plan cannot hold.
        whys = {why for xpath, why in report.dropped if "/result" in xpath}
        assert whys <= RESULT_DROPS, identifier
    assert set(compared) == set(KINDS), compared  # each kind of element was compared
    # Values that are text stay the value, as the publisher wrote them (rule 8.10.1).
    afdb = published_activity(imported.root, "46002-P-GN-IBE-002")
    actuals = {a.get("value") for a in afdb.iterfind("result/indicator/period/actual")}
    assert {"12254,1", "null", "All the relevant committees are inplace"} <= actuals


KINDS = ("result", "indicator", "baseline", "period", "target", "actual", "dimension", "comment")
#: What the import report may name of results: none of it is data a plan could hold.
RESULT_DROPS = {
    "empty",  # a narrative without text
    "a period without target or actual",  # dates only (the CERF periods)
    "a plan's values have no location",
    "a dimension without a name or a value",
    "a period without valid start and end dates",  # the corners' reversed period
}


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


def test_sectors_named_on_the_transactions_only_become_the_initiatives(tmp_path):
    result = import_iati([CERF], tmp_path / "site")
    for plan in ("xm-ocha-cerf-19-rr-who-004", "xm-ocha-cerf-19-rr-who-044"):
        (initiative,) = rows(tmp_path / "site", plan, "initiatives")
        assert initiative["sectors"] == "72010"  # as on the transactions (rule 6.2.2)
    assert "sectors → 72010 (from its transactions: the activity names no DAC purpose code " in (
        "\n".join(result.lines())
    )


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


#: The validator's clock, and the IATI Registry's registration agencies (tests/standards).
NOW = datetime(2025, 6, 30, tzinfo=UTC)
PREFIXES = FIXTURES.parent / "standards" / "iati" / "org-id-prefixes.txt"

#: Warnings the published file may give that its original does not, and why the site
#: cannot avoid them.
EXPLAINED = {
    # The site is one reporting organisation (publisher.iati_ref, here XM-DAC-99999, whose
    # own activity, the corners', passes). The activities of AfDB, CERF and UNICEF keep the
    # identifiers their publishers gave them, by which IATI knows them: renaming them
    # would make a second activity of each.
    "1.1.21",
    # UNICEF's indicators have measure="" (no IndicatorMeasure code), so the rules on
    # values skip the original; the site has to name a measure, unit (1) as for any
    # indicator without one, and then its values that are text ("2019:available") warn.
    # Only the author can say whether they are numbers or the indicator is qualitative.
    "8.8.2",
    "8.9.2",
    "8.10.2",
}


def rules_failed(root: etree._Element, identifier: str) -> dict[str, set[str]]:
    """The rules an activity of a file fails, by severity."""
    lines = PREFIXES.read_text("utf-8").splitlines()
    ids = IdSets(frozenset(line for line in lines if line and not line.startswith("#")))
    found: dict[str, set[str]] = {"error": set(), "warning": set()}
    for finding in evaluate(root, NOW, ids=ids):
        if finding.activity == identifier:
            found[finding.severity].add(finding.rule)
    return found


@pytest.mark.slow
def test_the_published_iati_files_pass_the_iati_rulesets(imported):
    """The site's IATI file of each imported plan fails no rule of the IATI Standard
    rulesets with an error, and warns only where the original does or EXPLAINED says why.
    Errors of the originals are not inherited (UNICEF's 4.4.1, the corners' reversed
    period, 8.6.1, left out and reported); the values that are text warn as they did
    (8.9.2, 8.10.2: AfDB), where an empty value would fail (8.9.1, 8.10.1); CERF's
    sectors, on its transactions only, become the activity's (6.2.2)."""
    assert imported.built[0] == 0, imported.built[1]
    for identifier, original in originals(imported.root):
        published = published_activity(imported.root, identifier)
        failed = rules_failed(published.getroottree().getroot(), identifier)
        assert failed["error"] == set(), identifier
        before = rules_failed(original.getroottree().getroot(), identifier)
        assert failed["warning"] - before["warning"] <= EXPLAINED, identifier
