"""Downloads on real builds: valid packages, IATI XML, data.json, links, no internal content."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, build, read, write_project
from iati_xsd import extract_schemas, find_sdist

MKDOCS_YML = """\
site_name: Downloads test
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - ssa:
      quality:
        report_only: [all]
      publisher:
        name: Bureau of Examples
        email: data@example.org
        iati_ref: XX-EXAMPLE
        bureau_code: "999:01"
        program_code: ["999:001", "999:002"]
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.blocks.admonition
"""

PUBLIC_EVALUATION = """\
---
id: screening-midterm
title: Mid-term evaluation of border screening
type: mid-term
plans: [northland-ics]
results: [northland-ics:O1.1]
initiatives: [northland-ics:P1]
evaluator: Example Evaluators
independent: true
completed: 2024-09-01
published: 2024-10-01
questions:
  - Does screening work?
  - Is it sustainable?
recommendations:
  - id: R1
    text: Train more staff
    response: accept
    action: Course planned
    due: 2025-06-30
    status: open
---
## Summary

Screening works.
"""

INTERNAL_EVALUATION = """\
---
id: hidden-review
title: CANARY-INTERNAL-EVALUATION
type: process
plans: [northland-ics]
evaluator: CANARY-EVALUATOR
completed: 2024-09-01
published: 2024-10-01
visibility: internal
---
CANARY-EVALUATION-BODY
"""

#: Things only internal readers may see: rows, fields and values of the fixture.
SECRETS = ("CANARY", "987654", "Indicator of internal result", "Hidden by propagation")

FILES = {
    "mkdocs.yml": MKDOCS_YML,
    "content/evaluations/screening-midterm.md": PUBLIC_EVALUATION,
    "content/evaluations/hidden-review.md": INTERNAL_EVALUATION,
}


def make_project(root: Path, extra: str = "") -> Path:
    shutil.copytree(FIXTURES / "minimal", root)
    files = dict(FILES)
    files["mkdocs.yml"] = MKDOCS_YML + extra
    # Data is text: a title that tries to end the JSON-LD script must stay inside it.
    agency = root / "data" / "agency-framework" / "datapackage.json"
    agency.write_text(
        agency.read_text("utf-8").replace(
            "Agency Results Framework", "Agency Results Framework </script><b>&amp;"
        ),
        "utf-8",
    )
    # IATI rulesets: every activity names a sector (here the plan's default for all).
    northland = root / "data" / "northland-ics" / "datapackage.json"
    package = json.loads(northland.read_text("utf-8"))
    package["ssa"]["sectors"] = "15210"
    northland.write_text(json.dumps(package, indent=1), "utf-8")
    (root / "mkdocs.yml").unlink()
    return write_project(root, files)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = make_project(tmp_path_factory.mktemp("downloads") / "project")
    return {"root": root, "public": build(root), "internal": build(root, "internal")}


def download_files(site: Path) -> dict[str, bytes]:
    """Every download of a built site (not the Data page), by site path."""
    found = {"data.json": (site / "data.json").read_bytes()}
    for path in sorted((site / "data").rglob("*")):
        if path.is_file() and path.suffix != ".html":
            found[path.relative_to(site).as_posix()] = path.read_bytes()
    return found


def with_zip_members(files: dict[str, bytes]) -> dict[str, bytes]:
    found = dict(files)
    for name, data in files.items():
        if name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    found[f"{name}!{member}"] = archive.read(member)
    return found


def frictionless() -> str:
    found = Path(sys.executable).parent / "frictionless"
    return str(found) if found.exists() else (shutil.which("frictionless") or "frictionless")


@pytest.mark.slow
def test_every_zip_is_a_data_package_that_frictionless_validates(sites, tmp_path):
    site = sites["public"]
    zips = sorted((site / "data").rglob("*.zip"))
    names = {z.relative_to(site).as_posix() for z in zips}
    assert names == {
        "data/all-data.zip",
        "data/plans/northland-ics/northland-ics.zip",
        "data/plans/agency-framework/agency-framework.zip",
        "data/evaluations/evaluations.zip",
    }
    for archive in zips:
        folder = tmp_path / archive.stem
        with zipfile.ZipFile(archive) as opened:
            opened.extractall(folder)
        done = subprocess.run(
            [frictionless(), "validate", "datapackage.json"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{archive.name}:\n{done.stdout}\n{done.stderr}"


@pytest.mark.slow
def test_package_embeds_schemas_provenance_and_drops_internal_columns(sites):
    site = sites["public"]
    package = json.loads(read(site, "data/plans/northland-ics/datapackage.json"))
    assert package["name"] == "northland-ics"
    assert package["ssa"]["country"] == "ISL"
    assert package["created"] == "2024-10-20T00:00:00Z"  # latest reported date of the data
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == ["results", "indicators", "values", "initiatives", "assumptions"]
    values = [f["name"] for f in resources["values"]["schema"]["fields"]]
    assert values[:4] == ["indicator", "period", "period_start", "period_end"]
    assert values[-1] == "sex"  # a disaggregation dimension
    for name, hidden in {
        "values": "comment",
        "indicators": "responsible",
        "initiatives": "budget",
        "results": "visibility",
    }.items():
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert hidden not in fields and "visibility" not in fields
    csv = read(site, "data/plans/northland-ics/values.csv").splitlines()
    assert csv[0] == "indicator,period,period_start,period_end,kind,value,text,status,reported,sex"
    assert "I1,FY2024,2023-10-01,2024-09-30,actual,49,,,2024-10-20,female" in csv
    for resource in resources.values():
        data = (site / "data/plans/northland-ics" / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"].startswith("sha256:")


@pytest.mark.slow
def test_no_internal_row_field_or_string_in_any_download(sites):
    for audience in ("public", "internal"):
        for name, data in with_zip_members(download_files(sites[audience])).items():
            text = data.decode("utf-8", errors="replace")
            for secret in SECRETS:
                assert secret not in text, f"{audience}: {secret} in {name}"
    page = read(sites["public"], "data/index.html")
    assert not any(secret in page for secret in SECRETS)


@pytest.mark.slow
def test_internal_build_publishes_exactly_the_public_downloads(sites):
    assert download_files(sites["internal"]) == download_files(sites["public"])
    assert "Public data only." in read(sites["internal"], "data/index.html")


@pytest.mark.slow
def test_data_json_lists_every_download_with_a_working_url(sites):
    site = sites["public"]
    catalog = json.loads(read(site, "data.json"))
    assert catalog["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    listed: set[str] = set()
    for dataset in catalog["dataset"]:
        for key in ("title", "description", "modified", "identifier", "accessLevel"):
            assert dataset[key], key
        assert dataset["keyword"] and dataset["publisher"]["name"] == "Bureau of Examples"
        assert dataset["contactPoint"]["hasEmail"] == "mailto:data@example.org"
        for distribution in dataset["distribution"]:
            url = distribution["downloadURL"]
            assert not url.startswith(("/", "http")), url
            assert (site / url).is_file(), url
            assert distribution["mediaType"] in (
                "text/csv",
                "application/zip",
                "application/json",
                "application/xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            listed.add(url)
    on_disk = {p for p in download_files(site) if p != "data.json"}
    assert listed == on_disk
    titles = [d["title"] for d in catalog["dataset"]]
    assert "Evaluations catalog" in titles


@pytest.mark.slow
def test_iati_xml_validates_and_carries_every_public_value(sites, tmp_path):
    from lxml import etree

    sdist, why = find_sdist()
    if sdist is None:
        if os.environ.get("CI"):
            pytest.fail(f"the IATI 2.03 schema is needed in CI: {why}")
        pytest.skip(f"IATI 2.03 schema unavailable: {why}")
    schema = etree.XMLSchema(etree.parse(str(extract_schemas(sdist, tmp_path))))
    site = sites["public"]
    document = etree.parse(str(site / "data/plans/northland-ics/iati-activities.xml"))
    assert schema.validate(document), schema.error_log
    assert not (site / "data/plans/agency-framework/iati-activities.xml").exists()

    from ssa_site.project import load_site

    root = sites["root"]
    plan = load_site(root, root / "data", root / "content", "public").portfolio.plan(
        "northland-ics"
    )
    assert plan is not None
    expected, found = set(), set()
    for initiative in plan.initiatives:
        for result_id in initiative.results:
            for indicator in plan.indicators_of(result_id):
                for v in indicator.values:
                    start = "" if v.kind == "baseline" else v.period.start.isoformat()
                    expected.add(
                        (
                            initiative.id,
                            indicator.id,
                            v.kind,
                            start,
                            v.period.end.isoformat(),
                            v.display,
                            v.dimensions,
                        )
                    )
    for activity in document.iter("iati-activity"):
        initiative = activity.findtext("iati-identifier").rsplit("-", 1)[-1]
        assert activity.findtext("iati-identifier") == f"XX-EXAMPLE-northland-ics-{initiative}"
        for indicator in activity.iter("indicator"):
            code = indicator.findtext("title/narrative").split()[0]
            for baseline in indicator.iter("baseline"):
                found.add(
                    (
                        initiative,
                        code,
                        "baseline",
                        "",
                        baseline.get("iso-date"),
                        baseline.get("value"),
                        _dims(baseline),
                    )
                )
            for period in indicator.iter("period"):
                start = period.find("period-start").get("iso-date")
                end = period.find("period-end").get("iso-date")
                for value in period:
                    if value.tag in ("target", "actual"):
                        found.add(
                            (
                                initiative,
                                code,
                                value.tag,
                                start,
                                end,
                                value.get("value"),
                                _dims(value),
                            )
                        )
    assert expected and found == expected
    links = [d.get("url") for d in document.iter("document-link")]
    assert "../../../evaluations/screening-midterm/" in links
    xml = read(site, "data/plans/northland-ics/iati-activities.xml")
    assert "hidden-review" not in xml


def _dims(element) -> tuple[tuple[str, str], ...]:  # type: ignore[no-untyped-def]
    return tuple((d.get("name"), d.get("value")) for d in element.iter("dimension"))


@pytest.mark.slow
def test_evaluations_catalog_csv(sites):
    import csv
    import io

    site = sites["public"]
    rows = list(csv.DictReader(io.StringIO(read(site, "data/evaluations/evaluations.csv"))))
    assert [r["id"] for r in rows] == ["screening-midterm"]
    assert rows[0]["questions"] == "Does screening work?\nIs it sustainable?"
    assert rows[0]["summary_url"] == "evaluations/screening-midterm/"
    assert rows[0]["initiatives"] == "northland-ics:P1"
    recommendations = read(site, "data/evaluations/recommendations.csv").splitlines()
    assert recommendations[1] == (
        "screening-midterm,R1,Train more staff,accept,Course planned,2025-06-30,open"
    )


@pytest.mark.slow
def test_pages_link_their_downloads(sites):
    site = sites["public"]
    plan_page = read(site, "plans/northland-ics/index.html")
    indicator_page = read(site, "plans/northland-ics/indicators/I1/index.html")
    for page, html, expected in (
        ("plans/northland-ics/index.html", plan_page, "northland-ics.zip"),
        ("plans/northland-ics/indicators/I1/index.html", indicator_page, "indicators/I1.csv"),
        ("evaluations/index.html", read(site, "evaluations/index.html"), "evaluations.csv"),
    ):
        hrefs = re.findall(r'href="([^"]+)" download="[^"]+"', html)
        assert any(h.endswith(expected) for h in hrefs), page
        for href in hrefs:
            assert ((site / page).parent / href).resolve().is_file(), href
    assert 'download="northland-ics-values.csv"' in plan_page


@pytest.mark.slow
def test_data_page_lists_sizes_hashes_schemas_and_escaped_json_ld(sites):
    site = sites["public"]
    page = read(site, "data/index.html")
    zip_bytes = (site / "data/plans/northland-ics/northland-ics.zip").read_bytes()
    assert hashlib.sha256(zip_bytes).hexdigest() in page
    assert 'id="schema-values"' in page and "period_start" in page
    assert "Suggested citation:" in page and "Bureau of Examples (2024)" in page
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0] and "&" not in scripts[0]
    datasets = json.loads(scripts[0])
    titles = {d["name"] for d in datasets}
    assert "Agency Results Framework </script><b>&amp;" in titles
    assert all(d["@type"] == "Dataset" for d in datasets)
    assert "Agency Results Framework &lt;/script&gt;&lt;b&gt;&amp;amp;" in page


@pytest.mark.slow
def test_same_input_gives_byte_identical_downloads(tmp_path):
    """SOURCE_DATE_EPOCH fixes the build time; site_url makes every URL absolute."""
    extra = "site_url: https://data.example.org/ssa/\n"
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"  # 2023-11-14T22:13:20Z
    try:
        first = download_files(build(make_project(tmp_path / "a", extra)))
        second = download_files(build(make_project(tmp_path / "b", extra)))
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    assert first == second
    package = json.loads(first["data/plans/northland-ics/datapackage.json"])
    assert package["created"] == "2023-11-14T22:13:20Z"
    assert package["homepage"] == "https://data.example.org/ssa/plans/northland-ics/"
    with zipfile.ZipFile(io.BytesIO(first["data/all-data.zip"])) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert archive.namelist()[0] == "datapackage.json"
    catalog = json.loads(first["data.json"])
    for dataset in catalog["dataset"]:
        for distribution in dataset["distribution"]:
            url = distribution["downloadURL"]
            assert url.startswith("https://data.example.org/ssa/data")
            assert url.removeprefix("https://data.example.org/ssa/") in first


def _iati_schema(into: Path):
    from lxml import etree

    sdist, why = find_sdist()
    if sdist is None:
        if os.environ.get("CI"):
            pytest.fail(f"the IATI 2.03 schema is needed in CI: {why}")
        pytest.skip(f"IATI 2.03 schema unavailable: {why}")
    return etree.XMLSchema(etree.parse(str(extract_schemas(sdist, into))))


def test_iati_activities_of_the_example_name_their_recipient_country(tmp_path):
    """Kestria (HND) and Valdoria (MOZ) activities carry IATI's alpha-2 code and the
    country's name; the agency-wide framework, which has no country, names none."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from lxml import etree

    from ssa_site.downloads import iati, links
    from ssa_site.downloads.provenance import Provenance
    from ssa_site.model.publisher import Publisher
    from ssa_site.project import load_site

    schema_dir = tmp_path / "xsd"
    schema_dir.mkdir()
    schema = _iati_schema(schema_dir)
    root = tmp_path / "example"
    shutil.copytree(REPO / "data", root / "data")
    (root / "content").mkdir()
    portfolio = load_site(root, root / "data", root / "content", "public").portfolio
    publisher = Publisher(name="Bureau of Examples", iati_ref="XX-EXAMPLE")
    provenance = Provenance(datetime(2024, 1, 1, tzinfo=UTC), publisher.name, "Example")
    urls = iati.Links(
        initiative=lambda i: f"https://example.org/{i.plan}/{i.id}/",
        result=lambda r: f"https://example.org/{r.plan}/{r.id}/",
        indicator=lambda i: f"https://example.org/{i.plan}/indicators/{i.id}/",
        evaluation=lambda e: f"https://example.org/evaluations/{e.id}/",
    )

    def published(plan):
        """The plan's IATI file as written to the site, parsed back."""
        tree = iati.activities(
            plan, links.iati_initiatives(plan), lambda i: (), publisher, provenance, urls
        )
        out = io.BytesIO()
        tree.write(out, encoding="utf-8", xml_declaration=True)
        document = etree.fromstring(out.getvalue())
        assert schema.validate(document), schema.error_log
        return document

    expected = (("kestria-ics", "HN", "Honduras"), ("valdoria-ics", "MZ", "Mozambique"))
    for name, code, country in expected:
        plan = portfolio.plan(name)
        assert plan is not None and links.iati_initiatives(plan)
        activities = published(plan).findall("iati-activity")
        assert len(activities) == len(links.iati_initiatives(plan))
        for activity in activities:
            found = activity.findall("recipient-country")
            assert [(c.get("code"), c.get("percentage")) for c in found] == [(code, "100")]
            assert found[0].findtext("narrative") == country
            tags = [child.tag for child in activity]
            assert tags.index("recipient-country") > max(
                i for i, tag in enumerate(tags) if tag == "activity-date"
            )
            assert tags.index("recipient-country") < tags.index("document-link")

    agency = portfolio.plan("agency-framework")
    assert agency is not None and agency.country is None
    assert not links.iati_initiatives(agency)  # no initiatives: no IATI file at all
    # Were it to publish activities, they would name no country.
    kestria = portfolio.plan("kestria-ics")
    assert kestria is not None
    document = published(replace(agency, initiatives=kestria.initiatives))
    assert len(document.findall("iati-activity")) == len(links.iati_initiatives(kestria))
    assert b"recipient-country" not in etree.tostring(document)


@pytest.mark.slow
def test_iati_names_the_plans_recipient_country(sites):
    """The fixture's plan is in ISL: its activities name Iceland by its alpha-2 code."""
    xml = read(sites["public"], "data/plans/northland-ics/iati-activities.xml")
    assert "<iati-activity " in xml
    assert '<recipient-country code="IS"' in xml
