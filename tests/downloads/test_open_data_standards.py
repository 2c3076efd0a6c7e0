"""The example's open data under the standards' own validators: the IATI Standard rulesets
(on top of the 2.03 schema) and the Project Open Data v1.1 JSON Schemas of both profiles;
and the findings each fix addressed, failing before it and passing after."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema
import pytest
import referencing
from conftest import REPO
from lxml import etree
from referencing.jsonschema import DRAFT4

from ssa_site.downloads.iati_check import IATI_RULE, check_iati, iati_trees
from ssa_site.downloads.iati_rules import IdSets, evaluate
from ssa_site.downloads.provenance import build_time
from ssa_site.downloads.standards import FEDERAL_OPTION_MISSING, check_federal
from ssa_site.model.publisher import Publisher
from ssa_site.project import load_site

if TYPE_CHECKING:
    from ssa_site.base.problems import Problem

STANDARDS = Path(__file__).resolve().parent.parent / "standards"
PUBLISHER = Publisher(
    name="Bureau of Security Cooperation (fictional)",
    email="data@example.org",
    iati_ref="XM-DAC-99999",  # as the example's mkdocs.yml says
    bureau_codes=("999:01",),
    program_codes=("999:001",),
)


def registry_lists() -> IdSets:
    lines = (STANDARDS / "iati" / "org-id-prefixes.txt").read_text("utf-8").splitlines()
    return IdSets(frozenset(line for line in lines if line and not line.startswith("#")))


def pod_validator(profile: str) -> jsonschema.Draft4Validator:
    """The catalog schema of a Project Open Data profile, its references resolved to the
    files shipped beside it (their ids name a host that no longer serves them)."""
    folder = STANDARDS / "pod" / profile
    resources = []
    for path in folder.glob("*.json"):
        schema = json.loads(path.read_text("utf-8"))
        resource = referencing.Resource.from_contents(schema, default_specification=DRAFT4)
        resources += [(schema["id"], resource), (path.name, resource)]
    catalog = json.loads((folder / "catalog.json").read_text("utf-8"))
    registry = referencing.Registry().with_resources(resources)  # type: ignore[var-annotated]
    return jsonschema.Draft4Validator(
        catalog, registry=registry, format_checker=jsonschema.FormatChecker()
    )


def pod_errors(data: object, profile: str) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in pod_validator(profile).iter_errors(data)
    ]


def example_copy(root: Path) -> Path:
    shutil.copytree(REPO / "data", root / "data")
    (root / "content").mkdir()
    return root


def public_data(root: Path):  # type: ignore[no-untyped-def]
    return load_site(root, root / "data", root / "content", "public").view.public


def edit_initiatives(root: Path, plan: str, column: str, values: dict[str, str]) -> None:
    path = root / "data" / plan / "initiatives.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    for row in rows:
        row[column] = values.get(row["id"], row[column])
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def rule(problem: Problem) -> str:
    found = re.search(r"IATI rule (\S+) ", problem.message)
    return found.group(1) if found else ""


def findings(root: Path) -> list[tuple[str, str, int | None, str | None]]:
    """(rule, path, row, field) of every IATI rule the example's files would fail."""
    return [
        (rule(p), p.path, p.row, p.field)
        for p in check_iati(public_data(root), PUBLISHER, "Example").items
    ]


# -- IATI ----------------------------------------------------------------------------------


def test_every_iati_file_of_the_example_passes_the_rulesets(tmp_path: Path) -> None:
    """Zero errors and zero warnings, with the registration agencies known, on the build's
    date and on the day the tests run."""
    data = public_data(example_copy(tmp_path))
    trees = iati_trees(data, PUBLISHER, "Example")
    assert {plan.name for plan, _, _ in trees} == {"kestria-ics", "valdoria-ics"}
    for now in (build_time(data), datetime.now(UTC)):
        for plan, _, root in trees:
            found = evaluate(root, now, ids=registry_lists())
            assert [(f.rule, f.activity, f.message) for f in found] == [], plan.name


def test_without_sectors_every_activity_fails_6_2_2_and_the_build_says_where(
    tmp_path: Path,
) -> None:
    root = example_copy(tmp_path)
    descriptor = root / "data" / "valdoria-ics" / "datapackage.json"
    package = json.loads(descriptor.read_text("utf-8"))
    del package["ssa"]["sectors"]  # VAL-005 relies on the plan's default
    descriptor.write_text(json.dumps(package), "utf-8")
    assert findings(root) == [("6.2.2", "data/valdoria-ics/initiatives.csv", 6, "sectors")]
    edit_initiatives(root, "valdoria-ics", "sectors", {"VAL-005": "15210"})
    assert findings(root) == []


def test_identifier_not_beginning_with_the_publishers_is_1_1_21(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    edit_initiatives(root, "kestria-ics", "iati_identifier", {"KES-002": "XX-EXAMPLE-BSC-2"})
    found = check_iati(public_data(root), PUBLISHER, "Example").items
    assert [(p.code, rule(p), p.row, p.field) for p in found] == [
        (IATI_RULE.code, "1.1.21", 3, "iati_identifier")
    ]
    text = str(found[0])
    assert "KES-002" in text and "XM-DAC-99999-KES-002" in text  # the initiative, the fix
    assert not found[0].is_error  # a warning: it fails --strict only
    edit_initiatives(root, "kestria-ics", "iati_identifier", {"KES-002": "XM-DAC-99999-KES-2"})
    assert findings(root) == []


def test_a_reference_is_on_the_result_or_on_its_indicators_never_both(tmp_path: Path) -> None:
    """8.11.1: the example's KES-001 result O1.1 has an indicator with a standard code."""
    data = public_data(example_copy(tmp_path))
    for _, _, root in iati_trees(data, PUBLISHER, "Example"):
        for result in root.iter("result"):
            own = result.findall("reference")
            of_indicators = result.findall("indicator/reference")
            assert not (own and of_indicators), etree.tostring(result)[:200]
            assert own or of_indicators  # every result keeps a reference of one kind
    assert not [f for f in findings(tmp_path) if f[0] == "8.11.1"]


def test_no_iati_ref_no_verdict(tmp_path: Path) -> None:
    """A site that does not publish to IATI (no publisher.iati_ref) is not judged."""
    root = example_copy(tmp_path)
    edit_initiatives(root, "kestria-ics", "sectors", {"KES-003": ""})
    data = public_data(root)
    assert check_iati(data, Publisher(), "Example").items == []


# -- Project Open Data ---------------------------------------------------------------------


def test_a_federal_publisher_without_codes_is_an_error_naming_the_option() -> None:
    found = check_federal(Publisher(email="a@b.gov", program_codes=("015:001",)))
    assert [(p.code, p.path, p.field, p.is_error) for p in found.items] == [
        (FEDERAL_OPTION_MISSING.code, "mkdocs.yml", "publisher.bureau_code", True)
    ]
    assert "publisher.federal: false" in str(found.items[0])
    assert check_federal(PUBLISHER).items == []
    assert check_federal(Publisher(federal=False)).items == []


@pytest.mark.slow
def test_the_example_build_passes_every_validator() -> None:
    """The example as built: every IATI file with zero findings, data.json valid under the
    federal profile, every dataset licensed; a non-federal catalog valid under its own."""
    from example_builds import example_site

    site = example_site("public")
    files = sorted(site.glob("data/**/iati-activities.xml"))
    assert len(files) == 2
    for path in files:
        root = etree.parse(str(path)).getroot()
        built = datetime.fromisoformat(root.get("generated-datetime", ""))
        for now in (built, datetime.now(UTC)):
            assert evaluate(root, now, ids=registry_lists()) == [], path
    catalog = json.loads((site / "data.json").read_text("utf-8"))
    assert pod_errors(catalog, "federal-v1.1") == []
    for dataset in catalog["dataset"]:
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["bureauCode"] == ["999:01"] and dataset["programCode"] == ["999:001"]
        assert dataset["publisher"]["name"] == "Bureau of Security Cooperation (fictional)"
    non_federal = {
        **catalog,
        "dataset": [
            {k: v for k, v in d.items() if k not in ("bureauCode", "programCode")}
            | {"contactPoint": {"@type": "vcard:Contact", "fn": "Someone"}}
            for d in catalog["dataset"]
        ],
    }
    assert pod_errors(non_federal, "non-federal-v1.1") == []
    assert pod_errors(non_federal, "federal-v1.1")  # the federal profile needs the codes
